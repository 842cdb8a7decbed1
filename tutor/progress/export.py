"""Exporting every attempt for handing in, with a digest that makes accidental edits show.

The JSON document:

    {"format": "tutor-export", "version": 1, "student": "...", "exported_at": "...",
     "tutor_version": "...", "rows": [{attempt}, ...],
     "digest": {"algorithm": "sha256", "value": "<hex>"}}

The digest is SHA-256 over the canonical serialisation of `rows` alone: UTF-8 JSON with sorted
keys, no whitespace (separators "," and ":") and non-ASCII characters kept as they are. It shows
an accidental or careless edit; it is not a signature (anyone can recompute it).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from datetime import datetime
from typing import TYPE_CHECKING, Any

from tutor.progress.store import iso

if TYPE_CHECKING:
    from tutor.progress.store import ProgressStore

FORMAT = "tutor-export"
VERSION = 1
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
CSV_HEADER = ("student", *FIELDS)


def canonical_rows(rows: list[dict[str, Any]]) -> bytes:
    return json.dumps(rows, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def rows_digest(rows: list[dict[str, Any]]) -> str:
    return hashlib.sha256(canonical_rows(rows)).hexdigest()


def student_name(store: ProgressStore, override: str | None = None) -> str | None:
    """--student, else TUTOR_STUDENT, else the name the app asked for and stored."""
    for candidate in (override, os.environ.get("TUTOR_STUDENT"), store.student_name()):
        if candidate and candidate.strip():
            return " ".join(candidate.split())
    return None


def export_rows(store: ProgressStore) -> list[dict[str, Any]]:
    return [attempt.to_row() for attempt in store.attempts()]


def export_document(
    store: ProgressStore, *, student: str | None = None, now: datetime | None = None
) -> dict[str, Any]:
    from tutor import __version__

    rows = export_rows(store)
    return {
        "format": FORMAT,
        "version": VERSION,
        "student": student_name(store, student),
        "exported_at": iso(now),
        "tutor_version": __version__,
        "rows": rows,
        "digest": {"algorithm": "sha256", "value": rows_digest(rows)},
    }


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
    value: str = digest["value"]
    return rows_digest(rows) == value.lower()


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


def to_csv(store: ProgressStore, *, student: str | None = None) -> str:
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
            )
        )
    return buffer.getvalue()


def looks_like_csv_export(data: bytes) -> bool:
    """True when `data` starts with the CSV export's header (a spreadsheet may add a BOM)."""
    first_line = data.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].strip()
    return first_line.decode("utf-8", "replace").replace('"', "") == ",".join(CSV_HEADER)
