"""A round of questions, one at a time: what the quiz and review screens share.

Each question shows its diagram and, above its prompt, what the learner would have read before
it in its scenario (the summary and the earlier text steps), so that it can be answered on its
own. The answer is stored (with the round's source) the moment it is committed, before its
feedback is drawn; Enter then moves on. `h` shows the hint, `f` flags the question.

Enter has one owner at a time: the QuestionView until the answer's verdict is in (it checks
the answer), then this screen (next question, or the end). The screen's binding steps aside
by check_action.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Container, Horizontal, VerticalScroll
from textual.widgets import Button, Static

from tutor.progress.rounds import RoundItem, RoundResult
from tutor.ui.prose import inline
from tutor.ui.question_state import QuestionState
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.question_view import QuestionView


class QuestionRoundScreen(TutorScreen):
    """Subclasses set `source` and `label`, fill `items`, and implement `finish()`."""

    source = "quiz"
    label = "Question"
    BINDINGS = [
        Binding("enter", "advance", "Check / next", priority=True),
        Binding("f", "flag", "Flag question"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[RoundItem] = []
        self.index = -1
        self.results: list[RoundResult] = []

    def compose_body(self):
        yield Static("", id="round-title")
        yield Container(id="round-body")
        with Horizontal(id="round-bar"):
            yield Button("", id="round-next", variant="primary", compact=True)

    # -- the round ----------------------------------------------------------------------------

    @property
    def item(self) -> RoundItem | None:
        return self.items[self.index] if 0 <= self.index < len(self.items) else None

    @property
    def answered(self) -> bool:
        return len(self.results) > self.index

    async def start_round(self, items: list[RoundItem]) -> None:
        self.items, self.index, self.results = list(items), -1, []
        await self.show_question(0)

    async def show_question(self, index: int) -> None:
        self.index = index
        item = self.items[index]
        body = self.query_one("#round-body", Container)
        await body.remove_children()
        view = QuestionView(
            QuestionState(item),
            item.scenario.topology,
            context=item.scenario.context_before(item.question.id),
        )
        await body.mount(view)
        self._title()
        self.query_one("#round-bar").display = False

    def _title(self) -> None:
        item = self.item
        if item is None:
            return
        self.query_one("#round-title", Static).update(
            Text.assemble(
                (f"{self.label} {self.index + 1} of {len(self.items)}", "bold"),
                ("  ·  ", "dim"),
                inline(item.scenario.title, "dim"),
                (f"  ·  {item.scenario.environment}", "dim"),
            )
        )

    @on(QuestionView.Answered)
    def _store_answer(self, event: QuestionView.Answered) -> None:
        """Grade and store the answer, then have the view show the stored verdict: what the
        learner sees is what was stored, and it was stored first."""
        event.stop()
        item = self.item
        if item is None or event.item is not item or self.answered:
            return
        recorded = self.tutor.progress.record(
            item.scenario,
            item.question,
            event.answer,
            source=self.source,
            hint_used=event.hint_used,
        )
        self.results.append(RoundResult(item, recorded.correct, event.hint_used, recorded.saved))
        event.question_view.show_verdict(recorded.verdict)
        last = self.index + 1 >= len(self.items)
        button = self.query_one("#round-next", Button)
        button.label = self.finish_label() if last else "Next ▶ (Enter)"
        self.query_one("#round-bar").display = True
        button.focus()

    def finish_label(self) -> str:
        return "Done ▶ (Enter)"

    # -- keys ---------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "flag":
            return self.item is not None
        if action == "advance":
            # Until the verdict is in, Enter is the QuestionView's: it checks the answer.
            return self.item is not None and self.answered
        return True

    async def action_advance(self) -> None:
        """Enter or the bar's button, once answered: the next question, or the end."""
        if self.item is None or not self.answered:
            return
        if self.index + 1 < len(self.items):
            await self.show_question(self.index + 1)
        else:
            await self.finish()

    def action_flag(self) -> None:
        item = self.item
        if item is not None:
            self.tutor.flag_question(item.scenario, item.question)

    @on(Button.Pressed, "#round-next")
    async def _next_pressed(self) -> None:
        await self.action_advance()

    async def finish(self) -> None:
        raise NotImplementedError

    # -- a panel instead of a question (review's "nothing due", its end) ---------------------

    async def show_panel(self, title: str, text: Text, *buttons: Button) -> None:
        self.index = len(self.items)  # past the end: Enter and f do nothing
        self.query_one("#round-title", Static).update(Text(title, style="bold"))
        self.query_one("#round-bar").display = False
        body = self.query_one("#round-body", Container)
        await body.remove_children()
        panel = VerticalScroll(Static(text, id="panel-text"), classes="round-panel")
        await body.mount(panel)
        if buttons:
            await panel.mount(Horizontal(*buttons, classes="panel-buttons"))
            buttons[0].focus()
        else:
            panel.focus()
