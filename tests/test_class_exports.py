"""A class report from students' JSON exports: digests checked, every version read, nothing
doubled, and a bad file refused without losing the others."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import REPO_ROOT

from tutor.classroom.analysis import build_report
from tutor.classroom.exports import derived_student_id, read_exports
from tutor.content.loader import load_pack
from tutor.progress import open_store, record_answer
from tutor.progress.export import (
    FLAG_FIELDS,
    VERSION,
    PackName,
    covered_digest,
    document_digest,
    export_document,
    rows_digest,
    to_csv,
    to_json,
)
from tutor.progress.store import LabAttempt, QuestionKey, iso

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LOCAL = "laptop-local-mysql"
PACK = PackName("backing-services", "0.1.0")


@pytest.fixture(scope="module")
def pack():
    return load_pack(REPO_ROOT)


def work(store, pack, start: int = 0) -> None:
    """Two answers, a lab run, a page read, a finished scenario and a flag."""
    scenario = pack.scenario(LOCAL)
    moment = T0 + timedelta(minutes=start)
    record_answer(
        store, scenario, scenario.question("where-db"), "external", source="quiz", now=moment
    )
    record_answer(
        store,
        scenario,
        scenario.question("where-db"),
        "internal",
        source="review",
        hint_used=True,
        now=moment + timedelta(minutes=1),
    )
    store.record_lab_attempt(
        LabAttempt("lab-your-own-mysql", "install", True, 2, 2, None, iso(moment), "cli")
    )
    store.record_lesson_read("internal-backing-services", start, at=moment)
    store.record_scenario_completed(LOCAL, at=moment)
    store.flag(QuestionKey(LOCAL, "where-db"), "confusing", f"Which host? ({start})", at=moment)


def write(path: Path, document: dict) -> Path:
    path.write_text(to_json(document), encoding="utf-8")
    return path


def older(document: dict, version: int) -> dict:
    """The same export as version 1 or 2 wrote it, with that version's digest."""
    rows = document["rows"]
    old = {key: document[key] for key in ("format", "student", "exported_at", "tutor_version")}
    old["version"] = version
    old["rows"] = rows
    if version == 1:
        old["digest"] = {"algorithm": "sha256", "value": rows_digest(rows)}
        return old
    flags = [{name: flag[name] for name in FLAG_FIELDS} for flag in document["flags"]]
    old |= {"pack": document["pack"], "flags": flags}
    old["digest"] = {
        "algorithm": "sha256",
        "value": document_digest(document["pack"], rows, flags),
    }
    return old


def test_a_version_3_export_gives_every_kind_of_record(store, pack, tmp_path: Path) -> None:
    assert VERSION == 3
    work(store, pack)
    path = write(tmp_path / "ada.json", export_document(store, pack=PACK, student="Ada"))
    records, problems = read_exports([path])
    assert problems == []
    sid = store.student_id()
    assert {a.student_id for a in records.answers} == {sid}
    assert [(a.answer, a.correct, a.hint_used) for a in records.answers] == [
        ('"external"', False, False),
        ('"internal"', True, True),
    ]
    first = records.answers[0]
    assert (first.student_name, first.pack_id, first.pack_version) == (
        "Ada",
        *PACK.to_dict().values(),
    )
    assert first.record_id == f"{sid}:a:{store.attempts()[0].id}"
    lab = records.labs[0]
    assert (lab.lab_id, lab.passed, lab.checks_passed, lab.checks_total) == ("install", True, 2, 2)
    assert [(r.lesson_id, r.page) for r in records.lessons] == [("internal-backing-services", 0)]
    assert [s.scenario_id for s in records.scenarios] == [LOCAL]
    assert [(f.reason, f.comment) for f in records.flags] == [("confusing", "Which host? (0)")]

    report = build_report(records, pack)
    (student,) = report.students
    assert (student.name, student.attempts, student.accuracy, student.labs_done) == (
        "Ada",
        2,
        0.5,
        1,
    )
    assert student.scenarios_done == 1


@pytest.mark.parametrize("version", [1, 2])
def test_older_exports_are_read_with_a_student_id_derived_from_the_name(
    store, pack, tmp_path: Path, version: int
) -> None:
    work(store, pack)
    document = older(export_document(store, pack=PACK, student="Ada Lovelace"), version)
    records, problems = read_exports([write(tmp_path / "old.json", document)])
    assert problems == []
    sid = derived_student_id("Ada Lovelace")
    assert sid.startswith("x") and len(sid) == 32
    assert {a.student_id for a in records.answers} == {sid}
    assert len(records.answers) == 2
    assert len(records.flags) == (1 if version == 2 else 0)
    assert records.labs == records.lessons == records.scenarios == []  # not in these versions


def test_a_tampered_file_is_refused_and_the_others_are_still_read(
    store, pack, tmp_path: Path
) -> None:
    work(store, pack)
    good = write(tmp_path / "good.json", export_document(store, student="Ada"))
    edited = export_document(store, student="Ada")
    edited["rows"][0]["correct"] = True  # a wrong answer made right by hand
    bad = write(tmp_path / "bad.json", edited)
    other = open_store(tmp_path / "other")
    try:
        other.store.set_student_name("Grace")
        work(other.store, pack, start=10)
        grace = write(tmp_path / "grace.json", export_document(other.store))
        csv_file = tmp_path / "grace.csv"
        csv_file.write_text(to_csv(other.store), encoding="utf-8")
    finally:
        other.store.close()
    not_json = tmp_path / "notes.json"
    not_json.write_bytes(b"\xff\xfe not json")
    newer = write(tmp_path / "newer.json", {"format": "tutor-export", "version": 99, "rows": []})

    paths = [good, bad, grace, csv_file, not_json, newer, tmp_path / "missing.json", tmp_path]
    records, problems = read_exports(paths)
    assert problems == [
        f"{bad}: its digest does not match: the file was changed after it was exported",
        f"{csv_file}: a CSV export carries no digest: hand in the JSON export "
        "(tutor export -o FILE.json)",
        f"{not_json}: not a tutor export (it is not JSON)",
        f"{newer}: export version 99 is newer than this tutor reads: update tutor",
        f"{tmp_path / 'missing.json'}: cannot read it (No such file or directory)",
        f"{tmp_path}: cannot read it (Is a directory)",
    ]
    assert all("\n" not in problem for problem in problems)
    assert sorted({a.student_name for a in records.answers}) == ["Ada", "Grace"]
    assert len(records.answers) == 4
    names = [s.name for s in build_report(records, pack).students]
    assert names == ["Ada", "Grace"]


def test_a_row_that_tutor_never_writes_is_refused_in_one_line(store, pack, tmp_path: Path) -> None:
    work(store, pack)
    document = export_document(store)
    document["labs"][0]["passed"] = "yes"
    document["digest"]["value"] = covered_digest(document)  # a careful edit: the digest fits
    path = write(tmp_path / "odd.json", document)
    records, problems = read_exports([path])
    assert problems == [f"{path}: its lab result 1 has no true/false 'passed'"]
    assert records.answers == []


def test_the_same_student_handed_in_twice_is_not_doubled(store, pack, tmp_path: Path) -> None:
    work(store, pack)
    early = write(tmp_path / "early.json", export_document(store, student="Ada"))
    work(store, pack, start=5)  # more work, then a later export holding both
    late = write(tmp_path / "late.json", export_document(store, student="Ada L."))
    records, problems = read_exports([early, late, late])
    assert problems == []
    assert len(records.answers) == 4 == len(store.attempts())
    assert len(records.labs) == 2
    assert len(records.flags) == 2
    assert [r.page for r in records.lessons] == [0, 5]
    assert len(records.scenarios) == 1  # finishing again keeps the first time
    assert len({r.record_id for r in records.answers}) == 4
    (student,) = build_report(records, pack).students
    assert (student.attempts, student.name) == (4, "Ada L.")  # the latest record's name


def test_two_older_exports_of_one_name_are_one_student_without_doubles(
    store, pack, tmp_path: Path
) -> None:
    work(store, pack)
    first = older(export_document(store, pack=PACK, student="Ada"), 2)
    work(store, pack, start=5)
    second = older(export_document(store, pack=PACK, student="Ada"), 2)
    records, problems = read_exports(
        [write(tmp_path / "a.json", first), write(tmp_path / "b.json", second)]
    )
    assert problems == []
    assert len(records.answers) == 4
    assert len(records.flags) == 2


def test_namesakes_in_older_exports_lose_no_answer(store, pack, tmp_path: Path) -> None:
    """Before version 3 a name is all there is: two students called Ada are one student, but
    both their attempts number 1 are kept (their times differ)."""
    work(store, pack)
    namesake = open_store(tmp_path / "namesake")
    try:
        work(namesake.store, pack, start=3)
        theirs = older(export_document(namesake.store, student="Ada"), 2)
    finally:
        namesake.store.close()
    mine = older(export_document(store, student="Ada"), 2)
    records, problems = read_exports(
        [write(tmp_path / "mine.json", mine), write(tmp_path / "theirs.json", theirs)]
    )
    assert problems == []
    assert len(records.answers) == 4
    assert len({a.student_id for a in records.answers}) == 1


def test_an_export_without_a_name_is_named_after_its_file(store, pack, tmp_path: Path) -> None:
    work(store, pack)
    document = older(export_document(store), 2)
    document["student"] = None
    records, _ = read_exports([write(tmp_path / "desk-7.json", document)])
    assert {a.student_name for a in records.answers} == {"(no name: desk-7.json)"}
