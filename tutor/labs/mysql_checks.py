"""The MySQL checks of a lab. Each reads only (SELECT, SHOW GRANTS, information_schema).

Every check first reads the learner's settings as `tutor check-db` does, applies the `source:`
rule, and runs the staged check of tutor.dbcheck, so a failure to connect or to log in gets that
check's own diagnosis. mysql-login and mysql-placement use the settings as they are, database
included. The others then open a second session with the same settings but no database (each
names the database it looks at), through the same driver and options as the staged check, and
query. Each check keeps within one time budget; a cancel ends it between two waits.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any, TypeVar

from tutor.dbcheck.advice import server_wide_privileges, split_account
from tutor.dbcheck.probe import _connect_driver, _text
from tutor.dbcheck.result import CheckResult
from tutor.dbcheck.settings import Settings
from tutor.dbcheck.wire import Budget, OutOfTime, call_bounded
from tutor.labs.grants import has_rights_on, parse_grants, problems
from tutor.labs.login import check_failure, resolve, run_service, source_problem
from tutor.labs.outcome import CheckOutcome, Context, failed, passed

T = TypeVar("T")
Params = Mapping[str, str | int]
Query = Callable[..., list[tuple[Any, ...]]]
_ADMIN = "As an administrator of the server (for example in `sudo mariadb`), run:"
_CAN_DROP_ALL = ("ALL PRIVILEGES", "DROP")


class _Driver(Exception):
    """A query the server refused: its error number and message (never a password)."""

    def __init__(self, code: int | None, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


def where(settings: Settings) -> str:
    if settings.uses_socket:
        return f"the unix socket {settings.socket}"
    return f"{settings.host}:{settings.port}"


def _logged_in(
    kind: str, params: Params, ctx: Context, budget: Budget, *, keep_database: bool = False
) -> tuple[Settings, CheckResult] | CheckOutcome:
    """The settings and a staged check that logged in; or the failed outcome that says why."""
    settings = resolve(kind, "mysql", ctx)
    if isinstance(settings, CheckOutcome):
        return settings
    source = params.get("source")
    if source:
        problem = source_problem(kind, settings, str(source), ctx)
        if problem is not None:
            return problem
    if not keep_database:
        settings = replace(settings, database=None)
    result = run_service(settings, budget)
    if not result.ok:
        return check_failure(kind, settings, result)
    return settings, result


def _session(settings: Settings, budget: Budget, work: Callable[[Query], T]) -> T:
    """Log in once more and run `work(query)` in a worker thread, within the budget.

    `query(sql, *args)` returns the rows, or raises _Driver when the server refuses it.
    Raises OutOfTime or Cancelled (tutor.dbcheck.wire) when the budget runs out or is cancelled.
    """
    abandoned = threading.Event()

    def run() -> T:
        conn = _connect_driver(settings, None, max(0.1, budget.remaining()))
        try:

            def query(sql: str, *args: Any) -> list[tuple[Any, ...]]:
                if abandoned.is_set():
                    raise OutOfTime()
                cursor = conn.cursor()
                try:
                    cursor.execute(sql, args or None)
                    return [tuple(_text(v) for v in row) for row in cursor.fetchall()]
                except Exception as error:
                    code = getattr(error, "errno", None)
                    text = getattr(error, "msg", None) or str(error)
                    raise _Driver(code if isinstance(code, int) else None, text) from None
                finally:
                    cursor.close()

            return work(query)
        finally:
            with contextlib.suppress(Exception):  # the connection may already be broken
                conn.close()

    try:
        return call_bounded(run, budget)
    except BaseException:
        abandoned.set()
        raise


def _out_of_time(kind: str, what: str, ctx: Context) -> CheckOutcome:
    return failed(
        kind,
        f"logged in, but {what} did not finish within {ctx.timeout:g} s",
        "The server is slow to answer: check again. If it keeps happening, run "
        "`tutor check-db` to see where the time goes.",
    )


def _name(value: str) -> str:
    """A database or table name for SQL the learner can copy: bare when it is plain."""
    plain = value.replace("_", "").replace("$", "").isalnum() and value.isascii()
    return value if plain and not value[0].isdigit() else "`" + value.replace("`", "``") + "`"


def _sql_string(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def _account_sql(account: str) -> str:
    """ "app@127.0.0.1" -> 'app'@'127.0.0.1', for SQL the learner can copy."""
    user, host = split_account(account)
    return f"{_sql_string(user)}@{_sql_string(host or '%')}"


def mysql_login(params: Params, ctx: Context) -> CheckOutcome:
    kind = "mysql-login"
    got = _logged_in(kind, params, ctx, ctx.budget(), keep_database=True)
    if isinstance(got, CheckOutcome):
        return got
    settings, _ = got
    opened = f" and opened the database {settings.database}" if settings.database else ""
    origin = settings.sources.get("host", "default")
    return passed(
        kind,
        f"logged in as {settings.user} at {where(settings)}{opened} (host from {origin})",
    )


def mysql_placement(params: Params, ctx: Context) -> CheckOutcome:
    kind = "mysql-placement"
    expect = str(params.get("expect", ""))
    settings = resolve(kind, "mysql", ctx)
    if isinstance(settings, CheckOutcome):
        return settings
    source = params.get("source")
    if source and (problem := source_problem(kind, settings, str(source), ctx)) is not None:
        return problem
    result = run_service(settings, ctx.budget())
    return placement_outcome(kind, "MySQL", settings, result, expect)


def placement_outcome(
    kind: str, name: str, settings: Settings, result: CheckResult, expect: str
) -> CheckOutcome:
    """Pass when the check's placement verdict is `expect` (tutor.dbcheck.placement decides)."""
    if result.placement is None:
        return check_failure(kind, settings, result)
    found = f"{name} at {where(settings)} is {result.placement} ({result.placement_reason})"
    if result.placement == expect:
        return passed(kind, found)
    if expect == "internal":
        fix = (
            f"The lab wants {name} on this machine: run the server here (a package or a "
            "container on this machine) and point the settings at it: `127.0.0.1` or "
            "`localhost`."
        )
    else:
        fix = (
            f"The lab wants {name} on another host: point the settings at that server's "
            "address (another machine or a managed database), not at this machine."
        )
    return failed(kind, f"{found}, not {expect}", fix)


def mysql_database(params: Params, ctx: Context) -> CheckOutcome:
    kind = "mysql-database"
    name = str(params["name"])
    budget = ctx.budget()
    got = _logged_in(kind, params, ctx, budget)
    if isinstance(got, CheckOutcome):
        return got
    settings, _ = got
    sql = "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = %s"

    def work(query: Query) -> tuple[str, bool]:
        account = query("SELECT CURRENT_USER()")[0][0]
        return account, any(row[0] == name for row in query(sql, name))

    try:
        account, exists = _session(settings, budget, work)
    except OutOfTime:
        return _out_of_time(kind, "looking for the database", ctx)
    except _Driver as error:
        return failed(kind, f"looking for the database {name}: {error.message}", _ADMIN_HELP)
    if exists:
        return passed(kind, f"the database {name} exists, and {account} can see it")
    grant = f"GRANT ALL PRIVILEGES ON {_name(name)}.* TO {_account_sql(account)};"
    return failed(
        kind,
        f"no database named {name} among those {account} can see (information_schema.SCHEMATA)",
        f"{_ADMIN}\n\n```sql\nCREATE DATABASE IF NOT EXISTS {_name(name)};\n{grant}\n```\n\n"
        "An account sees only the databases it has rights on: if the database is there "
        "already, the GRANT is what is missing.",
    )


_ADMIN_HELP = "Run `tutor check-db` to see the whole check, and try the query in `mysql`."


def mysql_not_root(params: Params, ctx: Context) -> CheckOutcome:
    kind = "mysql-not-root"
    budget = ctx.budget()
    got = _logged_in(kind, params, ctx, budget)
    if isinstance(got, CheckOutcome):
        return got
    settings, _ = got
    try:
        account, seen_as = _session(settings, budget, lambda q: q("SELECT CURRENT_USER(), USER()"))[
            0
        ]
    except OutOfTime:
        return _out_of_time(kind, "SELECT CURRENT_USER()", ctx)
    except _Driver as error:
        return failed(kind, f"SELECT CURRENT_USER(): {error.message}", _ADMIN_HELP)
    if split_account(account)[0] != "root":
        return passed(kind, f"the settings log in as {account} (CURRENT_USER()), not as root")
    return failed(
        kind,
        f"CURRENT_USER() is {account}: the settings log in as root, the server's administrator",
        own_account_fix(seen_as.rpartition("@")[2]),
    )


def own_account_fix(client: str, database: str = "app_db") -> str:
    app = _account_sql(f"app@{client or 'localhost'}")
    return (
        "Give the app its own account, limited to its own database. "
        f"{_ADMIN}\n\n```sql\nCREATE USER {app} IDENTIFIED BY 'a-long-random-password';\n"
        f"GRANT ALL PRIVILEGES ON {_name(database)}.* TO {app};\n```\n\n"
        "Then put that account in the app's settings, for example "
        f"`DATABASE_URL=mysql://app:PASSWORD@HOST:3306/{database}`."
    )


def mysql_least_privilege(params: Params, ctx: Context) -> CheckOutcome:
    kind = "mysql-least-privilege"
    database = str(params["database"])
    budget = ctx.budget()
    got = _logged_in(kind, params, ctx, budget)
    if isinstance(got, CheckOutcome):
        return got
    settings, _ = got

    def work(query: Query) -> tuple[str, str, list[str]]:
        account, seen_as = query("SELECT CURRENT_USER(), USER()")[0]
        return account, seen_as, [row[0] for row in query("SHOW GRANTS")]

    try:
        account, seen_as, lines = _session(settings, budget, work)
    except OutOfTime:
        return _out_of_time(kind, "SHOW GRANTS", ctx)
    except _Driver as error:
        return failed(kind, f"SHOW GRANTS: {error.message}", _ADMIN_HELP)
    grants = parse_grants(lines)
    found = problems(grants, database)
    if split_account(account)[0] == "root":
        found = found or ["it is root"]
        detail = f"SHOW GRANTS for {account}: root, the administrator, may do anything: "
        return failed(
            kind, detail + "; ".join(found), own_account_fix(seen_as.rpartition("@")[2], database)
        )
    target, account_sql = f"{_name(database)}.*", _account_sql(account)
    if found:
        powers = server_wide_privileges(lines)
        harm = ""
        if any(p in powers for p in _CAN_DROP_ALL):
            harm = f" With these it can drop every database on the server, not only {database}."
        return failed(
            kind,
            f"SHOW GRANTS for {account} found rights beyond {database}: {'; '.join(found)}.{harm}",
            "Take every right away, then give back only the database. "
            f"{_ADMIN}\n\n```sql\nREVOKE ALL PRIVILEGES, GRANT OPTION FROM {account_sql};\n"
            f"GRANT ALL PRIVILEGES ON {target} TO {account_sql};\n```\n\n"
            "An app that only reads and writes rows needs no more than "
            "`SELECT, INSERT, UPDATE, DELETE` there.",
        )
    if not has_rights_on(grants, database):
        return failed(
            kind,
            f"SHOW GRANTS for {account} gives no rights on {database}: the app could not use it",
            f"{_ADMIN}\n\n```sql\nGRANT ALL PRIVILEGES ON {target} TO {account_sql};\n```",
        )
    return passed(
        kind,
        f"SHOW GRANTS for {account}: rights on {database} only; "
        "no global privilege, no GRANT OPTION",
    )


def mysql_rows(params: Params, ctx: Context) -> CheckOutcome:
    kind = "mysql-rows"
    database, table = str(params["database"]), str(params["table"])
    wanted = int(params["at-least"])
    shown = f"{database}.{table}"
    for label, value in (("database", database), ("table", table)):
        if not value or "`" in value or "\0" in value:
            return failed(
                kind,
                f"the lab names the {label} {value!r}, which this check does not accept "
                "(empty, or with a backtick)",
                "The lab itself is wrong: tell its author.",
            )
    budget = ctx.budget()
    got = _logged_in(kind, params, ctx, budget)
    if isinstance(got, CheckOutcome):
        return got
    settings, _ = got
    sql = f"SELECT COUNT(*) FROM `{database}`.`{table}`"

    def work(query: Query) -> tuple[str, int | _Driver]:
        account = query("SELECT CURRENT_USER()")[0][0]
        try:
            return account, int(query(sql)[0][0])
        except _Driver as error:
            return account, error

    try:
        account, count = _session(settings, budget, work)
    except OutOfTime:
        return _out_of_time(kind, "counting the rows", ctx)
    except _Driver as error:
        return failed(kind, f"counting the rows of {shown}: {error.message}", _ADMIN_HELP)
    if isinstance(count, _Driver):
        return _rows_refused(kind, count, database, table, account)
    rows = "1 row" if count == 1 else f"{count} rows"
    if count >= wanted:
        return passed(kind, f"found {rows} in {shown} (at least {wanted} wanted)")
    return failed(
        kind,
        f"found {rows} in {shown}; the lab wants at least {wanted}",
        f"Add rows to {shown} (the lab's task shows how), then check again.",
    )


def _rows_refused(
    kind: str, error: _Driver, database: str, table: str, account: str
) -> CheckOutcome:
    shown = f"{database}.{table}"
    if error.code == 1146:
        return failed(
            kind,
            f"there is no table {table} in the database {database} ({error.message})",
            f"Create the table {shown} as the lab's task shows, then check again.",
        )
    if error.code == 1049:
        return failed(
            kind,
            f"there is no database {database} ({error.message})",
            f"Create the database {database} as the lab's task shows, then check again.",
        )
    if error.code in (1142, 1044):
        grant = f"GRANT SELECT ON {_name(database)}.* TO {_account_sql(account)};"
        return failed(
            kind,
            f"{account} may not read {shown} ({error.message})",
            f"{_ADMIN}\n\n```sql\n{grant}\n```",
        )
    return failed(kind, f"counting the rows of {shown}: {error.message}", _ADMIN_HELP)
