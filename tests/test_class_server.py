"""The class server (tutor.classroom.server) and `tutor class init`, against the real MariaDB.

The admin is root through the unix socket. Each test makes its own class database, named
tutor_class_t<random>, and drops it and its two accounts afterwards. Without the socket the
tests skip, except under CI=true, where they fail.
"""

from __future__ import annotations

import json
import random
import secrets
import socket
import subprocess
import threading
from dataclasses import replace
from typing import Any

import pytest
from class_support import ADMIN_URL, REPO_ROOT, SECRET, SOCKET, TUTOR, admin_sql, count_rows
from waiting import HANG_GUARD

from tutor.classroom import server
from tutor.classroom.records import (
    AnswerRecord,
    FlagRecord,
    LabRecord,
    LessonRecord,
    ScenarioRecord,
    record_id,
)
from tutor.classroom.server import ClassServerError

pytestmark = pytest.mark.live_mysql


def _one_of_each(student: str = "st-1", name: str = "Zoë 🐘 O'Brien") -> list[Any]:
    return [
        AnswerRecord(
            record_id(student, "a", "scen", "q1", 1),
            student,
            name,
            "scen",
            "q1",
            '["Keep it in Redis", "Ünïcode ✓"]',
            True,
            False,
            "2025-03-01T10:00:00.123456+00:00",
            "fp-1",
            "quiz",
            "builtin",
            "1.2",
        ),
        AnswerRecord(
            record_id(student, "a", "scen", "q2", 1),
            student,
            name,
            "scen",
            "q2",
            '"external"',
            False,
            True,
            "2025-03-01T10:01:00+00:00",
            "fp-2",
            "placement",
        ),
        LabRecord(
            record_id(student, "l", "scen", "lab", 1),
            student,
            name,
            "scen",
            "lab",
            False,
            2,
            5,
            "the table 'orders' is missing\nsecond line",
            "2025-03-01T10:02:00+00:00",
            "cli",
        ),
        LabRecord(
            record_id(student, "l", "scen", "lab", 2),
            student,
            name,
            "scen",
            "lab",
            True,
            5,
            5,
            None,
            "2025-03-01T10:03:00+00:00",
            "app",
        ),
        FlagRecord(
            record_id(student, "f", "scen", "q1"),
            student,
            name,
            "scen",
            "q1",
            "unclear",
            "Two answers look right.\n" + "x" * 5000,
            None,
            "2025-03-01T10:04:00+00:00",
        ),
        FlagRecord(
            record_id(student, "f", "scen", "q2"),
            student,
            name,
            "scen",
            "q2",
            "wrong",
            "",
            "fp-2",
            "2025-03-01T10:05:00+00:00",
        ),
        LessonRecord(
            record_id(student, "r", "factors", 3),
            student,
            name,
            "factors",
            3,
            "2025-03-01T09:00:00+00:00",
        ),
        ScenarioRecord(
            record_id(student, "s", "scen"), student, name, "scen", "2025-03-01T10:06:00+00:00"
        ),
    ]


# -- init ------------------------------------------------------------------------------------


def test_init_twice_says_what_exists_and_its_urls_work(class_db: str) -> None:
    first = server.init_class(ADMIN_URL, class_db)
    student, teacher = server.account_names(class_db)
    assert first.database == class_db
    assert f"database {class_db}" in first.created
    assert f"table {class_db}.answers" in first.created
    assert "schema version 1" in first.created
    assert f"account '{student}'@'%'" in first.created
    assert f"account '{teacher}'@'%'" in first.created
    assert first.existed == []
    # A socket admin URL hands out TCP URLs for 127.0.0.1, and says so.
    assert first.student_url.startswith(f"mysql://{student}:")
    assert first.student_url.endswith(f"@127.0.0.1:3306/{class_db}")
    assert any("unix socket" in note for note in first.notes)

    second = server.init_class(ADMIN_URL, class_db)
    assert second.created == []
    assert set(first.created) <= {item.removesuffix(" (password reset)") for item in second.existed}
    assert f"account '{student}'@'%' (password reset)" in second.existed
    assert any(note.startswith(f"password reset for account '{student}'") for note in second.notes)
    assert server.rights(second.student_url) == "student"
    assert server.rights(second.instructor_url) == "instructor"
    # The documented price of getting usable URLs again: the old ones stop working.
    with pytest.raises(ClassServerError) as refused:
        server.rights(first.student_url)
    assert refused.value.category == "access"
    assert first.student_url.split(":")[2].split("@")[0] not in str(refused.value)


def test_urls_keep_the_admin_urls_ssl_mode(class_db: str) -> None:
    made = server.init_class(f"{ADMIN_URL}&ssl-mode=DISABLED", class_db)
    assert made.student_url.endswith(f"@127.0.0.1:3306/{class_db}?ssl-mode=DISABLED")
    assert made.instructor_url.endswith("?ssl-mode=DISABLED")
    assert server.rights(made.student_url) == "student"


def test_ssl_mode_required_never_falls_back_to_plain_text(made_class: server.InitResult) -> None:
    """The driver would quietly go on unencrypted when the server offers no TLS."""
    url = made_class.student_url + "?ssl-mode=REQUIRED"
    tls_offered = admin_sql("SHOW VARIABLES LIKE 'have_ssl'")[0][1] == "YES"
    if tls_offered:
        assert server.rights(url) == "student"
        return
    with pytest.raises(ClassServerError) as refused:
        server.send_records(url, _one_of_each())
    assert refused.value.category == "config"
    assert "not encrypted" in str(refused.value)
    assert count_rows(made_class.instructor_url, "answers") == 0


def test_student_may_insert_but_not_read_and_the_instructor_only_reads(
    made_class: server.InitResult,
) -> None:
    import mysql.connector

    conn = server.connect(made_class.student_url, 5)
    try:
        cursor = conn.cursor()
        cursor.execute(
            "INSERT INTO scenarios_completed (record_id, student_id, student_name, scenario_id, "
            "completed_at) VALUES ('x:s:1', 'x', 'X', 'scen', '2025-01-01T00:00:00+00:00')"
        )
        assert cursor.rowcount == 1
        for sql in (
            "SELECT * FROM scenarios_completed",
            "SELECT * FROM answers",
            "SELECT * FROM schema_info",
            "UPDATE scenarios_completed SET student_name = 'Y'",
            "DELETE FROM scenarios_completed",
        ):
            with pytest.raises(mysql.connector.Error) as denied:
                cursor.execute(sql)
            assert denied.value.errno == 1142, sql
    finally:
        conn.close()

    conn = server.connect(made_class.instructor_url, 5)
    try:
        cursor = conn.cursor()
        cursor.execute("SELECT student_name FROM scenarios_completed")
        assert cursor.fetchall() == [("X",)]
        with pytest.raises(mysql.connector.Error) as denied:
            cursor.execute("DELETE FROM scenarios_completed")
        assert denied.value.errno == 1142
    finally:
        conn.close()


def test_the_instructor_grant_is_for_this_database_only(made_class: server.InitResult) -> None:
    """The grant escapes _ (a wildcard in database grants): a look-alike name is not readable."""
    look_alike = made_class.database.replace("_", "x", 1)
    try:
        admin_sql(f"CREATE DATABASE `{look_alike}`")
        admin_sql(f"CREATE TABLE `{look_alike}`.t (i INT PRIMARY KEY)")
        conn = server.connect(made_class.instructor_url, 5)
        try:
            import mysql.connector

            with pytest.raises(mysql.connector.Error) as denied:
                conn.cursor().execute(f"SELECT * FROM `{look_alike}`.t")
            assert denied.value.errno == 1142
        finally:
            conn.close()
    finally:
        admin_sql(f"DROP DATABASE IF EXISTS `{look_alike}`")


def test_rights_refuses_an_account_with_neither_right(made_class: server.InitResult) -> None:
    stranger = f"tc_stranger_{secrets.token_hex(3)}"
    admin_sql("CREATE USER %s@'%' IDENTIFIED BY %s", (stranger, SECRET))
    try:
        # Reading schema_info alone is neither reading nor adding records.
        admin_sql(f"GRANT SELECT ON `{made_class.database}`.schema_info TO %s@'%'", (stranger,))
        url = f"mysql://{stranger}:{SECRET}@127.0.0.1:3306/{made_class.database}"
        with pytest.raises(ClassServerError) as refused:
            server.rights(url)
        assert refused.value.category == "access"
        assert SECRET not in str(refused.value)
    finally:
        admin_sql("DROP USER IF EXISTS %s@'%'", (stranger,))


# -- send and fetch ----------------------------------------------------------------------------


def test_sending_twice_stores_each_record_once(made_class: server.InitResult) -> None:
    sent = _one_of_each()
    assert server.send_records(made_class.student_url, sent, batch=1) == len(sent)
    assert server.send_records(made_class.student_url, sent) == 0
    # Through an open connection too, mixed with a new record; the connection stays open.
    conn = server.connect(made_class.student_url, 5, autocommit=False)
    try:
        extra = ScenarioRecord("st-2:s:scen", "st-2", "Bo", "scen", "2025-03-02T00:00:00+00:00")
        assert server.send_records(conn, [*sent, extra], batch=3) == 1
        assert conn.is_connected()
    finally:
        conn.close()
    counts = {
        table: count_rows(made_class.instructor_url, table)
        for table in ("answers", "lab_results", "flags", "lessons_read", "scenarios_completed")
    }
    assert counts == {
        "answers": 2,
        "lab_results": 2,
        "flags": 2,
        "lessons_read": 1,
        "scenarios_completed": 2,
    }


def test_concurrent_overlapping_sends_store_each_record_once(
    made_class: server.InitResult,
) -> None:
    """Senders racing on the same keys (resends after lost replies) neither lose, double nor
    fail: rows go in key order, and a deadlock the server still reports is retried."""
    everything = [
        AnswerRecord(
            f"st{i % 40}:a:{i}",
            f"st{i % 40}",
            "N",
            "scen",
            f"q{i % 7}",
            "[]",
            True,
            False,
            "2025-03-01T10:00:00+00:00",
            "fp",
            "quiz",
        )
        for i in range(2000)
    ]
    results: list[int | str] = []

    def send(seed: int) -> None:
        try:
            sent = _first(everything, seed)
            results.append(server.send_records(made_class.student_url, sent, batch=100))
        except ClassServerError as error:
            results.append(repr(error))

    threads = [threading.Thread(target=send, args=(seed,)) for seed in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(HANG_GUARD)
    assert len(results) == 8 and all(isinstance(n, int) for n in results), results
    on_server = count_rows(made_class.instructor_url, "answers")
    assert sum(n for n in results if isinstance(n, int)) == on_server
    assert on_server == len({r.record_id for seed in range(8) for r in _first(everything, seed)})


def _first(everything: list[Any], seed: int) -> list[Any]:
    """A shuffled three quarters of `everything`: each sender's overlapping share."""
    mine = list(everything)
    random.Random(seed).shuffle(mine)
    return mine[:1500]


def test_fetch_round_trips_every_field_of_every_kind(made_class: server.InitResult) -> None:
    sent = _one_of_each() + _one_of_each("st-2", "Ana")
    # Ids that differ only in case are two records (the key's collation is binary).
    first = sent[0]
    sent.append(replace(first, record_id=first.record_id.upper(), question_id="Q1"))
    assert server.send_records(made_class.student_url, sent) == len(sent)

    got = server.fetch_records(made_class.instructor_url)

    def by_id(items: list[Any]) -> list[Any]:
        return sorted(items, key=lambda r: r.record_id)

    assert by_id(got.answers) == by_id([r for r in sent if isinstance(r, AnswerRecord)])
    assert by_id(got.labs) == by_id([r for r in sent if isinstance(r, LabRecord)])
    assert by_id(got.flags) == by_id([r for r in sent if isinstance(r, FlagRecord)])
    assert by_id(got.lessons) == by_id([r for r in sent if isinstance(r, LessonRecord)])
    assert by_id(got.scenarios) == by_id([r for r in sent if isinstance(r, ScenarioRecord)])
    assert all(type(r.correct) is bool for r in got.answers)
    assert all(type(r.checks_passed) is int for r in got.labs)


def test_fetch_with_the_student_url_is_refused(made_class: server.InitResult) -> None:
    with pytest.raises(ClassServerError) as refused:
        server.fetch_records(made_class.student_url)
    assert refused.value.category == "access"
    assert refused.value.code == 1142


# -- schema ----------------------------------------------------------------------------------


def test_a_newer_schema_is_refused(made_class: server.InitResult) -> None:
    admin_sql(f"INSERT INTO `{made_class.database}`.schema_info (version) VALUES (2)")
    expected = "the class database has schema version 2; this tutor knows up to 1: upgrade tutor"
    with pytest.raises(ClassServerError) as refused:
        server.fetch_records(made_class.instructor_url)
    assert refused.value.category == "schema"
    assert str(refused.value) == expected
    with pytest.raises(ClassServerError) as refused:
        server.init_class(ADMIN_URL, made_class.database)
    assert refused.value.category == "schema"
    assert str(refused.value) == expected


def test_a_student_learns_of_tables_it_cannot_write_from_the_insert(
    made_class: server.InitResult,
) -> None:
    """The student account cannot read schema_info; a changed table fails the INSERT."""
    admin_sql(f"ALTER TABLE `{made_class.database}`.answers DROP COLUMN pack_version")
    with pytest.raises(ClassServerError) as refused:
        server.send_records(made_class.student_url, _one_of_each())
    assert refused.value.category == "schema"
    assert "upgrade tutor" in str(refused.value)


def test_init_refuses_a_table_it_did_not_make(class_db: str) -> None:
    admin_sql(f"CREATE DATABASE `{class_db}`")
    admin_sql(f"CREATE TABLE `{class_db}`.answers (record_id VARCHAR(10) PRIMARY KEY)")
    with pytest.raises(ClassServerError) as refused:
        server.init_class(ADMIN_URL, class_db)
    assert refused.value.category == "schema"
    assert "lacks the columns student_id" in str(refused.value)


# -- URLs and failures -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        f"http://u:{SECRET}@127.0.0.1/db",
        f"mysql://u:{SECRET}@127.0.0.1:99999/db",
        f"mysql://u:{SECRET}@127.0.0.1:3306/",
        f"mysql://u:{SECRET}@127.0.0.1/db?ssl-mode=SOMETIMES",
        f"mysql://u:{SECRET}/x@127.0.0.1/db",
        "not a url at all",
    ],
)
def test_bad_urls_are_config_errors_without_the_password(url: str) -> None:
    for attempt in (
        lambda: server.parse_class_url(url),
        lambda: server.fetch_records(url),
        lambda: server.rights(url),
        lambda: server.send_records(url, _one_of_each()),
    ):
        with pytest.raises(ClassServerError) as refused:
            attempt()
        assert refused.value.category == "config"
        assert SECRET not in str(refused.value)
    assert SECRET not in server.masked_url(url)


def test_admin_urls_need_no_database_and_urls_are_masked() -> None:
    settings = server.parse_class_url(ADMIN_URL, require_database=False)
    assert (settings.user, settings.database, settings.socket) == ("root", None, str(SOCKET))
    assert settings.uses_socket
    tls = server.parse_class_url(f"mysql://u:{SECRET}@db.example:3307/cls?ssl-mode=required")
    assert (tls.host, tls.port, tls.database, tls.ssl_mode) == (
        "db.example",
        3307,
        "cls",
        "REQUIRED",
    )
    assert server.masked_url(f"mysql://u:{SECRET}@db.example:3307/cls?ssl-mode=REQUIRED") == (
        "mysql://u:***@db.example:3307/cls?ssl-mode=REQUIRED"
    )


@pytest.mark.parametrize("name", ["", "bad-name", "x" * 65, "mysql", "a;DROP"])
def test_init_refuses_bad_database_names(admin_ready: str, name: str) -> None:
    with pytest.raises(ClassServerError) as refused:
        server.init_class(ADMIN_URL, name)
    assert refused.value.category == "config"


def _closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_an_unreachable_server_is_reported_as_such() -> None:
    url = f"mysql://u:{SECRET}@127.0.0.1:{_closed_port()}/db"
    for attempt in (
        lambda: server.fetch_records(url, timeout=3),
        lambda: server.rights(url, timeout=3),
        lambda: server.send_records(url, _one_of_each(), timeout=3),
        lambda: server.init_class(url, "tutor_class", timeout=3),
    ):
        with pytest.raises(ClassServerError) as refused:
            attempt()
        assert refused.value.category == "unreachable"
        assert SECRET not in str(refused.value)


def test_a_server_that_never_answers_is_unreachable() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(5)
        url = f"mysql://u:{SECRET}@127.0.0.1:{silent.getsockname()[1]}/db"
        with pytest.raises(ClassServerError) as refused:
            server.fetch_records(url, timeout=0.5)
    assert refused.value.category == "unreachable"
    assert "did not answer in time" in str(refused.value)


def test_a_wrong_password_is_an_access_error(made_class: server.InitResult) -> None:
    student = server.account_names(made_class.database)[0]
    url = f"mysql://{student}:{SECRET}@127.0.0.1:3306/{made_class.database}"
    with pytest.raises(ClassServerError) as refused:
        server.send_records(url, _one_of_each())
    assert refused.value.category == "access"
    assert SECRET not in str(refused.value)


# -- the command -------------------------------------------------------------------------------


def _tutor(*args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            [str(TUTOR), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=REPO_ROOT,
            timeout=HANG_GUARD,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise AssertionError(f"hung: tutor {' '.join(args)}") from None


def test_class_init_command_json_then_text(class_db: str) -> None:
    done = _tutor("class", "init", ADMIN_URL, "--database", class_db, "--json")
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert {"database", "student_url", "instructor_url", "created", "existed"} <= set(shown)
    assert shown["database"] == class_db
    assert shown["existed"] == []
    assert server.rights(shown["student_url"]) == "student"
    assert server.rights(shown["instructor_url"]) == "instructor"

    again = _tutor("class", "init", ADMIN_URL, "--database", class_db)
    assert again.returncode == 0, again.stderr
    assert "Already there:" in again.stdout
    assert f"  - database {class_db}" in again.stdout
    assert "password reset" in again.stdout
    urls = [line.strip() for line in again.stdout.splitlines() if "://" in line and "@" in line]
    student_url, instructor_url = (u for u in urls if u.startswith("mysql://tutor_class_t"))
    assert server.rights(student_url) == "student"
    assert server.rights(instructor_url) == "instructor"


def test_class_init_command_errors_are_one_line() -> None:
    bad = _tutor("class", "init", f"mysql://root:{SECRET}@127.0.0.1:99999/")
    assert bad.returncode == 2
    assert bad.stdout == ""
    assert bad.stderr.startswith("tutor class init: port from class URL")
    assert len(bad.stderr.strip().splitlines()) == 1
    assert SECRET not in bad.stderr

    down = _tutor("class", "init", f"mysql://root:{SECRET}@127.0.0.1:{_closed_port()}/")
    assert down.returncode == 1
    assert len(down.stderr.strip().splitlines()) == 1
    assert "cannot reach" in down.stderr
    assert SECRET not in down.stderr
