"""Class mode's outbox: the records not yet confirmed by the class server.

Every record is saved locally first, as always. The outbox is "each record past the last one
the class server confirmed", per kind: a high-water mark per table, kept in the store's `meta`
and moved on only after the server has committed the records up to it. Local ids only grow
(AUTOINCREMENT for answers, labs and flags; lesson pages and finished scenarios keep their
rowid, since a re-read is ignored rather than replaced), and writers are serialised, so a
reader never sees a later id before an earlier one commits. A resend is harmless: each record
has a stable id on the server.

`clear()` empties the tables and the marks together, so what is recorded afterwards is sent.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from tutor.progress.sqlite_schema import write
from tutor.progress.sqlite_store import SqliteStore, _attempt, _lab_attempt
from tutor.progress.store import Attempt, Flag, LabAttempt, LessonRead, ScenarioCompleted, iso

# kind -> (table, the column that orders it, the columns read); the kind letters are class
# mode's record kinds (tutor.classroom.records).
_TABLES: dict[str, tuple[str, str, str]] = {
    "a": (
        "attempts",
        "id",
        "id, scenario_id, question_id, answer, correct, hint_used, answered_at, fingerprint,"
        " source",
    ),
    "l": (
        "lab_attempts",
        "id",
        "id, scenario_id, lab_id, passed, checks_passed, checks_total, failed_check, checked_at,"
        " source",
    ),
    "f": (
        "flags",
        "id",
        "scenario_id, question_id, reason, comment, fingerprint, flagged_at, id",
    ),
    "r": ("lessons_read", "rowid", "lesson_id, page, read_at, rowid"),
    "s": ("scenarios_completed", "rowid", "scenario_id, completed_at, rowid"),
}
KINDS = tuple(_TABLES)
KIND_WORDS = {
    "a": ("answer", "answers"),
    "l": ("lab result", "lab results"),
    "f": ("flag", "flags"),
    "r": ("page read", "pages read"),
    "s": ("scenario done", "scenarios done"),
}
LAST_SENT_KEY = "class_last_sent"
SENT_TO_KEY = "class_server"  # the server the marks were moved for
SALT_KEY = "class_record_salt"  # never sent: it keeps this student's record ids unguessable

OutboxItem = Attempt | LabAttempt | Flag | LessonRead | ScenarioCompleted


@dataclass(frozen=True)
class OutboxRow:
    kind: str
    local_id: int
    item: OutboxItem


def _mark_key(kind: str) -> str:
    return f"class_sent_{kind}"


def sent_marks(store: SqliteStore) -> dict[str, int]:
    db = store._db
    rows = dict(db.execute("SELECT key, value FROM meta WHERE key LIKE 'class_sent_%'").fetchall())
    return {kind: int(rows.get(_mark_key(kind), 0)) for kind in KINDS}


def pending_counts(store: SqliteStore) -> dict[str, int]:
    """How many records of each kind wait to be sent."""
    marks = sent_marks(store)
    counts = {}
    for kind, (table, order, _columns) in _TABLES.items():
        query = f"SELECT COUNT(*) FROM {table} WHERE {order} > ?"
        counts[kind] = int(store._db.execute(query, (marks[kind],)).fetchone()[0])
    return counts


def unsent(store: SqliteStore, limit: int = 2000) -> list[OutboxRow]:
    """Up to `limit` waiting records of each kind, oldest first, read in one snapshot."""
    db = store._db
    found: list[OutboxRow] = []
    db.execute("BEGIN")  # one read snapshot for every table
    try:
        marks = sent_marks(store)
        for kind, (table, order, columns) in _TABLES.items():
            query = f"SELECT {columns} FROM {table} WHERE {order} > ? ORDER BY {order} LIMIT ?"
            for row in db.execute(query, (marks[kind], limit)).fetchall():
                found.append(_outbox_row(kind, row))
    finally:
        db.execute("COMMIT")
    return found


def _outbox_row(kind: str, row: tuple[Any, ...]) -> OutboxRow:
    item: OutboxItem
    if kind == "a":
        item = _attempt(row)
        local_id = row[0]
    elif kind == "l":
        item = _lab_attempt(row)
        local_id = row[0]
    elif kind == "f":
        item = Flag(*row)
        local_id = row[-1]
    elif kind == "r":
        item = LessonRead(row[0], row[1], row[2])
        local_id = row[-1]
    else:
        item = ScenarioCompleted(row[0], row[1])
        local_id = row[-1]
    return OutboxRow(kind, int(local_id), item)


def mark_sent(store: SqliteStore, rows: list[OutboxRow]) -> None:
    """The server has committed `rows`: move each kind's mark on to the highest of them (never
    back: another tutor process may have sent further meanwhile)."""
    highest: dict[str, int] = {}
    for row in rows:
        highest[row.kind] = max(highest.get(row.kind, 0), row.local_id)
    with write(store._db) as db:
        for kind, local_id in highest.items():
            db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET"
                " value = MAX(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER))",
                (_mark_key(kind), str(local_id)),
            )
        db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (LAST_SENT_KEY, iso()))


def record_salt(store: SqliteStore) -> str:
    """A secret made once per store (kept by `clear`): record ids are derived from it, so that
    nobody who knows a student's id can send records under that student's next ids first."""
    with write(store._db) as db:
        db.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)",
            (SALT_KEY, secrets.token_hex(16)),
        )
        row = db.execute("SELECT value FROM meta WHERE key = ?", (SALT_KEY,)).fetchone()
    return str(row[0])


def sending_to(store: SqliteStore, server: str) -> None:
    """The marks hold for one class server: for another one (a new class, a new database),
    everything is waiting again, so that the new server gets the whole history."""
    row = store._db.execute("SELECT value FROM meta WHERE key = ?", (SENT_TO_KEY,)).fetchone()
    if row is not None and row[0] == server:
        return
    with write(store._db) as db:
        db.execute("DELETE FROM meta WHERE key LIKE 'class_sent_%' OR key = ?", (LAST_SENT_KEY,))
        db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (SENT_TO_KEY, server))


def last_sent(store: SqliteStore) -> str | None:
    row = store._db.execute("SELECT value FROM meta WHERE key = ?", (LAST_SENT_KEY,)).fetchone()
    return str(row[0]) if row else None


def describe_pending(counts: dict[str, int]) -> str:
    """'12 answers, 1 lab result' (kinds with nothing waiting left out); '' when none."""
    parts = []
    for kind in KINDS:
        count = counts.get(kind, 0)
        if count:
            singular, plural = KIND_WORDS[kind]
            parts.append(f"{count} {singular if count == 1 else plural}")
    return ", ".join(parts)
