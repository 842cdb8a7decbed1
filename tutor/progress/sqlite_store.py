"""The default progress store: one SQLite file per learner, written through the stdlib sqlite3.

Durability: WAL journal with synchronous=FULL, and every write is its own transaction committed
before the method returns. WAL alone makes a committed answer survive SIGKILL (the commit has
reached the operating system); FULL adds an fsync of the WAL per commit so that it also survives
a power cut. Two processes may write at once: writers take the lock up front (BEGIN IMMEDIATE)
and wait up to `BUSY_TIMEOUT_MS` for each other.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from tutor.progress.store import (
    FLAG_REASONS,
    POSITION_KINDS,
    Attempt,
    Flag,
    LessonRead,
    Position,
    ProgressStore,
    QuestionKey,
    ReviewState,
    ReviewUpdate,
    ScenarioCompleted,
    StoreError,
    check_source,
    iso,
)

SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 5000

_SCHEMA_V1 = """
CREATE TABLE attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    scenario_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    answer TEXT NOT NULL,
    correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
    hint_used INTEGER NOT NULL CHECK (hint_used IN (0, 1)),
    answered_at TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('walkthrough', 'quiz', 'review', 'practice'))
);
CREATE INDEX attempts_by_question ON attempts (scenario_id, question_id);
CREATE TABLE lessons_read (
    lesson_id TEXT NOT NULL,
    page INTEGER NOT NULL,
    read_at TEXT NOT NULL,
    PRIMARY KEY (lesson_id, page)
);
CREATE TABLE scenarios_completed (
    scenario_id TEXT PRIMARY KEY,
    completed_at TEXT NOT NULL
);
CREATE TABLE flags (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    scenario_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    comment TEXT NOT NULL,
    fingerprint TEXT,
    flagged_at TEXT NOT NULL
);
CREATE TABLE review (
    scenario_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    card TEXT NOT NULL,
    due TEXT NOT NULL,
    PRIMARY KEY (scenario_id, question_id)
);
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

# Index i holds the script that takes the schema from version i to i + 1.
MIGRATIONS = (_SCHEMA_V1,)
assert len(MIGRATIONS) == SCHEMA_VERSION

_ATTEMPT_COLUMNS = (
    "id, scenario_id, question_id, answer, correct, hint_used, answered_at, fingerprint, source"
)


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode (we issue BEGIN ourselves) with WAL and a busy timeout."""
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        connection.close()
        raise StoreError(f"cannot switch {path} to WAL mode (got {mode})")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def migrate(connection: sqlite3.Connection) -> None:
    """Bring an older (or new, empty) store up to SCHEMA_VERSION, one transaction per step."""
    while True:
        with _write(connection):
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version >= SCHEMA_VERSION:
                return
            for statement in MIGRATIONS[version].split(";"):
                if statement.strip():
                    connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {version + 1}")


@contextmanager
def _write(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction, committed (durably) before the block's caller carries on."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _attempt(row: tuple[Any, ...]) -> Attempt:
    id_, scenario_id, question_id, answer, correct, hint_used, at, fingerprint, source = row
    return Attempt(
        scenario_id,
        question_id,
        answer,
        bool(correct),
        bool(hint_used),
        at,
        fingerprint,
        source,
        id_,
    )


class SqliteStore(ProgressStore):
    """A ProgressStore in one SQLite file. Build it with `tutor.progress.open_store()`, which
    also deals with a corrupt file or one from a newer tutor."""

    def __init__(self, path: Path, connection: sqlite3.Connection | None = None) -> None:
        self.path = Path(path)
        self._db = connection if connection is not None else connect(self.path)

    # --- answers ---------------------------------------------------------------------------
    def record_attempt(
        self, attempt: Attempt, review: ReviewState | ReviewUpdate | None = None
    ) -> int:
        check_source(attempt.source)
        with _write(self._db) as db:
            cursor = db.execute(
                "INSERT INTO attempts (scenario_id, question_id, answer, correct, hint_used,"
                " answered_at, fingerprint, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    attempt.scenario_id,
                    attempt.question_id,
                    attempt.answer,
                    int(attempt.correct),
                    int(attempt.hint_used),
                    attempt.answered_at,
                    attempt.fingerprint,
                    attempt.source,
                ),
            )
            if callable(review):
                review = review(self._review_state(db, attempt.key))
            if review is not None:
                self._put_review(db, review)
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def attempts(
        self, key: QuestionKey | None = None, *, scenario_id: str | None = None
    ) -> list[Attempt]:
        query = f"SELECT {_ATTEMPT_COLUMNS} FROM attempts"
        params: tuple[str, ...] = ()
        if key is not None:
            query += " WHERE scenario_id = ? AND question_id = ?"
            params = (key.scenario_id, key.question_id)
        elif scenario_id is not None:
            query += " WHERE scenario_id = ?"
            params = (scenario_id,)
        rows = self._db.execute(query + " ORDER BY id", params).fetchall()
        return [_attempt(row) for row in rows]

    def answered_keys(self) -> set[QuestionKey]:
        rows = self._db.execute("SELECT DISTINCT scenario_id, question_id FROM attempts")
        return {QuestionKey(*row) for row in rows}

    # --- reading and position --------------------------------------------------------------
    def record_lesson_read(self, lesson_id: str, page: int, *, at: datetime | None = None) -> None:
        with _write(self._db) as db:
            db.execute(
                "INSERT OR IGNORE INTO lessons_read (lesson_id, page, read_at) VALUES (?, ?, ?)",
                (lesson_id, int(page), iso(at)),
            )

    def lessons_read(self) -> list[LessonRead]:
        rows = self._db.execute(
            "SELECT lesson_id, page, read_at FROM lessons_read ORDER BY read_at, lesson_id, page"
        ).fetchall()
        return [LessonRead(*row) for row in rows]

    def record_scenario_completed(self, scenario_id: str, *, at: datetime | None = None) -> None:
        with _write(self._db) as db:
            db.execute(
                "INSERT OR IGNORE INTO scenarios_completed (scenario_id, completed_at)"
                " VALUES (?, ?)",
                (scenario_id, iso(at)),
            )

    def scenarios_completed(self) -> list[ScenarioCompleted]:
        rows = self._db.execute(
            "SELECT scenario_id, completed_at FROM scenarios_completed"
            " ORDER BY completed_at, scenario_id"
        ).fetchall()
        return [ScenarioCompleted(*row) for row in rows]

    def set_position(self, kind: str, item_id: str, step: int) -> None:
        if kind not in POSITION_KINDS:
            raise ValueError(f"kind must be one of {', '.join(POSITION_KINDS)}, not {kind!r}")
        self._set_meta("position", "\t".join((kind, item_id, str(int(step)), iso())))

    def position(self) -> Position | None:
        value = self._meta("position")
        if value is None:
            return None
        kind, item_id, step, at = value.split("\t")
        return Position(kind, item_id, int(step), at)

    # --- flags and identity ----------------------------------------------------------------
    def flag(
        self,
        key: QuestionKey,
        reason: str,
        comment: str = "",
        *,
        fingerprint: str | None = None,
        at: datetime | None = None,
    ) -> int:
        if reason not in FLAG_REASONS:
            raise ValueError(f"reason must be one of {', '.join(FLAG_REASONS)}, not {reason!r}")
        comment = " ".join(comment.split())  # one line
        with _write(self._db) as db:
            cursor = db.execute(
                "INSERT INTO flags (scenario_id, question_id, reason, comment, fingerprint,"
                " flagged_at) VALUES (?, ?, ?, ?, ?, ?)",
                (key.scenario_id, key.question_id, reason, comment, fingerprint, iso(at)),
            )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def flags(self) -> list[Flag]:
        rows = self._db.execute(
            "SELECT scenario_id, question_id, reason, comment, fingerprint, flagged_at, id"
            " FROM flags ORDER BY id"
        ).fetchall()
        return [Flag(*row) for row in rows]

    def student_name(self) -> str | None:
        return self._meta("student_name")

    def set_student_name(self, name: str) -> None:
        # An empty name is stored too: the learner skipped the question; the app asks no more.
        self._set_meta("student_name", " ".join(name.split()))

    # --- review schedule -------------------------------------------------------------------
    def review_state(self, key: QuestionKey) -> ReviewState | None:
        return self._review_state(self._db, key)

    @staticmethod
    def _review_state(db: sqlite3.Connection, key: QuestionKey) -> ReviewState | None:
        row = db.execute(
            "SELECT scenario_id, question_id, fingerprint, card, due FROM review"
            " WHERE scenario_id = ? AND question_id = ?",
            key,
        ).fetchone()
        return ReviewState(*row) if row else None

    def review_states(self) -> list[ReviewState]:
        rows = self._db.execute(
            "SELECT scenario_id, question_id, fingerprint, card, due FROM review ORDER BY due"
        ).fetchall()
        return [ReviewState(*row) for row in rows]

    def put_review_state(self, state: ReviewState) -> None:
        with _write(self._db) as db:
            self._put_review(db, state)

    @staticmethod
    def _put_review(db: sqlite3.Connection, state: ReviewState) -> None:
        db.execute(
            "INSERT OR REPLACE INTO review (scenario_id, question_id, fingerprint, card, due)"
            " VALUES (?, ?, ?, ?, ?)",
            (state.scenario_id, state.question_id, state.fingerprint, state.card, state.due),
        )

    # --- lifecycle -------------------------------------------------------------------------
    def clear(self) -> None:
        name = self.student_name()
        with _write(self._db) as db:
            for table in ("attempts", "lessons_read", "scenarios_completed", "flags", "review"):
                db.execute(f"DELETE FROM {table}")
            db.execute("DELETE FROM meta")
            if name is not None:
                db.execute("INSERT INTO meta (key, value) VALUES ('student_name', ?)", (name,))

    def backup(self, destination: Path) -> Path:
        """A consistent copy of the whole store, taken with sqlite3's online backup API."""
        destination = Path(destination)
        if destination.exists():
            raise FileExistsError(destination)
        target = sqlite3.connect(destination)
        try:
            self._db.backup(target)
        finally:
            target.close()
        return destination

    def integrity_check(self) -> str:
        rows = self._db.execute("PRAGMA integrity_check").fetchall()
        return "\n".join(str(row[0]) for row in rows)

    def close(self) -> None:
        self._db.close()

    # --- helpers ---------------------------------------------------------------------------
    def _meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        with _write(self._db) as db:
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))
