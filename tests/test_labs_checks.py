"""tutor.labs: every check kind of a lab, both ways, against this machine's real servers
(MariaDB on 127.0.0.1:3306 with root over the unix socket, PostgreSQL on 127.0.0.1:5432 with
trust, Redis on 127.0.0.1:6379), Git in tmp_path, and the runner's order, reporting and cancel.

Each MySQL case makes its own database, table and accounts through root's socket, with unique
names, and drops them afterwards. `env` is always given, so nothing reads the real environment.
"""

from __future__ import annotations

import json
import secrets
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from dbcheck_support import (
    closed_port,
    peer,
    require_or_skip,
    root_sql_or_skip,
    server_wide_account,
    silent,
)
from waiting import HANG_GUARD, wait_until

from tutor.content.lab_spec import CHECK_KINDS, Lab, LabCheck
from tutor.dbcheck import diagnose, resolve_settings, run_check
from tutor.dbcheck.services import resolve_service_settings, run_service_check
from tutor.labs import (
    CHECKS,
    NOT_RUN_AFTER_FAILURE,
    NOT_RUN_CANCELLED,
    CheckOutcome,
    LabResult,
    verify_lab,
)
from tutor.labs.checks import NO_REPOSITORY
from tutor.labs.grants import has_rights_on, parse_grants, problems

RootSql = Callable[[str], subprocess.CompletedProcess]
REDIS_URL = "redis://127.0.0.1:6379/0"
PG_URL = "postgres://postgres@127.0.0.1:5432/postgres"


def _lab(*checks: tuple[str, dict[str, Any]]) -> Lab:
    return Lab(
        id="test-lab",
        title="A test lab",
        task="Do it.",
        explain="Because.",
        checks=tuple(LabCheck(kind, params, line) for line, (kind, params) in enumerate(checks)),
    )


def _shown(result: LabResult) -> str:
    return json.dumps(result.to_dict())


def _verify(
    tmp_path: Path, env: dict[str, str], *checks: tuple[str, dict[str, Any]], **kwargs: Any
) -> LabResult:
    kwargs.setdefault("timeout", 5.0)
    kwargs.setdefault("home", tmp_path / "home")
    kwargs.setdefault("cwd", tmp_path)
    return verify_lab(_lab(*checks), env=env, **kwargs)


def _one(tmp_path: Path, env: dict[str, str], kind: str, **params: Any) -> CheckOutcome:
    result = _verify(tmp_path, env, (kind, params))
    assert len(result.checks) == 1 and result.checks[0].check == kind
    assert result.ok is (result.checks[0].ok is True)
    return result.checks[0]


# -- the accounts, databases and services the cases need ------------------------------------------


@pytest.fixture
def root_sql() -> RootSql:
    return root_sql_or_skip()


class Account:
    """A database with a table of 3 rows, and an account with rights on that database only."""

    def __init__(self, root_sql: RootSql) -> None:
        tag = secrets.token_hex(4)
        self.root_sql = root_sql
        self.database, self.user = f"lab_shop_{tag}", f"lab_user_{tag}"
        self.password = f"pw-{secrets.token_hex(8)}-never-shown"
        self.extra: list[str] = []

    def url(self, database: str | None = None, user: str | None = None) -> str:
        name = self.database if database is None else database
        return f"mysql://{user or self.user}:{self.password}@127.0.0.1:3306/{name}"

    def env(self, database: str | None = None) -> dict[str, str]:
        return {"DATABASE_URL": self.url(database)}

    def sql(self, sql: str) -> None:
        done = self.root_sql(sql)
        assert done.returncode == 0, done.stderr

    def grant(self, what: str, user: str | None = None) -> None:
        self.sql("".join(f"GRANT {what} TO '{user or self.user}'@'{h}';" for h in _HOSTS))

    def make_user(self, user: str) -> None:
        self.sql(
            "".join(f"CREATE USER '{user}'@'{h}' IDENTIFIED BY '{self.password}';" for h in _HOSTS)
        )
        self.extra.append(user)


_HOSTS = ("127.0.0.1", "localhost")


@pytest.fixture
def account(root_sql: RootSql) -> Iterator[Account]:
    made = Account(root_sql)
    made.make_user(made.user)
    made.sql(
        f"CREATE DATABASE `{made.database}`;"
        f"CREATE TABLE `{made.database}`.orders (id INT PRIMARY KEY);"
        f"INSERT INTO `{made.database}`.orders VALUES (1), (2), (3);"
    )
    made.grant(f"ALL PRIVILEGES ON `{made.database}`.*")
    try:
        yield made
    finally:
        for user in made.extra:
            root_sql(f"DROP USER IF EXISTS '{user}'@'127.0.0.1', '{user}'@'localhost'")
        root_sql(f"DROP DATABASE IF EXISTS `{made.database}`")


def _assert_no_secret(secret: str, result: LabResult | CheckOutcome) -> None:
    assert secret not in json.dumps(result.to_dict())


@pytest.fixture
def live_redis(in_ci: bool) -> str:
    settings = resolve_service_settings("redis", REDIS_URL, {})
    result = run_service_check(settings, timeout=3)
    if not result.ok:
        require_or_skip(in_ci, f"no Redis at {REDIS_URL}: {result.message}")
    return REDIS_URL


@pytest.fixture
def live_postgres(in_ci: bool) -> str:
    settings = resolve_service_settings("postgresql", PG_URL, {})
    result = run_service_check(settings, timeout=3)
    if not result.ok:
        require_or_skip(in_ci, f"no trusted PostgreSQL superuser at {PG_URL}: {result.message}")
    return PG_URL


def test_every_kind_of_the_contract_has_its_check() -> None:
    assert set(CHECKS) == set(CHECK_KINDS)


# -- mysql-login ---------------------------------------------------------------------------------


def test_mysql_login_passes_with_settings_from_the_named_source(
    tmp_path: Path, account: Account
) -> None:
    result = _verify(tmp_path, account.env(), ("mysql-login", {"source": "DATABASE_URL"}))
    assert result.ok
    detail = result.checks[0].detail
    assert account.user in detail and account.database in detail and "DATABASE_URL" in detail
    _assert_no_secret(account.password, result)


def test_mysql_login_fails_with_the_checks_own_diagnosis(tmp_path: Path, account: Account) -> None:
    wrong = f"wrong-{account.password}"
    env = {"DATABASE_URL": account.url().replace(account.password, wrong)}
    outcome = _one(tmp_path, env, "mysql-login")
    message, hint = diagnose("auth", 1045, "")
    assert outcome.ok is False and message in outcome.detail and outcome.fix == hint
    assert "127.0.0.1:3306" in outcome.detail
    _assert_no_secret(wrong, outcome)
    _assert_no_secret(account.password, outcome)


def test_mysql_login_fails_when_the_settings_come_from_another_source(
    tmp_path: Path, account: Account
) -> None:
    env = {"MYSQL_HOST": "127.0.0.1", "MYSQL_USER": account.user}
    env["MYSQL_PASSWORD"] = account.password
    outcome = _one(tmp_path, env, "mysql-login", source="DATABASE_URL")
    assert outcome.ok is False
    assert outcome.detail.startswith("DATABASE_URL is not set: the host came from MYSQL_HOST")
    assert "the user from MYSQL_USER" in outcome.detail
    assert "not from DATABASE_URL" in outcome.detail
    assert "export DATABASE_URL='mysql://USER:PASSWORD@HOST:3306/DATABASE'" in (outcome.fix or "")
    _assert_no_secret(account.password, outcome)
    # The same settings pass when the lab wants them in the MYSQL_* variables.
    assert _one(tmp_path, env, "mysql-login", source="MYSQL_*").ok is True


def test_mysql_login_names_the_defaults_when_the_source_lacks_the_user(
    tmp_path: Path, account: Account
) -> None:
    env = {"DATABASE_URL": "mysql://127.0.0.1:3306/", "MYSQL_PASSWORD": account.password}
    outcome = _one(tmp_path, env, "mysql-login", source="DATABASE_URL")
    assert outcome.ok is False
    assert "the user came from the defaults" in outcome.detail.lower()
    assert "the password from MYSQL_PASSWORD" in outcome.detail
    _assert_no_secret(account.password, outcome)


def test_mysql_settings_that_cannot_be_used_fail_with_the_config_words(tmp_path: Path) -> None:
    outcome = _one(tmp_path, {"DATABASE_URL": "mysql://u:p@h:notaport/db"}, "mysql-login")
    assert outcome.ok is False and "port from DATABASE_URL" in outcome.detail
    assert outcome.fix == diagnose("config", None, "")[1]


# -- mysql-placement -----------------------------------------------------------------------------


def test_mysql_placement_is_the_checks_verdict(tmp_path: Path, account: Account) -> None:
    internal = _one(tmp_path, account.env(), "mysql-placement", expect="internal")
    assert internal.ok is True and "is internal" in internal.detail
    assert "loopback" in internal.detail
    external = _one(tmp_path, account.env(), "mysql-placement", expect="external")
    assert external.ok is False and external.detail.endswith("not external")
    assert "another host" in (external.fix or "")


def test_mysql_placement_fails_when_nothing_answers(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"mysql://u@127.0.0.1:{closed_port()}/"}
    outcome = _one(tmp_path, env, "mysql-placement", expect="internal")
    assert outcome.ok is False
    assert diagnose("refused", None, "")[0] in outcome.detail


# -- mysql-database ------------------------------------------------------------------------------


def test_mysql_database_exists(tmp_path: Path, account: Account) -> None:
    outcome = _one(tmp_path, account.env(database=""), "mysql-database", name=account.database)
    assert outcome.ok is True and account.database in outcome.detail


def test_mysql_database_missing_says_how_to_create_it(tmp_path: Path, account: Account) -> None:
    missing = f"{account.database}_missing"
    outcome = _one(tmp_path, account.env(), "mysql-database", name=missing)
    assert outcome.ok is False
    assert f"no database named {missing}" in outcome.detail
    assert f"CREATE DATABASE IF NOT EXISTS {missing};" in (outcome.fix or "")
    assert f"TO '{account.user}'@'127.0.0.1'" in (outcome.fix or "")
    _assert_no_secret(account.password, outcome)


# -- mysql-not-root ------------------------------------------------------------------------------


def test_mysql_not_root_passes_for_the_apps_account(tmp_path: Path, account: Account) -> None:
    outcome = _one(tmp_path, account.env(), "mysql-not-root")
    assert outcome.ok is True and f"{account.user}@" in outcome.detail


def test_mysql_not_root_fails_for_root(tmp_path: Path, root_sql: RootSql) -> None:
    url = "mysql://root@127.0.0.1:3306/"
    if not run_check(resolve_settings(url, env={}), timeout=3).ok:
        pytest.skip("root cannot log in over TCP without a password here")
    outcome = _one(tmp_path, {"DATABASE_URL": url}, "mysql-not-root")
    assert outcome.ok is False and outcome.detail.startswith("CURRENT_USER() is root@")
    assert "CREATE USER 'app'@'127.0.0.1'" in (outcome.fix or "")


# -- mysql-least-privilege -----------------------------------------------------------------------


def test_least_privilege_passes_with_rights_on_the_database_only(
    tmp_path: Path, account: Account
) -> None:
    outcome = _one(tmp_path, account.env(), "mysql-least-privilege", database=account.database)
    assert outcome.ok is True and "no global privilege" in outcome.detail


def test_least_privilege_fails_for_all_on_every_database(
    tmp_path: Path, account: Account, root_sql: RootSql
) -> None:
    user = f"{account.user}_all"
    with server_wide_account(root_sql, user, account.password):
        env = {"DATABASE_URL": account.url(user=user)}
        outcome = _one(tmp_path, env, "mysql-least-privilege", database=account.database)
    assert outcome.ok is False
    assert "ALL PRIVILEGES on every database (*.*)" in outcome.detail
    assert "drop every database on the server" in outcome.detail
    fix = outcome.fix or ""
    assert f"REVOKE ALL PRIVILEGES, GRANT OPTION FROM '{user}'@'127.0.0.1';" in fix
    assert f"GRANT ALL PRIVILEGES ON {account.database}.* TO '{user}'@'127.0.0.1';" in fix
    assert "IDENTIFIED" not in outcome.detail  # the grant lines are never shown as they are
    _assert_no_secret(account.password, outcome)


def test_least_privilege_fails_for_grant_option_and_another_database(
    tmp_path: Path, account: Account
) -> None:
    account.grant("SELECT ON `tutor_test`.*")
    account.sql(
        "".join(
            f"GRANT SELECT ON `{account.database}`.* TO '{account.user}'@'{h}' WITH GRANT OPTION;"
            for h in _HOSTS
        )
    )
    outcome = _one(tmp_path, account.env(), "mysql-least-privilege", database=account.database)
    assert outcome.ok is False
    assert "SELECT on `tutor_test`.*, which is not" in outcome.detail
    assert f"GRANT OPTION on `{account.database}`.*" in outcome.detail
    assert "drop every database" not in outcome.detail


def test_least_privilege_fails_without_rights_on_the_database(
    tmp_path: Path, account: Account
) -> None:
    bare = f"{account.user}_bare"
    account.make_user(bare)  # USAGE alone: nothing beyond the database, and nothing in it
    env = {"DATABASE_URL": account.url(database="", user=bare)}
    outcome = _one(tmp_path, env, "mysql-least-privilege", database=account.database)
    assert outcome.ok is False
    assert f"gives no rights on {account.database}" in outcome.detail
    assert f"GRANT ALL PRIVILEGES ON {account.database}.* TO '{bare}'@'127.0.0.1';" in (
        outcome.fix or ""
    )


def test_least_privilege_fails_for_root_with_its_own_fix(tmp_path: Path, root_sql: RootSql) -> None:
    url = "mysql://root@127.0.0.1:3306/"
    if not run_check(resolve_settings(url, env={}), timeout=3).ok:
        pytest.skip("root cannot log in over TCP without a password here")
    outcome = _one(tmp_path, {"DATABASE_URL": url}, "mysql-least-privilege", database="shop")
    assert outcome.ok is False and "root, the administrator" in outcome.detail
    assert "REVOKE" not in (outcome.fix or "") and "CREATE USER 'app'" in (outcome.fix or "")


def test_grant_lines_are_read_by_what_they_are_on() -> None:
    grants = parse_grants(
        [
            "GRANT USAGE ON *.* TO `app`@`%` IDENTIFIED BY PASSWORD '*ABC'",
            "GRANT SELECT (`id`, `name`), INSERT ON `shop`.`orders` TO `app`@`%`",
            "GRANT EXECUTE ON PROCEDURE `shop`.`tally` TO `app`@`%`",
            "GRANT ALL PRIVILEGES ON `sh``op`.* TO `app`@`%`",
            "GRANT SELECT ON `shop\\_old`.* TO `app`@`%`",
            "GRANT SELECT ON `shop%`.* TO `app`@`%`",
            "GRANT `reader` TO `app`@`%`",
        ]
    )
    assert [(g.privileges, g.database) for g in grants] == [
        (("USAGE",), "*"),
        (("SELECT", "INSERT"), "shop"),
        (("EXECUTE",), "shop"),
        (("ALL PRIVILEGES",), "sh`op"),
        (("SELECT",), "shop_old"),
        (("SELECT",), "shop%"),
    ]
    assert has_rights_on(grants, "shop") and not has_rights_on(grants, "other")
    assert problems(grants[:3], "shop") == []
    assert problems(grants[5:], "shop") == ["SELECT on `shop%`.*, which is not shop"]
    proxy = parse_grants(["GRANT PROXY ON ''@'%' TO 'root'@'localhost' WITH GRANT OPTION"])
    assert problems(proxy, "shop") == [
        "PROXY on ''@'%', which reaches past shop",
        "GRANT OPTION on ''@'%': it may hand its rights to others",
    ]


# -- mysql-rows ----------------------------------------------------------------------------------


def test_mysql_rows_counts_the_rows(tmp_path: Path, account: Account) -> None:
    params = {"database": account.database, "table": "orders"}
    enough = _one(tmp_path, account.env(), "mysql-rows", **params, **{"at-least": 3})
    assert enough.ok is True and "found 3 rows" in enough.detail
    short = _one(tmp_path, account.env(), "mysql-rows", **params, **{"at-least": 4})
    assert short.ok is False and "found 3 rows" in short.detail and "at least 4" in short.detail
    assert short.fix is not None and "orders" in short.fix


def test_mysql_rows_names_a_missing_table(tmp_path: Path, account: Account) -> None:
    params = {"database": account.database, "table": "customers", "at-least": 1}
    outcome = _one(tmp_path, account.env(), "mysql-rows", **params)
    assert outcome.ok is False
    assert f"there is no table customers in the database {account.database}" in outcome.detail


def test_mysql_rows_names_a_table_it_may_not_read(tmp_path: Path, account: Account) -> None:
    params = {"database": "mysql", "table": "user", "at-least": 1}
    outcome = _one(tmp_path, account.env(), "mysql-rows", **params)
    assert outcome.ok is False and f"{account.user}@127.0.0.1 may not read" in outcome.detail
    assert "GRANT SELECT ON mysql.*" in (outcome.fix or "")


def test_mysql_rows_rejects_a_name_with_a_backtick(tmp_path: Path) -> None:
    params = {"database": "shop", "table": "ord`ers", "at-least": 1}
    outcome = _one(tmp_path, {}, "mysql-rows", **params)
    assert outcome.ok is False and "backtick" in outcome.detail


# -- env-var -------------------------------------------------------------------------------------


def test_env_var_set_and_never_shown(tmp_path: Path) -> None:
    value = f"value-{secrets.token_hex(6)}"
    outcome = _one(tmp_path, {"APP_SECRET": value}, "env-var", name="APP_SECRET")
    assert outcome.ok is True and "APP_SECRET is set" in outcome.detail
    _assert_no_secret(value, outcome)


@pytest.mark.parametrize(("env", "found"), [({}, "is not set"), ({"APP_SECRET": " "}, "empty")])
def test_env_var_unset_or_empty_fails(tmp_path: Path, env: dict[str, str], found: str) -> None:
    outcome = _one(tmp_path, env, "env-var", name="APP_SECRET")
    assert outcome.ok is False and found in outcome.detail
    assert "export APP_SECRET=" in (outcome.fix or "")


# -- git-ignored ---------------------------------------------------------------------------------


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, timeout=30)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    path = tmp_path / "app"
    path.mkdir()
    _git(path, "init", "-q")
    (path / ".env").write_text("DATABASE_URL=mysql://app:s3cret@db/app\n", encoding="utf-8")
    return path


def test_git_ignored_passes_when_ignored_and_untracked(tmp_path: Path, repo: Path) -> None:
    (repo / ".gitignore").write_text("*.log\n.env\n", encoding="utf-8")
    result = _verify(tmp_path, {}, ("git-ignored", {"path": ".env"}), cwd=repo)
    assert result.ok and ".env (.gitignore:2)" in result.checks[0].detail
    assert "s3cret" not in _shown(result)


def test_git_ignored_fails_for_a_tracked_file_even_when_listed(tmp_path: Path, repo: Path) -> None:
    _git(repo, "add", ".env")
    (repo / ".gitignore").write_text(".env\n", encoding="utf-8")
    outcome = _verify(tmp_path, {}, ("git-ignored", {"path": ".env"}), cwd=repo).checks[0]
    assert outcome.ok is False and ".env is tracked by Git" in outcome.detail
    assert "It is in .gitignore" in outcome.detail
    assert "`git rm --cached .env`" in (outcome.fix or "")
    assert ".gitignore`)" not in (outcome.fix or "")  # listed already: no need to add it


def test_git_ignored_fails_for_a_file_git_would_commit(tmp_path: Path, repo: Path) -> None:
    outcome = _verify(tmp_path, {}, ("git-ignored", {"path": ".env"}), cwd=repo).checks[0]
    assert outcome.ok is False and ".env is not ignored by Git" in outcome.detail
    assert "echo '.env' >> .gitignore" in (outcome.fix or "")


def test_git_ignored_passes_outside_a_repository(tmp_path: Path) -> None:
    outside = tmp_path / "plain"
    outside.mkdir()
    outcome = _verify(tmp_path, {}, ("git-ignored", {"path": ".env"}), cwd=outside).checks[0]
    assert outcome.ok is True and outcome.detail == f"{outside} is {NO_REPOSITORY}"


# -- redis-ping and postgres-login ---------------------------------------------------------------


def test_redis_ping_and_its_placement(tmp_path: Path, live_redis: str) -> None:
    env = {"REDIS_URL": live_redis}
    internal = _one(tmp_path, env, "redis-ping", source="REDIS_URL", expect="internal")
    assert internal.ok is True and "Redis at 127.0.0.1:6379 is internal" in internal.detail
    external = _one(tmp_path, env, "redis-ping", expect="external")
    assert external.ok is False and external.detail.endswith("not external")
    plain = _one(tmp_path, env, "redis-ping")
    assert plain.ok is True and "answered PING" in plain.detail


def test_redis_ping_fails_from_the_wrong_source_or_nowhere(tmp_path: Path) -> None:
    outcome = _one(tmp_path, {}, "redis-ping", source="REDIS_URL")
    assert outcome.ok is False
    assert outcome.detail.startswith("REDIS_URL is not set: the host came from the defaults")
    assert "export REDIS_URL='redis://:PASSWORD@HOST:6379/0'" in (outcome.fix or "")
    secret = f"pw-{secrets.token_hex(6)}"
    env = {"REDIS_URL": f"redis://:{secret}@127.0.0.1:{closed_port()}/0"}
    refused = _one(tmp_path, env, "redis-ping")
    assert refused.ok is False and "refused" in refused.detail
    _assert_no_secret(secret, refused)


def test_postgres_login_and_its_placement(tmp_path: Path, live_postgres: str) -> None:
    secret = f"pw-{secrets.token_hex(6)}"  # trust: the server never asks for it
    env = {"DATABASE_URL": live_postgres.replace("postgres@", f"postgres:{secret}@")}
    result = _verify(
        tmp_path, env, ("postgres-login", {"source": "DATABASE_URL", "expect": "internal"})
    )
    assert result.ok and "PostgreSQL at 127.0.0.1:5432 is internal" in result.checks[0].detail
    external = _one(tmp_path, env, "postgres-login", expect="external")
    assert external.ok is False and "not external" in external.detail
    _assert_no_secret(secret, result)
    _assert_no_secret(secret, external)


def test_postgres_login_fails_when_nothing_listens(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"postgres://postgres@127.0.0.1:{closed_port()}/postgres"}
    outcome = _one(tmp_path, env, "postgres-login")
    assert outcome.ok is False and "refused" in outcome.detail.lower()
    assert outcome.fix


# -- the runner ----------------------------------------------------------------------------------


def test_checks_after_a_failure_are_reported_as_not_run(tmp_path: Path) -> None:
    seen: list[CheckOutcome] = []
    result = _verify(
        tmp_path,
        {"ONE": "1", "THREE": "3"},
        ("env-var", {"name": "ONE"}),
        ("env-var", {"name": "TWO"}),
        ("env-var", {"name": "THREE"}),
        on_check=seen.append,
    )
    assert seen == result.checks
    assert [c.ok for c in result.checks] == [True, False, None]
    assert result.checks[2].detail == NOT_RUN_AFTER_FAILURE and result.checks[2].fix is None
    assert result.ok is False and not result.cancelled
    assert result.to_dict() == {
        "id": "test-lab",
        "ok": False,
        "checks": [c.to_dict() for c in result.checks],
    }
    assert set(result.checks[1].to_dict()) == {"check", "ok", "detail", "fix"}


def test_a_lab_passes_when_every_check_passes(tmp_path: Path) -> None:
    result = _verify(tmp_path, {"ONE": "1"}, ("env-var", {"name": "ONE"}))
    assert result.ok is True and result.to_dict()["ok"] is True


def test_an_unknown_kind_fails_with_a_plain_message(tmp_path: Path) -> None:
    outcome = _one(tmp_path, {}, "telepathy")
    assert outcome.ok is False and "no check called 'telepathy'" in outcome.detail


def test_cancel_before_the_run_runs_nothing(tmp_path: Path) -> None:
    cancel = threading.Event()
    cancel.set()
    result = _verify(tmp_path, {"ONE": "1"}, ("env-var", {"name": "ONE"}), cancel=cancel)
    assert result.cancelled and result.ok is False
    assert [(c.ok, c.detail) for c in result.checks] == [(None, NOT_RUN_CANCELLED)]


def test_cancel_ends_a_check_waiting_on_a_silent_server(tmp_path: Path) -> None:
    stop, cancel = threading.Event(), threading.Event()
    seen: list[CheckOutcome] = []
    box: dict[str, LabResult] = {}
    with peer(silent(stop)) as server:
        env = {"ONE": "1", "DATABASE_URL": f"mysql://u:pw@127.0.0.1:{server.port}/"}

        def run() -> None:
            box["result"] = _verify(
                tmp_path,
                env,
                ("env-var", {"name": "ONE"}),
                ("mysql-login", {}),
                ("env-var", {"name": "ONE"}),
                timeout=4 * HANG_GUARD,  # only the cancel can end the wait in time
                cancel=cancel,
                on_check=seen.append,
            )

        worker = threading.Thread(target=run, daemon=True)
        worker.start()
        wait_until(lambda: server.connections, what="the check to connect")
        assert [c.ok for c in seen] == [True]  # the first check was reported at once
        cancel.set()
        worker.join(HANG_GUARD)
        stop.set()
    assert not worker.is_alive(), "the cancelled check did not end"
    result = box["result"]
    assert result.cancelled and result.ok is False
    assert [(c.ok, c.detail) for c in result.checks[1:]] == [(None, NOT_RUN_CANCELLED)] * 2


def test_the_real_environment_and_directory_are_the_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LAB_TEST_VARIABLE", "x")
    monkeypatch.chdir(tmp_path)
    lab = _lab(("env-var", {"name": "LAB_TEST_VARIABLE"}), ("git-ignored", {"path": ".env"}))
    result = verify_lab(lab)
    assert result.ok and result.checks[1].detail == f"{tmp_path} is {NO_REPOSITORY}"
    monkeypatch.delenv("LAB_TEST_VARIABLE")
    assert verify_lab(lab).checks[0].ok is False
