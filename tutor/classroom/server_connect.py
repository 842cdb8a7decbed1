"""Reaching the class server: its URL, the connection, and errors that are safe to print.

A class URL is self-contained: unlike `tutor check-db`, nothing is taken from MYSQL_* variables
or ~/.my.cnf, so a student's own MySQL settings never leak into what the class server receives.
Every message here may be printed as it is: the password is never in one.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

from tutor.dbcheck.mysql_tls import tls_kwargs
from tutor.dbcheck.settings import (
    DEFAULT_HOST,
    DEFAULT_PORT,
    SOURCE_URL,
    TLS_REQUIRED,
    ConfigError,
    Settings,
    login_name,
    parse_port,
    parse_ssl_mode,
    parse_url,
)

CATEGORIES = ("unreachable", "access", "schema", "config", "other")
URL_FORM = "mysql://USER:PASSWORD@HOST:PORT/DATABASE[?ssl-mode=REQUIRED]"

# Driver errors by number (never by class, which differs between the pure and C drivers).
_UNREACHABLE_CODES = {2002, 2003, 2005, 2006, 2013, 2055}
_ACCESS_CODES = {1044, 1045, 1129, 1130, 1142, 1143, 1227, 1251, 1698, 2059, 1275}
_SCHEMA_CODES = {1054, 1136, 1146, 1364}
_NO_DATABASE = 1049
_TIMED_OUT = 3024  # the driver's read timed out (or the server's statement time limit)
_TLS_REQUIRED_BY_SERVER = 3159  # MySQL: the server refuses a connection without TLS


class ClassServerError(Exception):
    """A class-server failure, in words safe to print (never a password).

    `category` is one of CATEGORIES: "unreachable" (refused, timed out, unknown host, connection
    lost), "access" (bad login, missing rights), "schema" (the tables are newer than this tutor,
    or do not match it), "config" (a bad URL or name), "other". `code` is the server's or the
    driver's error number, when there is one.
    """

    def __init__(self, category: str, message: str, code: int | None = None) -> None:
        super().__init__(message)
        self.category = category
        self.message = message
        self.code = code

    def __repr__(self) -> str:
        return f"ClassServerError({self.category!r}, {self.message!r}, code={self.code!r})"


def parse_class_url(url: str, *, require_database: bool = True) -> Settings:
    """A mysql:// or mariadb:// URL as Settings; raises ClassServerError("config", ...).

    Student and instructor URLs must name the class database; an admin URL for `tutor class
    init` need not (`require_database=False`), e.g. mysql://root@localhost/?socket=/run/...
    """
    try:
        values = parse_url(url, label="class URL")
        port = parse_port(values.get("port", str(DEFAULT_PORT)), "class URL")
        ssl_mode = parse_ssl_mode(values["ssl_mode"], "class URL") if "ssl_mode" in values else None
    except ConfigError as error:
        hint = "" if "expected" in str(error) else f"; expected {URL_FORM}"
        raise ClassServerError("config", f"{error}{hint}") from None
    host = values.get("host", DEFAULT_HOST)
    if any(ch.isspace() for ch in host) or "/" in host:
        raise ClassServerError("config", f"host in class URL: {host!r} is not a host name")
    database = values.get("database")
    if require_database and not database:
        raise ClassServerError("config", f"the class URL names no database; expected {URL_FORM}")
    return Settings(
        host=host,
        port=port,
        user=values.get("user") or login_name(),
        password=values.get("password"),
        database=database,
        socket=values.get("socket"),
        ssl_mode=ssl_mode,
        ssl_ca=values.get("ssl_ca"),
        sources={name: SOURCE_URL for name in values},
    )


def masked_url(url: str) -> str:
    """The URL with its password replaced by ***; a URL that does not parse is shown only as
    far as its scheme, since the rest might hold a password."""
    try:
        values = parse_url(url, label="class URL")
    except ConfigError:
        scheme, sep, _rest = url.strip().partition("://")
        return f"{scheme[:30]}://***" if sep else "***"
    auth = quote(values.get("user", ""), safe="")
    if "password" in values:
        auth += ":***"
    netloc = f"{auth}@" if auth else ""
    host = values.get("host", "")
    host = f"[{host}]" if ":" in host else host
    port = f":{values['port']}" if "port" in values else ""
    scheme = url.strip().partition("://")[0]
    shown = f"{scheme}://{netloc}{host}{port}/{quote(values.get('database', ''))}"
    query = [
        f"{key}={values[name]}"
        for key, name in (("socket", "socket"), ("ssl-mode", "ssl_mode"), ("ssl-ca", "ssl_ca"))
        if name in values
    ]
    return shown + ("?" + "&".join(query) if query else "")


def connection_kwargs(
    settings: Settings, timeout: float, *, use_pure: bool = True, autocommit: bool = True
) -> dict[str, Any]:
    """mysql.connector.connect's arguments for `settings`, TLS per its ssl-mode, as
    `tutor check-db` connects (tutor.dbcheck.probe), with the database opened at login."""
    kwargs: dict[str, Any] = {
        "user": settings.user,
        "use_pure": use_pure,
        "connection_timeout": timeout,
        "autocommit": autocommit,
    }
    if settings.password is not None:
        kwargs["password"] = settings.password
    if settings.database:
        kwargs["database"] = settings.database
    if settings.uses_socket:
        kwargs["unix_socket"] = settings.socket
    else:
        kwargs["host"] = settings.host
        kwargs["port"] = settings.port
    return {**kwargs, **tls_kwargs(settings)}


def c_extension_available() -> bool:
    """Whether mysql.connector's C extension loads here (it reads rows several times faster);
    it does not when the wheel was built against a newer OpenSSL than the system has."""
    import mysql.connector

    return bool(mysql.connector.HAVE_CEXT)


def connect(
    url: str | Settings,
    timeout: float = 10.0,
    *,
    autocommit: bool = True,
    prefer_c_extension: bool = False,
) -> Any:
    """An open mysql.connector connection to the class server; raises ClassServerError.

    `prefer_c_extension` uses the C driver when it loads (for reading many rows), else the
    pure-Python one, which is what everything else uses.
    """
    settings = url if isinstance(url, Settings) else parse_class_url(url, require_database=False)
    import mysql.connector  # lazily: importing it costs about 0.2 s

    driver_log = logging.getLogger("mysql.connector")
    if not driver_log.handlers:  # keep its warnings off the learner's terminal
        driver_log.addHandler(logging.NullHandler())
    use_pure = not (prefer_c_extension and c_extension_available())
    kwargs = connection_kwargs(settings, timeout, use_pure=use_pure, autocommit=autocommit)
    try:
        conn = mysql.connector.connect(**kwargs)
    except Exception as error:
        raise driver_error(error, settings) from None
    if settings.ssl_mode in TLS_REQUIRED:
        _require_encryption(conn, settings)
    return conn


def _require_encryption(conn: Any, settings: Settings) -> None:
    """The driver falls back to an unencrypted session when the server offers no TLS; a URL
    with ssl-mode=REQUIRED (or stricter) must not, so check, as `tutor check-db` does."""
    try:
        cursor = conn.cursor()
        cursor.execute("SHOW SESSION STATUS LIKE 'Ssl_cipher'")
        row = cursor.fetchone()
        cursor.close()
    except Exception as error:
        conn.close()
        raise driver_error(error, settings) from None
    if not row or not row[1]:
        conn.close()
        raise ClassServerError(
            "config",
            f"the URL asks for ssl-mode={settings.ssl_mode}, but the session with the server"
            f"{_where(settings)} is not encrypted (the server offers no TLS); nothing was sent",
        )


def driver_error(error: Exception, settings: Settings | None = None) -> ClassServerError:
    """A driver or socket failure as a ClassServerError, by error number."""
    import mysql.connector

    password = settings.password if settings is not None else None
    if isinstance(error, ClassServerError):
        return error
    if not isinstance(error, mysql.connector.Error):
        text = _scrub(f"{type(error).__name__}: {error}", password)
        if isinstance(error, (TimeoutError, ConnectionError)):
            return ClassServerError("unreachable", f"the class server did not answer ({text})")
        return ClassServerError("other", text)
    code = error.errno if isinstance(error.errno, int) and error.errno > 0 else None
    text = " ".join(_scrub(error.msg or str(error), password).split())
    where = _where(settings)
    if code == _TIMED_OUT or "timed out" in text.lower():
        return ClassServerError(
            "unreachable", f"the class server{where} did not answer in time", code
        )
    if code in _UNREACHABLE_CODES:
        return ClassServerError(
            "unreachable", f"cannot reach the class server{where}: {text}", code
        )
    if code in _ACCESS_CODES:
        return ClassServerError("access", f"the class server refused{where}: {text}", code)
    if code in _SCHEMA_CODES:
        return ClassServerError(
            "schema",
            f"the class database's tables do not match this tutor ({text}); the class may use "
            "a newer schema: upgrade tutor",
            code,
        )
    if code == _NO_DATABASE:
        return ClassServerError(
            "config", f"{text}: check the database in the URL, or run 'tutor class init'", code
        )
    if code == _TLS_REQUIRED_BY_SERVER:
        return ClassServerError("config", f"{text}: add ?ssl-mode=REQUIRED to the class URL", code)
    return ClassServerError("other", f"the class server answered{where}: {text}", code)


def _where(settings: Settings | None) -> str:
    if settings is None:
        return ""
    if settings.uses_socket:
        return f" at {settings.socket}"
    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    return f" at {host}:{settings.port}"


def _scrub(text: str, password: str | None) -> str:
    """Belt and braces: a driver message should never hold the password, but if it did..."""
    return text.replace(password, "***") if password else text
