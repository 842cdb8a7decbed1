"""Say what really answers at an address when it is not the service a check asked for.

A check's greeting stage calls `identify()` (or `examine()`, which also says how it knew) when
the first bytes are not its own service's. The same call serves every check: `expected` names
the service asked for ("mysql", "postgresql", "redis"), and `wrong_service_message()` words the
result ("port 5432 answers as PostgreSQL, not MySQL: try postgres://USER@127.0.0.1:5432/DATABASE").
No password is ever part of a suggestion: `suggested_url()` is never given one.

How a service is recognised
---------------------------
Server-first protocols speak as soon as a connection opens: MySQL and MariaDB (a handshake
packet), SSH (`SSH-`), SMTP and FTP (`220`), NATS (`INFO {`), POP3 (`+OK`), IMAP (`* OK`).
What the caller already read (`already_read`: the banner, or the reply to the caller's own first
bytes) is classified first, with no new connection; unknown bytes there end the search, because a
peer that speaks first would say the same to every probe.

Client-first protocols wait for the client, so when nothing useful was read a few probes follow,
each on a fresh connection. A server-first peer's banner still arrives first, so it is
recognised by whichever probe runs. Each probe is a few bytes no server treats as a command with
effects:

- HTTP: `HEAD / HTTP/1.0` and a blank line. HEAD asks only for the headers of `/`; it is a
  safe method that changes nothing. Redis answers it with `-ERR unknown command`, RabbitMQ with
  its own protocol header, so one probe recognises three services.
- PostgreSQL: the 8-byte SSLRequest. It only asks whether TLS is on offer; the server answers one
  byte (`S` or `N`) and we close before any login.
- TLS: a ClientHello built in memory by Python's ssl module. It is the first handshake message;
  we close before the handshake ends, so no key is agreed and no data is sent.
- MQTT: a version 3.1.1 CONNECT with a clean session, an empty client id, no will and no
  credentials. The broker gives the connection an id of its own, so no client of the same id is
  thrown off (which reusing an id would do); a clean session keeps nothing once we close, and we
  never subscribe or publish. The CONNACK reply names the broker as MQTT.
- Redis: the inline command `PING`, which only answers `+PONG` (or `-NOAUTH`).
- AMQP: the protocol header `AMQP 0 0 9 1`. The broker answers with connection.start (naming
  the product, e.g. RabbitMQ) and we close before any login or channel.

Order: the probe the port number suggests (5432 PostgreSQL, 6379 Redis, 5672 AMQP, 1883 MQTT,
443 and other TLS ports, 80 and 8080 HTTP) goes first. Then HTTP, whose HEAD also draws a reply
from Redis and RabbitMQ; then PostgreSQL, TLS and MQTT, whose servers close promptly on foreign
bytes; Redis and AMQP last, as their own probes help only when HEAD got nothing. The probe of the
service asked for is skipped: the caller's own first exchange was that probe. A probe ends as
soon as its reply is recognised, and at once when the peer closes.

Time: every wait is cut into short slices (`wire.Budget`), so a cancel is noticed promptly, and
each probe gets at most an equal share of the time left (time left / probes left): a listener
that never answers uses up the caller's remaining budget and not a moment more.
"""

from __future__ import annotations

import contextlib
import json
import re
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from tutor.dbcheck import wire
from tutor.dbcheck.result import Detected

SERVICE_NAMES = {"mysql": "MySQL", "postgresql": "PostgreSQL", "redis": "Redis"}
DEFAULT_PORTS = {"mysql": 3306, "postgresql": 5432, "redis": 6379}

SSL_REQUEST = b"\x00\x00\x00\x08\x04\xd2\x16\x2f"  # length 8, code 80877103
MQTT_CONNECT = b"\x10\x0c\x00\x04MQTT\x04\x02\x00\x3c\x00\x00"  # 3.1.1, clean session, id ""
AMQP_HEADER = b"AMQP\x00\x00\x09\x01"
HTTP_HEAD = b"HEAD / HTTP/1.0\r\n\r\n"
REDIS_PING = b"PING\r\n"
PROBE_ORDER = ("http", "postgresql", "tls", "mqtt", "redis", "amqp")
# The most a port-number hint may cost a check whose service really is on that port.
HINT_SECONDS = 0.3
PROBE_LABELS = {
    "http": "a web request (HEAD /)",
    "postgresql": "a PostgreSQL SSLRequest",
    "tls": "a TLS ClientHello",
    "mqtt": "an MQTT CONNECT",
    "redis": "a Redis PING",
    "amqp": "an AMQP protocol header",
}
PORT_HINTS = {
    5432: "postgresql",
    6379: "redis",
    5672: "amqp",
    1883: "mqtt",
    80: "http",
    8080: "http",
    443: "tls",
    8443: "tls",
    5671: "tls",
    8883: "tls",
    6380: "tls",
}
# How a probe ended when nothing was recognised, worded to precede the probes it applies to.
SILENT, CLOSED, REFUSED = "no answer to", "closed at once on", "connection refused for"
_AFTER_FIRST_BYTES = 0.25  # how long to wait for the rest of a reply that is not yet known
_MAX_READ = 4096


@dataclass(frozen=True)
class Finding:
    """What examine() found: the service (None when not recognised), and how it knew."""

    detected: Detected | None
    evidence: str


def identify(
    host: str,
    port: int,
    budget_or_deadline: wire.Budget | float,
    *,
    expected: str = "",
    already_read: bytes = b"",
    user: str = "",
    address: str | None = None,
) -> Detected | None:
    """What answers at host:port, or None when nothing is recognised. See examine()."""
    return examine(
        host,
        port,
        budget_or_deadline,
        expected=expected,
        already_read=already_read,
        user=user,
        address=address,
    ).detected


def examine(
    host: str,
    port: int,
    budget_or_deadline: wire.Budget | float,
    *,
    expected: str = "",
    already_read: bytes = b"",
    user: str = "",
    address: str | None = None,
) -> Finding:
    """Recognise the service at host:port within the budget (a wire.Budget, or a
    time.monotonic() deadline); the finding says how it was recognised, or what was seen.

    `already_read`: what the caller's own connection received (empty when nothing came).
    `user` goes into the suggested URL; `address`, when given, is connected to instead of
    resolving `host` again (`host` still goes into the URL). The probe of `expected` is
    skipped, but its service may still be named (a Redis answering HEAD): the caller decides
    what that means. Raises only wire.Cancelled.
    """
    budget = (
        budget_or_deadline
        if isinstance(budget_or_deadline, wire.Budget)
        else wire.Budget(budget_or_deadline)
    )
    if already_read:
        return examine_bytes(already_read, host, port, user)
    try:
        infos = wire.resolve(address or host, port, budget)
    except (OSError, UnicodeError, wire.OutOfTime):
        return Finding(None, f"{host!r} could not be resolved again to send probes")
    outcomes: dict[str, list[str]] = {SILENT: [], CLOSED: [], REFUSED: []}
    odd: list[str] = []
    probes = probe_order(port, expected)
    for index, name in enumerate(probes):
        share = budget.remaining() / (len(probes) - index)
        if share <= 0:
            break
        slot = wire.Budget(min(budget.deadline, time.monotonic() + share), budget.cancel)
        data, state = _probe(infos, name, _probe_bytes(name, host), slot)
        found = classify(data, probe=name)
        if found is not None:
            return _finding(found, host, port, user)
        if data:
            odd.append(f"{PROBE_LABELS[name]} drew {len(data)} unknown bytes {data[:24]!r}")
        else:
            outcomes[state].append(PROBE_LABELS[name])
    told = [f"{state} {_listed(labels)}" for state, labels in outcomes.items() if labels]
    return Finding(None, "; ".join(told + odd) or "no time was left to send probes")


def hinted_service(
    host: str,
    port: int,
    budget: wire.Budget,
    *,
    expected: str,
    user: str = "",
    address: str | None = None,
) -> Finding | None:
    """A fast answer for the commonest mistake, a well-known port of another service (5432
    for MySQL, 6379 for PostgreSQL...): that service's one probe, sent before the caller
    waits for its own greeting. A finding only when it recognises another service; None
    (go on as usual) otherwise, after at most a short slice of the budget."""
    hint = PORT_HINTS.get(port)
    if hint is None or hint == expected or hint not in PROBE_ORDER:
        return None
    slot = wire.Budget(
        min(budget.deadline, time.monotonic() + min(HINT_SECONDS, budget.remaining() / 4)),
        budget.cancel,
    )
    try:
        infos = wire.resolve(address or host, port, slot)
    except (OSError, UnicodeError, wire.OutOfTime):
        return None
    data, _ = _probe(infos, hint, _probe_bytes(hint, host), slot)
    found = classify(data, probe=hint)
    if found is None or found[0] == expected:
        return None
    return _finding(found, host, port, user)


def examine_bytes(data: bytes, host: str, port: int, user: str = "") -> Finding:
    """Recognise the service from bytes already read, with no new connection."""
    found = classify(data)
    if found is None:
        return Finding(None, f"{len(data)} bytes that no service tutor knows sends: {data[:24]!r}")
    return _finding(found, host, port, user)


def probe_order(port: int, expected: str = "") -> list[str]:
    """The probes to send, first the one the port number suggests; never the expected one's."""
    order = list(PROBE_ORDER)
    hint = PORT_HINTS.get(port)
    if hint is not None:
        order.remove(hint)
        order.insert(0, hint)
    return [name for name in order if name != expected]


def _probe(
    infos: list[tuple[Any, ...]], name: str, payload: bytes, budget: wire.Budget
) -> tuple[bytes, str]:
    """Send `payload` on a fresh connection: what came back, and how it ended (SILENT...)."""
    try:
        sock, _ = wire.open_tcp(infos, budget)
    except wire.OutOfTime:
        return b"", SILENT
    except OSError:
        return b"", REFUSED
    data = b""
    try:
        sock.sendall(payload)
        while len(data) < _MAX_READ:
            until = budget.deadline
            if data:
                until = min(until, time.monotonic() + _AFTER_FIRST_BYTES)
            try:
                chunk = wire.recv_some(sock, budget, until)
            except wire.OutOfTime:
                chunk = None
            if not chunk:
                return data, SILENT if chunk is None else CLOSED
            data += chunk
            if classify(data, probe=name) is not None:
                break
    except OSError:
        return data, CLOSED
    finally:
        sock.close()
    return data, SILENT


def _probe_bytes(name: str, host: str) -> bytes:
    if name == "tls":
        return client_hello(host)
    return {
        "http": HTTP_HEAD,
        "postgresql": SSL_REQUEST,
        "mqtt": MQTT_CONNECT,
        "redis": REDIS_PING,
        "amqp": AMQP_HEADER,
    }[name]


def client_hello(host: str = "") -> bytes:
    """A real TLS ClientHello, made in memory by the ssl module (nothing is sent here)."""
    import ssl

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
    try:
        tls = context.wrap_bio(incoming, outgoing, server_hostname=host or None)
    except ValueError:  # not a name the ssl module accepts for SNI
        tls = context.wrap_bio(incoming, outgoing)
    with contextlib.suppress(ssl.SSLWantReadError):
        tls.do_handshake()
    return outgoing.read()


# -- recognising bytes -----------------------------------------------------------------------------


def classify(data: bytes, probe: str | None = None) -> tuple[str, str, str] | None:
    """(service, name for people, evidence) for bytes a peer sent, or None when unknown.

    `probe` names the probe they answer, for replies that mean something only as an answer
    (PostgreSQL's one byte S or N, MQTT's CONNACK); None for bytes sent unprompted.
    """
    line = _first_line(data)
    if probe == "postgresql" and data in (b"S", b"N"):
        offer = "TLS on offer" if data == b"S" else "no TLS"
        return "postgresql", "PostgreSQL", f"it answered an SSLRequest with {line!r}: {offer}"
    if probe == "mqtt" and len(data) >= 4 and data[0] == 0x20 and 2 <= data[1] < 0x80:
        return "mqtt", "an MQTT broker", "it answered an MQTT CONNECT with a CONNACK"
    mysql = _mysql(data)
    if mysql is not None:
        return mysql
    prefixes = (
        (b"SSH-", "ssh", "an SSH server", "its banner"),
        (b"INFO {", "nats", "NATS", "its INFO line"),
        (b"HTTP/", "http", "an HTTP (web) server", "its status line"),
        (b"+OK", "pop3", "a POP3 mail server", "its greeting"),
        (b"* OK", "imap", "an IMAP mail server", "its greeting"),
    )
    for prefix, service, name, what in prefixes:
        if data.startswith(prefix):
            if service == "nats":
                line = _nats_version(data)
            return service, name, f"{what}: {line!r}"
    if re.match(rb"220[ -]", data):
        if b"FTP" in line.upper().encode():
            return "ftp", "an FTP server", f"its banner: {line!r}"
        return "smtp", "an SMTP (mail) server", f"its banner: {line!r}"
    if re.match(rb"[+-](PONG|NOAUTH|ERR|DENIED|WRONGPASS|LOADING|MISCONF|NOPERM)\b", data):
        return "redis", "Redis", f"it answered in the Redis protocol: {line!r}"
    if re.match(rb"\s*<(!doctype html|html)", data, re.IGNORECASE):
        return "http", "an HTTP (web) server", "it answered with a web page"
    amqp = _amqp(data)
    if amqp is not None:
        return amqp
    if _postgres_error(data):
        return "postgresql", "PostgreSQL", "it sent a PostgreSQL error message"
    if len(data) >= 3 and data[0] in (0x15, 0x16) and data[1] == 3 and data[2] <= 4:
        kind = "an alert" if data[0] == 0x15 else "a handshake message"
        return "tls", "a TLS-only service", f"it answered with {kind} of the TLS protocol"
    return None


def _mysql(data: bytes) -> tuple[str, str, str] | None:
    if len(data) < 5 or data[3] != 0:
        return None
    length = int.from_bytes(data[:3], "little")
    payload = data[4 : 4 + length]
    if not 3 <= length < 1 << 16:
        return None
    if payload[:1] == b"\x0a" and b"\x00" in payload[1:]:
        version = payload[1:].partition(b"\x00")[0].decode("utf-8", "replace")
        if not re.match(r"\d+\.\d+", version):
            return None
        name = "MariaDB" if "mariadb" in version.lower() else "MySQL"
        version = version.removeprefix("5.5.5-") if name == "MariaDB" else version
        return "mysql", name, f"its greeting names server {version}"
    if payload[:1] == b"\xff" and len(payload) >= 3:
        text = payload[3:].decode("utf-8", "replace").lstrip("#")
        return "mysql", "MySQL", f"it sent a MySQL error packet: {text[:60]!r}"
    return None


def _amqp(data: bytes) -> tuple[str, str, str] | None:
    if data.startswith(b"AMQP") and len(data) >= 8:
        version = ".".join(str(b) for b in data[5:8])
        name = "an AMQP broker (such as RabbitMQ)"
        return "amqp", name, f"it answered with its AMQP {version} protocol header"
    # A connection.start method frame: type 1, channel 0, class 10, method 10.
    if len(data) >= 11 and data[:3] == b"\x01\x00\x00" and data[7:11] == b"\x00\x0a\x00\x0a":
        found = re.search(rb"\x07productS(....)", data, re.DOTALL)
        product = "an AMQP broker"
        if found:
            size = int.from_bytes(found.group(1), "big")
            text = data[found.end() : found.end() + min(size, 40)].decode("utf-8", "replace")
            product = f"{text} (AMQP)" if text else product
        return "amqp", product, "it answered the AMQP header with connection.start"
    return None


def _postgres_error(data: bytes) -> bool:
    """An ErrorResponse: 'E', a length, then fields such as SFATAL."""
    if len(data) < 8 or data[:1] != b"E":
        return False
    length = int.from_bytes(data[1:5], "big")
    return 8 <= length < 1 << 16 and data[5:6] in (b"S", b"V") and b"FATAL" in data[:24]


def _nats_version(data: bytes) -> str:
    text = data.split(b"\n", 1)[0][5:].decode("utf-8", "replace")
    with contextlib.suppress(ValueError, AttributeError):
        return f"NATS server {json.loads(text)['version']}"
    return _first_line(data)


def _first_line(data: bytes, limit: int = 60) -> str:
    line = data.split(b"\n", 1)[0].strip().decode("utf-8", "replace")
    return line if len(line) <= limit else line[:limit] + "..."


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _finding(found: tuple[str, str, str], host: str, port: int, user: str) -> Finding:
    service, name, evidence = found
    return Finding(Detected(service, name, suggested_url(service, host, port, user)), evidence)


# -- what to say -------------------------------------------------------------------------------


def suggested_url(detected_service: str, host: str, port: int, user: str = "") -> str | None:
    """The URL to try for a service tutor checks (never with a password); None for others.

    USER and DATABASE stay as placeholders when not known: postgres://USER@HOST:5432/DATABASE.
    """
    where = f"[{host}]" if ":" in host else host
    who = quote(user, safe="") if user else "USER"
    if detected_service == "postgresql":
        return f"postgres://{who}@{where}:{port}/DATABASE"
    if detected_service == "mysql":
        return f"mysql://{who}@{where}:{port}/DATABASE"
    if detected_service == "redis":
        return f"redis://{where}:{port}/0"
    return None


def wrong_service_message(
    detected: Detected, expected: str, port: int, *, socket: str | None = None
) -> str:
    """ "port 5432 answers as PostgreSQL, not MySQL: try postgres://tutor@127.0.0.1:5432/DATABASE";
    "the unix socket PATH answers as ..." when the check went through `socket`."""
    wanted = SERVICE_NAMES.get(expected, expected)
    where = f"the unix socket {socket}" if socket else f"port {port}"
    message = f"{where} answers as {detected.name}, not {wanted}"
    if detected.suggested_url:
        message += f": try {detected.suggested_url}"
    return message
