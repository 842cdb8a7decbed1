"""Advice: what a check that passed still has to teach, in plain words (never a failure).

Each builder takes facts the check read (read only) and returns an `Advice` or None. The CLI and
the Check MySQL screen render whatever advice a result carries; they never decide it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tutor.dbcheck.result import Advice

LEAST_PRIVILEGE = "least-privilege"
# Privileges on *.* that reach past an app's own database: with any of them, a bug, an attacker
# in the app or a leaked password can harm every database on the server.
SERVER_WIDE = ("ALL PRIVILEGES", "SUPER", "DROP", "CREATE USER", "GRANT OPTION", "SHUTDOWN", "FILE")
_CAN_DROP_ALL = ("ALL PRIVILEGES", "DROP")
_GLOBAL_GRANT = re.compile(r"^\s*GRANT\s+(?P<privileges>.+?)\s+ON\s+\*\.\*\s+TO\s", re.I)
_WITH_GRANT_OPTION = re.compile(r"\bWITH\s+GRANT\s+OPTION\b", re.I)


def server_wide_privileges(grants: Iterable[str]) -> list[str]:
    """The SERVER_WIDE privileges that `SHOW GRANTS` lines give on *.*, in SERVER_WIDE order."""
    found: set[str] = set()
    for line in grants:
        match = _GLOBAL_GRANT.match(line)
        if match is None:
            continue
        found.update(" ".join(p.split()).upper() for p in match["privileges"].split(","))
        if _WITH_GRANT_OPTION.search(line):
            found.add("GRANT OPTION")
    return [privilege for privilege in SERVER_WIDE if privilege in found]


def split_account(account: str) -> tuple[str, str]:
    """ "root@localhost" -> ("root", "localhost"); a user name may itself contain "@"."""
    user, at, host = account.rpartition("@")
    return (user, host) if at else (account, "")


def _sql_string(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'"


def _sql_name(value: str) -> str:
    return "`" + value.replace("`", "``") + "`"


def least_privilege(
    *,
    account: str,
    client: str,
    grants: Iterable[str],
    database: str | None,
    password_given: bool,
    via_socket: bool,
) -> Advice | None:
    """Advice when the app would log in as root or with rights over the whole server.

    `account` is CURRENT_USER() (the account the server matched), `client` the host part of
    USER() (this machine as the server sees it), `grants` the lines of SHOW GRANTS.
    """
    user, _ = split_account(account)
    powers = server_wide_privileges(grants)
    is_root = user == "root"
    if not is_root and not powers:
        return None
    unguarded = ""
    if is_root:
        title = "An app should not log in as root"
        found = "You logged in as **root**, the server's administrator account."
        if not password_given and not via_socket:
            unguarded = (
                " Here root needs no password at all: anything that reaches the server can log"
                " in as root."
            )
    else:
        title = "An app should not use an account with rights over the whole server"
        found = f"The account **{user}** holds {', '.join(powers)} on every database (`*.*`)."
    if is_root or any(p in powers for p in _CAN_DROP_ALL):
        harm = "can drop every database on the server, not only its own"
    else:
        harm = "can act on the whole server, not only on its own database"
    who = "root" if is_root else "such an account"
    name = _sql_name(database) if database else "`app_db`"
    app = f"'app'@{_sql_string(client or 'localhost')}"
    text = (
        f"{found} Fine for a quick look, but an app should log in with only the rights it needs"
        f" (*least privilege*): an app logged in as {who} {harm}, and a leaked password (in a"
        f" log, a repository, a screenshot) then gives everything away.{unguarded}"
        "\n\nCreate an account for the app, limited to its own database, and put it in the"
        " app's settings (`DATABASE_URL`, or `MYSQL_USER` and `MYSQL_PASSWORD`):"
        "\n\n```sql\n"
        f"CREATE USER {app} IDENTIFIED BY 'a-long-random-password';\n"
        f"GRANT ALL PRIVILEGES ON {name}.* TO {app};\n"
        "```\n\n"
        "An app that only reads and writes rows needs no more than"
        " `SELECT, INSERT, UPDATE, DELETE` there."
    )
    return Advice(kind=LEAST_PRIVILEGE, title=title, text=text)
