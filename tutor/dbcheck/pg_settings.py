"""Where the PostgreSQL settings come from: a URL, DATABASE_URL, PG* variables, ~/.pgpass, defaults.

The order is libpq's (the C library behind `psql` and most drivers), so what the check uses is
what the learner's app would use. For each setting the first source with a value wins, and
the source is recorded in `sources` (as for MySQL). ~/.pgpass only ever gives the password, for
the host, port, database and user already chosen. One deliberate difference: with no host
anywhere, libpq uses the local unix socket; tutor uses 127.0.0.1, as the MySQL check does, so
the default check goes over TCP like an app in a container or on another machine would. A
socket is still used when a host names a directory (`PGHOST=/var/run/postgresql`).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import parse_qsl, unquote

from tutor.dbcheck.settings import (
    SOURCE_DATABASE_URL,
    SOURCE_DEFAULT,
    SOURCE_URL,
    ConfigError,
    Settings,
    login_name,
    parse_port,
    split_hostport,
    split_url,
    user_and_password,
)

SERVICE = "postgresql"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 5432
SCHEMES = ("postgres", "postgresql")
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
SOURCE_PGPASS = "~/.pgpass"
# Where libpq's own builds look for the socket when no directory is given; a socket in one of
# these is "localhost" for ~/.pgpass, as it is for libpq.
DEFAULT_SOCKET_DIRS = ("/var/run/postgresql", "/run/postgresql", "/tmp")

_ENV_VARS = {
    "host": "PGHOST",
    "port": "PGPORT",
    "user": "PGUSER",
    "password": "PGPASSWORD",
    "database": "PGDATABASE",
    "ssl_mode": "PGSSLMODE",
    "ssl_ca": "PGSSLROOTCERT",
}
_QUERY_KEYS = {
    "host": "host",
    "port": "port",
    "user": "user",
    "password": "password",
    "dbname": "database",
    "sslmode": "ssl_mode",
    "sslrootcert": "ssl_ca",
}
# Real libpq parameters the check does not need: accepted in a URL and left alone.
_IGNORED_KEYS = frozenset(
    (
        "application_name", "connect_timeout", "options", "client_encoding",
        "target_session_attrs", "load_balance_hosts", "sslcert", "sslkey", "sslpassword",
        "sslcrl", "sslcrldir", "sslsni", "sslcompression", "ssl_min_protocol_version",
        "ssl_max_protocol_version", "gssencmode", "gsslib", "krbsrvname", "channel_binding",
        "require_auth", "requirepeer", "keepalives", "keepalives_idle", "keepalives_interval",
        "keepalives_count", "tcp_user_timeout", "replication", "fallback_application_name",
        "passfile", "hostaddr", "service",
    )
)  # fmt: skip
_LOOKALIKES = {"ssl": "sslmode=require", "ssl-mode": "sslmode", "ssl_mode": "sslmode"}
_LOOKALIKES |= {"database": "dbname", "username": "user", "db": "dbname"}


def socket_path(settings: Settings) -> str:
    """The socket file libpq opens for a directory: DIR/.s.PGSQL.PORT."""
    return os.path.join(settings.socket or "", f".s.PGSQL.{settings.port}")


def parse_pg_url(url: str, *, label: str = SOURCE_URL) -> dict[str, str]:
    """Split a libpq URL into raw setting strings (still to be validated). Raises ConfigError."""
    parts = split_url(
        url,
        label=label,
        schemes=SCHEMES,
        form="postgres://USER:PASSWORD@HOST:PORT/DATABASE",
        expected="postgres:// or postgresql://",
    )
    values: dict[str, str] = {}
    user_and_password(parts.userinfo, values)
    hostport, path, query = parts.hostport, parts.path, parts.query
    if "," in hostport:
        raise ConfigError(
            f"host in {label}",
            "it lists several hosts; the check tries one at a time, so give only the one to check",
        )
    host, port = split_hostport(hostport, label)
    if host:
        values["host"] = host
    if port:
        values["port"] = port
    database = unquote(path)
    if database:
        values["database"] = database
    for key, value in parse_qsl(query, keep_blank_values=True):
        name = _QUERY_KEYS.get(key)
        if name is not None:
            if value:
                values[name] = value
        elif key not in _IGNORED_KEYS:
            better = _LOOKALIKES.get(key.lower())
            advice = f" (write {better})" if better else ""
            raise ConfigError(
                f"parameter in {label}",
                f"{key!r} is not a PostgreSQL connection parameter{advice}",
            )
    return values


def parse_ssl_mode(value: str, part: str) -> str:
    mode = value.strip().lower().replace("_", "-")
    if mode not in SSL_MODES:
        raise ConfigError(f"sslmode from {part}", f"{value!r} is not one of {', '.join(SSL_MODES)}")
    return mode


# -- ~/.pgpass --------------------------------------------------------------------------------


def pgpass_file(env: Mapping[str, str], home: Path) -> tuple[Path, str]:
    """The password file libpq reads, and its label: PGPASSFILE, else ~/.pgpass (on Windows
    %APPDATA%\\postgresql\\pgpass.conf)."""
    if env.get("PGPASSFILE"):
        return Path(env["PGPASSFILE"]), "PGPASSFILE"
    if os.name == "nt" and env.get("APPDATA"):
        return Path(env["APPDATA"]) / "postgresql" / "pgpass.conf", "pgpass.conf"
    return home / ".pgpass", SOURCE_PGPASS


def _readable_safely(path: Path) -> bool:
    """libpq skips a password file that is not a plain file, or that the group or others may
    read (it must be chmod 600); Windows has no such bits."""
    try:
        info = path.stat()
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode):
        return False
    return os.name == "nt" or not info.st_mode & (stat.S_IRWXG | stat.S_IRWXO)


def _field_matches(line: str, start: int, wanted: str) -> int | None:
    """Where the next field starts when the field at `start` matches `wanted` (or is '*')."""
    if line.startswith("*:", start):
        return start + 2
    i, j = start, 0
    while i < len(line) and line[i] != ":":
        if line[i] == "\\" and i + 1 < len(line):
            i += 1
        if j >= len(wanted) or line[i] != wanted[j]:
            return None
        i, j = i + 1, j + 1
    if i >= len(line) or j != len(wanted):
        return None
    return i + 1


def _unescape_password(text: str) -> str:
    out, i = [], 0
    while i < len(text) and text[i] != ":":
        if text[i] == "\\" and i + 1 < len(text):
            i += 1
        out.append(text[i])
        i += 1
    return "".join(out)


def pgpass_password(path: Path, host: str, port: int, database: str, user: str) -> str | None:
    """The password of the first line matching host:port:database:user ('*' matches anything;
    '\\:' and '\\\\' escape), as libpq reads it; None when no line matches or the file is
    missing or too open."""
    if not _readable_safely(path):
        return None
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    for raw in text.splitlines():
        line = raw.rstrip("\r")
        if not line or line.startswith("#"):
            continue
        at: int | None = 0
        for wanted in (host, str(port), database, user):
            at = _field_matches(line, at, wanted) if at is not None else None
        if at is not None:
            return _unescape_password(line[at:])
    return None


# -- the chain --------------------------------------------------------------------------------


def resolve_pg_settings(
    url: str | None = None, env: Mapping[str, str] = os.environ, home: Path | None = None
) -> Settings | ConfigError:
    """Resolve every setting from its first source; returns a ConfigError instead of raising."""
    try:
        return _resolve(url, env, Path.home() if home is None else home)
    except ConfigError as error:
        return error


def _resolve(url: str | None, env: Mapping[str, str], home: Path) -> Settings:
    layers: list[tuple[str, dict[str, str]]] = []
    if url:
        layers.append((SOURCE_URL, parse_pg_url(url, label=SOURCE_URL)))
    database_url = env.get("DATABASE_URL", "")
    if database_url.strip().partition("://")[0].lower() in SCHEMES:
        layers.append((SOURCE_DATABASE_URL, parse_pg_url(database_url, label=SOURCE_DATABASE_URL)))
    for name, variable in _ENV_VARS.items():
        if env.get(variable):
            layers.append((variable, {name: env[variable]}))

    chosen: dict[str, str] = {}
    sources: dict[str, str] = {}
    for source, values in layers:
        for name, value in values.items():
            if name not in chosen:
                chosen[name], sources[name] = value, source
    for name, default in (("host", DEFAULT_HOST), ("port", str(DEFAULT_PORT))):
        if name not in chosen:
            chosen[name], sources[name] = default, SOURCE_DEFAULT
    if "user" not in chosen:
        chosen["user"], sources["user"] = login_name(), SOURCE_DEFAULT
    if "database" not in chosen:  # libpq: a database named after the user
        chosen["database"], sources["database"] = chosen["user"], SOURCE_DEFAULT

    port = parse_port(chosen["port"], sources["port"])
    ssl_mode = chosen.get("ssl_mode")
    if ssl_mode is not None:
        ssl_mode = parse_ssl_mode(ssl_mode, sources["ssl_mode"])
    host, socket_dir = chosen["host"], None
    if host.startswith("/"):  # libpq: a host that is a path names the socket's directory
        host, socket_dir = "localhost", chosen["host"]
        sources["socket"] = sources["host"]
    elif any(ch.isspace() for ch in host) or "/" in host:
        raise ConfigError(f"host from {sources['host']}", f"{host!r} is not a host name")

    password = chosen.get("password") or None
    if password is None:  # libpq reads the password file only when no password is given
        path, label = pgpass_file(env, home)
        if socket_dir is None or socket_dir.rstrip("/") not in DEFAULT_SOCKET_DIRS:
            match_host = socket_dir or host
        else:
            match_host = "localhost"
        password = pgpass_password(path, match_host, port, chosen["database"], chosen["user"])
        if password is not None:
            sources["password"] = label
    return Settings(
        host=host,
        port=port,
        user=chosen["user"],
        password=password,
        database=chosen["database"],
        socket=socket_dir,
        ssl_mode=ssl_mode,
        ssl_ca=chosen.get("ssl_ca") or None,
        sources=sources,
        service=SERVICE,
    )
