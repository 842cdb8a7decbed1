"""`tutor check-db` against real peers on 127.0.0.1: nothing listening, silence, HTTP, garbage..."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest
from dbcheck_support import (
    SILENCE,
    assert_no_secret,
    closed_port,
    http_server,
    peer,
    replies_to_anything,
    run_cli,
    sends_then_closes,
    silent,
    speaks_when,
)
from waiting import HANG_GUARD, wait_until

from tutor.dbcheck import CheckResult, StageResult, resolve_settings, run_check

SECRET = "Peer-S3cret-pw"


def _url(port: int, host: str = "127.0.0.1") -> str:
    return f"mysql://student:{SECRET}@{host}:{port}/shop"


def _check_cli(url: str, category: str, code: int = 1) -> dict:
    run = run_cli(url, "--json")
    assert run.code == code, run.stderr
    assert_no_secret(SECRET, run.stdout, run.stderr)
    data = run.json
    assert data["category"] == category
    assert data["ok"] is False
    assert data["error"]["message"] and data["error"]["hint"]
    return data


def test_closed_port_is_refused() -> None:
    data = _check_cli(_url(closed_port()), "refused")
    assert [s["name"] for s in data["stages"]] == ["dns", "connect"]
    assert data["stages"][-1]["ok"] is False
    assert data["placement"] is None


def test_listener_that_never_speaks_is_not_mysql_within_the_timeout() -> None:
    stop = threading.Event()
    with peer(silent(stop)) as p:
        data = _check_cli(_url(p.port), "not-recognised")
        stop.set()
    assert data["stages"][-1]["name"] == "greeting"
    assert data["detected"] is None
    # Its own budget ended it: the peer was still silent (a closed peer reads "closed").
    assert "never speaks" in data["error"]["message"]
    # ... and it stayed silent when probed as other services too.
    assert "no answer to a web request" in data["error"]["message"]


def test_http_server_is_recognised() -> None:
    with http_server() as port:
        data = _check_cli(_url(port), "wrong-service")
    assert data["detected"] == {
        "service": "http",
        "name": "an HTTP (web) server",
        "suggested_url": None,
    }
    assert data["error"]["message"].startswith(
        f"Port {port} answers as an HTTP (web) server, not MySQL ("
    )


def test_garbage_then_close_is_not_mysql() -> None:
    with peer(sends_then_closes(b"\x00\x01garbage\xff\xfe not a handshake\r\n")) as p:
        data = _check_cli(_url(p.port), "not-recognised")
    assert "not a MySQL handshake" in data["error"]["message"]
    assert data["detected"] is None


def test_ssh_banner_is_named() -> None:
    with peer(sends_then_closes(b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n")) as p:
        data = _check_cli(_url(p.port), "wrong-service")
    assert data["detected"]["service"] == "ssh" and data["detected"]["suggested_url"] is None
    assert "SSH" in data["error"]["message"] and "OpenSSH_9.2p1" in data["error"]["message"]


def test_redis_like_reply_is_named() -> None:
    with peer(replies_to_anything(b"-ERR unknown command 'HEAD'\r\n")) as p:
        data = _check_cli(_url(p.port), "wrong-service")
    url = f"redis://127.0.0.1:{p.port}/0"
    assert data["detected"] == {"service": "redis", "name": "Redis", "suggested_url": url}
    assert f"answers as Redis, not MySQL: try {url}" in data["error"]["message"]


def test_invalid_host_name_is_dns() -> None:
    data = _check_cli(_url(3306, host="no-such-host.invalid"), "dns")
    assert [s["name"] for s in data["stages"]] == ["dns"]


def test_config_errors_exit_2_naming_the_part() -> None:
    run = run_cli(f"mysql://student:{SECRET}@127.0.0.1:70000/shop", "--json")
    assert run.code == 2
    assert run.json["category"] == "config"
    assert "port" in run.json["error"]["message"]
    assert_no_secret(SECRET, run.stdout, run.stderr)
    run = run_cli(f"postgres://student:{SECRET}@127.0.0.1/shop")
    assert run.code == 2
    assert "scheme" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert "Traceback" not in run.stderr
    assert_no_secret(SECRET, run.stdout, run.stderr)


def test_bad_timeout_is_a_usage_error() -> None:
    run = run_cli(_url(closed_port()), timeout=-1)
    assert run.code == 2
    assert "timeout" in run.stderr


def test_human_output_has_marks_stage_lines_diagnosis_and_sources() -> None:
    run = run_cli(_url(closed_port()))
    assert run.code == 1
    assert_no_secret(SECRET, run.stdout, run.stderr)
    lines = run.stdout.splitlines()
    assert any(line.strip().startswith("✓ dns") and " ms " in line for line in lines)
    assert any(line.strip().startswith("✗ connect") for line in lines)
    assert "FAILED (refused)" in run.stdout
    assert "Fix:" in run.stdout
    assert "Placement: unknown" in run.stdout
    assert "mysql://student:****@127.0.0.1:" in run.stdout
    assert "URL argument" in run.stdout


def test_ascii_marks_when_stdout_cannot_encode_them() -> None:
    import os

    env = dict(os.environ, PYTHONIOENCODING="ascii")
    run = run_cli(_url(closed_port()), env=env)
    assert run.code == 1
    assert "x connect" in run.stdout
    assert "+ dns" in run.stdout


def _check_in_a_thread(url: str, seen: list[StageResult], cancel: threading.Event | None = None):
    """Start run_check in a thread with a budget no wait of the test reaches; (thread, box)."""
    box: dict[str, CheckResult] = {}
    settings = resolve_settings(url)
    worker = threading.Thread(
        target=lambda: box.setdefault(
            "r", run_check(settings, timeout=SILENCE, on_stage=seen.append, cancel=cancel)
        )
    )
    worker.start()
    return worker, box


def test_cancel_during_the_silent_listener_returns_promptly() -> None:
    stop, cancel = threading.Event(), threading.Event()
    seen: list[StageResult] = []
    with peer(silent(stop)) as p:
        worker, box = _check_in_a_thread(_url(p.port), seen, cancel)
        wait_until(lambda: len(seen) == 2, what="the dns and connect stages")
        assert worker.is_alive()  # waiting for a greeting that never comes
        cancel.set()
        # Only the cancel can end it before the peer's silence or the budget: a hang guard.
        worker.join(HANG_GUARD)
        assert not worker.is_alive(), f"hung: the cancelled check still runs after {HANG_GUARD} s"
        stop.set()
    result = box["r"]
    assert result.cancelled and not result.ok
    assert [s.name for s in seen] == ["dns", "connect", "greeting"]
    assert seen[-1].ok is False and seen[-1].detail == "cancelled"
    assert seen == result.stages


def test_stages_are_reported_as_they_finish() -> None:
    speak = threading.Event()
    seen: list[StageResult] = []
    with peer(speaks_when(speak, b"SSH-2.0-OpenSSH_9.6\r\n")) as p:
        worker, box = _check_in_a_thread(_url(p.port), seen)
        wait_until(lambda: len(seen) == 2, what="the dns and connect stages")
        # The greeting stage waits until the peer speaks, which it has not yet been told to
        # do: connect was reported while the check was still running, not at its end.
        assert [s.name for s in seen] == ["dns", "connect"] and worker.is_alive()
        speak.set()
        worker.join(HANG_GUARD)
        assert not worker.is_alive(), f"hung: the check still runs after {HANG_GUARD} s"
    result = box["r"]
    assert result.category == "wrong-service" and "SSH" in result.message
    assert result.detected is not None and result.detected.service == "ssh"
    assert [s.name for s in seen] == ["dns", "connect", "greeting"]


def test_importing_the_cli_does_not_import_the_driver() -> None:
    code = (
        "import sys, tutor.cli; tutor.cli.build_parser(); "
        "import tutor.dbcheck; "
        "sys.exit(1 if 'mysql.connector' in sys.modules else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


@pytest.mark.parametrize(
    "data, words",
    [
        (b"HTTP/1.1 400 Bad Request\r\n\r\n", "HTTP"),
        (b"+OK POP3 ready\r\n", "POP3"),
        (b"220 mail.example ESMTP\r\n", "SMTP"),
        (b"\x15\x03\x03\x00\x02\x02\x46", "TLS"),
    ],
)
def test_recognise_names_common_services(data: bytes, words: str) -> None:
    from tutor.dbcheck.wire import NotMySQL, parse_greeting

    with pytest.raises(NotMySQL, match=words):
        parse_greeting(data)
