"""`tutor preview`: one scenario file's walkthrough, reloaded when the file changes on disk.

A timer polls the file's mtime and size every half second; a thread worker loads it and
posts the result back as a message. The file is checked against the pack around it, as
`tutor validate` does (tutor.content.loader.load_scenario_in_pack): an id another file uses or
a lesson that does not exist is a problem too. A file that no longer validates shows its
problems in place of the walkthrough; the screen recovers, at the same step, once the file is
fixed. Each load also brings the pack's lessons up to date.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual.message import Message
from textual.widgets import Static

from tutor.content.model import Pack, Problem, Scenario
from tutor.ui.screens.walkthrough import WalkthroughScreen
from tutor.ui.walkthrough_state import Walkthrough

POLL_SECONDS = 0.5


def file_signature(path: Path) -> tuple[float, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


class PreviewScreen(WalkthroughScreen):
    SUB_TITLE = "Preview"

    @dataclass
    class Loaded(Message):
        scenario: Scenario | None
        problems: list[Problem]
        pack: Pack | None  # the pack around the file, freshly loaded; None outside a pack

    def __init__(self, path: Path) -> None:
        super().__init__(None)
        self.path = path
        self.problems: list[Problem] = []
        self._signature: tuple[float, int] | None = None
        self.reloads = 0
        self._last_index = -1

    async def on_mount(self) -> None:
        self._signature = file_signature(self.path)
        self._apply(*self._load())
        await self.render_step()
        self.set_interval(POLL_SECONDS, self._poll)
        self.tutor.screen_ready()

    def _load(self) -> tuple[Scenario | None, list[Problem], Pack | None]:
        from tutor.content.loader import load_scenario_in_pack

        if not self.path.is_file():
            return None, [Problem(self.path, 1, 1, "the file is gone")], None
        return load_scenario_in_pack(self.path)

    def _poll(self) -> None:
        signature = file_signature(self.path)
        if signature != self._signature:
            self._signature = signature
            self.run_worker(self._load_in_thread, thread=True, exclusive=True, group="reload")

    def _load_in_thread(self) -> None:
        self.post_message(self.Loaded(*self._load()))

    async def on_preview_screen_loaded(self, message: Loaded) -> None:
        self.reloads += 1
        self._apply(message.scenario, message.problems, message.pack)
        await self.render_step()
        if scenario_problems := (message.scenario is not None and message.problems):
            self.notify(f"{len(scenario_problems)} warnings in {self.path.name}", timeout=4)

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
        title.update(Text.assemble(("Preview: ", "bold"), str(self.path)))
        if self.walkthrough is not None:
            return
        body = self.query_one("#wt-body")
        text = Text("This file does not load. Fix it and save: the preview reloads.\n\n")
        text.append("\n".join(p.format() for p in self.problems))
        await body.mount(Static(text, id="preview-problems"))

    def finish(self) -> None:
        """At the end of a preview, start again from the summary."""
        if self.walkthrough is not None:
            self.walkthrough.go_to(-1)
            self.call_later(self.render_step)
