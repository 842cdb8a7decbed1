"""The Textual app: one factory, `create_app`, used by the CLI, the tests and the benches.

Screens are imported lazily, when first shown, so that starting the app stays cheap.
Screens reach saved progress through `app.progress`, typed by the `Progress` protocol
(tutor/ui/interfaces.py): a real store wrapped in a ProgressBridge, or a NullProgress that
stores nothing. The MySQL check is `app.checker`, typed by the `Checker` protocol.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import Provider
from textual.screen import Screen

from tutor.content.model import Lesson, Pack, Question, Scenario
from tutor.ui.destinations import hidden_by, palette_for
from tutor.ui.garbage import IdleCollector
from tutor.ui.interfaces import Checker, NullProgress, Progress, default_checker
from tutor.ui.prose import escape, toast

if TYPE_CHECKING:
    from tutor.progress import ProgressStore, QuizOptions
    from tutor.ui.class_link import ClassLink, ClassStatusChanged

COURSE_TITLE = "Backing services"


# The command palette's providers (tutor/ui/palette.py), imported when it first opens.
def _screens_commands() -> type[Provider]:
    from tutor.ui.palette import ScreensProvider

    return ScreensProvider


def _lesson_commands() -> type[Provider]:
    from tutor.ui.palette import LessonsProvider

    return LessonsProvider


def _scenario_commands() -> type[Provider]:
    from tutor.ui.palette import ScenariosProvider

    return ScenariosProvider


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
    # In place of Textual's SystemCommandsProvider: the screens keep the table's order.
    COMMANDS = {_screens_commands, _lesson_commands, _scenario_commands}

    def __init__(
        self,
        pack: Pack,
        *,
        store: ProgressStore | None = None,
        progress: Progress | None = None,
        checker: Checker | None = None,
        preview_path: Path | None = None,
        start: str | None = None,
        quiz_options: QuizOptions | None = None,
        notice: str | None = None,
    ) -> None:
        super().__init__()
        self.pack = pack
        self.quiz_options = quiz_options
        self.notice = notice
        if progress is None and store is not None:
            from tutor.ui.progress_bridge import ProgressBridge

            progress = ProgressBridge(store, pack, on_error=self._not_saved)
        self.progress: Progress = progress if progress is not None else NullProgress()
        self.checker: Checker = checker if checker is not None else default_checker
        self.preview_path = preview_path
        self.preview_quiz = False  # `tutor preview FILE.yaml --quiz` (set by create_app)
        self.start = start
        self.exit_when_ready = os.environ.get("TUTOR_EXIT_WHEN_READY") == "1"
        # The garbage collector's policy for a long session (tutor/ui/garbage.py); started
        # by create_app(collect_when_idle=True), as the CLI and the benches do, never in tests.
        self.collect_when_idle = False
        self.garbage = IdleCollector(self.set_timer)
        self.class_link = self._class_link(store)

    def _class_link(self, store: ProgressStore | None) -> ClassLink | None:
        """Class mode ($TUTOR_CLASS_URL or `tutor class join`): a link that sends what the
        bridge saves. None without a store on disk, in a preview, or outside class mode."""
        from tutor.progress import SqliteStore

        if not isinstance(store, SqliteStore) or self.preview_path is not None:
            return None
        from tutor.classroom.membership import class_setting

        setting = class_setting()
        if setting is None:
            return None
        from tutor.ui.class_link import ClassLink
        from tutor.ui.progress_bridge import ProgressBridge

        manifest = self.pack.manifest
        pack = (manifest.id, manifest.version) if manifest is not None else ("", "")
        link = ClassLink(self, setting.url, store.path, pack)
        if isinstance(self.progress, ProgressBridge):
            self.progress.on_saved = link.saved
        return link

    # -- screens ------------------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        if self.preview_path is not None:
            from tutor.ui.screens.preview import preview_screen

            return preview_screen(self.preview_path, quiz=self.preview_quiz)
        from tutor.ui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        if self.class_link is not None:
            self.class_link.start()
        if self.start:
            self.open(self.start)
        if self.notice:
            self.notify(
                self.notice, title="Saved progress", severity="warning", timeout=20, markup=False
            )
            self.notice = None
        if self.preview_path is None and self.progress.should_ask_name():
            from tutor.ui.screens.name_dialog import NameDialog

            self.push_screen(NameDialog(), self._name_given)

    def _name_given(self, name: str | None) -> None:
        if self.progress.set_student_name((name or "").strip()) and name:
            # Markdown like all prose (tutor/ui/prose.py); the name is the learner's, as typed.
            message = f"Thanks, {escape(name.strip())}: your name goes on `tutor export`."
            self.notify(toast(message), timeout=4)

    def on_class_status_changed(self, message: ClassStatusChanged) -> None:
        from tutor.ui.screens.home import HomeScreen

        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.show_class_status(message.status)

    def _not_saved(self, message: str) -> None:
        self.notify(message, severity="error", timeout=8, markup=False)

    def screen_ready(self) -> None:
        """Called by the first screen once mounted: TUTOR_EXIT_WHEN_READY=1 (bench) exits here."""
        if self.exit_when_ready:
            self.call_after_refresh(self.exit)
        elif self.collect_when_idle and not self.garbage.active:
            # Once the first screen is drawn: what start-up built (modules, CSS, the pack,
            # about 100k objects) is then frozen, and full collections wait for idle moments.
            self.call_after_refresh(self.garbage.start)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self.garbage.input_seen()
        await super().on_event(event)

    def on_unmount(self) -> None:
        self.garbage.stop()

    def open(self, target: str) -> None:
        """Push a screen by name: a destination's action (tutor/ui/destinations.py), or
        "lesson:ID[:PAGE]" / "scenario:ID[:STEP]"."""
        kind, _, rest = target.partition(":")
        if kind == "lesson":
            lesson_id, _, page = rest.partition(":")
            lesson = self.pack.lesson(lesson_id)
            if lesson is not None:
                self.open_lesson(lesson, int(page or 0))
        elif kind == "scenario":
            scenario_id, _, step = rest.partition(":")
            scenario = self.pack.scenario(scenario_id)
            if scenario is not None:
                self.open_scenario(scenario, int(step) if step else None)
        elif kind not in hidden_by(self.pack):
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

    def open_scenario(self, scenario: Scenario, step: int | None = None) -> None:
        """The walkthrough, from its summary or (Continue, a missed quiz question) a step."""
        from tutor.ui.screens.walkthrough import WalkthroughScreen

        screen = WalkthroughScreen(scenario)
        if step is not None and screen.walkthrough is not None:
            screen.walkthrough.go_to(step)
        self._show(screen)

    def action_environments(self) -> None:
        from tutor.ui.screens.environments import EnvironmentsScreen

        self._show(EnvironmentsScreen())

    def action_help(self) -> None:
        from tutor.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_quiz(self) -> None:
        """The quiz start screen; with quiz_options (`tutor quiz`), the quiz itself, once."""
        options, self.quiz_options = self.quiz_options, None
        if options is not None:
            from tutor.ui.screens.quiz import QuizScreen

            self._show(QuizScreen(options))
        else:
            from tutor.ui.screens.quiz_start import QuizStartScreen

            self._show(QuizStartScreen())

    def action_review(self) -> None:
        from tutor.ui.screens.review import ReviewScreen

        self._show(ReviewScreen())

    def flag_question(self, scenario: Scenario, question: Question) -> None:
        """`f` on a question: ask confusing/wrong and a comment, then store the flag."""
        from tutor.ui.screens.flag_dialog import FlagDialog

        def flagged(result: tuple[str, str] | None) -> None:
            if result is None:
                return
            reason, comment = result
            if not self.progress.saves_progress:
                self.notify("Flags are not saved: there is no progress store.", timeout=4)
            elif self.progress.flag(scenario, question, reason, comment):
                # Honest about the route: to the class server in class mode, else the export.
                route = (
                    "it goes to your class's server with your answers"
                    if self.class_link is not None
                    else "your instructor sees it in the export you hand in (tutor export)"
                )
                self.notify(f"Flagged as {reason}: {route}.")

        self.push_screen(FlagDialog(question), flagged)

    @property
    def is_instructor(self) -> bool:
        """The class URL holds the instructor's account (known once the server answered)."""
        return self.class_link is not None and self.class_link.status.role == "instructor"

    def action_instructor(self) -> None:
        if not self.is_instructor:
            self.notify("The Instructor screen needs the class's instructor URL.", timeout=4)
            return
        from tutor.ui.screens.instructor import InstructorScreen

        self._show(InstructorScreen())

    def action_check_mysql(self) -> None:
        from tutor.ui.screens.check_mysql import CheckMySQLScreen

        self._show(CheckMySQLScreen())

    def action_continue(self) -> None:
        target = self.progress.continue_target()
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
        """Every screen, then the colour theme and quit. Not Textual's Keys, Maximize and
        Screenshot: Help (? or F1) shows the keys, and the others are not for learners."""
        for destination in palette_for(self.pack, instructor=self.is_instructor):
            yield SystemCommand(
                destination.title, destination.help, partial(self.open, destination.action)
            )
        yield SystemCommand("Theme", "Change the colour theme", self.action_change_theme)
        yield SystemCommand("Quit", "Quit tutor (q)", self.action_quit)


def create_app(
    pack: Pack,
    *,
    store: ProgressStore | None = None,
    progress: Progress | None = None,
    checker: Checker | None = None,
    preview_path: Path | None = None,
    start: str | None = None,
    quiz_options: QuizOptions | None = None,
    notice: str | None = None,
    collect_when_idle: bool = False,
    preview_quiz: bool = False,
) -> TutorApp:
    """The one way to build the app. `store` is the learner's progress store (the app wraps it
    in a ProgressBridge); `progress` instead gives any `Progress` (a test's NullProgress
    subclass); with neither, nothing is saved. `checker` replaces the real MySQL check.
    `start` opens a screen first (see TutorApp.open);
    `quiz_options` with start="quiz" skips the quiz start screen (`tutor quiz`); `notice`
    (from open_store) is shown once. `collect_when_idle` (the CLI and the benches) freezes
    what start-up built and moves full garbage collections to the moments the learner pauses
    (tutor/ui/garbage.py); tests leave it off, since it changes the whole process's collector."""
    app = TutorApp(
        pack,
        store=store,
        progress=progress,
        checker=checker,
        preview_path=preview_path,
        start=start,
        quiz_options=quiz_options,
        notice=notice,
    )
    app.collect_when_idle = collect_when_idle
    app.preview_quiz = preview_quiz  # with preview_path: its questions, not its walkthrough
    return app
