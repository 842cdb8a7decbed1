"""The app's link to the progress store: what the screens' hooks call. No Textual here.

`TutorApp` wraps a real `ProgressStore` in a `ProgressBridge`; the hooks (on_answer,
on_lesson_page, ...) then reach the store through the method names below, so screens never
talk SQL and a test can still hand the app any object with the same method names.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from tutor.content.model import QuestionStep

if TYPE_CHECKING:
    from tutor.content.model import Lesson, Pack, Question, Scenario
    from tutor.progress import ProgressStore, RecordedAnswer


def step_of(scenario: Scenario, question_id: str) -> int | None:
    """The walkthrough step that asks this question (0-based), or None."""
    for index, step in enumerate(scenario.steps):
        if isinstance(step, QuestionStep) and step.question.id == question_id:
            return index
    return None


class ProgressBridge:
    """Records what the learner does and answers the screens' questions about it."""

    def __init__(
        self, store: ProgressStore, pack: Pack, clock: Callable[[], datetime] | None = None
    ) -> None:
        from tutor.progress.store import utc_now

        self.store = store
        self.pack = pack
        self.clock = clock or utc_now

    # -- answers ------------------------------------------------------------------------------

    def record(
        self,
        scenario: Scenario,
        question: Question,
        answer: object,
        *,
        source: str,
        hint_used: bool = False,
    ) -> RecordedAnswer:
        """Store one answer (ORIGINAL choice indexes) durably; call before showing feedback."""
        from tutor.progress import record_answer

        if isinstance(answer, frozenset | set | list | tuple):
            answer = frozenset(answer)
        return record_answer(
            self.store,
            scenario,
            question,
            answer,  # type: ignore[arg-type]
            source=source,
            hint_used=hint_used,
            now=self.clock(),
        )

    def record_answer(
        self, scenario: Scenario, question: Question, answer: object, correct: bool, hint: bool
    ) -> None:
        """The walkthrough's hook."""
        self.record(scenario, question, answer, source="walkthrough", hint_used=hint)

    # -- reading and position -----------------------------------------------------------------

    def record_lesson_page(self, lesson: Lesson, page: int) -> None:
        self.store.record_lesson_read(lesson.id, page, at=self.clock())
        self.store.set_position("lesson", lesson.id, page)

    def record_scenario_step(self, scenario: Scenario, index: int) -> None:
        self.store.set_position("scenario", scenario.id, max(index, 0))

    def record_scenario_completed(self, scenario: Scenario, correct: int, total: int) -> None:
        self.store.record_scenario_completed(scenario.id, at=self.clock())
        # Continue leads on to the next scenario not yet done (after this one, in pack order).
        done = self.completed_ids()
        scenarios = self.pack.scenarios
        start = next((i for i, s in enumerate(scenarios) if s.id == scenario.id), -1) + 1
        following = scenarios[start:] + scenarios[:start]
        upcoming = next((s for s in following if s.id not in done), None)
        if upcoming is not None:
            self.store.set_position("scenario", upcoming.id, 0)

    def completed_ids(self) -> set[str]:
        return {done.scenario_id for done in self.store.scenarios_completed()}

    def scenario_done(self, scenario: Scenario) -> bool:
        return scenario.id in self.completed_ids()

    def continue_target(self) -> str | None:
        """`lesson:ID:PAGE` or `scenario:ID:STEP` where the learner left off, if still there."""
        position = self.store.position()
        if position is None:
            return None
        if position.kind == "lesson":
            lesson = self.pack.lesson(position.id)
            if lesson is None or not lesson.pages:
                return None
            return f"lesson:{lesson.id}:{min(position.step, len(lesson.pages) - 1)}"
        scenario = self.pack.scenario(position.id)
        if scenario is None:
            return None
        return f"scenario:{scenario.id}:{min(position.step, max(len(scenario.steps) - 1, 0))}"

    def continue_label(self) -> str | None:
        """Where Continue leads, in words, for Home's menu."""
        target = self.continue_target()
        if target is None:
            return None
        kind, item_id, step = target.split(":")
        if kind == "lesson":
            lesson = self.pack.lesson(item_id)
            return f"{lesson.title}, page {int(step) + 1}" if lesson else None
        scenario = self.pack.scenario(item_id)
        return f"scenario {scenario.title}" if scenario else None

    # -- totals ----------------------------------------------------------------------------------

    def summary(self) -> tuple[int, int, int]:
        """(lessons read, scenarios done, questions due now) for Home."""
        summary = self.store.summary(self.pack, self.clock())
        return summary.lessons_read, summary.scenarios_completed, summary.due_now

    # -- identity ---------------------------------------------------------------------------------

    def should_ask_name(self) -> bool:
        """Ask once: not when a name (or a skip, stored as "") is already there, nor when
        TUTOR_STUDENT is set."""
        import os

        if (os.environ.get("TUTOR_STUDENT") or "").strip():
            return False
        return self.store.student_name() is None

    def set_student_name(self, name: str) -> None:
        """A name, or "" to remember that the learner skipped the question."""
        self.store.set_student_name(name)
