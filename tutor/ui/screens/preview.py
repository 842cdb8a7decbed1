"""`tutor preview`: one file as learners see it, reloaded when it changes on disk.

What every preview shares (WatchedFileScreen): a timer polls the file's mtime and size every
half second; a thread worker loads it and posts the result back as a FileLoaded message. A
preview stores nothing: it replaces the app's progress with a NullProgress, so answers, pages
and steps seen in it never reach the learner's progress store.

Three previews, chosen by `preview_screen`:
- a scenario's walkthrough (PreviewScreen, here);
- a lesson, page by page (tutor/ui/screens/preview_lesson.py);
- a scenario's questions as the quiz asks them (tutor/ui/screens/preview_quiz.py, --quiz).

The scenario file is checked against the pack around it, as `tutor validate` does
(tutor.content.loader.load_scenario_in_pack): an id another file uses or a lesson that does not
exist is a problem too. A file that no longer validates shows its problems in place of the
walkthrough; the screen recovers, at the same step, once the file is fixed. Each load also
brings the pack's lessons up to date.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from rich.text import Text
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from tutor.content.model import Pack, Problem, Scenario
from tutor.ui.interfaces import NullProgress
from tutor.ui.screens.base import TutorScreen
from tutor.ui.screens.walkthrough import WalkthroughScreen
from tutor.ui.walkthrough_state import Walkthrough

POLL_SECONDS = 0.5

ScenarioLoad = tuple[Scenario | None, list[Problem], Pack | None]


def file_signature(path: Path) -> tuple[float, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def gone(path: Path) -> list[Problem]:
    return [Problem(path, 1, 1, "the file is gone: save it again and the preview reloads")]


def load_scenario(path: Path) -> ScenarioLoad:
    """The scenario, its problems (pack-aware) and the pack around it. Runs in a thread."""
    from tutor.content.loader import load_scenario_in_pack

    if not path.is_file():
        return None, gone(path), None
    return load_scenario_in_pack(path)


def preview_title(path: Path) -> Text:
    """ "Preview: NAME", the file's name alone so that it fits a narrow terminal: the problems
    below name the file in full."""
    return Text.assemble(("Preview: ", "bold"), path.name)


def problems_text(problems: list[Problem]) -> Text:
    text = Text("This file does not load. Fix it and save: the preview reloads.\n\n")
    text.append("\n".join(p.format() for p in problems))
    return text


class FileLoaded(Message):
    """The watched file, loaded in a thread worker: what the screen's `load_file` returned."""

    def __init__(self, result: object) -> None:
        super().__init__()
        self.result = result


class WatchedFileScreen(TutorScreen):
    """A preview of `path`. Subclasses implement `load_file` (called in a thread) and
    `file_loaded` (on the app's loop), and call `begin_preview()` first thing in on_mount."""

    path: Path
    reloads: int = 0
    _signature: tuple[float, int] | None = None

    def begin_preview(self) -> None:
        if self.tutor.progress.saves_progress:
            self.tutor.progress = NullProgress()  # a preview never writes the learner's store
        self._signature = file_signature(self.path)
        self.set_interval(POLL_SECONDS, self._poll)

    def load_file(self) -> object:
        raise NotImplementedError

    async def file_loaded(self, result: object) -> None:
        raise NotImplementedError

    def _poll(self) -> None:
        signature = file_signature(self.path)
        if signature != self._signature:
            self._signature = signature
            self.run_worker(self._load_in_thread, thread=True, exclusive=True, group="reload")

    def _load_in_thread(self) -> None:
        self.post_message(FileLoaded(self.load_file()))

    async def on_file_loaded(self, message: FileLoaded) -> None:
        await self.file_loaded(message.result)
        self.reloads += 1  # once the screen shows it

    def notify_warnings(self, problems: list[Problem]) -> None:
        if problems:
            self.notify(f"{len(problems)} warnings in {self.path.name}", timeout=4)


def preview_screen(path: Path, *, quiz: bool = False) -> Screen:
    """The first screen of `tutor preview PATH [--quiz]`: a lesson for .md, else a scenario."""
    if path.suffix == ".md":
        from tutor.ui.screens.preview_lesson import LessonPreviewScreen

        return LessonPreviewScreen(path)
    if quiz:
        from tutor.ui.screens.preview_quiz import QuizPreviewScreen

        return QuizPreviewScreen(path)
    return PreviewScreen(path)


class PreviewScreen(WatchedFileScreen, WalkthroughScreen):
    SUB_TITLE = "Preview"

    def __init__(self, path: Path) -> None:
        super().__init__(None)
        self.path = path
        self.problems: list[Problem] = []
        self._last_index = -1

    async def on_mount(self) -> None:
        self.begin_preview()
        self._apply(*load_scenario(self.path))
        await self.render_step()
        self.tutor.screen_ready()

    def load_file(self) -> ScenarioLoad:
        return load_scenario(self.path)

    async def file_loaded(self, result: object) -> None:
        scenario, problems, pack = cast(ScenarioLoad, result)
        self._apply(scenario, problems, pack)
        await self.render_step()
        if scenario is not None:
            self.notify_warnings(problems)

    def _apply(self, scenario: Scenario | None, problems: list[Problem], pack: Pack | None) -> None:
        self.problems = list(problems)
        if pack is not None:  # the lessons the walkthrough's end names, as they are now
            self.tutor.pack = pack
        if self.walkthrough is not None:
            self._last_index = self.walkthrough.index
        if scenario is None:
            self.walkthrough = None
            return
        index = self._last_index
        self.walkthrough = Walkthrough(scenario)
        self.walkthrough.go_to(min(index, len(scenario.steps) - 1))
        self._completed_reported = False

    async def render_step(self) -> None:
        await super().render_step()
        if self.walkthrough is None:
            await self._show_problems()

    async def _show_problems(self) -> None:
        title = self.query_one("#wt-title", Static)
        title.update(preview_title(self.path))
        if self.walkthrough is not None:
            return
        body = self.query_one("#wt-body")
        await body.mount(Static(problems_text(self.problems), id="preview-problems"))

    def finish(self) -> None:
        """At the end of a preview, start again from the summary."""
        if self.walkthrough is not None:
            self.walkthrough.go_to(-1)
            self.call_later(self.render_step)
