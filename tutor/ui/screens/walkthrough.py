"""A scenario's walkthrough: the summary, then each step; Enter continues, checks, moves on.

Enter has one owner at a time: at an open question, the QuestionView (it checks the answer);
everywhere else, this screen (it continues). The screen's binding steps aside by check_action.

At a question, `s` shows or hides the summary and the text steps before it above the prompt:
by then they have left the screen, and the question may depend on them. A walkthrough opened
straight at a question (Continue, a missed quiz question) shows them from the start.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Container, Horizontal, VerticalScroll
from textual.widgets import Button, Static

from tutor.content.model import QuestionStep, Scenario, TextStep
from tutor.ui.screens.base import TutorScreen
from tutor.ui.walkthrough_state import Phase, Walkthrough
from tutor.ui.widgets.diagram_view import DiagramView
from tutor.ui.widgets.question_view import QuestionView
from tutor.ui.widgets.split import SplitPane, markdown

BAR_LABELS = {
    Phase.SUMMARY: "Start ▶ (Enter)",
    Phase.TEXT: "Next ▶ (Enter)",
    Phase.FEEDBACK: "Next ▶ (Enter)",
    Phase.COMPLETE: "Back to scenarios (Enter)",
}


class WalkthroughScreen(TutorScreen):
    SUB_TITLE = "Scenario"
    BINDINGS = [
        Binding("enter", "advance", "Continue", priority=True),
        # Before f: at 80 columns a placement question's footer cuts the last keys off.
        # Priority like QuestionView's keys, so that an OptionList never takes it first.
        Binding("s", "toggle_context", "Summary", priority=True),
        Binding("f", "flag", "Flag question"),
    ]

    def __init__(self, scenario: Scenario | None) -> None:
        super().__init__()
        self.walkthrough = Walkthrough(scenario) if scenario is not None else None
        self._completed_reported = False
        self._steps_drawn = 0

    def compose_body(self):
        yield Static("", id="wt-title")
        yield Container(id="wt-body")
        with Horizontal(id="wt-bar"):
            yield Button("", id="wt-continue", variant="primary", compact=True)

    async def on_mount(self) -> None:
        await self.render_step()

    @property
    def scenario(self) -> Scenario | None:
        return self.walkthrough.scenario if self.walkthrough else None

    # -- drawing ------------------------------------------------------------------------------

    async def render_step(self) -> None:
        """Draw the current phase of the walkthrough in the body."""
        walkthrough = self.walkthrough
        body = self.query_one("#wt-body", Container)
        await body.remove_children()
        if walkthrough is None:
            self.query_one("#wt-bar").display = False
            return
        scenario = walkthrough.scenario
        self._show_title(walkthrough)
        phase = walkthrough.phase
        if phase is Phase.SUMMARY:
            await body.mount(self._split(walkthrough, scenario.summary, lead="Summary"))
        elif phase is Phase.TEXT and isinstance(walkthrough.step, TextStep):
            await body.mount(self._split(walkthrough, walkthrough.step.text))
        elif isinstance(walkthrough.step, QuestionStep) and walkthrough.question_state:
            view = QuestionView(
                walkthrough.question_state,
                scenario.topology,
                context=scenario.context_before(walkthrough.step.question.id),
                # Hidden when the learner has just read it, a step back on this screen.
                show_context=self._steps_drawn == 0,
            )
            await body.mount(view)
        elif phase is Phase.COMPLETE:
            await body.mount(
                VerticalScroll(Static(self._completion(walkthrough)), classes="pane-text")
            )
            self._report_completion()
        self._update_bar()
        self._steps_drawn += 1
        if walkthrough.step is not None:
            self.tutor.progress.record_scenario_step(scenario, walkthrough.index)

    def _show_title(self, walkthrough: Walkthrough) -> None:
        scenario = walkthrough.scenario
        self.query_one("#wt-title", Static).update(
            Text.assemble(
                (scenario.title, "bold"),
                (f"  ·  {scenario.environment}  ·  {walkthrough.position_label()}", "dim"),
            )
        )

    @staticmethod
    def _split(walkthrough: Walkthrough, text_md: str, lead: str | None = None) -> SplitPane:
        widgets = [Static(Text(lead, style="bold"))] if lead else []
        text = VerticalScroll(
            *widgets, Static(markdown(text_md), classes="step-text"), classes="pane-text"
        )
        diagram = DiagramView(walkthrough.topology, unknown=walkthrough.unplaced_service())
        return SplitPane(text, diagram)

    def _completion(self, walkthrough: Walkthrough) -> Text:
        correct, total = walkthrough.score
        text = Text.assemble(("Scenario complete. ", "bold"))
        if total:
            text.append(f"You answered {correct} of {total} question{'s' * (total != 1)} right.")
        if self.scenario and self.scenario.lesson:
            lesson = self.tutor.pack.lesson(self.scenario.lesson)
            if lesson:
                text.append(f"\n\nIt goes with the lesson “{lesson.title}”.")
        text.append("\n\nPress Enter to go back to the scenarios.")
        return text

    def _update_bar(self) -> None:
        walkthrough = self.walkthrough
        bar = self.query_one("#wt-bar")
        button = self.query_one("#wt-continue", Button)
        label = BAR_LABELS.get(walkthrough.phase) if walkthrough else None
        bar.display = label is not None
        if label is not None and walkthrough is not None:
            button.label = label
            # A new label does not resize a Button by itself: "Back to scenarios (Enter)"
            # was cut to "Back to", the width of the "Next ▶ (Enter)" it replaced.
            button.refresh(layout=True)
            if walkthrough.phase is not Phase.QUESTION:
                button.focus()
        # The footer's keys depend on the phase, which can change while focus stays put.
        self.refresh_bindings()

    def _report_completion(self) -> None:
        if not self._completed_reported and self.scenario is not None:
            self._completed_reported = True
            self.tutor.progress.record_scenario_completed(self.scenario)

    # -- input --------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "advance":
            # At a question (open, or waiting for its verdict) Enter is the QuestionView's.
            return self.walkthrough is not None and self.walkthrough.phase is not Phase.QUESTION
        if action == "flag":
            return self.walkthrough is not None and self.walkthrough.question_state is not None
        if action == "toggle_context":
            return self.walkthrough is not None and self.walkthrough.phase in (
                Phase.QUESTION,
                Phase.FEEDBACK,
            )
        return True

    def action_toggle_context(self) -> None:
        views = self.query(QuestionView)
        if views:
            view = views.first()
            view.set_context_shown(not view.context_shown)

    def action_flag(self) -> None:
        walkthrough = self.walkthrough
        if walkthrough is not None and walkthrough.question_state is not None:
            self.tutor.flag_question(walkthrough.scenario, walkthrough.question_state.question)

    async def action_advance(self) -> None:
        """Enter or the bar's button: on from the summary, a text step or feedback; back at
        the end. Nothing at a question, which the QuestionView answers."""
        walkthrough = self.walkthrough
        if walkthrough is None:
            return
        if walkthrough.phase is Phase.COMPLETE:
            self.finish()
        elif walkthrough.advance():
            await self.render_step()

    @on(Button.Pressed, "#wt-continue")
    async def _continue_pressed(self) -> None:
        await self.action_advance()

    def finish(self) -> None:
        self.dismiss()

    @on(QuestionView.Answered)
    def _store_answer(self, event: QuestionView.Answered) -> None:
        """Store the answer, then have the view show the stored verdict: what the learner
        sees is what was stored, and it was stored first."""
        event.stop()
        walkthrough = self.walkthrough
        if walkthrough is None or walkthrough.question_state is not event.question_view.state:
            return  # a preview reloaded meanwhile: that question is gone
        item = event.item
        recorded = self.tutor.progress.record(
            item.scenario,
            item.question,
            event.answer,
            source="walkthrough",
            hint_used=event.hint_used,
        )
        event.question_view.show_verdict(recorded.verdict)
        walkthrough.show_feedback()
        self._show_title(walkthrough)
        self._update_bar()
