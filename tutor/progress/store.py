"""The progress store interface: what every backend (SQLite today, a class-wide MySQL later) offers.

Records are plain frozen dataclasses; times are timezone-aware UTC and travel as ISO 8601 text.
Each `record_*`/`set_*`/`flag` call is durable when it returns: an answer confirmed to the
learner is never lost by a crash that happens afterwards.
"""

from __future__ import annotations

import abc
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from tutor.content.model import Pack, Question, Scenario
    from tutor.progress.summary import Summary

SOURCES = ("walkthrough", "quiz", "review", "practice")
FLAG_REASONS = ("confusing", "wrong")
POSITION_KINDS = ("lesson", "scenario")
LAB_SOURCES = ("app", "cli")  # a lab checked in the walkthrough, or by `tutor lab verify`


class StoreError(Exception):
    """The store cannot be used; the message is one line, fit to show the learner."""


class NewerSchemaError(StoreError):
    """The store was written by a newer tutor; it is left untouched."""


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime | None = None) -> str:
    """UTC ISO 8601 text with microseconds, so that text order is time order."""
    moment = utc_now() if moment is None else moment
    if moment.tzinfo is None:
        raise ValueError("times must be timezone-aware")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


class QuestionKey(NamedTuple):
    """A question's identity across content edits: its scenario id and its own id."""

    scenario_id: str
    question_id: str

    def __str__(self) -> str:
        return f"{self.scenario_id}/{self.question_id}"

    @classmethod
    def of(cls, scenario: Scenario, question: Question) -> QuestionKey:
        return cls(scenario.id, question.id)


@dataclass(frozen=True)
class Attempt:
    """One answer. `answer` is JSON text: the placement ("internal"/"external") or the list of
    chosen choice texts. `id` is None until the store has assigned one."""

    scenario_id: str
    question_id: str
    answer: str
    correct: bool
    hint_used: bool
    answered_at: str
    fingerprint: str
    source: str
    id: int | None = None

    @property
    def key(self) -> QuestionKey:
        return QuestionKey(self.scenario_id, self.question_id)

    def answer_value(self) -> object:
        return json.loads(self.answer)

    def to_row(self) -> dict[str, object]:
        """The export form: a flat dict of JSON scalars, in a fixed field order."""
        return {
            "id": self.id,
            "scenario_id": self.scenario_id,
            "question_id": self.question_id,
            "answer": self.answer,
            "correct": self.correct,
            "hint_used": self.hint_used,
            "answered_at": self.answered_at,
            "fingerprint": self.fingerprint,
            "source": self.source,
        }


@dataclass(frozen=True)
class LabAttempt:
    """One verification of a lab: passed when every check passed, else the first that failed
    (`failed_check` is its kind) and how many passed before it."""

    scenario_id: str
    lab_id: str
    passed: bool
    checks_passed: int
    checks_total: int
    failed_check: str | None
    checked_at: str
    source: str
    id: int | None = None

    def to_row(self) -> dict[str, object]:
        """The export form, in a fixed field order."""
        return {
            "id": self.id,
            "scenario_id": self.scenario_id,
            "lab_id": self.lab_id,
            "passed": self.passed,
            "checks_passed": self.checks_passed,
            "checks_total": self.checks_total,
            "failed_check": self.failed_check,
            "checked_at": self.checked_at,
            "source": self.source,
        }


@dataclass(frozen=True)
class LessonRead:
    lesson_id: str
    page: int
    read_at: str


@dataclass(frozen=True)
class ScenarioCompleted:
    scenario_id: str
    completed_at: str


@dataclass(frozen=True)
class Position:
    """Where the learner left off: ("lesson", lesson id, page) or ("scenario", id, step)."""

    kind: str
    id: str
    step: int
    updated_at: str


@dataclass(frozen=True)
class Flag:
    scenario_id: str
    question_id: str
    reason: str
    comment: str
    fingerprint: str | None
    flagged_at: str
    id: int | None = None

    @property
    def key(self) -> QuestionKey:
        return QuestionKey(self.scenario_id, self.question_id)


@dataclass(frozen=True)
class ReviewState:
    """A question's fsrs Card (its JSON) and the answer-key fingerprint it was scheduled with."""

    scenario_id: str
    question_id: str
    fingerprint: str
    card: str
    due: str

    @property
    def key(self) -> QuestionKey:
        return QuestionKey(self.scenario_id, self.question_id)


# The new review state computed from the previous one (None for a first answer), so that a
# backend can read and replace it inside the same transaction as the attempt.
ReviewUpdate = Callable[[ReviewState | None], ReviewState]


def check_source(source: str, sources: tuple[str, ...] = SOURCES) -> None:
    if source not in sources:
        raise ValueError(f"source must be one of {', '.join(sources)}, not {source!r}")


class ProgressStore(abc.ABC):
    """One learner's progress. A backend implements the abstract methods; `summary` is shared.

    A class-wide MySQL backend would hold one student's rows per store object (a student id
    column in every table, fixed at construction) and implement exactly these methods.
    """

    # --- answers ---------------------------------------------------------------------------
    @abc.abstractmethod
    def record_attempt(
        self, attempt: Attempt, review: ReviewState | ReviewUpdate | None = None
    ) -> int:
        """Store an answer and, atomically with it, the question's new review state: given as
        is, or as a function of the previous state, called inside the write transaction.
        Returns the attempt id; the attempt is durable when this returns."""

    @abc.abstractmethod
    def attempts(
        self, key: QuestionKey | None = None, *, scenario_id: str | None = None
    ) -> list[Attempt]:
        """Attempts in the order they were given, all or for one question or scenario."""

    # --- labs ------------------------------------------------------------------------------
    @abc.abstractmethod
    def record_lab_attempt(self, attempt: LabAttempt) -> int:
        """Store one verification of a lab, passed or not; returns its id."""

    @abc.abstractmethod
    def lab_attempts(self, *, scenario_id: str | None = None) -> list[LabAttempt]:
        """Lab verifications in the order they ran, all or for one scenario."""

    def labs_passed(self, scenario_id: str | None = None) -> set[tuple[str, str]]:
        """(scenario id, lab id) of every lab verified as passed at least once."""
        return {
            (lab.scenario_id, lab.lab_id)
            for lab in self.lab_attempts(scenario_id=scenario_id)
            if lab.passed
        }

    # --- reading and position --------------------------------------------------------------
    @abc.abstractmethod
    def record_lesson_read(self, lesson_id: str, page: int, *, at: datetime | None = None) -> None:
        """Mark a lesson page (0-based) as read; re-reading keeps the first time."""

    @abc.abstractmethod
    def lessons_read(self) -> list[LessonRead]: ...

    @abc.abstractmethod
    def record_scenario_completed(self, scenario_id: str, *, at: datetime | None = None) -> None:
        """Mark a scenario walkthrough as finished; finishing again keeps the first time."""

    @abc.abstractmethod
    def scenarios_completed(self) -> list[ScenarioCompleted]: ...

    @abc.abstractmethod
    def set_position(self, kind: str, item_id: str, step: int) -> None:
        """Remember where the learner is, for Home's Continue (kind: "lesson" or "scenario")."""

    @abc.abstractmethod
    def position(self) -> Position | None: ...

    # --- flags and identity ----------------------------------------------------------------
    @abc.abstractmethod
    def flag(
        self,
        key: QuestionKey,
        reason: str,
        comment: str = "",
        *,
        fingerprint: str | None = None,
        at: datetime | None = None,
    ) -> int:
        """Flag a question as "confusing" or "wrong" with an optional one-line comment."""

    @abc.abstractmethod
    def flags(self) -> list[Flag]: ...

    @abc.abstractmethod
    def student_name(self) -> str | None:
        """The name given in the app; "" when the learner skipped it, None when never asked."""

    @abc.abstractmethod
    def set_student_name(self, name: str) -> None:
        """Store the name (whitespace collapsed); "" records that the learner skipped it."""

    @abc.abstractmethod
    def student_id(self) -> str:
        """A random id (32 hex digits) made the first time it is asked for, then kept, even by
        `clear`: with the name, it tells two students of the same name apart in class mode."""

    # --- review schedule -------------------------------------------------------------------
    @abc.abstractmethod
    def review_state(self, key: QuestionKey) -> ReviewState | None: ...

    @abc.abstractmethod
    def review_states(self) -> list[ReviewState]: ...

    @abc.abstractmethod
    def put_review_state(self, state: ReviewState) -> None: ...

    # --- lifecycle -------------------------------------------------------------------------
    @abc.abstractmethod
    def clear(self) -> None:
        """Delete all progress (attempts, labs, reading, position, flags, schedule); keep the
        name and the student id."""

    @abc.abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- derived ---------------------------------------------------------------------------
    def summary(self, pack: Pack, now: datetime | None = None) -> Summary:
        """Totals for `tutor progress` and Home; a backend may override it with a query."""
        from tutor.progress.summary import summarize

        return summarize(self, pack, now)

    def answered_keys(self) -> set[QuestionKey]:
        return {attempt.key for attempt in self.attempts()}


def attempts_by_key(attempts: Iterable[Attempt]) -> dict[QuestionKey, list[Attempt]]:
    grouped: dict[QuestionKey, list[Attempt]] = {}
    for attempt in attempts:
        grouped.setdefault(attempt.key, []).append(attempt)
    return grouped
