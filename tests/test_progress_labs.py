"""Lab verifications in the progress store: kept like answers, and a scenario with labs is done
only when each of its labs has passed (walked to the end in the app or not)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tutor.content.loader import load_pack
from tutor.labs.outcome import CheckOutcome, LabResult
from tutor.progress import open_store
from tutor.progress.labs import lab_attempt
from tutor.progress.position import completed_ids, labs_outstanding
from tutor.progress.sqlite_schema import MIGRATIONS, SCHEMA_VERSION
from tutor.progress.store import LabAttempt

LAB_SCENARIO = "lab-your-own-mysql"
LABS = ("own-mysql", "app-user", "seed-data")


@pytest.fixture(scope="module")
def pack(builtin_pack_root_module: Path):
    return load_pack(builtin_pack_root_module)


@pytest.fixture(scope="module")
def builtin_pack_root_module() -> Path:
    return Path(__file__).resolve().parent.parent


def result(lab_id: str, oks: list[bool | None]) -> LabResult:
    checks = [CheckOutcome(f"check-{i}", ok, "detail") for i, ok in enumerate(oks)]
    return LabResult(lab_id, all(ok is True for ok in oks), checks)


def test_a_failed_run_keeps_the_first_failing_check_and_how_far_it_got() -> None:
    attempt = lab_attempt("s", result("own-mysql", [True, False, None]), source="app")
    assert (attempt.passed, attempt.checks_passed, attempt.checks_total) == (False, 1, 3)
    assert attempt.failed_check == "check-1"
    passed = lab_attempt("s", result("own-mysql", [True, True]), source="cli")
    assert (passed.passed, passed.checks_passed, passed.failed_check) == (True, 2, None)


def test_lab_attempts_are_stored_in_order_and_survive_reopening(tmp_path: Path) -> None:
    with open_store(tmp_path).store as store:
        store.record_lab_attempt(lab_attempt("s", result("a", [False]), source="app"))
        store.record_lab_attempt(lab_attempt("s", result("a", [True]), source="cli"))
        store.record_lab_attempt(lab_attempt("t", result("b", [True]), source="cli"))
    with open_store(tmp_path).store as store:
        runs = store.lab_attempts()
        assert [(r.scenario_id, r.lab_id, r.passed, r.source) for r in runs] == [
            ("s", "a", False, "app"),
            ("s", "a", True, "cli"),
            ("t", "b", True, "cli"),
        ]
        assert [r.id for r in runs] == [1, 2, 3]
        assert store.labs_passed("s") == {("s", "a")}
        assert len(store.lab_attempts(scenario_id="t")) == 1


def test_an_unknown_source_is_refused(store) -> None:
    with pytest.raises(ValueError, match="source must be one of app, cli"):
        store.record_lab_attempt(LabAttempt("s", "a", True, 1, 1, None, "2026-01-01", "quiz"))


def test_the_student_id_is_made_once_and_kept_by_clear(tmp_path: Path) -> None:
    with open_store(tmp_path).store as store:
        first = store.student_id()
        assert len(first) == 32 and int(first, 16) >= 0
        store.record_lab_attempt(lab_attempt("s", result("a", [True]), source="app"))
        store.clear()
        assert store.lab_attempts() == []
        assert store.student_id() == first
    with open_store(tmp_path).store as store:
        assert store.student_id() == first


def test_a_version_1_store_gains_the_lab_table_and_keeps_its_answers(tmp_path: Path) -> None:
    assert SCHEMA_VERSION == 2
    path = tmp_path / "progress.sqlite3"
    raw = sqlite3.connect(path)
    raw.executescript(MIGRATIONS[0])
    raw.execute(
        "INSERT INTO attempts (scenario_id, question_id, answer, correct, hint_used,"
        " answered_at, fingerprint, source) VALUES ('s', 'q', '\"internal\"', 1, 0, 'T', 'f',"
        " 'quiz')"
    )
    raw.execute("PRAGMA user_version = 1")
    raw.commit()
    raw.close()
    with open_store(tmp_path).store as store:
        assert [a.question_id for a in store.attempts()] == ["q"]
        store.record_lab_attempt(lab_attempt("s", result("a", [True]), source="app"))
        assert store.labs_passed() == {("s", "a")}


def test_a_scenario_with_labs_is_done_when_walked_and_every_lab_passed(store, pack) -> None:
    scenario = pack.scenario(LAB_SCENARIO)
    assert scenario is not None
    store.record_scenario_completed(LAB_SCENARIO)
    assert LAB_SCENARIO not in completed_ids(store, pack)
    assert labs_outstanding(store, scenario) == list(LABS)
    for lab_id in LABS[:-1]:
        store.record_lab_attempt(lab_attempt(LAB_SCENARIO, result(lab_id, [True]), source="app"))
    store.record_lab_attempt(lab_attempt(LAB_SCENARIO, result(LABS[-1], [False]), source="app"))
    assert labs_outstanding(store, scenario) == [LABS[-1]]
    assert LAB_SCENARIO not in completed_ids(store, pack)
    assert store.summary(pack).scenarios_completed == 0
    store.record_lab_attempt(lab_attempt(LAB_SCENARIO, result(LABS[-1], [True]), source="cli"))
    assert LAB_SCENARIO in completed_ids(store, pack)
    summary = store.summary(pack)
    assert summary.scenarios_completed == 1
    assert summary.labs_passed == 3 and summary.labs_total >= 5
    assert summary.to_dict()["labs"]["runs"] == {"total": 4, "passed": 3}


def test_labs_passed_without_walking_do_not_complete_the_scenario(store, pack) -> None:
    for lab_id in LABS:
        store.record_lab_attempt(lab_attempt(LAB_SCENARIO, result(lab_id, [True]), source="cli"))
    assert LAB_SCENARIO not in completed_ids(store, pack)
    assert store.summary(pack).labs_passed == 3
