"""Exports for handing in: the digest verifies, and an edit shows."""

from __future__ import annotations

import copy
import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from progress_samples import make_pack

from tutor.progress import open_store, record_answer
from tutor.progress.export import (
    canonical_rows,
    export_document,
    rows_digest,
    to_csv,
    to_json,
    verify_export,
)

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(isolated_environment: Path):
    opened = open_store()
    pack = make_pack()
    scenario = pack.scenario("s-local")
    record_answer(
        opened.store, scenario, scenario.question("p1"), "external", source="quiz", now=T0
    )
    record_answer(
        opened.store, scenario, scenario.question("c1"), {0}, source="review", hint_used=True
    )
    yield opened.store
    opened.store.close()


def test_the_json_export_carries_name_rows_and_a_digest_that_verifies(store) -> None:
    store.set_student_name("Ada Lovelace")
    document = json.loads(to_json(export_document(store)))
    assert document["student"] == "Ada Lovelace"
    assert [r["question_id"] for r in document["rows"]] == ["p1", "c1"]
    assert document["rows"][0] == {
        "id": 1,
        "scenario_id": "s-local",
        "question_id": "p1",
        "answer": '"external"',
        "correct": False,
        "hint_used": False,
        "answered_at": "2026-03-01T09:00:00.000000+00:00",
        "fingerprint": make_pack().scenario("s-local").question("p1").fingerprint(),
        "source": "quiz",
    }
    assert document["digest"]["algorithm"] == "sha256"
    assert verify_export(document)
    assert verify_export(to_json(export_document(store)))


def test_the_digest_is_over_a_canonical_form(store) -> None:
    rows = export_document(store)["rows"]
    reordered = [dict(reversed(list(row.items()))) for row in rows]
    assert canonical_rows(reordered) == canonical_rows(rows)
    assert rows_digest(reordered) == rows_digest(rows)
    import hashlib

    expected = json.dumps(rows, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert rows_digest(rows) == hashlib.sha256(expected.encode()).hexdigest()


@pytest.mark.parametrize(
    "tamper",
    [
        lambda d: d["rows"][0].update(correct=True),
        lambda d: d["rows"].pop(),
        lambda d: d["rows"].append(dict(d["rows"][0])),
        lambda d: d["rows"][1].update(answered_at="2026-03-02T00:00:00.000000+00:00"),
        lambda d: d["digest"].update(value="0" * 64),
        lambda d: d.pop("digest"),
        lambda d: d.update(format="something-else"),
    ],
)
def test_an_edit_is_detected(store, tamper) -> None:
    document = export_document(store)
    edited = copy.deepcopy(document)
    tamper(edited)
    assert not verify_export(edited)
    assert verify_export(document)


def test_garbage_does_not_verify() -> None:
    assert not verify_export("not json")
    assert not verify_export(b"[1, 2]")


def test_the_name_comes_from_the_option_then_the_environment_then_the_store(
    store, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert export_document(store)["student"] is None
    store.set_student_name("Stored Name")
    assert export_document(store)["student"] == "Stored Name"
    monkeypatch.setenv("TUTOR_STUDENT", "From Env")
    assert export_document(store)["student"] == "From Env"
    assert export_document(store, student="Option")["student"] == "Option"


def test_csv_has_one_line_per_attempt(store) -> None:
    store.set_student_name("Ada")
    rows = list(csv.DictReader(io.StringIO(to_csv(store))))
    assert [(r["student"], r["question_id"], r["correct"], r["hint_used"]) for r in rows] == [
        ("Ada", "p1", "false", "false"),
        ("Ada", "c1", "true", "true"),
    ]


def test_the_export_carries_the_pack_and_the_flags_with_their_comments(store) -> None:
    from tutor.progress.export import PackName
    from tutor.progress.store import QuestionKey

    store.flag(QuestionKey("s-local", "p1"), "confusing", "Which app is meant?", at=T0)
    document = export_document(store, pack=PackName("ops", "1.2"))
    assert document["version"] == 3
    assert document["pack"] == {"id": "ops", "version": "1.2"}
    assert document["flags"] == [
        {
            "id": 1,
            "scenario_id": "s-local",
            "question_id": "p1",
            "reason": "confusing",
            "comment": "Which app is meant?",
            "fingerprint": None,
            "flagged_at": "2026-03-01T09:00:00.000000+00:00",
        }
    ]
    assert verify_export(document)
    for tamper in (
        lambda d: d["flags"][0].update(comment="edited"),
        lambda d: d["flags"].clear(),
        lambda d: d["pack"].update(version="9"),
        lambda d: d.update(pack=None),
        lambda d: d.update(student_id="0" * 32),
    ):
        edited = copy.deepcopy(document)
        tamper(edited)
        assert not verify_export(edited)


def test_the_export_carries_labs_reading_and_the_student_id(store) -> None:
    from tutor.progress.store import LabAttempt

    store.record_lab_attempt(
        LabAttempt("lab-s", "own-mysql", False, 1, 3, "mysql-placement", "2026-03-01T09:05", "app")
    )
    store.record_lab_attempt(
        LabAttempt("lab-s", "own-mysql", True, 3, 3, None, "2026-03-01T09:09", "cli")
    )
    store.record_lesson_read("intro", 0, at=T0)
    store.record_scenario_completed("s-local", at=T0)
    document = export_document(store)
    assert document["student_id"] == store.student_id() and len(document["student_id"]) == 32
    assert [(lab["lab_id"], lab["passed"], lab["failed_check"]) for lab in document["labs"]] == [
        ("own-mysql", False, "mysql-placement"),
        ("own-mysql", True, None),
    ]
    assert [read["lesson_id"] for read in document["lessons_read"]] == ["intro"]
    assert [done["scenario_id"] for done in document["scenarios_completed"]] == ["s-local"]
    assert verify_export(document)
    for key in ("labs", "lessons_read", "scenarios_completed"):
        edited = copy.deepcopy(document)
        edited[key].pop()
        assert not verify_export(edited), key


def test_a_version_2_export_still_verifies(store) -> None:
    from tutor.progress.export import document_digest

    rows = export_document(store)["rows"]
    flags = [
        {
            "scenario_id": "s",
            "question_id": "q",
            "reason": "wrong",
            "comment": "",
            "fingerprint": None,
            "flagged_at": "2026-03-01T09:00",
        }
    ]
    pack = {"id": "ops", "version": "1.2"}
    old = {
        "format": "tutor-export",
        "version": 2,
        "pack": pack,
        "rows": rows,
        "flags": flags,
        "digest": {"algorithm": "sha256", "value": document_digest(pack, rows, flags)},
    }
    assert verify_export(old)
    old["flags"][0]["reason"] = "confusing"
    assert not verify_export(old)


def test_a_version_1_export_still_verifies(store) -> None:
    rows = export_document(store)["rows"]
    old = {
        "format": "tutor-export",
        "version": 1,
        "rows": rows,
        "digest": {"algorithm": "sha256", "value": rows_digest(rows)},
    }
    assert verify_export(old)
    old["rows"][0]["correct"] = True
    assert not verify_export(old)


def test_csv_rows_name_the_pack(store) -> None:
    from tutor.progress.export import PackName

    rows = list(csv.DictReader(io.StringIO(to_csv(store, pack=PackName("ops", "1.2")))))
    assert {(r["pack"], r["pack_version"]) for r in rows} == {("ops", "1.2")}
