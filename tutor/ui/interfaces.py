"""What the app takes from outside, as types: saved progress and the MySQL checker. No Textual.

`Progress` is everything the screens ask of saved progress. `ProgressBridge`
(tutor/ui/progress_bridge.py) implements it over a real store; `NullProgress` implements it
with no store at all (it grades, stores nothing and remembers nothing), so that screens call
`app.progress` without ever asking whether there is a store. A method renamed in the
Protocol is a type error in every caller and an AttributeError in a fake that was not renamed
with it: nothing is looked up by name.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple, Protocol

if TYPE_CHECKING:
    import threading

    from tutor.content.model import Lesson, Question, Scenario
    from tutor.dbcheck import CheckResult, Settings, StageResult
    from tutor.labs import LabResult
    from tutor.progress import DueQuestion, GivenAnswer, QuestionKey, RecordedAnswer


class Glance(NamedTuple):
    """Home's line of totals."""

    lessons_read: int
    scenarios_done: int
    due: int
    labs_passed: int = 0


class Progress(Protocol):
    """Saved progress as the screens see it."""

    @property
    def saves_progress(self) -> bool:
        """False without a store: review and flags then say that nothing is kept."""
        ...

    def now(self) -> datetime:
        """The clock every due time is measured against (tests freeze it)."""
        ...

    # -- writes: durable when they return; a failure is reported, never raised ------------------

    def record(
        self,
        scenario: Scenario,
        question: Question,
        answer: GivenAnswer,
        *,
        source: str,
        hint_used: bool,
    ) -> RecordedAnswer:
        """Grade and store an answer (ORIGINAL choice indexes) before its feedback shows; the
        returned verdict is the one stored, and the one to show."""
        ...

    def record_lesson_page(self, lesson: Lesson, page: int) -> None: ...

    def record_scenario_step(self, scenario: Scenario, index: int) -> None: ...

    def record_scenario_completed(self, scenario: Scenario) -> None: ...

    def record_lab(self, scenario: Scenario, result: LabResult) -> bool:
        """Store a finished (not cancelled) verification of a lab; whether it was kept."""
        ...

    def flag(self, scenario: Scenario, question: Question, reason: str, comment: str) -> bool:
        """Store a flag; whether it was kept."""
        ...

    def set_student_name(self, name: str) -> bool:
        """A name, or "" for a learner who skipped the question; whether it was kept."""
        ...

    # -- reads ---------------------------------------------------------------------------------

    def summary(self) -> Glance:
        """Lessons read, scenarios done, questions due now and labs passed, for Home."""
        ...

    def scenario_done(self, scenario: Scenario) -> bool: ...

    def labs_passed(self, scenario: Scenario) -> set[str]:
        """The ids of the scenario's labs verified as passed, now or before."""
        ...

    def lesson_read(self, lesson: Lesson) -> bool:
        """Every page of the lesson read: the lesson counts in Home's "Lessons read"."""
        ...

    def continue_target(self) -> str | None:
        """Where Continue leads, as a `TutorApp.open()` target, or None."""
        ...

    def continue_label(self) -> str | None:
        """Where Continue leads, in words for Home's menu; None: the menu's own words."""
        ...

    def should_ask_name(self) -> bool: ...

    def due_questions(self) -> list[DueQuestion]: ...

    def next_due(self) -> datetime | None: ...

    def answered_keys(self) -> set[QuestionKey]: ...

    def weakest_questions(self, n: int) -> list[tuple[Scenario, Question]]: ...


class NullProgress:
    """Progress with no store: answers are graded and forgotten, nothing is due or done.

    Tests subclass it to watch one hook; a subclass may only define the Protocol's methods, so
    that a fake left with an old method name fails at once instead of never being called.
    """

    saves_progress = False

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        unknown = sorted(
            name
            for name, value in vars(cls).items()
            if callable(value) and not name.startswith("_") and not hasattr(Progress, name)
        )
        if unknown:
            raise TypeError(f"{cls.__name__} defines {unknown}, not in the Progress protocol")

    def now(self) -> datetime:
        from tutor.progress.store import utc_now

        return utc_now()

    def record(
        self,
        scenario: Scenario,
        question: Question,
        answer: GivenAnswer,
        *,
        source: str,
        hint_used: bool,
    ) -> RecordedAnswer:
        from tutor.progress import RecordedAnswer, grade

        return RecordedAnswer(grade(question, answer))

    def record_lesson_page(self, lesson: Lesson, page: int) -> None:
        pass

    def record_scenario_step(self, scenario: Scenario, index: int) -> None:
        pass

    def record_scenario_completed(self, scenario: Scenario) -> None:
        pass

    def record_lab(self, scenario: Scenario, result: LabResult) -> bool:
        return False

    def flag(self, scenario: Scenario, question: Question, reason: str, comment: str) -> bool:
        return False

    def set_student_name(self, name: str) -> bool:
        return False

    def summary(self) -> Glance:
        return Glance(0, 0, 0)

    def scenario_done(self, scenario: Scenario) -> bool:
        return False

    def labs_passed(self, scenario: Scenario) -> set[str]:
        return set()

    def lesson_read(self, lesson: Lesson) -> bool:
        return False

    def continue_target(self) -> str | None:
        return None

    def continue_label(self) -> str | None:
        return None

    def should_ask_name(self) -> bool:
        return False

    def due_questions(self) -> list[DueQuestion]:
        return []

    def next_due(self) -> datetime | None:
        return None

    def answered_keys(self) -> set[QuestionKey]:
        return set()

    def weakest_questions(self, n: int) -> list[tuple[Scenario, Question]]:
        return []


class Checker(Protocol):
    """Checks a MySQL server stage by stage (tutor.dbcheck.run_check is the real one).

    Called in a worker thread: `on_stage` as each stage finishes, `cancel` set from the UI
    thread to stop early."""

    def __call__(
        self,
        settings: Settings,
        *,
        timeout: float,
        on_stage: Callable[[StageResult], object] | None,
        cancel: threading.Event | None,
    ) -> CheckResult: ...


def default_checker(
    settings: Settings,
    *,
    timeout: float,
    on_stage: Callable[[StageResult], object] | None,
    cancel: threading.Event | None,
) -> CheckResult:
    """The real check, for the settings' service; tutor.dbcheck is imported when a check runs,
    not at start-up."""
    from tutor.dbcheck.services import run_service_check

    return run_service_check(settings, timeout=timeout, on_stage=on_stage, cancel=cancel)
