"""Recognising what answers at an address (tutor.dbcheck.detect): this machine's real servers,
loopback fakes for the rest, and `tutor check-db` at the wrong port."""

from __future__ import annotations

import json
import os
import shutil
import socket
import ssl
import subprocess
import threading
import time
from pathlib import Path

import pytest
from dbcheck_support import (
    SILENCE,
    assert_no_secret,
    closed_port,
    http_server,
    peer,
    relay,
    require_or_skip,
    sends_then_closes,
    silent,
)
from waiting import HANG_GUARD, wait_until

from tutor.cli import main
from tutor.dbcheck import detect, wire
from tutor.dbcheck.result import Detected

BUDGET = 3.0  # seconds each identify() may use: loopback peers answer far sooner
SECRET = "Detect-S3cret-pw"

REAL_SERVERS = [
    # port, what runs there, expected service, expected name, the URL to suggest
    (5432, "PostgreSQL", "postgresql", "PostgreSQL", "postgres://tutor@127.0.0.1:5432/DATABASE"),
    (6379, "Redis", "redis", "Redis", "redis://127.0.0.1:6379/0"),
    (5672, "RabbitMQ", "amqp", "RabbitMQ (AMQP)", None),
    (1883, "Mosquitto", "mqtt", "an MQTT broker", None),
    (4222, "NATS", "nats", "NATS", None),
    (3306, "MariaDB", "mysql", "MariaDB", "mysql://tutor@127.0.0.1:3306/DATABASE"),
]


def _listening_or_skip(port: int, what: str) -> None:
    with socket.socket() as sock:
        sock.settimeout(2)
        if sock.connect_ex(("127.0.0.1", port)) != 0:
            require_or_skip(
                os.environ.get("CI", "").lower() == "true",
                f"nothing listens on 127.0.0.1:{port}; start {what} there to run this test",
            )


def _examine(port: int, **kwargs) -> detect.Finding:
    return detect.examine("127.0.0.1", port, time.monotonic() + BUDGET, user="tutor", **kwargs)


# -- real servers ----------------------------------------------------------------------------------


@pytest.mark.parametrize("port, what, service, name, url", REAL_SERVERS)
def test_real_servers_are_recognised(port, what, service, name, url) -> None:
    _listening_or_skip(port, what)
    expected = "redis" if service == "postgresql" else "postgresql"  # any other service
    finding = _examine(port, expected=expected)
    assert finding.detected == Detected(service, name, url), finding.evidence


@pytest.mark.parametrize("port, what, service, name, url", REAL_SERVERS[:4])
def test_client_first_servers_are_recognised_on_a_port_that_gives_no_hint(
    port, what, service, name, url
) -> None:
    """Through a relay on a random port the probes run in their default order."""
    _listening_or_skip(port, what)
    with peer(relay(("127.0.0.1", port), "127.0.0.1")) as p:
        assert p.port not in detect.PORT_HINTS
        found = detect.identify("127.0.0.1", p.port, time.monotonic() + BUDGET, expected="mysql")
    assert found is not None and found.service == service
    # No user was given, so the URL has a placeholder; the port is the one asked about.
    expected_url = (
        url.replace("tutor@", "USER@").replace(f":{port}/", f":{p.port}/") if url else None
    )
    assert found.suggested_url == expected_url


# -- loopback fakes --------------------------------------------------------------------------------


def test_a_web_server_is_recognised() -> None:
    with http_server() as port:
        finding = _examine(port, expected="mysql")
    assert finding.detected == Detected("http", "an HTTP (web) server", None)
    assert "HTTP/1.0 200" in finding.evidence


def _self_signed(tmp_path: Path) -> tuple[Path, Path]:
    """A throwaway certificate for localhost: trustme when installed, else the openssl CLI."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    try:
        import trustme  # type: ignore[import-not-found]
    except ImportError:
        openssl = shutil.which("openssl")
        if openssl is None:
            pytest.skip("neither trustme nor the openssl command is here to make a certificate")
        subprocess.run(
            [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
             "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1",
             "-subj", "/CN=localhost"],
            check=True, capture_output=True, timeout=HANG_GUARD,
        )  # fmt: skip
    else:
        issued = trustme.CA().issue_cert("localhost")
        issued.cert_chain_pems[0].write_to_path(cert)
        issued.private_key_pem.write_to_path(key)
    return cert, key


def test_a_tls_only_port_is_recognised(tmp_path: Path) -> None:
    cert, key = _self_signed(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    handshakes: list[str] = []

    def tls_only(conn: socket.socket) -> None:
        conn.settimeout(HANG_GUARD)
        with context.wrap_socket(conn, server_side=True) as tls:
            handshakes.append(str(tls.version()))
            tls.recv(1)

    with peer(tls_only) as p:
        finding = _examine(p.port, expected="mysql")
    assert finding.detected == Detected("tls", "a TLS-only service", None), finding.evidence
    assert "handshake" in finding.evidence
    assert handshakes == []  # closed before the handshake ended: no session was set up


@pytest.mark.parametrize(
    "banner, service, name",
    [
        (b"SSH-2.0-OpenSSH_9.6p1 Debian-4\r\n", "ssh", "an SSH server"),
        (b"220 mail.example.org ESMTP Postfix (Debian/GNU)\r\n", "smtp", "an SMTP (mail) server"),
        (b"220 (vsFTPd 3.0.3)\r\n", "ftp", "an FTP server"),
    ],
)
def test_server_first_banners_are_recognised(banner: bytes, service: str, name: str) -> None:
    with peer(sends_then_closes(banner)) as p:
        finding = _examine(p.port, expected="mysql")
    assert finding.detected == Detected(service, name, None)
    assert banner.decode().strip()[:20] in finding.evidence


def test_what_the_caller_read_is_enough_without_connecting() -> None:
    port = closed_port()  # nothing listens: any probe would be refused
    finding = _examine(port, expected="mysql", already_read=b"SSH-2.0-OpenSSH_9.6\r\n")
    assert finding.detected is not None and finding.detected.service == "ssh"
    finding = _examine(port, expected="redis", already_read=b"\x00\x01\x02garbage")
    assert finding.detected is None
    assert "10 bytes that no service tutor knows sends" in finding.evidence


def test_a_garbage_peer_is_not_recognised() -> None:
    with peer(sends_then_closes(b"\x00\x01garbage\xff\xfe not a protocol\r\n")) as p:
        finding = _examine(p.port, expected="mysql")
    assert finding.detected is None
    assert "unknown bytes" in finding.evidence and "garbage" in finding.evidence


def test_a_silent_listener_is_not_recognised_and_ends_by_the_deadline() -> None:
    stop = threading.Event()
    box: dict[str, object] = {}
    with peer(silent(stop)) as p:
        deadline = time.monotonic() + 1.0

        def run() -> None:
            box["finding"] = detect.examine("127.0.0.1", p.port, deadline, expected="mysql")
            box["ended"] = time.monotonic()

        worker = threading.Thread(target=run, daemon=True)
        worker.start()
        worker.join(HANG_GUARD)
        assert not worker.is_alive(), f"hung: identify still runs after {HANG_GUARD} s"
        probes = len(detect.probe_order(p.port, "mysql"))
        # Every probe was sent on a connection of its own, and met by silence (never a close).
        wait_until(lambda: len(p.connections) >= probes, what=f"{probes} probe connections")
        stop.set()
        assert len(p.connections) == probes
    finding = box["finding"]
    assert isinstance(finding, detect.Finding) and finding.detected is None
    assert finding.evidence.startswith("no answer to a web request")
    assert box["ended"] <= deadline + 0.5  # the bound every check promises: timeout + 0.5 s


def test_cancel_ends_the_probes_of_a_silent_listener() -> None:
    stop, cancel = threading.Event(), threading.Event()
    box: dict[str, object] = {}
    with peer(silent(stop)) as p:
        budget = wire.Budget.start(SILENCE, cancel)  # only the cancel can end it in time

        def run() -> None:
            try:
                detect.identify("127.0.0.1", p.port, budget, expected="mysql")
            except wire.Cancelled:
                box["cancelled"] = True

        worker = threading.Thread(target=run, daemon=True)
        worker.start()
        wait_until(lambda: p.connections, what="the first probe's connection")
        assert worker.is_alive()  # its probe waits on the silent peer
        cancel.set()
        worker.join(HANG_GUARD)
        stop.set()
    assert not worker.is_alive(), f"hung: the cancelled identify still runs after {HANG_GUARD} s"
    assert box == {"cancelled": True}


def test_over_a_unix_socket_what_it_sent_is_named_without_probes(tmp_path: Path) -> None:
    from tutor.dbcheck import resolve_settings, run_check

    path = tmp_path / "not-mysql.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(1)

    def serve() -> None:
        conn, _ = server.accept()
        with conn:
            conn.sendall(b"+OK Dovecot ready.\r\n")
            conn.recv(1)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        settings = resolve_settings(f"mysql://app@localhost/shop?unix_socket={path}", env={})
        result = run_check(settings, timeout=BUDGET)
    finally:
        server.close()
    assert result.category == "wrong-service"
    assert result.detected == Detected("pop3", "a POP3 mail server", None)
    assert (result.message or "").startswith(
        f"The unix socket {path} answers as a POP3 mail server, not MySQL ("
    )
    assert "3306" in (result.hint or "") and "Port" not in (result.hint or "")


# -- recognising bytes, ordering, wording ---------------------------------------------------------


@pytest.mark.parametrize(
    "data, probe, service",
    [
        (b"N", "postgresql", "postgresql"),
        (b"N", None, None),  # one byte means something only as the answer to an SSLRequest
        (b" \x02\x00\x00", "mqtt", "mqtt"),
        (b" \x02\x00\x00", None, None),
        (b"+PONG\r\n", "redis", "redis"),
        (b"-NOAUTH Authentication required.\r\n", "redis", "redis"),
        (b"-ERR unknown command 'HEAD', with args beginning with: '/'\r\n", "http", "redis"),
        (b"AMQP\x00\x00\x09\x01", "http", "amqp"),
        (b'INFO {"server_id":"X","version":"2.10.1"}\r\n', None, "nats"),
        (b"HTTP/1.1 400 Bad Request\r\n\r\n", None, "http"),
        (b'<!DOCTYPE HTML>\n<html lang="en">', "redis", "http"),  # an HTTP/0.9-style answer
        (b"\x15\x03\x03\x00\x02\x02\x46", "http", "tls"),
        (b"+OK POP3 ready\r\n", None, "pop3"),
        (b"* OK IMAP4rev1 ready\r\n", None, "imap"),
        (b"ESFATAL\x00VFATAL\x00C08P01\x00Minvalid\x00\x00", None, None),  # no valid length
        (b"\x00\x01garbage", "http", None),
    ],
)
def test_classify(data: bytes, probe: str | None, service: str | None) -> None:
    found = detect.classify(data, probe=probe)
    assert (found[0] if found else None) == service


def test_a_mysql_greeting_names_mariadb_and_its_version() -> None:
    greeting = b"\x0a5.5.5-10.11.6-MariaDB\x00" + bytes(40)
    found = detect.classify(len(greeting).to_bytes(3, "little") + b"\x00" + greeting)
    assert found is not None
    assert found[:2] == ("mysql", "MariaDB") and "10.11.6-MariaDB" in found[2]


def test_the_port_decides_the_first_probe_and_the_expected_service_is_not_probed() -> None:
    assert detect.probe_order(5432, "mysql")[0] == "postgresql"
    assert detect.probe_order(6379, "mysql")[0] == "redis"
    assert detect.probe_order(8443, "mysql")[0] == "tls"
    assert detect.probe_order(40000, "mysql") == list(detect.PROBE_ORDER)
    assert "postgresql" not in detect.probe_order(5432, "postgresql")
    assert "redis" not in detect.probe_order(40000, "redis")


def test_suggested_urls() -> None:
    url = detect.suggested_url
    assert url("postgresql", "127.0.0.1", 5432, "tutor") == (
        "postgres://tutor@127.0.0.1:5432/DATABASE"
    )
    assert url("postgresql", "db.example", 5433, "") == "postgres://USER@db.example:5433/DATABASE"
    assert url("mysql", "::1", 3307, "app user") == "mysql://app%20user@[::1]:3307/DATABASE"
    assert url("redis", "127.0.0.1", 6379, "tutor") == "redis://127.0.0.1:6379/0"
    assert url("http", "127.0.0.1", 80, "tutor") is None


def test_wrong_service_message() -> None:
    found = Detected("postgresql", "PostgreSQL", "postgres://tutor@127.0.0.1:5432/DATABASE")
    assert detect.wrong_service_message(found, "mysql", 5432) == (
        "port 5432 answers as PostgreSQL, not MySQL: try postgres://tutor@127.0.0.1:5432/DATABASE"
    )
    web = Detected("http", "an HTTP (web) server", None)
    assert detect.wrong_service_message(web, "redis", 8080) == (
        "port 8080 answers as an HTTP (web) server, not Redis"
    )


# -- tutor check-db at the wrong port --------------------------------------------------------------


@pytest.mark.parametrize(
    "port, what, service, url",
    [
        (5432, "PostgreSQL", "postgresql", "postgres://root@127.0.0.1:5432/DATABASE"),
        (6379, "Redis", "redis", "redis://127.0.0.1:6379/0"),
    ],
)
def test_check_db_names_the_service_and_the_url_to_use(
    capsys, port: int, what: str, service: str, url: str
) -> None:
    _listening_or_skip(port, what)
    code = main(["check-db", f"mysql://root:{SECRET}@127.0.0.1:{port}/x", "--json",
                 "--timeout", "3"])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 1, err
    assert_no_secret(SECRET, out, err)
    data = json.loads(out)
    assert data["category"] == "wrong-service"
    assert data["detected"] == {"service": service, "name": what, "suggested_url": url}
    assert data["error"]["message"].startswith(
        f"Port {port} answers as {what}, not MySQL: try {url} ("
    )
    assert url in data["error"]["hint"] and "3306" in data["error"]["hint"]
    assert data["stages"][-1]["name"] == "greeting" and data["stages"][-1]["ok"] is False
    assert data["placement"] is None

    code = main(["check-db", f"mysql://root:{SECRET}@127.0.0.1:{port}/x", "--timeout", "3"])
    out, err = capsys.readouterr()
    assert code == 1 and "FAILED (wrong-service)" in out and url in out
    assert_no_secret(SECRET, out, err)


def _open(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_a_well_known_port_of_another_service_is_asked_first() -> None:
    if not _open(5432):
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    budget = wire.Budget(time.monotonic() + 5)
    early = detect.hinted_service("127.0.0.1", 5432, budget, expected="mysql", user="ann")
    assert early is not None and early.detected is not None
    assert early.detected.suggested_url == "postgres://ann@127.0.0.1:5432/DATABASE"
    # The expected service's own port, and a port with no hint, ask nothing.
    assert detect.hinted_service("127.0.0.1", 5432, budget, expected="postgresql") is None
    assert detect.hinted_service("127.0.0.1", 40000, budget, expected="mysql") is None
