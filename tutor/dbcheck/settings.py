"""Where the MySQL settings come from: a URL, DATABASE_URL, MYSQL_* variables, ~/.my.cnf, defaults.

For each setting the first source that gives a value wins, and the source is recorded so the
learner sees *why* a value is what it is (config lives in the environment, as the lessons teach).
The password is kept out of every repr, display form and error message.
"""

from __future__ import annotations

import configparser
import getpass
import os
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 3306
SSL_MODES = ("DISABLED", "PREFERRED", "REQUIRED", "VERIFY_CA", "VERIFY_IDENTITY")
TLS_REQUIRED = ("REQUIRED", "VERIFY_CA", "VERIFY_IDENTITY")  # the ssl-modes that insist on TLS
SCHEMES = ("mysql", "mariadb")

# Sources, highest priority first. The env variable names themselves are used as source labels.
SOURCE_URL = "URL argument"
SOURCE_DATABASE_URL = "DATABASE_URL"
SOURCE_MYCNF = "~/.my.cnf [client]"
SOURCE_DEFAULT = "default"

_ENV_VARS: dict[str, tuple[str, ...]] = {
    "host": ("MYSQL_HOST",),
    "port": ("MYSQL_PORT", "MYSQL_TCP_PORT"),
    "socket": ("MYSQL_UNIX_PORT",),
    "user": ("MYSQL_USER",),
    "password": ("MYSQL_PASSWORD", "MYSQL_PWD"),
    "database": ("MYSQL_DATABASE",),
}
_MYCNF_KEYS: dict[str, tuple[str, ...]] = {
    "host": ("host",),
    "port": ("port",),
    "socket": ("socket",),
    "user": ("user",),
    "password": ("password",),
    "database": ("database",),
    "ssl_mode": ("ssl_mode",),
    "ssl_ca": ("ssl_ca",),
}
_QUERY_KEYS = {
    "ssl-mode": "ssl_mode",
    "ssl_mode": "ssl_mode",
    "sslmode": "ssl_mode",
    "unix_socket": "socket",
    "unix-socket": "socket",
    "socket": "socket",
    "ssl-ca": "ssl_ca",
    "ssl_ca": "ssl_ca",
}


class ConfigError(Exception):
    """A setting that cannot be used; `part` names what is wrong (e.g. "port in DATABASE_URL")."""

    def __init__(self, part: str, message: str) -> None:
        super().__init__(f"{part}: {message}")
        self.part = part
        self.message = message

    def __repr__(self) -> str:
        return f"ConfigError(part={self.part!r}, message={self.message!r})"


SERVICES = ("mysql", "postgresql", "redis")
# How each service's URL starts in display_url; the schemes each accepts are in its resolver.
SERVICE_SCHEMES = {"mysql": "mysql", "postgresql": "postgres", "redis": "redis"}


@dataclass(frozen=True)
class Settings:
    """Where to connect, and why each value is what it is (`sources`). The same shape serves
    every service: `database` is MySQL's or PostgreSQL's database, or Redis's database number
    as text; `ssl_mode` is MySQL's ssl-mode, PostgreSQL's sslmode, or "REQUIRED" for rediss://.
    """

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    user: str = ""
    password: str | None = field(default=None, repr=False)
    database: str | None = None
    socket: str | None = None
    ssl_mode: str | None = None
    ssl_ca: str | None = None
    sources: Mapping[str, str] = field(default_factory=dict)
    service: str = "mysql"

    @property
    def uses_socket(self) -> bool:
        """Use the unix socket: one is set, from a source at least as high as the host's."""
        return socket_wins(self.socket, self.sources)

    def display_url(self) -> str:
        """The target as a URL with the password masked: mysql://tutor:****@host:3306/db."""
        auth = quote(self.user, safe="")
        if self.password:
            auth += ":****"
        netloc = f"{auth}@" if auth else ""
        scheme = SERVICE_SCHEMES.get(self.service, self.service)
        if self.service == "redis" and self.ssl_mode == "REQUIRED":
            scheme = "rediss"
        url = f"{scheme}://{netloc}{_bracket(self.host)}:{self.port}/{quote(self.database or '')}"
        query = []
        if self.uses_socket:
            query.append(f"unix_socket={self.socket}")
        if self.ssl_mode and self.service == "mysql":
            query.append(f"ssl-mode={self.ssl_mode}")
        elif self.ssl_mode and self.service == "postgresql":
            query.append(f"sslmode={self.ssl_mode}")
        return url + ("?" + "&".join(query) if query else "")

    def __repr__(self) -> str:
        masked = "'****'" if self.password else "None"
        return (
            f"Settings(host={self.host!r}, port={self.port!r}, user={self.user!r}, "
            f"password={masked}, database={self.database!r}, socket={self.socket!r}, "
            f"ssl_mode={self.ssl_mode!r}, ssl_ca={self.ssl_ca!r}, sources={dict(self.sources)!r}, "
            f"service={self.service!r})"
        )

    __str__ = __repr__


def socket_wins(
    socket: str | None, sources: Mapping[str, str], first: Collection[str] = (SOURCE_URL,)
) -> bool:
    """The socket-first rule: connect over `socket` when one is set and its source ranks at
    least as high as the host's, so a host in the URL beats a socket in ~/.my.cnf.

    `first` names the sources given directly, which outrank the chain: the URL argument for
    `tutor check-db`; what the learner typed for the Check MySQL form. A setting without a
    source ranks last.
    """
    if not socket:
        return False
    return _rank(sources.get("socket"), first) <= _rank(sources.get("host"), first)


def login_name() -> str:
    """The default user: this OS account's login name, or "root" when it has none."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "root"


def _rank(source: str | None, first: Collection[str]) -> int:
    if source is None:
        return 99
    if source in first:
        return 0
    if source == SOURCE_DATABASE_URL:
        return 1
    if source.startswith("MYSQL_"):
        return 2
    if source == SOURCE_MYCNF:
        return 3
    return 4


def _bracket(host: str) -> str:
    return f"[{host}]" if ":" in host else host


# -- URLs: the shape every service's URL shares, split once -----------------------------------
# scheme://USERINFO@HOST:PORT/PATH?QUERY. MySQL, PostgreSQL and Redis differ in what the parts
# mean; the split itself, and its one safety check, are the same: a password with an unencoded
# / ? or # is refused without ever being echoed.


@dataclass(frozen=True)
class UrlParts:
    scheme: str  # lower case, as matched against the service's schemes
    userinfo: str | None  # what stands before '@' (still percent-encoded); None without '@'
    hostport: str
    path: str  # after the first '/', still percent-encoded
    query: str


def split_url(
    url: str,
    *,
    label: str,
    schemes: Collection[str],
    form: str,
    expected: str,
    driver_suffix: bool = False,
) -> UrlParts:
    """Split `url`, or raise ConfigError naming the part that is wrong. `form` is the shape
    shown for text that is no URL at all, `expected` the schemes named for an unknown one;
    `driver_suffix` accepts SCHEME+DRIVER:// (SQLAlchemy's spelling)."""
    scheme, sep, rest = url.strip().partition("://")
    if not sep:
        raise ConfigError(label, f"not a URL; expected {form}")
    key = scheme.lower().split("+", 1)[0] if driver_suffix else scheme.lower()
    if key not in schemes:
        shown = scheme if len(scheme) <= 30 else scheme[:30] + "..."
        raise ConfigError(f"scheme in {label}", f"unknown scheme {shown!r}; expected {expected}")
    cut = min((i for i in (rest.find(c) for c in "/?#") if i >= 0), default=len(rest))
    if "@" not in rest[:cut] and "@" in rest[cut:]:
        # Most likely a password with an unencoded / ? or #: never echo any of it.
        raise ConfigError(
            f"password in {label}",
            "contains a character that must be percent-encoded (/ ? # as %2F %3F %23)",
        )
    rest = rest.partition("#")[0]
    rest, _, query = rest.partition("?")
    netloc, _, path = rest.partition("/")
    userinfo, at, hostport = netloc.rpartition("@")
    return UrlParts(key, userinfo if at else None, hostport, path, query)


def split_hostport(hostport: str, label: str) -> tuple[str, str | None]:
    """(host, port or None); an IPv6 address in brackets keeps its colons."""
    if hostport.startswith("["):
        host, bracket, after = hostport[1:].partition("]")
        if not bracket:
            raise ConfigError(f"host in {label}", "an IPv6 address must end with ']'")
        if after and not after.startswith(":"):
            raise ConfigError(f"host in {label}", f"unexpected {after!r} after the IPv6 address")
        return host, (after[1:] if after else None)
    host, colon, port = hostport.partition(":")
    return unquote(host), (port if colon else None)


def user_and_password(userinfo: str | None, values: dict[str, str]) -> None:
    """USER[:PASSWORD] into `values` (decoded), for the services where a bare word is a user."""
    if userinfo is None:
        return
    user, colon, password = userinfo.partition(":")
    if user:
        values["user"] = unquote(user)
    if colon:
        values["password"] = unquote(password)


def parse_url(url: str, *, label: str = SOURCE_URL) -> dict[str, str]:
    """Split a MySQL URL into raw setting strings (still to be validated). Raises ConfigError."""
    parts = split_url(
        url,
        label=label,
        schemes=SCHEMES,
        form="mysql://USER:PASSWORD@HOST:PORT/DATABASE",
        expected="mysql:// (or mysql+DRIVER://)",
        driver_suffix=True,
    )
    values: dict[str, str] = {}
    user_and_password(parts.userinfo, values)
    host, port = split_hostport(parts.hostport, label)
    if host:
        values["host"] = host
    if port is not None:
        values["port"] = port
    database = unquote(parts.path.strip("/"))
    if "/" in database:
        raise ConfigError(f"database in {label}", "a database name cannot contain '/'")
    if database:
        values["database"] = database
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        name = _QUERY_KEYS.get(key.lower())
        if name and value:
            values[name] = value
    return values


def parse_port(value: str, part: str) -> int:
    text = str(value).strip()
    if not text.isdigit():
        raise ConfigError(f"port from {part}", f"{text!r} is not a number")
    port = int(text)
    if not 1 <= port <= 65535:
        raise ConfigError(f"port from {part}", f"{port} is out of range (1-65535)")
    return port


def parse_ssl_mode(value: str, part: str) -> str:
    mode = value.strip().upper().replace("-", "_")
    if mode not in SSL_MODES:
        raise ConfigError(
            f"ssl-mode from {part}", f"{value!r} is not one of {', '.join(SSL_MODES)}"
        )
    return mode


def read_mycnf(path: Path) -> dict[str, str]:
    """The [client] section of a my.cnf, tolerantly: !include lines, keys without values, quotes."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {}
    lines = [ln for ln in text.splitlines() if not ln.lstrip().startswith("!")]
    parser = configparser.RawConfigParser(
        allow_no_value=True, strict=False, comment_prefixes=("#", ";"), inline_comment_prefixes=None
    )
    try:
        parser.read_string("[__top__]\n" + "\n".join(lines))
    except configparser.Error:
        return {}
    if not parser.has_section("client"):
        return {}
    found: dict[str, str] = {}
    for key, value in parser.items("client"):
        if value is None:
            continue
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        found[key.strip().lower().replace("-", "_")] = value
    return found


def resolve_settings(
    url: str | None, env: Mapping[str, str] = os.environ, home: Path | None = None
) -> Settings | ConfigError:
    """Resolve every setting from its first source; returns a ConfigError instead of raising."""
    try:
        return _resolve(url, env, Path.home() if home is None else home)
    except ConfigError as error:
        return error


def _resolve(url: str | None, env: Mapping[str, str], home: Path) -> Settings:
    layers: list[tuple[str, dict[str, str]]] = []
    if url:
        layers.append((SOURCE_URL, parse_url(url, label=SOURCE_URL)))
    if env.get("DATABASE_URL"):
        layers.append(
            (SOURCE_DATABASE_URL, parse_url(env["DATABASE_URL"], label=SOURCE_DATABASE_URL))
        )
    for name, variables in _ENV_VARS.items():
        for variable in variables:
            if env.get(variable):
                layers.append((variable, {name: env[variable]}))
                break
    mycnf = read_mycnf(home / ".my.cnf")
    cnf_values = {
        name: mycnf[key]
        for name, keys in _MYCNF_KEYS.items()
        for key in keys
        if mycnf.get(key) not in (None, "")
    }
    layers.append((SOURCE_MYCNF, cnf_values))

    chosen: dict[str, str] = {}
    sources: dict[str, str] = {}
    for source, values in layers:
        for name, value in values.items():
            if name not in chosen:
                chosen[name], sources[name] = value, source
    for name, default in (
        ("host", DEFAULT_HOST),
        ("port", str(DEFAULT_PORT)),
        ("user", login_name()),
    ):
        if name not in chosen:
            chosen[name], sources[name] = default, SOURCE_DEFAULT

    port = parse_port(chosen["port"], sources["port"])
    ssl_mode = chosen.get("ssl_mode")
    if ssl_mode is not None:
        ssl_mode = parse_ssl_mode(ssl_mode, sources["ssl_mode"])
    host = chosen["host"]
    if any(ch.isspace() for ch in host) or "/" in host:
        raise ConfigError(f"host from {sources['host']}", f"{host!r} is not a host name")
    return Settings(
        host=host,
        port=port,
        user=chosen["user"],
        password=chosen.get("password"),
        database=chosen.get("database") or None,
        socket=chosen.get("socket") or None,
        ssl_mode=ssl_mode,
        ssl_ca=chosen.get("ssl_ca") or None,
        sources=sources,
    )
