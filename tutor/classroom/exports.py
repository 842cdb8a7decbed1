"""A class report without a class server: the records in students' JSON export files.

Each file's digest is checked (`tutor.progress.export.verify_export`); a file that is unreadable,
not an export, or changed since it was exported is refused with one line, `PATH: reason`, and
the others are still read. Versions 1 to 3 are read; what an older version lacks (labs, lessons
read, scenarios completed) is simply empty.

Who handed it in: version 3 carries the student's random id. Older exports have only a name,
so their id is derived from it ("x" + 31 hex digits of its SHA-256): two students who typed the
same name in a version 1 or 2 export are counted as one.

Nothing is doubled: each record gets the class server's stable id (`records.record_id`, from
the student id and the record's local id or natural key), and a record already read from
another file (the same student's earlier or later export) is skipped.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from tutor.classroom.records import (
    KIND_ANSWER,
    KIND_FLAG,
    KIND_LAB,
    KIND_LESSON,
    KIND_SCENARIO,
    AnswerRecord,
    ClassRecords,
    FlagRecord,
    LabRecord,
    LessonRecord,
    Record,
    ScenarioRecord,
    record_id,
)
from tutor.progress.export import FORMAT, VERSION, looks_like_csv_export, verify_export

STUDENT_ID = re.compile(r"[0-9a-f]{32}")
_R = TypeVar("_R", bound=Record)


class ExportError(Exception):
    """Why one file is refused: one line, without the path."""


def read_exports(paths: Iterable[str | Path]) -> tuple[ClassRecords, list[str]]:
    """Every readable export's records, deduplicated, and one `PATH: reason` per refused file."""
    records = ClassRecords()
    problems: list[str] = []
    seen: set[str] = set()
    for path in paths:
        try:
            one = read_export(Path(path))
        except ExportError as error:
            problems.append(f"{path}: {error}")
            continue
        _add_new(records.answers, one.answers, seen)
        _add_new(records.labs, one.labs, seen)
        _add_new(records.flags, one.flags, seen)
        _add_new(records.lessons, one.lessons, seen)
        _add_new(records.scenarios, one.scenarios, seen)
    return records, problems


def _add_new(mine: list[_R], theirs: list[_R], seen: set[str]) -> None:
    for record in theirs:
        if record.record_id not in seen:
            seen.add(record.record_id)
            mine.append(record)


def read_export(path: Path) -> ClassRecords:
    """One export file's records; ExportError says why it cannot be used."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ExportError(f"cannot read it ({error.strerror or error})") from None
    if looks_like_csv_export(data):
        raise ExportError(
            "a CSV export carries no digest: hand in the JSON export (tutor export -o FILE.json)"
        )
    try:
        document = json.loads(data)
    except (ValueError, RecursionError):  # UnicodeDecodeError included; absurd nesting
        raise ExportError("not a tutor export (it is not JSON)") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ExportError('not a tutor export (no "format": "tutor-export")')
    version = document.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise ExportError(f"export version {version} is newer than this tutor reads: update tutor")
    if version not in range(1, VERSION + 1):
        raise ExportError(f"not a tutor export (unknown version {version!r})")
    if not verify_export(document):
        raise ExportError("its digest does not match: the file was changed after it was exported")
    try:
        return _records(document, path)
    except ValueError as error:  # a row that is not what tutor writes
        raise ExportError(str(error)) from None


def derived_student_id(name: str) -> str:
    """A stable id for an export without one (before version 3): from the name alone."""
    return "x" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:31]


# What tutor writes in each list: the fields checked by type, in the order records take them.
# A field that may be null (a lab's failed_check, a flag's comment) is read by _optional.
ANSWER_FIELDS: dict[str, type] = {
    "scenario_id": str,
    "question_id": str,
    "answer": str,
    "correct": bool,
    "hint_used": bool,
    "answered_at": str,
    "fingerprint": str,
    "source": str,
}
LAB_FIELDS: dict[str, type] = {
    "scenario_id": str,
    "lab_id": str,
    "passed": bool,
    "checks_passed": int,
    "checks_total": int,
    "checked_at": str,
    "source": str,
}
FLAG_FIELDS: dict[str, type] = {
    "scenario_id": str,
    "question_id": str,
    "reason": str,
    "flagged_at": str,
}
LESSON_FIELDS: dict[str, type] = {"lesson_id": str, "page": int, "read_at": str}
SCENARIO_FIELDS: dict[str, type] = {"scenario_id": str, "completed_at": str}
_KINDS = {bool: "true/false", int: "whole number", str: "text"}


def _records(document: dict[str, Any], path: Path) -> ClassRecords:
    given = document.get("student")
    # No name (possible before the app asked for one): the file name says whose it is.
    name = " ".join(given.split()) if isinstance(given, str) else ""
    name = name or f"(no name: {path.name})"
    sid = document.get("student_id")
    derived = sid is None
    if derived:
        sid = derived_student_id(name)
    elif not isinstance(sid, str) or not STUDENT_ID.fullmatch(sid):
        raise ValueError("its student_id is not 32 hex digits")
    pack = document.get("pack")
    pack = pack if isinstance(pack, dict) else {}
    pack_id, pack_version = str(pack.get("id") or ""), str(pack.get("version") or "")

    def rid(kind: str, row: dict[str, Any], *natural: object) -> str:
        """The record's local id; with a derived student id its time too, so that two
        namesakes' attempts number 1 are not taken for one. No local id: its natural key."""
        local = row.get("id")
        if type(local) is not int:
            return record_id(sid, kind, *natural)
        return record_id(sid, kind, local, natural[-1]) if derived else record_id(sid, kind, local)

    records = ClassRecords()
    for row, (sc, q, answer, correct, hint, at, fp, source) in _rows(
        document, "rows", ANSWER_FIELDS
    ):
        records.answers.append(
            AnswerRecord(
                rid(KIND_ANSWER, row, sc, q, at), sid, name, sc, q, answer, correct, hint, at, fp,
                source, pack_id, pack_version,
            )
        )  # fmt: skip
    for row, (sc, lab, passed, good, total, at, source) in _rows(document, "labs", LAB_FIELDS):
        failed = _optional(row, "failed_check", "lab result")
        records.labs.append(
            LabRecord(
                rid(KIND_LAB, row, sc, lab, at), sid, name, sc, lab, passed, good, total, failed,
                at, source,
            )
        )  # fmt: skip
    for row, (sc, q, reason, at) in _rows(document, "flags", FLAG_FIELDS):
        comment = _optional(row, "comment", "flag") or ""
        fp = _optional(row, "fingerprint", "flag")
        records.flags.append(
            FlagRecord(rid(KIND_FLAG, row, sc, q, at), sid, name, sc, q, reason, comment, fp, at)
        )
    for _, (lesson, page, at) in _rows(document, "lessons_read", LESSON_FIELDS):
        records.lessons.append(
            LessonRecord(record_id(sid, KIND_LESSON, lesson, page), sid, name, lesson, page, at)
        )
    for _, (sc, at) in _rows(document, "scenarios_completed", SCENARIO_FIELDS):
        records.scenarios.append(
            ScenarioRecord(record_id(sid, KIND_SCENARIO, sc), sid, name, sc, at)
        )
    return records


_WHAT = {
    "rows": "answer",
    "labs": "lab result",
    "flags": "flag",
    "lessons_read": "lesson page",
    "scenarios_completed": "completed scenario",
}


def _rows(
    document: dict[str, Any], key: str, fields: dict[str, type]
) -> Iterator[tuple[dict[str, Any], list[Any]]]:
    """Each row under `key` with its fields' values, every one of the type tutor writes
    (checked by C-level map and list comparison: tens of thousands of rows are read for a
    report). Nothing when an older version has no such key."""
    rows = document.get(key)
    if rows is None:
        return
    if not isinstance(rows, list):
        raise ValueError(f"its '{key}' is not a list")
    names, types = list(fields), list(fields.values())
    for number, row in enumerate(rows, start=1):
        if type(row) is not dict:
            raise ValueError(f"its {_WHAT[key]} {number} is not an object")
        values = list(map(row.get, names))
        if list(map(type, values)) != types:
            wrong = next(n for n, v in zip(names, values, strict=True) if type(v) is not fields[n])
            kind = _KINDS[fields[wrong]]
            raise ValueError(f"its {_WHAT[key]} {number} has no {kind} '{wrong}'")
        yield row, values


def _optional(row: dict[str, Any], key: str, what: str) -> str | None:
    value = row.get(key)
    if value is not None and not isinstance(value, str):
        raise ValueError(f"its {what}'s '{key}' is not text")
    return value
