"""Where the Redis settings come from: a URL argument, REDIS_URL, a redis:// DATABASE_URL, defaults.

A Redis URL is `redis://USER:PASSWORD@HOST:PORT/DB` (`rediss://` for TLS), where DB is the
database number. The first URL found is used whole: the parts it leaves out take their
defaults and are never borrowed from a lower URL, so a password meant for one server is never
sent to another. Each value records its source; the password stays out of every repr, display
form and error message.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from urllib.parse import parse_qsl, unquote

from tutor.dbcheck.settings import (
    DEFAULT_HOST,
    SOURCE_DATABASE_URL,
    SOURCE_DEFAULT,
    SOURCE_URL,
    ConfigError,
    Settings,
    parse_port,
    split_hostport,
    split_url,
)

DEFAULT_REDIS_PORT = 6379
DEFAULT_DB = "0"
SOURCE_REDIS_URL = "REDIS_URL"
REDIS_SCHEMES = ("redis", "rediss")
URL_FORM = "redis://USER:PASSWORD@HOST:6379/0 (or rediss:// for TLS)"


def resolve_redis_settings(
    url: str | None = None, env: Mapping[str, str] = os.environ
) -> Settings | ConfigError:
    """The settings from the first URL found (never raises: a ConfigError is returned)."""
    try:
        return _resolve(url, env)
    except ConfigError as error:
        return error


def _first_url(url: str | None, env: Mapping[str, str]) -> tuple[str, str] | None:
    if url and url.strip():
        return url, SOURCE_URL
    if env.get("REDIS_URL", "").strip():
        return env["REDIS_URL"], SOURCE_REDIS_URL
    database_url = env.get("DATABASE_URL", "").strip()
    scheme = database_url.partition("://")[0].lower()
    if scheme in REDIS_SCHEMES:  # DATABASE_URL may name another service; then it is not ours
        return database_url, SOURCE_DATABASE_URL
    return None


def _resolve(url: str | None, env: Mapping[str, str]) -> Settings:
    found = _first_url(url, env)
    values, label = (parse_redis_url(*found), found[1]) if found else ({}, SOURCE_DEFAULT)
    sources = {name: label for name in values if name != "tls"}
    for name, default in (
        ("host", DEFAULT_HOST),
        ("port", str(DEFAULT_REDIS_PORT)),
        ("database", DEFAULT_DB),
    ):
        if name not in values:
            values[name], sources[name] = default, SOURCE_DEFAULT
    tls = values.pop("tls", "") == "yes"
    if tls:
        sources["ssl_mode"] = label
    port = parse_port(values["port"], sources["port"])
    host = values["host"]
    if any(ch.isspace() for ch in host) or "/" in host:
        raise ConfigError(f"host from {sources['host']}", f"{host!r} is not a host name")
    return Settings(
        host=host,
        port=port,
        user=values.get("user", ""),
        password=values.get("password"),
        database=values["database"],
        ssl_mode="REQUIRED" if tls else None,
        ssl_ca=values.get("ssl_ca"),
        sources=sources,
        service="redis",
    )


def parse_redis_url(url: str, label: str = SOURCE_URL) -> dict[str, str]:
    """Split a redis:// or rediss:// URL into raw setting strings; "tls" is "yes" for rediss://.

    Raises ConfigError naming the part that is wrong, never quoting the password.
    """
    parts = split_url(
        url,
        label=label,
        schemes=REDIS_SCHEMES,
        form=URL_FORM,
        expected="redis:// or rediss:// (Redis over TLS)",
    )
    hostport, path, query = parts.hostport, parts.path, parts.query
    values: dict[str, str] = {"tls": "yes"} if parts.scheme == "rediss" else {}
    if parts.userinfo is not None:
        user, colon, password = parts.userinfo.partition(":")
        if not colon:
            # redis://WORD@host: is WORD a user or a password? Ask rather than guess (and
            # never show it: it may well be the password).
            raise ConfigError(
                f"user in {label}",
                "a name before '@' without ':'. Write redis://:PASSWORD@HOST for a password "
                "alone, or redis://USER:PASSWORD@HOST for a user with its password",
            )
        if user:
            values["user"] = unquote(user)
        if password:
            values["password"] = unquote(password)
    host, port = split_hostport(hostport, label)
    if host:
        values["host"] = host
    if port is not None:
        values["port"] = port
    database = unquote(path.strip("/"))
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key.lower() == "db" and value and not database:
            database = value
        elif key.lower() in ("ssl_ca_certs", "ssl-ca", "ssl_ca") and value:
            values["ssl_ca"] = value
    if database:
        if not database.isascii() or not database.isdigit():
            shown = database if len(database) <= 20 else database[:20] + "..."
            raise ConfigError(
                f"database in {label}",
                f"{shown!r} is not a database number; Redis numbers its databases 0, 1, 2, "
                "... (write redis://HOST:6379/2 for database 2)",
            )
        values["database"] = str(int(database))
    return values
