"""Exporting every attempt for handing in, with a digest that makes accidental edits show.

The JSON document (version 3):

    {"format": "tutor-export", "version": 3, "student": "...", "student_id": "<32 hex>",
     "exported_at": "...", "tutor_version": "...", "pack": {"id": "...", "version": "..."},
     "rows": [{attempt}, ...], "flags": [{flag}, ...], "labs": [{lab verification}, ...],
     "lessons_read": [{"lesson_id", "page", "read_at"}, ...],
     "scenarios_completed": [{"scenario_id", "completed_at"}, ...],
     "digest": {"algorithm": "sha256", "value": "<hex>"}}

The digest is SHA-256 over the canonical serialisation of the covered keys (COVERED_V3): UTF-8
JSON with sorted keys, no whitespace (separators "," and ":") and non-ASCII characters kept as
they are. Older documents still verify: version 2 covered {"pack", "rows", "flags"} and version
1 `rows` alone. The digest shows an accidental or careless edit; it is not a signature (anyone
can recompute it).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from tutor.progress.store import iso

if TYPE_CHECKING:
    from tutor.progress.store import ProgressStore

FORMAT = "tutor-export"
VERSION = 3
FLAG_FIELDS = ("scenario_id", "question_id", "reason", "comment", "fingerprint", "flagged_at")
COVERED_V3 = (
    "student_id",
    "pack",
    "rows",
    "flags",
    "labs",
    "lessons_read",
    "scenarios_completed",
)
FIELDS = (
    "id",
    "scenario_id",
    "question_id",
    "answer",
    "correct",
    "hint_used",
    "answered_at",
    "fingerprint",
    "source",
)
CSV_HEADER = ("student", *FIELDS, "pack", "pack_version")


def canonical_rows(rows: list[dict[str, Any]]) -> bytes:
    return json.dumps(rows, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def rows_digest(rows: list[dict[str, Any]]) -> str:
    """Version 1's digest: the rows alone."""
    return hashlib.sha256(canonical_rows(rows)).hexdigest()


def document_digest(
    pack: dict[str, Any] | None, rows: list[dict[str, Any]], flags: list[dict[str, Any]]
) -> str:
    """Version 2's digest: what the instructor reads, the pack and flags included."""
    covered = {"pack": pack, "rows": rows, "flags": flags}
    canonical = json.dumps(covered, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def covered_digest(document: dict[str, Any]) -> str:
    """Version 3's digest: every key in COVERED_V3, as the document holds it."""
    covered = {key: document.get(key) for key in COVERED_V3}
    canonical = json.dumps(covered, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class PackName:
    """The pack the answers were given in, as pack.yaml names it."""

    id: str
    version: str

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "version": self.version}


def student_name(store: ProgressStore, override: str | None = None) -> str | None:
    """--student, else TUTOR_STUDENT, else the name the app asked for and stored."""
    for candidate in (override, os.environ.get("TUTOR_STUDENT"), store.student_name()):
        if candidate and candidate.strip():
            return " ".join(candidate.split())
    return None


def export_rows(store: ProgressStore) -> list[dict[str, Any]]:
    return [attempt.to_row() for attempt in store.attempts()]


def export_flags(store: ProgressStore) -> list[dict[str, Any]]:
    """The student's flags, with their comments, for a class without a class server."""
    return [
        {"id": flag.id, **{name: getattr(flag, name) for name in FLAG_FIELDS}}
        for flag in store.flags()
    ]


def export_reading(store: ProgressStore) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(lesson pages read, scenarios walked to the end) as export rows."""
    pages = [
        {"lesson_id": read.lesson_id, "page": read.page, "read_at": read.read_at}
        for read in store.lessons_read()
    ]
    scenarios = [
        {"scenario_id": done.scenario_id, "completed_at": done.completed_at}
        for done in store.scenarios_completed()
    ]
    return pages, scenarios


def export_document(
    store: ProgressStore,
    *,
    student: str | None = None,
    now: datetime | None = None,
    pack: PackName | None = None,
) -> dict[str, Any]:
    from tutor import __version__

    pages, scenarios = export_reading(store)
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "student": student_name(store, student),
        "student_id": store.student_id(),
        "exported_at": iso(now),
        "tutor_version": __version__,
        "pack": pack.to_dict() if pack is not None else None,
        "rows": export_rows(store),
        "flags": export_flags(store),
        "labs": [lab.to_row() for lab in store.lab_attempts()],
        "lessons_read": pages,
        "scenarios_completed": scenarios,
    }
    document["digest"] = {"algorithm": "sha256", "value": covered_digest(document)}
    return document


def verify_export(data: dict[str, Any] | str | bytes) -> bool:
    """True when an exported JSON document (parsed, or its text) still matches its digest."""
    if isinstance(data, str | bytes):
        try:
            data = json.loads(data)
        except ValueError:
            return False
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return False
    rows, digest = data.get("rows"), data.get("digest")
    if not isinstance(rows, list) or not isinstance(digest, dict):
        return False
    if digest.get("algorithm") != "sha256" or not isinstance(digest.get("value"), str):
        return False
    value: str = digest["value"].lower()
    if data.get("version") == 1:
        return rows_digest(rows) == value
    flags, pack = data.get("flags"), data.get("pack")
    if data.get("version") not in (2, VERSION) or not isinstance(flags, list):
        return False
    if pack is not None and not isinstance(pack, dict):
        return False
    if data.get("version") == 2:
        return document_digest(pack, rows, flags) == value
    lists = ("labs", "lessons_read", "scenarios_completed")
    if not all(isinstance(data.get(key), list) for key in lists):
        return False
    if not isinstance(data.get("student_id"), str):
        return False
    return covered_digest(data) == value


def to_json(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def csv_answer(answer: str) -> str:
    """An attempt's stored answer (JSON text) as a spreadsheet cell: the placement
    (`internal`), or the chosen choices' texts joined with "; ". Texts, not letters: the
    letters a learner saw are shuffled per quiz, so only the text says what was chosen."""
    try:
        value = json.loads(answer)
    except ValueError:
        return answer
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(text, str) for text in value):
        return "; ".join(value)
    return answer


def to_csv(
    store: ProgressStore, *, student: str | None = None, pack: PackName | None = None
) -> str:
    """One line per attempt, the student's name in the first column, every cell a plain value
    (no JSON). CSV has no digest: `verify_export` checks the JSON form only."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    name = student_name(store, student) or ""
    for row in export_rows(store):
        row["answer"] = csv_answer(str(row["answer"]))
        writer.writerow(
            (
                name,
                *(str(row[f]).lower() if isinstance(row[f], bool) else row[f] for f in FIELDS),
                pack.id if pack else "",
                pack.version if pack else "",
            )
        )
    return buffer.getvalue()


def looks_like_csv_export(data: bytes) -> bool:
    """True when `data` starts with the CSV export's header (a spreadsheet may add a BOM)."""
    first_line = data.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].strip()
    return first_line.decode("utf-8", "replace").replace('"', "") == ",".join(CSV_HEADER)
