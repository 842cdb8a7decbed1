"""`tutor preview FILE.yaml --quiz`: a scenario's questions as the quiz and review ask them.

Each question comes on its own, in the scenario's order, through the quiz's own screen
(QuestionRoundScreen): its diagram, the context a quiz shows above it (the summary and the
text steps before it), the prompt and the choices, shuffled as review shuffles them. The text
steps are never shown as steps, so an author sees whether a prompt stands alone ("And the
primary?" does not). Answers are graded and forgotten (the screen's subtitle says so).

The file is reloaded each time it is saved, starting again at the same question (the last
one, if questions were removed); a file that does not load shows its problems instead, and
the screen recovers once it is fixed. After the last question, Enter starts again.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from rich.text import Text
from textual.widgets import Static

from tutor.content.model import Pack, Problem, Scenario
from tutor.progress.rounds import RoundItem, RoundResult
from tutor.ui.screens.preview import (
    ScenarioLoad,
    WatchedFileScreen,
    load_scenario,
    preview_title,
    problems_text,
)
from tutor.ui.screens.question_round import QuestionRoundScreen


class QuizPreviewScreen(WatchedFileScreen, QuestionRoundScreen):
    SUB_TITLE = "Preview: answers are not saved"
    source = "quiz"
    label = "Question"

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.problems: list[Problem] = []
        self.resume_at = 0  # the question shown before a reload

    async def on_mount(self) -> None:
        self.begin_preview()
        await self._apply(*load_scenario(self.path))
        self.tutor.screen_ready()

    def load_file(self) -> ScenarioLoad:
        return load_scenario(self.path)

    async def file_loaded(self, result: object) -> None:
        scenario, problems, pack = cast(ScenarioLoad, result)
        await self._apply(scenario, problems, pack)
        if scenario is not None:
            self.notify_warnings(problems)

    async def _apply(
        self, scenario: Scenario | None, problems: list[Problem], pack: Pack | None
    ) -> None:
        if self.item is not None:
            self.resume_at = self.index
        self.problems = list(problems)
        if pack is not None:
            self.tutor.pack = pack
        if scenario is None:
            self.items = []
            await self._panel(problems_text(self.problems))
            return
        items = [RoundItem.stable(scenario, question) for question in scenario.questions]
        if not items:
            self.items = []
            text = "This scenario has no questions yet: add one, save, and it shows here."
            await self._panel(Text(text))
            return
        index = min(self.resume_at, len(items) - 1)
        self.items = items
        # The round counts a question answered by the results before it: stand-ins for the
        # questions before this one (a preview keeps no score).
        self.results = [RoundResult(item, False, saved=False) for item in items[:index]]
        await self.show_question(index)

    async def _panel(self, text: Text) -> None:
        """`text` in place of a question, under "Preview: PATH" on one line."""
        await self.show_panel("", text)
        self.query_one("#round-title", Static).update(preview_title(self.path))

    def finish_label(self) -> str:
        return "Start again ▶ (Enter)"

    async def finish(self) -> None:
        """After the last question, the first one again."""
        self.resume_at = 0
        await self.start_round(self.items)
