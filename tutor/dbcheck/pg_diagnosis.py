"""Plain words for a PostgreSQL check's failures, and how a server or driver error maps to them.

PostgreSQL names every error it sends with a five-character SQLSTATE (28P01, 3D000, ...) and
the routine that raised it; both stay the same whatever language the server writes its
messages in, so the check sorts errors by them and never by the message text. As in
tutor.dbcheck.diagnosis, a message is plain text (the server's own words are appended in
parentheses) and a hint is short Markdown.
"""

from __future__ import annotations

import ssl
from collections.abc import Mapping
from typing import Any

_PGPASS = "a line `HOST:PORT:DATABASE:USER:PASSWORD` in `~/.pgpass` (file mode 600)"
_RELOAD = "then reload the server (`SELECT pg_reload_conf();` as a superuser)"

# (message, hint) per category; wrong-service and not-recognised are worded for every service
# by tutor.dbcheck.diagnosis.diagnose_recognition.
_BY_CATEGORY: dict[str, tuple[str, str]] = {
    "config": (
        "The settings cannot be used as they are.",
        "Fix the part named above: a URL looks like "
        "`postgres://USER:PASSWORD@HOST:5432/DATABASE?sslmode=prefer` (percent-encode special "
        "characters in the password), the port is a number from 1 to 65535, and sslmode is one "
        "of disable, allow, prefer, require, verify-ca, verify-full.",
    ),
    "dns": (
        "The host name could not be turned into an address.",
        "Check the spelling of the host in your URL or `PGHOST`. A name only another machine "
        "knows (a compose service name, a private DNS name) does not resolve here; use an IP "
        "address or run the check where the app runs.",
    ),
    "refused": (
        "Nothing is listening at that address: the connection was refused.",
        "Start the server (for example `sudo systemctl start postgresql`), or fix the port "
        "(PostgreSQL's usual one is 5432). If the server runs on another machine, it may listen "
        "on localhost only: set `listen_addresses` in its `postgresql.conf` and restart it.",
    ),
    "timeout": (
        "No answer in time.",
        "When even the connection did not open, a firewall or security group is probably "
        "dropping traffic to that port, or the host is down: check the address and open the "
        "port for this machine. When the connection opened but nothing answered, something "
        "other than PostgreSQL holds the port. A slow network needs a longer `--timeout`.",
    ),
    "unreachable": (
        "There is no network route to that host.",
        "Check the address and that this machine is on the right network (VPN, VPC, Wi-Fi). "
        "An address from another private network is not reachable from here.",
    ),
    "tls": (
        "An encrypted (TLS) connection was required but could not be set up.",
        "Either turn TLS on in the server (`ssl = on` with `ssl_cert_file` and `ssl_key_file` "
        "in `postgresql.conf`, then reload), or, only for a local server you trust, use "
        "`sslmode=prefer` or `sslmode=disable`.",
    ),
    "auth": (
        "The server refused the login.",
        "Check the user and the password: in the URL, in `PGUSER` and `PGPASSWORD`, or in "
        + _PGPASS
        + ". A superuser can set a new password: `ALTER ROLE name PASSWORD '...';`",
    ),
    "host-not-allowed": (
        "The server's pg_hba.conf has no line that lets this user in from this address to "
        "that database (or a line there rejects it).",
        "A superuser adds a line for it to `pg_hba.conf` (`SHOW hba_file;` says where it is), "
        "above the lines that would match first: "
        "`host DATABASE USER CLIENT-ADDRESS/32 scram-sha-256`, " + _RELOAD + ". The address the "
        "server saw is in its message above.",
    ),
    "auth-plugin": (
        "The server asks for a login method this client cannot do.",
        "Have the pg_hba.conf line for this connection use `scram-sha-256` (or `md5`), "
        + _RELOAD
        + ", and set the password again so it is stored for that method.",
    ),
    "no-database": (
        "Logged in, but the database cannot be opened.",
        "Check the database name for typos, or create it: `CREATE DATABASE name OWNER user;` "
        "(or `createdb -O user name`).",
    ),
    "other": (
        "The check failed for a reason it does not recognise.",
        "Read the server's message above; try the same settings with `psql` "
        "(`psql -h HOST -p PORT -U USER DATABASE`) to see more.",
    ),
    "ok": ("Connected, logged in and ran a query.", "Nothing to fix."),
}

# Finer words for one reason within a category: an SQLSTATE, or a name for what the client saw.
_BY_REASON: dict[str, tuple[str, str]] = {
    "28P01": (
        "The server refused the user name and password. PostgreSQL gives this same answer when "
        "no role of that name exists, so that nobody can guess role names.",
        _BY_CATEGORY["auth"][1],
    ),
    "no-password": (
        "The server asks for a password, and none was given.",
        "Give the password in the URL (`postgres://USER:PASSWORD@HOST/DATABASE`), in "
        "`PGPASSWORD`, or in " + _PGPASS + ".",
    ),
    "role": (
        "The server has no role of that name, or the role may not log in.",
        "Check the user name. A superuser lists the roles with `\\du` in psql, creates one "
        "with `CREATE ROLE name LOGIN PASSWORD '...';`, or lets an existing one log in with "
        "`ALTER ROLE name LOGIN;`",
    ),
    "method": (
        "The login method pg_hba.conf picks for this connection (such as peer, ident or cert) "
        "refused you; that method never takes a password.",
        "`peer` works only over the unix socket, as the operating-system user of the same "
        "name. For an app, give it a role with a password and a pg_hba.conf line with "
        "`scram-sha-256` for it, " + _RELOAD + ".",
    ),
    "3D000": (
        "The password was accepted, but there is no database of that name.",
        "Check the database name for typos (without one, PostgreSQL looks for a database "
        "named like the user), or create it: `CREATE DATABASE name OWNER user;`",
    ),
    "42501": (
        "The login was accepted, but this role has no right to connect to that database.",
        "The database's owner or a superuser can allow it: "
        "`GRANT CONNECT ON DATABASE name TO user;`",
    ),
    "53300": (
        "The server has no free connection slots left.",
        "Something holds too many connections (an app without a connection pool, or stuck "
        "sessions in `pg_stat_activity`); close them, or raise `max_connections`.",
    ),
    "57P03": (
        "The server is starting up, shutting down or recovering, and takes no logins now.",
        "Wait a moment and run the check again; if it lasts, read the server's log.",
    ),
    "tls-refused": (
        "TLS was required, but the server answered that it has no TLS.",
        _BY_CATEGORY["tls"][1],
    ),
    "tls-handshake": (
        "The TLS handshake or the certificate check failed.",
        "For verify-ca and verify-full give the CA that signed the server's certificate "
        "(`?sslrootcert=/path/root.crt` or `PGSSLROOTCERT`); for verify-full also connect with "
        "the host name written in the certificate.",
    ),
}

# SQLSTATE -> category; anything else goes by its class (the first two characters).
_CODE_CATEGORY = {
    "28P01": "auth",
    "3D000": "no-database",
    "42501": "no-database",
    "53300": "other",
    "57P03": "other",
}
_CLASS_CATEGORY = {"28": "auth", "3D": "no-database"}


def pg_diagnose(
    category: str, reason: str | None = None, detail: str | None = None
) -> tuple[str, str]:
    """The plain-words message (with the technical detail appended) and the hint for a failure."""
    message, hint = _BY_REASON.get(reason or "", _BY_CATEGORY.get(category, _BY_CATEGORY["other"]))
    if detail:
        message = f"{message} ({detail})"
    return message, hint


def server_error(fields: Mapping[str, str]) -> tuple[str, str, str]:
    """(category, reason, detail) for an error the server sent: by SQLSTATE and routine."""
    code = fields.get("C", "")
    routine = fields.get("R", "")
    text = fields.get("M", "") or "no message"
    detail = f"{code}: {text}" if code else text
    if code == "28000":  # invalid authorization: which of three it is, by the routine
        if routine == "ClientAuthentication":
            return "host-not-allowed", code, detail
        if routine == "InitializeSessionUserId":
            return "auth", "role", detail
        return "auth", "method", detail
    category = _CODE_CATEGORY.get(code) or _CLASS_CATEGORY.get(code[:2], "other")
    return category, code, detail


def parse_error_response(payload: bytes) -> dict[str, str]:
    """The fields of an ErrorResponse body: one code byte and a NUL-ended string each."""
    fields: dict[str, str] = {}
    for part in payload.split(b"\x00"):
        if part:
            fields[chr(part[0])] = part[1:].decode("utf-8", "replace")
    return fields


def driver_failure(error: BaseException, password: str | None) -> tuple[str, str | None, str]:
    """(category, reason, detail) for an exception from the driver's login or a query.

    pg8000 hands the server's error fields over as a dict (its first argument); errors of its
    own are plain text. The password is masked in anything shown, whatever the text.
    """
    first: Any = error.args[0] if error.args else None
    if isinstance(first, dict) and "C" in first:
        category, reason, detail = server_error({str(k): str(v) for k, v in first.items()})
        return category, reason, _mask(detail, password)
    text = _mask(str(error) or type(error).__name__, password)
    lowered = text.lower()
    if isinstance(error, ssl.SSLError):
        shown = getattr(error, "verify_message", None) or getattr(error, "reason", None) or text
        return "tls", "tls-handshake", _mask(str(shown), password)
    if "refuses ssl" in lowered:
        return "tls", "tls-refused", "the server answered 'N' to the SSL request"
    if "no password was provided" in lowered:
        return "auth", "no-password", text
    if password is None and isinstance(error, (AttributeError, TypeError)):
        # pg8000 reaches SCRAM with no password and fails on it: the server asked for one.
        return "auth", "no-password", "the server asked for a SCRAM-SHA-256 password"
    if "authentication method" in lowered:
        return "auth-plugin", None, text
    if isinstance(error, TimeoutError):
        return "timeout", None, "the server stopped answering"
    if isinstance(error, (ConnectionError, EOFError)) or "network error" in lowered:
        return "other", None, f"the server closed the connection ({text})"
    return "other", None, f"{type(error).__name__}: {text}"


def _mask(text: str, password: str | None) -> str:
    return text.replace(password, "****") if password else text
