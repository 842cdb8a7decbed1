"""Plain words for each failure category (and MySQL error number): what happened, and the fix.

A message is plain text (the technical detail the server sent is appended to it); a hint is
short Markdown, so commands and SQL go in `code` spans: the CLI and the Check MySQL screen render
it, and JSON keeps it as written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.dbcheck.result import Detected

# (message, hint) per category; some categories have a finer entry per error number below.
_BY_CATEGORY: dict[str, tuple[str, str]] = {
    "config": (
        "The settings cannot be used as they are.",
        "Fix the part named above: a URL looks like `mysql://USER:PASSWORD@HOST:3306/DATABASE` "
        "(percent-encode special characters in the password), the port is a number from 1 to "
        "65535, and ssl-mode is one of DISABLED, PREFERRED, REQUIRED, VERIFY_CA, VERIFY_IDENTITY.",
    ),
    "dns": (
        "The host name could not be turned into an address.",
        "Check the spelling of the host in your URL or `MYSQL_HOST`. A name only another machine "
        "knows (a compose service name, a private DNS name) does not resolve here; use an IP "
        "address or run the check where the app runs.",
    ),
    "refused": (
        "Nothing is listening at that address: the connection was refused.",
        "Start the server (for example `sudo systemctl start mariadb`), or fix the port. If the "
        "server runs on another machine, its bind-address may only allow local connections, or "
        "a firewall rejects the port.",
    ),
    "timeout": (
        "No answer in time: the packets seem to vanish on the way.",
        "A firewall or security group is probably dropping traffic to that port, or the host is "
        "down. Check the address, open the port for this machine, or give a longer `--timeout`.",
    ),
    "unreachable": (
        "There is no network route to that host.",
        "Check the address and that this machine is on the right network (VPN, VPC, Wi-Fi). "
        "An address from another private network is not reachable from here.",
    ),
    "not-recognised": (
        "Something listens at that address, but tutor does not recognise it as the service "
        "asked for, nor as any other service it knows.",
        "Point the check at the service's own port (usually 3306 for MySQL, 5432 for "
        "PostgreSQL, 6379 for Redis). `sudo ss -ltnp` on the server's machine shows which "
        "program listens on which port.",
    ),
    "wrong-service": (
        "Another service answers at that address.",
        "Point the check at the right port, or check that service with its own URL.",
    ),
    "tls": (
        "An encrypted (TLS) connection was required but could not be set up.",
        "Either enable TLS on the server (`ssl_cert` and `ssl_key` in its config, then "
        "restart), or, only for a local server you trust, lower ssl-mode to PREFERRED or "
        "DISABLED.",
    ),
    "auth": (
        "The server refused the user name and password.",
        "Check the user and password (`MYSQL_USER` and `MYSQL_PASSWORD`, or the URL; "
        "percent-encode special characters). An administrator can reset it: "
        "`ALTER USER 'u'@'host' IDENTIFIED BY '...';`",
    ),
    "host-not-allowed": (
        "The server does not accept connections from this machine's address.",
        "The account is defined for other hosts only. An administrator can create it for this "
        "client: `CREATE USER 'u'@'THIS-ADDRESS' IDENTIFIED BY '...';` (or `'%'` for any host), "
        "then `GRANT` it the rights it needs.",
    ),
    "auth-plugin": (
        "The server asks for a login method this client cannot do.",
        "Switch the account to a common method: `ALTER USER 'u'@'host' IDENTIFIED WITH "
        "mysql_native_password BY '...';` (on MariaDB: `IDENTIFIED VIA mysql_native_password "
        "USING PASSWORD('...')`).",
    ),
    "no-database": (
        "Logged in, but the database cannot be opened: it does not exist, or this user has "
        "no rights on it.",
        "Check the database name for typos, create it (`CREATE DATABASE name;`), and grant the "
        "user rights on it (`GRANT ALL ON name.* TO 'u'@'host';`). MariaDB answers 1044 "
        "instead of 1049 when the user has no rights on a database that does not exist.",
    ),
    "other": (
        "The check failed for a reason it does not recognise.",
        "Read the server's message above; try the same settings with the `mysql` client "
        "(`mysql -h HOST -P PORT -u USER -p`) to see more.",
    ),
    "ok": ("Connected, logged in and ran a query.", "Nothing to fix."),
}

_BY_CODE: dict[int, tuple[str, str]] = {
    # MariaDB answers 1698 for a unix_socket account, and for a user name that has no account
    # when the account it picks to fake a login for that name (by a hash of the name) is a
    # unix_socket one; from the client side the two cannot be told apart.
    1698: (
        "The server refused the login, and MariaDB gives this answer (1698) in two cases: this "
        "account logs in only through the unix socket (as the operating-system user of the same "
        "name, never with a password), or there is no account of that name at all.",
        "To tell which, run `SELECT user, host, plugin FROM mysql.user;` as an administrator "
        "on the server (for example in `sudo mariadb`).\n\n"
        "**Not listed:** there is no such account. Create one with a password: "
        "`CREATE USER 'app'@'localhost' IDENTIFIED BY '...';` then "
        "`GRANT ALL ON db.* TO 'app'@'localhost';`\n\n"
        "**Listed with the plugin unix_socket** (`SHOW CREATE USER 'name'@'host';` shows every "
        "login method): the account never takes a password. Run the check as that system user "
        "over the socket (`?unix_socket=/run/mysqld/mysqld.sock`), or better, give the app its "
        "own account with a password.",
    ),
    1129: (
        "The server has blocked this machine's address after too many broken connections.",
        "An administrator can unblock it with `mariadb-admin flush-hosts` (or `FLUSH HOSTS;`), "
        "then raise `max_connect_errors` if health checks keep tripping it.",
    ),
    1251: (
        "The server asks for an authentication protocol the client does not support.",
        _BY_CATEGORY["auth-plugin"][1],
    ),
    1275: (
        "The account has a password in the old pre-4.1 format, which the server refuses.",
        "Set the password again so it is stored in the current format: "
        "`ALTER USER 'u'@'host' IDENTIFIED BY '...';`",
    ),
    2026: (
        "The TLS handshake or certificate check failed.",
        "For VERIFY_CA / VERIFY_IDENTITY give the CA that signed the server certificate "
        "(`?ssl-ca=/path/ca.pem`, or `ssl-ca` in `~/.my.cnf`), and connect with the host name "
        "written in the certificate.",
    ),
}

CODE_CATEGORY: dict[int, str] = {
    1045: "auth",
    1698: "auth",
    1129: "host-not-allowed",
    1130: "host-not-allowed",
    2059: "auth-plugin",
    1251: "auth-plugin",
    1275: "auth-plugin",
    1049: "no-database",
    1044: "no-database",
    2026: "tls",
}


def category_for_code(code: int | None) -> str:
    return CODE_CATEGORY.get(code, "other") if code is not None else "other"


def diagnose(category: str, code: int | None = None, detail: str | None = None) -> tuple[str, str]:
    """The plain-words message (with the technical detail appended) and the hint for a failure."""
    fallback = _BY_CATEGORY.get(category, _BY_CATEGORY["other"])
    message, hint = _BY_CODE.get(code, fallback) if code is not None else fallback
    if detail:
        message = f"{message} ({detail})"
    return message, hint


def diagnose_recognition(
    category: str,
    *,
    expected: str,
    port: int,
    detected: Detected | None = None,
    detail: str | None = None,
    socket: str | None = None,
) -> tuple[str, str]:
    """Message and hint for "wrong-service" (`detected` names what answers) and
    "not-recognised", for any check: `expected` is the service asked for ("mysql", ...).

    For wrong-service the message is `detail` (by default detect.wrong_service_message),
    capitalised; it names the URL to try and never a password. `socket`: the unix socket the
    check went through, if any (then `port` is not where it went).
    """
    from tutor.dbcheck.detect import DEFAULT_PORTS, SERVICE_NAMES, wrong_service_message

    wanted = SERVICE_NAMES.get(expected, expected)
    usual = DEFAULT_PORTS.get(expected)
    where_usual = f"{wanted} usually listens on {usual}" if usual else f"{wanted} is elsewhere"
    if category != "wrong-service" or detected is None:
        message = (
            f"Something listens at that address, but tutor does not recognise it as {wanted}, "
            "nor as any other service it knows."
        )
        look = f"`sudo ss -ltnp 'sport = :{port}'`"
        if socket:
            look = f"`sudo ss -lxp | grep {socket}`"
        hint = (
            f"Point the check at the {wanted} port ({where_usual}). To see which program "
            f"listens there, run {look} on the server's machine."
        )
        return (f"{message} ({detail})" if detail else message), hint
    said = detail or wrong_service_message(detected, expected, port, socket=socket)
    message = said[:1].upper() + said[1:]
    fix_port = (
        f"If you meant {wanted}, the port is wrong: {where_usual}. Fix it at its source: the "
        "URL, an environment variable or a config file (the check lists where each setting "
        "came from)."
    )
    if detected.suggested_url:
        url = detected.suggested_url
        blanks = [word for word in ("USER", "DATABASE") if f"/{word}" in url or f"{word}@" in url]
        fill = "".join(f" Put your {word.lower()} name in place of {word}." for word in blanks)
        if url.startswith("redis"):
            secret = "If it needs a password: `redis://:PASSWORD@HOST:PORT/0`."
        else:
            secret = "If it needs a password, it goes after the user name: `USER:PASSWORD@`."
        hint = f"If you meant to check {detected.name}, use its URL: `{url}`.{fill} {secret}"
        hint += f"\n\n{fix_port}"
    else:
        where = f"The unix socket {socket}" if socket else f"Port {port}"
        hint = f"{where} belongs to {detected.name}, which tutor does not check.\n\n{fix_port}"
    return message, hint


PLACEMENT_WORDS = {
    "internal": (
        "an internal backing service: it runs on the same host as this app. That is what the "
        "lessons recommend for a local or development environment; in production they "
        "recommend an external one."
    ),
    "external": (
        "an external backing service: it runs on another host and is reached over the network. "
        "That is what the lessons recommend for production (and staging, to mirror it); for a "
        "local or development environment they recommend an internal one."
    ),
}
