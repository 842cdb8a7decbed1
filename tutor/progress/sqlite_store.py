"""The default progress store: one SQLite file per learner, written through the stdlib sqlite3.

Its schema, migrations and durability settings are in sqlite_schema.py: every write is its own
transaction, committed and synced before the method returns.
"""

from __future__ import annotations

import secrets
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from tutor.progress.sqlite_schema import connect, write
from tutor.progress.store import (
    FLAG_REASONS,
    LAB_SOURCES,
    POSITION_KINDS,
    Attempt,
    Flag,
    LabAttempt,
    LessonRead,
    Position,
    ProgressStore,
    QuestionKey,
    ReviewState,
    ReviewUpdate,
    ScenarioCompleted,
    check_source,
    iso,
)

_ATTEMPT_COLUMNS = (
    "id, scenario_id, question_id, answer, correct, hint_used, answered_at, fingerprint, source"
)
_LAB_COLUMNS = (
    "id, scenario_id, lab_id, passed, checks_passed, checks_total, failed_check, checked_at, source"
)
# The learner's identity, and the secret behind class mode's record ids (progress/outbox.py).
_KEPT_BY_CLEAR = ("student_name", "student_id", "class_record_salt")


def _lab_attempt(row: tuple[Any, ...]) -> LabAttempt:
    row_id, scenario_id, lab_id, passed, checks_passed, checks_total, failed, at, source = row
    return LabAttempt(
        scenario_id=scenario_id,
        lab_id=lab_id,
        passed=bool(passed),
        checks_passed=checks_passed,
        checks_total=checks_total,
        failed_check=failed,
        checked_at=at,
        source=source,
        id=row_id,
    )


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
        with write(self._db) as db:
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

    # --- labs ------------------------------------------------------------------------------
    def record_lab_attempt(self, attempt: LabAttempt) -> int:
        check_source(attempt.source, LAB_SOURCES)
        with write(self._db) as db:
            cursor = db.execute(
                "INSERT INTO lab_attempts (scenario_id, lab_id, passed, checks_passed,"
                " checks_total, failed_check, checked_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    attempt.scenario_id,
                    attempt.lab_id,
                    int(attempt.passed),
                    int(attempt.checks_passed),
                    int(attempt.checks_total),
                    attempt.failed_check,
                    attempt.checked_at,
                    attempt.source,
                ),
            )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def lab_attempts(self, *, scenario_id: str | None = None) -> list[LabAttempt]:
        query = f"SELECT {_LAB_COLUMNS} FROM lab_attempts"
        params: tuple[str, ...] = ()
        if scenario_id is not None:
            query += " WHERE scenario_id = ?"
            params = (scenario_id,)
        rows = self._db.execute(query + " ORDER BY id", params).fetchall()
        return [_lab_attempt(row) for row in rows]

    # --- reading and position --------------------------------------------------------------
    def record_lesson_read(self, lesson_id: str, page: int, *, at: datetime | None = None) -> None:
        with write(self._db) as db:
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
        with write(self._db) as db:
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
        with write(self._db) as db:
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

    def student_id(self) -> str:
        existing = self._meta("student_id")
        if existing:
            return existing
        with write(self._db) as db:
            # Inside the write lock, so that two first starts at once agree on one id.
            db.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('student_id', ?)",
                (secrets.token_hex(16),),
            )
        made = self._meta("student_id")
        assert made is not None
        return made

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
        with write(self._db) as db:
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
        tables = ("attempts", "lab_attempts", "lessons_read", "scenarios_completed", "flags")
        with write(self._db) as db:
            for table in (*tables, "review"):
                db.execute(f"DELETE FROM {table}")
            kept = ", ".join("?" for _ in _KEPT_BY_CLEAR)
            db.execute(f"DELETE FROM meta WHERE key NOT IN ({kept})", _KEPT_BY_CLEAR)

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
        with write(self._db) as db:
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))
