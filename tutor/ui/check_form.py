"""The Check screen's form logic, apart from the widgets: prefill, sources, the Settings to check.

One form serves MySQL, PostgreSQL and Redis. When the screen opens, and each time the picker
changes service, the form is filled in from the chain `tutor check` reads for that service
(tutor.dbcheck.services.resolve_service_settings: DATABASE_URL, MYSQL_* and ~/.my.cnf; PG* and
~/.pgpass; REDIS_URL). What the learner types then wins: a URL typed in the form first, then
each field (a field changed from its prefilled value is "typed here"); an empty field falls
back to the default. Redis has no socket field and its database is a number; PostgreSQL's
socket is a directory, and its password file is read for the host, port, database and user
the form holds now, as libpq would. No textual here; the password is never put in any text
this module returns.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tutor.dbcheck.probe import DEFAULT_TIMEOUT
from tutor.dbcheck.settings import (
    DEFAULT_HOST,
    SOURCE_DEFAULT,
    SOURCE_MYCNF,
    ConfigError,
    Settings,
    login_name,
    parse_port,
    socket_wins,
)

SERVICES = ("mysql", "postgresql", "redis")
# (name, label) of every field under the URL, in order; `fields_for` says which a service uses.
FIELDS = (
    ("host", "Host"),
    ("port", "Port"),
    ("user", "User"),
    ("password", "Password"),
    ("database", "Database"),
    ("socket", "Socket"),
)
_NAMES = tuple(name for name, _label in FIELDS)
DEFAULT_PORTS = {"mysql": 3306, "postgresql": 5432, "redis": 6379}
SOURCE_URL_TYPED = "the URL above"
SOURCE_URL_DEFAULT = "the URL above (left out: default)"  # Redis: a URL is used whole
SOURCE_TYPED = "typed here"
# What the learner typed outranks every source the form was filled from.
TYPED_SOURCES = (SOURCE_URL_TYPED, SOURCE_URL_DEFAULT, SOURCE_TYPED)
MAX_TIMEOUT = 120.0


def fields_for(service: str) -> tuple[str, ...]:
    """The fields a service uses: Redis has no socket."""
    return _NAMES[:-1] if service == "redis" else _NAMES


def service_of_url(url: str) -> str | None:
    """The service a typed URL's scheme names ("postgres://..." -> "postgresql"); None while
    it has no scheme yet, or one tutor does not check."""
    from tutor.dbcheck.services import service_for

    if "://" not in url:
        return None
    found = service_for(url.strip(), None, {})
    return found if isinstance(found, str) else None


def suggested_values(url: str) -> tuple[str, dict[str, str]] | None:
    """The service and fields of a URL the check suggests (postgres://ann@HOST:5432/DATABASE),
    without its placeholders (USER, DATABASE), which are for the learner to fill in; None when
    it cannot be read."""
    service = service_of_url(url)
    if service is None:
        return None
    try:
        values = url_values(url, service)
    except ConfigError:
        return None
    for name, placeholder in (("user", "USER"), ("database", "DATABASE")):
        if values.get(name) == placeholder:
            del values[name]
    return service, {name: values[name] for name in fields_for(service) if name in values}


@dataclass
class InitialForm:
    """What the form shows when it opens: values (strings), their sources, and any config error."""

    values: dict[str, str]
    sources: dict[str, str]
    error: ConfigError | None = None
    extra: dict[str, str] = field(default_factory=dict)  # ssl_mode / ssl_ca, not shown as fields
    service: str = "mysql"
    pgpass: tuple[Path, str] | None = None  # PostgreSQL: the password file and its label

    def __repr__(self) -> str:  # never show the password
        return (
            f"InitialForm(service={self.service!r}, sources={self.sources!r}, error={self.error!r})"
        )


def initial_form(
    env: Mapping[str, str] | None = None, home: Path | None = None, *, service: str = "mysql"
) -> InitialForm:
    """Resolve `service`'s settings as `tutor check` would; on a config error, drop the source
    at fault (up to a few times) so the other sources still fill the form, and keep the first
    error."""
    from tutor.dbcheck.services import resolve_service_settings

    env = dict(os.environ if env is None else env)
    home = Path.home() if home is None else home
    first_error: ConfigError | None = None
    found: Settings | ConfigError = ConfigError("settings", "not resolved")
    for _ in range(6):
        found = resolve_service_settings(service, None, env, home)
        if isinstance(found, Settings):
            break
        first_error = first_error or found
        culprits = [name for name in env if name in found.part]
        if culprits:
            env.pop(max(culprits, key=len))
        elif SOURCE_MYCNF in found.part:
            home = home / ".tutor-no-such-home"
        else:
            break
    if not isinstance(found, Settings):
        user = "" if service == "redis" else login_name()
        found = Settings(port=DEFAULT_PORTS[service], user=user, service=service)
    sources = {"host": SOURCE_DEFAULT, "port": SOURCE_DEFAULT}
    if service != "redis":
        sources["user"] = SOURCE_DEFAULT
    sources.update(found.sources)
    values = {
        "host": found.host,
        "port": str(found.port),
        "user": found.user,
        "password": found.password or "",
        "database": found.database or "",
        "socket": found.socket or "",
    }
    pgpass = None
    if service == "postgresql":
        from tutor.dbcheck.pg_settings import pgpass_file

        pgpass = pgpass_file(env, home)
        # The password file is read for what the form holds when the check runs, and its
        # password never goes into a field; the database left to its default follows the user.
        for name in ("password", "database"):
            if sources.get(name) in (pgpass[1], SOURCE_DEFAULT):
                values[name] = ""
                sources.pop(name)
    if service == "redis" and sources.get("database") == SOURCE_DEFAULT:
        values["database"] = ""
    extra = {k: v for k, v in (("ssl_mode", found.ssl_mode), ("ssl_ca", found.ssl_ca)) if v}
    return InitialForm(values, sources, first_error, extra, service, pgpass)


def url_values(url: str, service: str = "mysql") -> dict[str, str]:
    """The raw settings a typed URL gives ({} when empty), parsed as `service`'s URL. Raises
    ConfigError; a bad port is never echoed, since "mysql://user:secret" without its "@host"
    would put the password there."""
    if not url.strip():
        return {}
    if service == "postgresql":
        from tutor.dbcheck.pg_settings import parse_pg_url

        values = parse_pg_url(url, label=SOURCE_URL_TYPED)
        if values.get("host", "").startswith("/"):  # libpq: a directory is the socket's
            values["socket"] = values.pop("host")
    elif service == "redis":
        from tutor.dbcheck.redis_settings import parse_redis_url

        values = parse_redis_url(url, SOURCE_URL_TYPED)
        if values.pop("tls", "") == "yes":
            values["ssl_mode"] = "REQUIRED"
    else:
        from tutor.dbcheck.settings import parse_url

        values = parse_url(url, label=SOURCE_URL_TYPED)
    port = values.get("port")
    if port is not None and not (port.isdigit() and 1 <= int(port) <= 65535):
        raise ConfigError(
            f"port in {SOURCE_URL_TYPED}",
            "is not a number from 1 to 65535 (a password goes before the @: USER:PASSWORD@HOST)",
        )
    return values


def choose(url: str, values: Mapping[str, str], form: InitialForm) -> tuple[dict, dict]:
    """For each setting, its raw value and source: the URL, else the field, else the default.

    A Redis URL is used whole, as `tutor check` uses one: what it leaves out takes the
    default, never a field's value (a password meant for one server is not sent to another).
    """
    service = form.service
    from_url = url_values(url, service)
    whole_url = service == "redis" and bool(url.strip())
    chosen: dict[str, str] = {}
    sources: dict[str, str] = {}
    for name in fields_for(service):
        value = values.get(name, "")
        if name != "password":
            value = value.strip()
        if name in from_url:
            chosen[name], sources[name] = from_url[name], SOURCE_URL_TYPED
        elif whole_url:
            continue
        elif value:
            same = value == form.values.get(name)
            chosen[name] = value
            sources[name] = form.sources.get(name, SOURCE_DEFAULT) if same else SOURCE_TYPED
    for name in ("ssl_mode", "ssl_ca"):
        if name in from_url:
            chosen[name], sources[name] = from_url[name], SOURCE_URL_TYPED
        elif name in form.extra and not whole_url:
            chosen[name], sources[name] = form.extra[name], form.sources.get(name, "")
    defaults = [("host", DEFAULT_HOST), ("port", str(DEFAULT_PORTS[service]))]
    if service == "redis":
        defaults.append(("database", "0"))
    elif "user" not in chosen:
        chosen["user"], sources["user"] = login_name(), SOURCE_DEFAULT
    for name, default in defaults:
        if name not in chosen:
            chosen[name] = default
            sources[name] = SOURCE_URL_DEFAULT if whole_url else SOURCE_DEFAULT
    if service == "postgresql":
        _postgres_defaults(chosen, sources, form)
    return chosen, sources


def _postgres_defaults(chosen: dict[str, str], sources: dict[str, str], form: InitialForm) -> None:
    """libpq's: the database is named like the user; with no password given, the password
    file's line for this host (or socket directory), port, database and user."""
    if "database" not in chosen:
        chosen["database"], sources["database"] = chosen["user"], SOURCE_DEFAULT
    if chosen.get("password") or form.pgpass is None:
        return
    from tutor.dbcheck.pg_settings import DEFAULT_SOCKET_DIRS, pgpass_password

    socket_dir = chosen.get("socket") if _socket_used(chosen, sources) else None
    if socket_dir is None:
        match_host = chosen["host"]
    elif socket_dir.rstrip("/") in DEFAULT_SOCKET_DIRS:
        match_host = "localhost"
    else:
        match_host = socket_dir
    try:
        port = int(chosen["port"])
    except ValueError:
        return
    path, label = form.pgpass
    found = pgpass_password(path, match_host, port, chosen["database"], chosen["user"])
    if found is not None:
        chosen["password"], sources["password"] = found, label


def _socket_used(chosen: Mapping[str, str], sources: Mapping[str, str]) -> bool:
    return socket_wins(chosen.get("socket"), sources, TYPED_SOURCES)


def _part(name: str, source: str) -> str:
    return f"the {name.capitalize()} field" if source == SOURCE_TYPED else source


def build_settings(url: str, values: Mapping[str, str], form: InitialForm) -> Settings:
    """The Settings to check. Raises ConfigError naming the part that is wrong."""
    service = form.service
    chosen, sources = choose(url, values, form)
    port = parse_port(chosen["port"], _part("port", sources["port"]))
    host = chosen["host"]
    part = f"host from {_part('host', sources['host'])}"
    if service == "postgresql" and host.startswith("/"):
        raise ConfigError(part, f"{host!r} is a directory: a socket directory goes in Socket")
    if any(ch.isspace() for ch in host) or "/" in host:
        raise ConfigError(part, f"{host!r} is not a host name")
    ssl_mode = chosen.get("ssl_mode")
    if ssl_mode is not None and service == "mysql":
        from tutor.dbcheck.settings import parse_ssl_mode

        ssl_mode = parse_ssl_mode(ssl_mode, sources["ssl_mode"])
    elif ssl_mode is not None and service == "postgresql":
        from tutor.dbcheck.pg_settings import parse_ssl_mode as parse_pg_ssl_mode

        ssl_mode = parse_pg_ssl_mode(ssl_mode, sources["ssl_mode"])
    database = chosen.get("database") or None
    if service == "redis" and database is not None:
        if not (database.isascii() and database.isdigit()):
            shown = database if len(database) <= 20 else database[:20] + "..."
            raise ConfigError(
                f"database from {_part('database', sources['database'])}",
                f"{shown!r} is not a database number; Redis numbers its databases 0, 1, 2, ...",
            )
        database = str(int(database))
    socket_used = _socket_used(chosen, sources)
    settings_sources = dict(sources)
    if socket_used:
        # The check ranks sources by their CLI names; the host is not used over a socket.
        settings_sources.pop("host", None)
    else:
        settings_sources.pop("socket", None)
    return Settings(
        host=host,
        port=port,
        user=chosen.get("user", ""),
        password=chosen.get("password") or None,
        database=database,
        socket=chosen["socket"] if socket_used else None,
        ssl_mode=ssl_mode,
        ssl_ca=chosen.get("ssl_ca") or None,
        sources=settings_sources,
        service=service,
    )


def parse_timeout(text: str) -> float:
    """Seconds for the whole check; empty means the default. Raises ConfigError."""
    text = text.strip()
    if not text:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(text)
    except ValueError:
        raise ConfigError("timeout", f"{text!r} is not a number of seconds") from None
    if not 0 < seconds <= MAX_TIMEOUT:
        raise ConfigError("timeout", f"give between 0 and {MAX_TIMEOUT:g} seconds")
    return seconds


def notes(url: str, values: Mapping[str, str], form: InitialForm) -> dict[str, str]:
    """The source note beside each field ("from MYSQL_HOST", "typed here", ...) and the URL's."""
    try:
        chosen, sources = choose(url, values, form)
    except ConfigError:
        chosen, sources = choose("", values, form)
        from_url_ok = False
    else:
        from_url_ok = True
    socket_used = _socket_used(chosen, sources)
    result: dict[str, str] = {}
    for name in fields_for(form.service):
        source = sources.get(name)
        if source is None:
            whole_url = from_url_ok and form.service == "redis" and url.strip()
            text = "URL: none" if whole_url else "none"
        elif source == SOURCE_DEFAULT:
            text = "default"
        elif source == SOURCE_URL_DEFAULT:
            text = "URL: default"
        elif source == SOURCE_TYPED:
            text = "typed here"
        elif source == SOURCE_URL_TYPED:
            text = "URL: ****" if name == "password" else f"URL: {chosen[name]}"
        else:
            text = f"from {source}"
        # A PostgreSQL socket's file name holds the port: only the host goes unused.
        if socket_used and (name == "host" or (name == "port" and form.service == "mysql")):
            text += " (unused: socket)"
        elif name == "socket" and chosen.get("socket") and not socket_used:
            text += " (unused: host wins)"
        result[name] = text
    if not url.strip():
        result["url"] = "optional; overrides below"
    else:
        result["url"] = "overrides the fields" if from_url_ok else "not a usable URL yet"
    return result
