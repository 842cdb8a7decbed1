"""The Textual app: one factory, `create_app`, used by the CLI, the tests and the benches.

Screens are imported lazily, when first shown, so that starting the app stays cheap.
The progress store and the MySQL checker arrive later; the hooks below (on_answer,
on_lesson_page, on_scenario_completed, progress_summary, ...) are where they plug in.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from tutor.content.model import Lesson, Pack, Question, Scenario

COURSE_TITLE = "Backing services"

# (command palette title, help line, app action) for every screen.
SCREENS = (
    ("Home", "The course overview and menu", "home"),
    ("Lessons", "Read the lessons, one page at a time", "lessons"),
    ("Scenarios", "Walk through a scenario and place its services", "scenarios"),
    ("Environments", "Local, development and production, internal and external", "environments"),
    ("Quiz", "Questions drawn from the scenarios", "quiz"),
    ("Review", "The questions due for review", "review"),
    ("Check MySQL", "Check your MySQL connection, step by step", "check_mysql"),
    ("Help", "Keys, and what internal and external mean", "help"),
)


class TutorApp(App[None]):
    CSS_PATH = "tutor.tcss"
    TITLE = "tutor"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("f1", "help", "Help", show=False),
        Binding("escape", "back", "Back"),
    ]

    def __init__(
        self,
        pack: Pack,
        *,
        store: Any = None,
        checker: Any = None,
        preview_path: Path | None = None,
        start: str | None = None,
    ) -> None:
        super().__init__()
        self.pack = pack
        self.store = store
        self.checker = checker
        self.preview_path = preview_path
        self.start = start
        self.exit_when_ready = os.environ.get("TUTOR_EXIT_WHEN_READY") == "1"

    # -- screens ------------------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        if self.preview_path is not None:
            from tutor.ui.screens.preview import PreviewScreen

            return PreviewScreen(self.preview_path)
        from tutor.ui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        if self.start:
            self.open(self.start)

    def screen_ready(self) -> None:
        """Called by the first screen once mounted: TUTOR_EXIT_WHEN_READY=1 (bench) exits here."""
        if self.exit_when_ready:
            self.call_after_refresh(self.exit)

    def open(self, target: str) -> None:
        """Push a screen by name: a SCREENS action, or "lesson:ID[:PAGE]" / "scenario:ID"."""
        kind, _, rest = target.partition(":")
        if kind == "lesson":
            lesson_id, _, page = rest.partition(":")
            lesson = self.pack.lesson(lesson_id)
            if lesson is not None:
                self.open_lesson(lesson, int(page or 0))
        elif kind == "scenario":
            scenario = self.pack.scenario(rest)
            if scenario is not None:
                self.open_scenario(scenario)
        else:
            action = getattr(self, f"action_{kind}", None)
            if action is not None:
                action()

    def _show(self, screen: Screen) -> None:
        # Never stack a screen on top of one of the same kind.
        if type(self.screen) is type(screen):
            self.pop_screen()
        self.push_screen(screen)

    def action_home(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def action_lessons(self) -> None:
        from tutor.ui.screens.lessons import LessonsScreen

        self._show(LessonsScreen())

    def open_lesson(self, lesson: Lesson, page: int = 0) -> None:
        from tutor.ui.screens.lesson_reader import LessonReaderScreen

        self._show(LessonReaderScreen(lesson, page))

    def action_scenarios(self) -> None:
        from tutor.ui.screens.scenarios import ScenariosScreen

        self._show(ScenariosScreen())

    def open_scenario(self, scenario: Scenario) -> None:
        from tutor.ui.screens.walkthrough import WalkthroughScreen

        self._show(WalkthroughScreen(scenario))

    def action_environments(self) -> None:
        from tutor.ui.screens.environments import EnvironmentsScreen

        self._show(EnvironmentsScreen())

    def action_help(self) -> None:
        from tutor.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def _placeholder(self, title: str, text: str) -> None:
        from tutor.ui.screens.placeholder import PlaceholderScreen

        self._show(PlaceholderScreen(title, text))

    def action_quiz(self) -> None:
        self._placeholder("Quiz", "The quiz draws questions from the scenarios you have done.")

    def action_review(self) -> None:
        self._placeholder("Review", "Review brings back the questions that are due, spaced out.")

    def action_check_mysql(self) -> None:
        from tutor.ui.screens.check_mysql import CheckMySQLScreen

        self._show(CheckMySQLScreen())

    def action_continue(self) -> None:
        target = self.continue_target()
        if target is None:
            self.notify("Nothing to continue yet: start with Lessons or Scenarios.", timeout=4)
        else:
            self.open(target)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":  # nothing to go back to on the first screen
            return len(self.screen_stack) > 1
        return True

    async def action_back(self) -> None:
        if len(self.screen_stack) > 1:
            self.pop_screen()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for title, help_text, action in SCREENS:
            yield SystemCommand(title, help_text, getattr(self, f"action_{action}"))
        yield from super().get_system_commands(screen)

    # -- progress hooks: the store plugs in here ----------------------------------------------

    def _store_call(self, name: str, *args: Any, default: Any = None) -> Any:
        method = getattr(self.store, name, None) if self.store is not None else None
        return method(*args) if callable(method) else default

    def on_answer(
        self, scenario: Scenario | None, question: Question, answer: Any, correct: bool, hint: bool
    ) -> None:
        self._store_call("record_answer", scenario, question, answer, correct, hint)

    def on_lesson_page(self, lesson: Lesson, page: int) -> None:
        self._store_call("record_lesson_page", lesson, page)

    def on_scenario_completed(self, scenario: Scenario, correct: int, total: int) -> None:
        self._store_call("record_scenario_completed", scenario, correct, total)

    def progress_summary(self) -> tuple[int, int, int]:
        """(lessons read, scenarios done, questions due)."""
        return self._store_call("summary", default=None) or (0, 0, 0)

    def scenario_done(self, scenario: Scenario) -> bool:
        return bool(self._store_call("scenario_done", scenario, default=False))

    def continue_target(self) -> str | None:
        """Where Continue leads: an `open()` target, or None."""
        return self._store_call("continue_target", default=None)


def create_app(
    pack: Pack,
    *,
    store: Any = None,
    checker: Any = None,
    preview_path: Path | None = None,
    start: str | None = None,
) -> TutorApp:
    """The one way to build the app. `start` opens a screen first (see TutorApp.open)."""
    return TutorApp(pack, store=store, checker=checker, preview_path=preview_path, start=start)
