"""The student's side of class mode: the outbox in the local store, sync against the real MariaDB
(nothing lost, nothing doubled, the outbox across a restart) and the commands join, leave, sync
and progress --json."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from class_support import REPO_ROOT, SECRET, count_rows
from dbcheck_support import closed_port
from waiting import HANG_GUARD

from tutor.classroom import server
from tutor.classroom.membership import class_setting, forget_url, save_url
from tutor.classroom.sync import status_line, sync_store
from tutor.progress import open_store
from tutor.progress.outbox import describe_pending, mark_sent, pending_counts, unsent
from tutor.progress.store import Attempt, LabAttempt, QuestionKey

pytestmark = pytest.mark.live_mysql


def answer(store, question: str = "q1", correct: bool = True) -> int:
    return store.record_attempt(
        Attempt("s-local", question, '"internal"', correct, False, "2026-12-02T09:00", "fp", "quiz")
    )


def one_of_each(store) -> None:
    answer(store, "q1")
    answer(store, "q2", correct=False)
    lab = LabAttempt("lab-s", "own", True, 2, 2, None, "2026-12-02T09:01", "app")
    store.record_lab_attempt(lab)
    store.flag(QuestionKey("s-local", "q2"), "confusing", "Which host?")
    store.record_lesson_read("intro", 0)
    store.record_scenario_completed("s-local")


# -- the outbox, locally ----------------------------------------------------------------------


def test_the_outbox_holds_every_kind_until_marked_sent(store) -> None:
    assert describe_pending(pending_counts(store)) == ""
    one_of_each(store)
    assert pending_counts(store) == {"a": 2, "l": 1, "f": 1, "r": 1, "s": 1}
    assert describe_pending(pending_counts(store)) == (
        "2 answers, 1 lab result, 1 flag, 1 page read, 1 scenario done"
    )
    rows = unsent(store)
    assert [row.kind for row in rows] == ["a", "a", "l", "f", "r", "s"]
    mark_sent(store, rows[:1])  # only the first answer confirmed
    assert pending_counts(store)["a"] == 1
    mark_sent(store, rows)
    assert sum(pending_counts(store).values()) == 0
    mark_sent(store, rows[:1])  # a late, older confirmation never moves the mark back
    assert sum(pending_counts(store).values()) == 0
    answer(store, "q3")
    assert [row.item.question_id for row in unsent(store)] == ["q3"]


def test_reset_sends_what_comes_after_it(store) -> None:
    one_of_each(store)
    mark_sent(store, unsent(store))
    store.clear()
    store.record_lesson_read("intro", 0)
    answer(store, "q9")
    assert pending_counts(store) == {"a": 1, "l": 0, "f": 0, "r": 1, "s": 0}


def test_the_saved_url_is_the_owner_s_only_and_the_environment_wins(tmp_path: Path) -> None:
    assert class_setting({}, tmp_path) is None
    path = save_url(f"mysql://s:{SECRET}@127.0.0.1:3306/c", tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert class_setting({}, tmp_path).url.endswith("/c")
    assert class_setting({"TUTOR_CLASS_URL": "mysql://e@h/d"}, tmp_path).url == "mysql://e@h/d"
    assert forget_url(tmp_path) and not forget_url(tmp_path)
    assert class_setting({}, tmp_path) is None


# -- sync against the real server ---------------------------------------------------------------


def test_sync_sends_each_record_once_and_the_server_keeps_them(made_class, store) -> None:
    one_of_each(store)
    first = sync_store(store, made_class.student_url, timeout=5)
    assert first.error is None and (first.sent, first.new) == (6, 6)
    assert first.waiting_total == 0 and status_line(first.waiting) == "everything sent"
    again = sync_store(store, made_class.student_url, timeout=5)
    assert (again.sent, again.new) == (0, 0)
    # The marks moved back by hand (a reply lost after the commit): a resend adds nothing.
    store._db.execute("DELETE FROM meta WHERE key LIKE 'class_sent_%'")
    resent = sync_store(store, made_class.student_url, timeout=5)
    assert (resent.sent, resent.new) == (6, 0)
    counts = {
        table: count_rows(made_class.instructor_url, table)
        for table in ("answers", "lab_results", "flags", "lessons_read", "scenarios_completed")
    }
    assert counts == {
        "answers": 2,
        "lab_results": 1,
        "flags": 1,
        "lessons_read": 1,
        "scenarios_completed": 1,
    }
    records = server.fetch_records(made_class.instructor_url)
    student = store.student_id()
    ids = {a.record_id for a in records.answers}
    assert len(ids) == 2 and all(i.startswith(f"{student}:a:") for i in ids)
    # Keyed by the store's secret, not the bare local id: nobody can send them first.
    assert not ids & {f"{student}:a:1", f"{student}:a:2"}
    assert {a.student_name for a in records.answers} == {"Test Student"}
    assert records.flags[0].comment == "Which host?"


def test_many_batches_go_in_rounds(made_class, store) -> None:
    for index in range(25):
        answer(store, f"q{index}")
    result = sync_store(store, made_class.student_url, timeout=5, limit=7)
    assert (result.sent, result.new, result.waiting_total) == (25, 25, 0)


def test_the_outbox_survives_a_restart_while_the_server_is_unreachable(
    made_class, tmp_path: Path
) -> None:
    folder = tmp_path / "student"
    down = f"mysql://s:{SECRET}@127.0.0.1:{closed_port()}/tutor_class"
    with open_store(folder).store as store:
        store.set_student_name("Ada")
        answer(store, "q1")
        answer(store, "q2")
        failed = sync_store(store, down, timeout=3)
        assert failed.error is not None and failed.error.category == "unreachable"
        assert failed.sent == 0 and failed.waiting == {"a": 2, "l": 0, "f": 0, "r": 0, "s": 0}
        assert status_line(failed.waiting, failed.error) == (
            "class server unreachable, 2 answers waiting"
        )
    with open_store(folder).store as store:  # the app started again, the server is back
        answer(store, "q3")
        assert sum(pending_counts(store).values()) == 3
        result = sync_store(store, made_class.student_url, timeout=5)
        assert (result.sent, result.new, result.waiting_total) == (3, 3, 0)
    assert count_rows(made_class.instructor_url, "answers") == 3


def test_a_refused_login_keeps_everything_waiting(made_class, store) -> None:
    answer(store)
    student = server.account_names(made_class.database)[0]
    wrong = f"mysql://{student}:not-the-password@127.0.0.1:3306/{made_class.database}"
    result = sync_store(store, wrong, timeout=5)
    assert result.error is not None and result.error.category == "access"
    assert result.waiting_total == 1
    assert "not-the-password" not in result.error.message


# -- the commands -------------------------------------------------------------------------------


def tutor(*args: str, data: Path, env: dict[str, str] | None = None):
    clean = {k: v for k, v in os.environ.items() if k != "TUTOR_CLASS_URL"}
    return subprocess.run(
        [sys.executable, "-m", "tutor", *args],
        capture_output=True,
        text=True,
        env={**clean, "PYTHONPATH": str(REPO_ROOT), "TUTOR_DATA_DIR": str(data), **(env or {})},
        timeout=60 + HANG_GUARD,
        check=False,
    )


def test_join_sync_progress_and_leave(made_class, tmp_path: Path) -> None:
    data = tmp_path / "data"
    not_yet = tutor("class", "sync", data=data)
    assert not_yet.returncode == 2 and "tutor class join URL" in not_yet.stderr
    assert tutor("progress", "--json", data=data).returncode == 0
    assert json.loads(tutor("progress", "--json", data=data).stdout)["class"] is None

    bad = tutor("class", "join", "postgresql://u@h/d", data=data)
    assert bad.returncode == 2
    joined = tutor("class", "join", made_class.student_url, data=data)
    assert joined.returncode == 0, joined.stderr
    password = made_class.student_url.split(":")[2].split("@")[0]
    assert password not in joined.stdout + joined.stderr and "***" in joined.stdout

    with open_store(data).store as store:
        one_of_each(store)
    state = json.loads(tutor("progress", "--json", data=data).stdout)["class"]
    assert state["pending"] == 6 and state["last_sent"] is None
    assert state["pending_by_kind"]["answers"] == 2 and password not in state["url"]

    synced = tutor("class", "sync", data=data)
    assert synced.returncode == 0, synced.stderr
    assert "sent 6 records" in synced.stdout and "everything sent" in synced.stdout
    state = json.loads(tutor("progress", "--json", data=data).stdout)["class"]
    assert state["pending"] == 0 and state["last_sent"]
    assert count_rows(made_class.instructor_url, "answers") == 2

    down = f"mysql://s:{SECRET}@127.0.0.1:{closed_port()}/c"
    with open_store(data).store as store:
        answer(store, "q7")
    failed = tutor("class", "sync", data=data, env={"TUTOR_CLASS_URL": down})
    assert failed.returncode == 1
    # Another server (the URL from the environment wins over the saved one): for it, the whole
    # history waits, not only the new answer.
    assert "class server unreachable, 3 answers, 1 lab result," in failed.stderr
    assert SECRET not in failed.stdout + failed.stderr

    left = tutor("class", "leave", data=data)
    assert left.returncode == 0 and "forgotten" in left.stdout
    assert json.loads(tutor("progress", "--json", data=data).stdout)["class"] is None


def test_the_hand_made_class_reads_back_from_the_server_with_the_same_figures(made_class) -> None:
    """The worked-out class of test_class_analysis, sent and read back: the report's figures
    come out the same from the real server as from the records themselves."""
    from test_class_analysis import Q1, Q2, Q3, class_records

    from tutor.classroom.analysis import build_report
    from tutor.content.loader import load_pack

    pack = load_pack(REPO_ROOT)
    made = class_records()
    everything = [*made.answers, *made.labs, *made.flags, *made.lessons, *made.scenarios]
    assert server.send_records(made_class.student_url, everything) == len(everything)
    fetched = server.fetch_records(made_class.instructor_url)
    figures = {
        (q.scenario, q.question): (q.students, q.facility, q.discrimination, q.attempts)
        for q in build_report(fetched, pack).questions
    }
    assert figures[Q1] == (8, 5 / 8, 1.0, 9)
    assert figures[Q2] == (8, 3 / 8, 0.5, 10)
    assert figures[Q3] == (7, 4 / 7, -0.5, 7)
    assert build_report(fetched, pack).to_dict() == build_report(made, pack).to_dict()


def test_record_ids_are_stable_per_store_and_unguessable_across_stores(tmp_path: Path) -> None:
    from tutor.classroom.outgoing import to_record
    from tutor.progress.outbox import record_salt

    ids = []
    for name in ("one", "two"):
        with open_store(tmp_path / name).store as store:
            answer(store)
            row = unsent(store)[0]
            salt = record_salt(store)
            first = to_record(row, "s" * 32, "Ann", salt).record_id
            assert to_record(row, "s" * 32, "Ann", record_salt(store)).record_id == first
            store.clear()
            assert record_salt(store) == salt  # kept by reset, as the student id is
            ids.append(first)
    assert ids[0] != ids[1]  # the same student id and local id, two secrets


def test_another_class_server_gets_the_whole_history(made_class, store, admin_ready) -> None:
    from class_support import drop_class

    one_of_each(store)
    assert sync_store(store, made_class.student_url, timeout=5).sent == 6
    other = server.init_class(admin_ready, made_class.database + "b")
    try:
        moved = sync_store(store, other.student_url, timeout=5)
        assert (moved.sent, moved.new) == (6, 6)
        assert count_rows(other.instructor_url, "answers") == 2
    finally:
        drop_class(other.database)
