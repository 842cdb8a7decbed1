"""What the check teaches beyond pass or fail: the 1698 ambiguity, least privilege, and fixes
rendered from Markdown (`tutor check-db` and tutor.dbcheck; the screen is in *_advice_ui.py).

Live tests use the MariaDB from scripts/ensure-mysql: they skip with the reason when it is
unreachable (and fail under CI=true); accounts are made and dropped through root's socket.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from urllib.parse import quote, urlsplit

import pytest
from dbcheck_support import (
    assert_no_secret,
    closed_port,
    live_mysql_url,
    root_sql_or_skip,
    run_cli,
    server_wide_account,
)

from tutor.dbcheck import diagnose, resolve_settings, run_check

SQL = Callable[[str], subprocess.CompletedProcess]
WHICH_ACCOUNTS = "SELECT user, host, plugin FROM mysql.user;"
BOTH = ("unix socket", "no account of that name")
# Names no test server has an account for: MariaDB answers each with 1045 or 1698 (see below).
LEAST_PRIVILEGE = "least-privilege"  # the advice kind scripts read in --json
MISSING = [f"tutor_no_such_user_{n}" for n in range(64)]


def _url(user: str, password: str | None, host: str, port: int, database: str = "") -> str:
    auth = quote(user, safe="") + (":" + quote(password, safe="") if password else "")
    return f"mysql://{auth}@{host}:{port}/{database}"


# -- the core's words --------------------------------------------------------------------------


def test_1698_names_both_causes_and_how_to_tell_them_apart() -> None:
    message, hint = diagnose("auth", 1698, "Access denied for user 'x'@'localhost'")
    for cause in BOTH:
        assert cause in message
    assert f"`{WHICH_ACCOUNTS}`" in hint and "sudo mariadb" in hint
    assert "**Not listed:**" in hint and "unix_socket" in hint


MARIADB_ROOT = [
    "GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` IDENTIFIED VIA unix_socket WITH GRANT "
    "OPTION",
    "GRANT PROXY ON ''@'%' TO 'root'@'localhost' WITH GRANT OPTION",
]
MARIADB_APP = [
    "GRANT USAGE ON *.* TO `tutor`@`127.0.0.1` IDENTIFIED BY PASSWORD '*3C05C36AF834AA136B09'",
    "GRANT ALL PRIVILEGES ON `tutor_test`.* TO `tutor`@`127.0.0.1`",
]
MYSQL8_ADMIN = [
    "GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, RELOAD, SHUTDOWN ON *.* TO `admin`@`%`",
    "GRANT BACKUP_ADMIN,SYSTEM_USER ON *.* TO `admin`@`%`",
]


def test_server_wide_privileges_read_from_show_grants() -> None:
    from tutor.dbcheck.advice import server_wide_privileges

    assert server_wide_privileges(MARIADB_ROOT) == ["ALL PRIVILEGES", "GRANT OPTION"]
    assert server_wide_privileges(MARIADB_APP) == []  # rights on its own database only
    assert server_wide_privileges(MYSQL8_ADMIN) == ["DROP", "SHUTDOWN"]
    assert server_wide_privileges(["GRANT SUPER ON *.* TO `ops`@`%`"]) == ["SUPER"]


def test_least_privilege_advice_for_root_for_admins_and_not_for_an_app_account() -> None:
    from tutor.dbcheck.advice import least_privilege

    root = least_privilege(
        account="root@localhost", client="localhost", grants=MARIADB_ROOT, database="shop",
        password_given=False, via_socket=False,
    )  # fmt: skip
    assert root is not None and root.kind == LEAST_PRIVILEGE
    assert "root" in root.title and "*least privilege*" in root.text
    assert "drop every database" in root.text and "leaked password" in root.text
    assert "needs no password" in root.text  # over TCP, with none given
    assert "GRANT ALL PRIVILEGES ON `shop`.* TO 'app'@'localhost';" in root.text
    assert "CREATE USER 'app'@'localhost'" in root.text
    # root over the socket: no password is how it should be, and nothing is said about it.
    socket_root = least_privilege(
        account="root@localhost", client="localhost", grants=[], database=None,
        password_given=False, via_socket=True,
    )  # fmt: skip
    assert socket_root is not None and "needs no password" not in socket_root.text
    assert "`app_db`.*" in socket_root.text
    admin = least_privilege(
        account="admin@%", client="10.0.0.5", grants=MYSQL8_ADMIN, database=None,
        password_given=True, via_socket=False,
    )  # fmt: skip
    assert admin is not None and "**admin** holds DROP, SHUTDOWN" in admin.text
    assert "'app'@'10.0.0.5'" in admin.text
    assert (
        least_privilege(
            account="tutor@127.0.0.1",
            client="127.0.0.1",
            grants=MARIADB_APP,
            database="tutor_test",
            password_given=True,
            via_socket=False,
        )  # fmt: skip
        is None
    )


def test_fixes_render_from_markdown_in_the_cli_and_stay_markdown_in_json() -> None:
    port = closed_port()
    url = f"mysql://app@127.0.0.1:{port}/"
    human = run_cli(url)
    assert human.code == 1
    assert "sudo systemctl start mariadb" in human.stdout
    assert "`" not in human.stdout and "**" not in human.stdout
    assert "Fix: Start the server" in human.stdout
    assert not any(line != line.rstrip() for line in human.stdout.splitlines())
    data = run_cli(url, "--json").json
    assert "`sudo systemctl start mariadb`" in data["error"]["hint"]
    assert data["advice"] == []


# -- live: the 1698 ambiguity --------------------------------------------------------------------


@pytest.fixture(scope="module")
def live_url() -> str:
    return live_mysql_url()


@pytest.fixture(scope="module")
def live(live_url: str) -> dict:
    parts = urlsplit(live_url)
    return {
        "host": parts.hostname or "127.0.0.1",
        "port": parts.port or 3306,
        "user": parts.username or "",
        "password": parts.password or "",
        "database": parts.path.lstrip("/"),
    }


@pytest.fixture(scope="module")
def root_sql() -> SQL:
    return root_sql_or_skip()


def test_a_user_name_with_no_account_can_get_1698_and_is_told_both_causes(live: dict) -> None:
    """Creates nothing. MariaDB fakes a login for a missing name with an account it picks by a
    hash of the name; when that account is a unix_socket one, the answer is 1698."""
    codes = {}
    for name in MISSING:
        settings = resolve_settings(_url(name, "No-such-pw-1", live["host"], live["port"]), env={})
        result = run_check(settings, timeout=3)
        assert result.category == "auth" and result.error_code in (1045, 1698), result.message
        codes[name] = result.error_code
        if result.error_code == 1698:
            break
    missing = [name for name, code in codes.items() if code == 1698]
    if not missing:
        pytest.skip("this server has no unix_socket account to answer a missing name with 1698")
    run = run_cli(_url(missing[0], "No-such-pw-1", live["host"], live["port"]))
    assert run.code == 1 and "FAILED (auth [1698])" in run.stdout
    flat = " ".join(run.stdout.split())
    for cause in BOTH:
        assert cause in flat
    assert WHICH_ACCOUNTS in flat and "Not listed: there is no such account" in flat
    assert "`" not in run.stdout
    assert_no_secret("No-such-pw-1", run.stdout, run.stderr)


def test_a_unix_socket_account_gets_1698_with_both_causes(live: dict, root_sql: SQL) -> None:
    made = root_sql(
        "CREATE USER IF NOT EXISTS 'tutor_adv_sock'@'127.0.0.1' IDENTIFIED VIA unix_socket;"
        "CREATE USER IF NOT EXISTS 'tutor_adv_sock'@'localhost' IDENTIFIED VIA unix_socket;"
    )
    if made.returncode != 0:
        pytest.skip(f"cannot create a unix_socket account: {made.stderr.strip()}")
    try:
        listed = root_sql("SELECT plugin FROM mysql.user WHERE user = 'tutor_adv_sock'")
        assert set(listed.stdout.split()) == {"unix_socket"}  # what the hint tells one to read
        run = run_cli(_url("tutor_adv_sock", "Sock-pw-2", live["host"], live["port"]), "--json")
        assert run.code == 1
        error = run.json["error"]
        assert error["code"] == 1698
        for cause in BOTH:
            assert cause in error["message"]
        assert WHICH_ACCOUNTS in error["hint"]
        assert_no_secret("Sock-pw-2", run.stdout, run.stderr)
    finally:
        root_sql("DROP USER IF EXISTS 'tutor_adv_sock'@'127.0.0.1', 'tutor_adv_sock'@'localhost'")


# -- live: least privilege -----------------------------------------------------------------------


@pytest.fixture
def admin_account(root_sql: SQL) -> Iterator[tuple[str, str]]:
    with server_wide_account(root_sql, "tutor_adv_admin", "Admin-pw-3") as account:
        yield account


def test_an_account_with_all_privileges_passes_with_least_privilege_advice(
    live: dict, admin_account: tuple[str, str]
) -> None:
    user, password = admin_account
    url = _url(user, password, live["host"], live["port"], live["database"])
    run = run_cli(url, "--json")
    assert run.code == 0, run.stdout  # advice, not a failure
    data = run.json
    assert data["ok"] is True and data["error"] is None
    assert [a["kind"] for a in data["advice"]] == [LEAST_PRIVILEGE]
    text = data["advice"][0]["text"]
    assert f"**{user}** holds ALL PRIVILEGES" in text and "drop every database" in text
    assert f"GRANT ALL PRIVILEGES ON `{live['database']}`.* TO 'app'@" in text
    human = run_cli(url)
    assert human.code == 0
    assert "Advice: An app should not use an account with rights over the whole server" in (
        human.stdout
    )
    section = human.stdout.split("Advice: ", 1)[1].split("Placement: ", 1)[0]
    assert "(least privilege)" in " ".join(section.split()) and "**" not in section
    assert f"GRANT ALL PRIVILEGES ON `{live['database']}`.* TO 'app'@" in human.stdout
    for out in (run, human):
        assert_no_secret(password, out.stdout, out.stderr)


def test_root_over_the_socket_passes_with_advice_not_to_use_root(root_sql: SQL) -> None:
    path = root_sql("SELECT @@socket").stdout.strip()
    run = run_cli(f"mysql://root@localhost/?unix_socket={quote(path)}", "--json")
    assert run.code == 0, run.stdout
    (advice,) = run.json["advice"]
    assert advice["title"] == "An app should not log in as root"
    assert "needs no password" not in advice["text"]  # over the socket that is as it should be


def test_the_test_apps_own_account_gets_no_advice(live_url: str, live: dict) -> None:
    run = run_cli(live_url, "--json")
    assert run.code == 0 and run.json["advice"] == []
    human = run_cli(live_url)
    assert "Advice" not in human.stdout
    assert_no_secret(live["password"], run.stdout, human.stdout)
