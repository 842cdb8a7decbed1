"""The Check MySQL form's logic, apart from the widgets: prefill, sources, the Settings to check.

The form is filled in once, when the screen opens, from the same chain `tutor check-db` reads
(DATABASE_URL, MYSQL_*, ~/.my.cnf, defaults). What the learner types then wins: a URL typed in the
form first, then each field (a field changed from its prefilled value is "typed here"); an empty
field falls back to the default. No textual here; the password is never put in any text this
module returns.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tutor.dbcheck.probe import DEFAULT_TIMEOUT
from tutor.dbcheck.settings import (
    DEFAULT_HOST,
    DEFAULT_PORT,
    SOURCE_DEFAULT,
    SOURCE_MYCNF,
    ConfigError,
    Settings,
    login_name,
    parse_port,
    parse_url,
    resolve_settings,
    socket_wins,
)

# (name, label) of the fields under the URL, in order.
FIELDS = (
    ("host", "Host"),
    ("port", "Port"),
    ("user", "User"),
    ("password", "Password"),
    ("database", "Database"),
    ("socket", "Socket"),
)
SOURCE_URL_TYPED = "the URL above"
SOURCE_TYPED = "typed here"
# What the learner typed outranks every source the form was filled from.
TYPED_SOURCES = (SOURCE_URL_TYPED, SOURCE_TYPED)
MAX_TIMEOUT = 120.0


@dataclass
class InitialForm:
    """What the form shows when it opens: values (strings), their sources, and any config error."""

    values: dict[str, str]
    sources: dict[str, str]
    error: ConfigError | None = None
    extra: dict[str, str] = field(default_factory=dict)  # ssl_mode / ssl_ca, not shown as fields

    def __repr__(self) -> str:  # never show the password
        return f"InitialForm(sources={self.sources!r}, error={self.error!r})"


def initial_form(env: Mapping[str, str] | None = None, home: Path | None = None) -> InitialForm:
    """Resolve the settings as `tutor check-db` would; on a config error, drop the source at fault
    (up to a few times) so the other sources still fill the form, and keep the first error."""
    env = dict(os.environ if env is None else env)
    home = Path.home() if home is None else home
    first_error: ConfigError | None = None
    found: Settings | ConfigError = Settings(user=login_name())
    for _ in range(6):
        found = resolve_settings(None, env=env, home=home)
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
        found = Settings(user=login_name())
    sources = {"host": SOURCE_DEFAULT, "port": SOURCE_DEFAULT, "user": SOURCE_DEFAULT}
    sources.update(found.sources)
    values = {
        "host": found.host,
        "port": str(found.port),
        "user": found.user,
        "password": found.password or "",
        "database": found.database or "",
        "socket": found.socket or "",
    }
    extra = {k: v for k, v in (("ssl_mode", found.ssl_mode), ("ssl_ca", found.ssl_ca)) if v}
    return InitialForm(values, sources, first_error, extra)


def url_values(url: str) -> dict[str, str]:
    """The raw settings a typed URL gives ({} when empty). Raises ConfigError; a bad port is
    never echoed, since "mysql://user:secret" without its "@host" would put the password there."""
    if not url.strip():
        return {}
    values = parse_url(url, label=SOURCE_URL_TYPED)
    port = values.get("port")
    if port is not None and not (port.isdigit() and 1 <= int(port) <= 65535):
        raise ConfigError(
            f"port in {SOURCE_URL_TYPED}",
            "is not a number from 1 to 65535 (a password goes before the @: USER:PASSWORD@HOST)",
        )
    return values


def choose(url: str, values: Mapping[str, str], form: InitialForm) -> tuple[dict, dict]:
    """For each setting, its raw value and source: the URL, else the field, else the default."""
    from_url = url_values(url)
    chosen: dict[str, str] = {}
    sources: dict[str, str] = {}
    for name, _label in FIELDS:
        value = values.get(name, "")
        if name != "password":
            value = value.strip()
        if name in from_url:
            chosen[name], sources[name] = from_url[name], SOURCE_URL_TYPED
        elif value:
            same = value == form.values.get(name)
            chosen[name] = value
            sources[name] = form.sources.get(name, SOURCE_DEFAULT) if same else SOURCE_TYPED
    for name in ("ssl_mode", "ssl_ca"):
        if name in from_url:
            chosen[name], sources[name] = from_url[name], SOURCE_URL_TYPED
        elif name in form.extra:
            chosen[name], sources[name] = form.extra[name], form.sources.get(name, "")
    for name, default in (("host", DEFAULT_HOST), ("port", str(DEFAULT_PORT))):
        if name not in chosen:
            chosen[name], sources[name] = default, SOURCE_DEFAULT
    if "user" not in chosen:
        chosen["user"], sources["user"] = login_name(), SOURCE_DEFAULT
    return chosen, sources


def build_settings(url: str, values: Mapping[str, str], form: InitialForm) -> Settings:
    """The Settings to check. Raises ConfigError naming the part that is wrong."""
    from tutor.dbcheck.settings import parse_ssl_mode

    chosen, sources = choose(url, values, form)
    part = "the Port field" if sources["port"] == SOURCE_TYPED else sources["port"]
    port = parse_port(chosen["port"], part)
    host = chosen["host"]
    if any(ch.isspace() for ch in host) or "/" in host:
        raise ConfigError(f"host from {sources['host']}", f"{host!r} is not a host name")
    ssl_mode = chosen.get("ssl_mode")
    if ssl_mode is not None:
        ssl_mode = parse_ssl_mode(ssl_mode, sources["ssl_mode"])
    socket_used = socket_wins(chosen.get("socket"), sources, TYPED_SOURCES)
    settings_sources = dict(sources)
    if socket_used:
        # The check ranks sources by their CLI names; the host is not used over a socket.
        settings_sources.pop("host", None)
    else:
        settings_sources.pop("socket", None)
    return Settings(
        host=host,
        port=port,
        user=chosen["user"],
        password=chosen.get("password"),
        database=chosen.get("database") or None,
        socket=chosen["socket"] if socket_used else None,
        ssl_mode=ssl_mode,
        ssl_ca=chosen.get("ssl_ca") or None,
        sources=settings_sources,
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
    socket_used = socket_wins(chosen.get("socket"), sources, TYPED_SOURCES)
    result: dict[str, str] = {}
    for name, _label in FIELDS:
        source = sources.get(name)
        if source is None:
            text = "none"
        elif source == SOURCE_DEFAULT:
            text = "default"
        elif source == SOURCE_TYPED:
            text = "typed here"
        elif source == SOURCE_URL_TYPED:
            text = "URL: ****" if name == "password" else f"URL: {chosen[name]}"
        else:
            text = f"from {source}"
        if socket_used and name in ("host", "port"):
            text += " (unused: socket)"
        elif name == "socket" and chosen.get("socket") and not socket_used:
            text += " (unused: host wins)"
        result[name] = text
    if not url.strip():
        result["url"] = "optional; overrides below"
    else:
        result["url"] = "overrides the fields" if from_url_ok else "not a usable URL yet"
    return result
