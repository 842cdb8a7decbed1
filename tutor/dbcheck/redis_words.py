"""What a Redis check's findings mean, in plain words: the message and the fix for each failure,
and what answered when it was not Redis.

Messages are plain text (the technical detail is appended in parentheses); hints are short
Markdown, as for the MySQL check (`tutor.dbcheck.diagnosis`). No password ever goes in either.
"""

from __future__ import annotations

from tutor.dbcheck import detect, wire
from tutor.dbcheck.result import Detected
from tutor.dbcheck.settings import Settings

_URL_HINT = "`redis://:PASSWORD@HOST:6379/0` (or `redis://USER:PASSWORD@HOST:6379/0`)"

# (message, hint) per category, and per finer `kind` where Redis says more; hints are Markdown.
WORDS: dict[str, tuple[str, str]] = {
    "ok": ("Connected, logged in and ran a command.", "Nothing to fix."),
    "config": (
        "The Redis settings cannot be used as they are.",
        "Fix the part named above: a Redis URL looks like `redis://USER:PASSWORD@HOST:6379/0` "
        "(`rediss://` for TLS, `redis://:PASSWORD@HOST:6379/0` for a password alone); the "
        "port is a number from 1 to 65535 and the database a number (0, 1, 2...).",
    ),
    "dns": (
        "The host name could not be turned into an address.",
        "Check the spelling of the host in the URL or `REDIS_URL`. A name only another machine "
        "knows (a compose service name, a private DNS name) does not resolve here; use an IP "
        "address or run the check where the app runs.",
    ),
    "refused": (
        "Nothing is listening at that address: the connection was refused.",
        "Start Redis (for example `sudo systemctl start redis-server`), or fix the port (Redis "
        "listens on 6379 unless told otherwise). A Redis on another machine may listen only on "
        "127.0.0.1 (`bind` in redis.conf), or a firewall rejects the port.",
    ),
    "timeout": (
        "No answer in time.",
        "A firewall or security group may drop traffic to that port, or the host is down; or "
        "something there accepts connections but never answers `PING` as Redis does. Check the "
        "host and port (6379 by default), open the port for this machine, or give a longer "
        "`--timeout`.",
    ),
    "unreachable": (
        "There is no network route to that host.",
        "Check the address and that this machine is on the right network (VPN, VPC, Wi-Fi).",
    ),
    "tls": (
        "The encrypted (TLS) connection that rediss:// asks for could not be set up.",
        "Check that the port is the server's TLS port (`tls-port` in redis.conf), or use "
        "`redis://` for a server without TLS.",
    ),
    "tls-plain": (
        "rediss:// asks for TLS, but this port speaks plain Redis, without TLS.",
        "Use `redis://` for this port, or the server's TLS port (`tls-port` in redis.conf) "
        "with `rediss://`.",
    ),
    "tls-only": (
        "This port speaks TLS only: it answered the plain `PING` in the TLS protocol.",
        "Use `rediss://` instead of `redis://` for this port.",
    ),
    "tls-ca": (
        "The CA file given for rediss:// cannot be used.",
        "Check the path in `?ssl_ca_certs=/path/ca.pem`: it must be a readable PEM file with the "
        "certificate of the CA that signed the server's certificate.",
    ),
    "tls-verify": (
        "The server's TLS certificate could not be verified.",
        "Give the CA that signed it: `rediss://HOST:6379/0?ssl_ca_certs=/path/ca.pem`, and "
        "connect with the host name written in the certificate.",
    ),
    "auth": (
        "Redis refused the login.",
        f"Check the user and password in the URL or `REDIS_URL`: {_URL_HINT}.",
    ),
    "noauth": (
        "This Redis requires a password, and none was given.",
        f"Put it in the URL, {_URL_HINT}, or in `REDIS_URL`; percent-encode special characters "
        "(`@` as `%40`).",
    ),
    "wrongpass": (
        "Redis refused the user name and password.",
        "Check them in the URL or `REDIS_URL` (percent-encode special characters). Without a "
        "user name Redis checks the password of its `default` user (`requirepass`). An "
        "administrator can list the users with `ACL LIST` and set a new password with "
        "`ACL SETUSER NAME on >NEW-PASSWORD`.",
    ),
    "no-password-set": (
        "A password was given, but this Redis has no password for its default user.",
        "Drop the password (`redis://HOST:6379/0`), or give the user it belongs to "
        "(`redis://USER:PASSWORD@HOST:6379/0`). A Redis without a password must only be "
        "reachable from machines you trust.",
    ),
    "old-redis": (
        "This Redis is older than 6: it has no user names, only one password.",
        "Drop the user name from the URL: `redis://:PASSWORD@HOST:6379/0`.",
    ),
    "host-not-allowed": (
        "Redis is in protected mode: with no password set it accepts connections only from "
        "its own machine (loopback).",
        "Set a password on the server (`requirepass`, or an ACL user) and put it in the URL, or "
        "run the check on the server's machine. Turning `protected-mode` off without a password "
        "opens Redis to anyone who can reach it.",
    ),
    "no-database": (
        "Logged in, but that database number cannot be selected.",
        "Redis has databases 0 to 15 unless its `databases` setting says otherwise, and a Redis "
        "Cluster only database 0: pick one in the URL (`redis://HOST:6379/0`). An ACL user also "
        "needs the right to run `SELECT`.",
    ),
    "other": (
        "The check failed for a reason it does not recognise.",
        "Read the server's words above; try the same URL with `redis-cli -u URL ping` to see more.",
    ),
}


def redis_diagnose(
    category: str, detail: str | None = None, kind: str | None = None
) -> tuple[str, str]:
    """The plain-words message (the technical detail appended) and the Markdown hint."""
    message, hint = WORDS.get(kind or category) or WORDS.get(category) or WORDS["other"]
    return (f"{message} ({detail})" if detail else message), hint


def answer_line(data: bytes) -> str:
    line = data.split(b"\r\n", 1)[0].decode("utf-8", "replace")
    return line if len(line) <= 120 else line[:120] + "..."


def describe(data: bytes) -> str:
    """Say what answered PING, when the first bytes are recognisable."""
    try:
        greeting = wire.parse_greeting(data)
    except (wire.NotMySQL, wire.ServerRefused):
        pass
    else:
        return f"a MySQL or MariaDB server answered (version {greeting.version})"
    said = wire.recognise(data)
    if "not a MySQL handshake" in said:
        return f"it sent {len(data)} bytes that are not a Redis reply: {data[:24]!r}"
    return said


def identify_peer(
    settings: Settings, data: bytes, budget: wire.Budget, address: str | None
) -> tuple[Detected | None, str]:
    """What answered PING with `data` (b"": it closed without a word): (service, words).

    Uses tutor.dbcheck.detect, which for b"" sends a few harmless probes of its own within the
    budget. Raises only wire.Cancelled.
    """
    closed = "the connection was closed without an answer to PING"
    finding = detect.examine(
        settings.host,
        settings.port,
        budget,
        expected="redis",
        already_read=data,
        user=settings.user,
        address=address,
    )
    if finding.detected is None:
        return None, describe(data) if data else f"{closed} ({finding.evidence})"
    return finding.detected, detect.wrong_service_message(finding.detected, "redis", settings.port)
