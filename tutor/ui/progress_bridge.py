"""The app's link to a real progress store: the `Progress` protocol over a ProgressStore.

No Textual and no decisions here: grading, scheduling, Continue and the next scenario are the
core's (tutor.progress); the bridge passes the pack and the clock, turns the core's answers
into what a screen shows, and reports a failed write through `on_error` instead of raising it,
so that a full disk never takes the app down.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from tutor.progress import (
    DueQuestion,
    GivenAnswer,
    ProgressStore,
    QuestionKey,
    RecordedAnswer,
    StoreError,
    continue_point,
    due_questions,
    finish_scenario,
    grade,
    next_due,
    record_answer,
    weakest_questions,
)
from tutor.progress.position import completed_ids, lessons_finished
from tutor.progress.store import utc_now
from tutor.ui.interfaces import Glance

if TYPE_CHECKING:
    from tutor.content.model import Lesson, Pack, Question, Scenario
    from tutor.labs import LabResult

T = TypeVar("T")
# What a write can fail with (besides bugs): the database, the store's own checks, the disk.
SAVE_ERRORS = (sqlite3.Error, StoreError, OSError)


class ProgressBridge:
    """Records what the learner does and answers the screens' questions about it."""

    saves_progress = True

    def __init__(
        self,
        store: ProgressStore,
        pack: Pack,
        clock: Callable[[], datetime] | None = None,
        on_error: Callable[[str], object] | None = None,
    ) -> None:
        self.store = store
        self.pack = pack
        self.clock = clock or utc_now
        self.on_error = on_error
        # Called after every write that was kept: class mode sends it on in the background.
        self.on_saved: Callable[[], object] | None = None

    def now(self) -> datetime:
        return self.clock()

    def _write(self, write: Callable[[], T]) -> T | None:
        """Run one write; on failure tell the learner (on_error) and return None."""
        try:
            done = write()
        except SAVE_ERRORS as error:
            if self.on_error is not None:
                self.on_error(f"Could not save your progress: {error}")
            return None
        if self.on_saved is not None:
            self.on_saved()
        return done

    # -- answers ------------------------------------------------------------------------------

    def record(
        self,
        scenario: Scenario,
        question: Question,
        answer: GivenAnswer,
        *,
        source: str,
        hint_used: bool,
    ) -> RecordedAnswer:
        def write() -> RecordedAnswer:
            return record_answer(
                self.store,
                scenario,
                question,
                answer,
                source=source,
                hint_used=hint_used,
                now=self.clock(),
            )

        recorded = self._write(write)
        # Not stored: graded by the same function, so the learner still sees the right verdict.
        return recorded if recorded is not None else RecordedAnswer(grade(question, answer))

    # -- reading and position -----------------------------------------------------------------

    def record_lesson_page(self, lesson: Lesson, page: int) -> None:
        def write() -> None:
            self.store.record_lesson_read(lesson.id, page, at=self.clock())
            self.store.set_position("lesson", lesson.id, page)

        self._write(write)

    def record_scenario_step(self, scenario: Scenario, index: int) -> None:
        self._write(lambda: self.store.set_position("scenario", scenario.id, max(index, 0)))

    def record_scenario_completed(self, scenario: Scenario) -> None:
        self._write(lambda: finish_scenario(self.store, self.pack, scenario.id, at=self.clock()))

    def record_lab(self, scenario: Scenario, result: LabResult) -> bool:
        from tutor.progress.labs import lab_attempt

        attempt = lab_attempt(scenario.id, result, source="app", at=self.clock())
        return self._write(lambda: self.store.record_lab_attempt(attempt)) is not None

    def labs_passed(self, scenario: Scenario) -> set[str]:
        return {lab_id for _, lab_id in self.store.labs_passed(scenario.id)}

    def scenario_done(self, scenario: Scenario) -> bool:
        return scenario.id in completed_ids(self.store, self.pack)

    def lesson_read(self, lesson: Lesson) -> bool:
        return lesson.id in lessons_finished(self.store, self.pack)

    def continue_target(self) -> str | None:
        """`lesson:ID:PAGE` or `scenario:ID:STEP` where the learner left off, if still there."""
        point = continue_point(self.store, self.pack)
        return None if point is None else f"{point.kind}:{point.id}:{point.step}"

    def continue_label(self) -> str:
        point = continue_point(self.store, self.pack)
        if point is None:
            return "nothing yet: start with Lessons or Scenarios"
        if point.kind == "lesson":
            lesson = self.pack.lesson(point.id)
            return f"{lesson.title if lesson else point.id}, page {point.step + 1}"
        scenario = self.pack.scenario(point.id)
        return f"scenario {scenario.title if scenario else point.id}"

    # -- totals and review --------------------------------------------------------------------

    def summary(self) -> Glance:
        summary = self.store.summary(self.pack, self.clock())
        return Glance(
            summary.lessons_read, summary.scenarios_completed, summary.due_now, summary.labs_passed
        )

    def due_questions(self) -> list[DueQuestion]:
        return due_questions(self.store, self.pack, self.clock())

    def next_due(self) -> datetime | None:
        return next_due(self.store, self.pack, self.clock())

    def answered_keys(self) -> set[QuestionKey]:
        return self.store.answered_keys()

    def weakest_questions(self, n: int) -> list[tuple[Scenario, Question]]:
        return weakest_questions(self.store, self.pack, n, self.clock())

    # -- flags and identity -------------------------------------------------------------------

    def flag(self, scenario: Scenario, question: Question, reason: str, comment: str) -> bool:
        key = QuestionKey.of(scenario, question)
        fingerprint = question.fingerprint()
        return (
            self._write(lambda: self.store.flag(key, reason, comment, fingerprint=fingerprint))
            is not None
        )

    def should_ask_name(self) -> bool:
        """Ask once: not when a name (or a skip, stored as "") is already there, nor when
        TUTOR_STUDENT is set."""
        import os

        if (os.environ.get("TUTOR_STUDENT") or "").strip():
            return False
        return self.store.student_name() is None

    def set_student_name(self, name: str) -> bool:
        def write() -> bool:
            self.store.set_student_name(name)
            return True

        return self._write(write) is not None
