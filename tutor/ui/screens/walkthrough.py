"""A scenario's walkthrough: the summary, then each step; Enter continues, checks, moves on.

Enter has one owner at a time: at an open question, the QuestionView (it checks the answer);
everywhere else, this screen (it continues). The screen's binding steps aside by check_action.

At a question, `s` shows or hides the summary and the text steps before it above the prompt:
by then they have left the screen, and the question may depend on them. A walkthrough opened
straight at a question (Continue, a missed quiz question) shows them from the start.

At a lab, Enter runs its checks (LabView) until they pass, then moves on; Esc cancels a
running check, and otherwise goes back.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Container, Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static

from tutor.content.model import LabStep, QuestionStep, Scenario, TextStep
from tutor.ui.prose import inline
from tutor.ui.screens.base import TutorScreen
from tutor.ui.screens.lesson_reader import LessonReaderScreen
from tutor.ui.walkthrough_state import Phase, Walkthrough
from tutor.ui.widgets.diagram_view import DiagramView
from tutor.ui.widgets.lab_view import LabView
from tutor.ui.widgets.question_view import QuestionView
from tutor.ui.widgets.split import SplitPane, markdown

BAR_LABELS = {
    Phase.SUMMARY: "Start ▶ (Enter)",
    Phase.TEXT: "Next ▶ (Enter)",
    Phase.FEEDBACK: "Next ▶ (Enter)",
}


class WalkthroughScreen(TutorScreen):
    SUB_TITLE = "Scenario"
    BINDINGS = [
        Binding("enter", "advance", "Continue", priority=True),
        # A lab not yet passed: the same key, named for what it does there.
        Binding("enter", "check_lab", "Check", priority=True),
        # Before f: at 80 columns a placement question's footer cuts the last keys off.
        # Priority like QuestionView's keys, so that an OptionList never takes it first.
        Binding("s", "toggle_context", "Summary", priority=True),
        Binding("f", "flag", "Flag question"),
        Binding("escape", "cancel_lab", "Cancel check"),  # else the app's Back
        # A learner without Docker, or at a lab computer, must never be stuck behind a lab.
        Binding("n", "skip_lab", "Skip lab"),
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
        elif phase is Phase.TEXT and isinstance(walkthrough.step, LabStep):
            diagram = DiagramView(walkthrough.topology, unknown=walkthrough.unplaced_service())
            lab = walkthrough.step.lab
            passed = lab.id in self.tutor.progress.labs_passed(scenario)
            await body.mount(SplitPane(LabView(lab, passed_before=passed), diagram))
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
            await body.mount(VerticalScroll(*self._completion(walkthrough), classes="pane-text"))
            self._report_completion()
        if not self.query("#wt-continue"):
            # Closed while drawing: a second Enter in the list reopened the scenario before
            # this screen had finished mounting, and the app replaced it (its widgets are gone).
            return
        self._update_bar()
        self._steps_drawn += 1
        if walkthrough.step is not None:
            self.tutor.progress.record_scenario_step(scenario, walkthrough.index)

    def _show_title(self, walkthrough: Walkthrough) -> None:
        scenario = walkthrough.scenario
        self.query_one("#wt-title", Static).update(
            Text.assemble(
                inline(scenario.title, "bold"),
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

    def _completion(self, walkthrough: Walkthrough) -> list[Static]:
        """The score and each question's outcome, from the verdicts the store kept, then
        where Enter leads."""
        results = walkthrough.question_results()
        answered = [r.verdict for r in results if r.verdict is not None]
        right = sum(verdict.correct for verdict in answered)
        score = Text.assemble(("Scenario complete.", "bold"))
        if answered:
            score.append(f" {right} of {len(answered)} right", style="bold")
            skipped = len(results) - len(answered)
            score.append(f" ({skipped} not answered this time)." if skipped else ".")
        # A grid, so that a long prompt wraps under itself, not under its mark.
        outcomes = Table.grid(padding=(0, 1))
        outcomes.add_column(no_wrap=True)
        outcomes.add_column()
        for result in results:
            prompt = Text(result.question.prompt)
            if result.hint_used:
                prompt.append("  (hint used)", style="dim")
            if result.verdict is None:
                outcomes.add_row(Text("–", style="dim"), prompt.append(" (not answered)"))
            elif result.verdict.correct:
                outcomes.add_row(Text("✓ right", style="bold green"), prompt)
            else:
                prompt.append(f"\nThe answer: {result.right_answer()}", style="dim")
                outcomes.add_row(Text("✗ missed", style="bold red"), prompt)
        lesson = self.tutor.pack.lesson(self.scenario.lesson or "") if self.scenario else None
        below = self._screen_below()
        if lesson is not None and not (
            isinstance(below, LessonReaderScreen) and below.lesson.id == lesson.id
        ):  # not when Enter goes back to that very lesson: the last line names it
            score.append(f"\nIt goes with the lesson “{lesson.title}”.")
        where = Text(f"Press Enter to {self.finish_words()[1]}.")
        parts = [Static(score, id="wt-score")]
        if results:  # a scenario of labs only has no questions to list
            parts.append(Static(outcomes, id="wt-outcomes"))
        labs = self._lab_outcomes(walkthrough)
        if labs is not None:
            parts.append(Static(labs, id="wt-labs"))
        return [*parts, Static(where, id="wt-where")]

    def _lab_outcomes(self, walkthrough: Walkthrough) -> Text | None:
        """Each lab, passed or not yet: the scenario is done when every lab has passed."""
        scenario = walkthrough.scenario
        labs = [step.lab for step in scenario.steps if isinstance(step, LabStep)]
        if not labs:
            return None
        passed = self.tutor.progress.labs_passed(scenario)
        text = Text()
        for lab in labs:
            if lab.id in passed:
                text.append("✓ lab passed ", style="bold green")
            else:
                text.append("– lab not yet passed ", style="bold")
            text.append_text(inline(lab.title))
            text.append("\n")
        if all(lab.id in passed for lab in labs):
            text.append("Every lab passed: this scenario is done.", style="dim")
        else:
            text.append(
                "The scenario counts as done when its labs pass: walk it again, or run "
                f"`tutor lab verify {scenario.id}` in a terminal.",
                style="dim",
            )
        return text

    def _screen_below(self) -> Screen[object] | None:
        """The screen the end's Enter goes back to; None in the preview, the app's first."""
        stack = self.app.screen_stack
        return stack[-2] if len(stack) > 1 and stack[-1] is self else None

    def finish_words(self) -> tuple[str, str]:
        """(the bar's label, the end's sentence) for where Enter leads from the end: back to
        the screen below, whichever opened the scenario."""
        below = self._screen_below()
        if below is None:  # the preview starts again (PreviewScreen.finish)
            return "Start again", "start again from the summary"
        if isinstance(below, LessonReaderScreen):
            return "Back to the lesson", f"go back to the lesson “{below.lesson.title}”"
        place = below.sub_title or type(below).__name__
        return f"Back to {place}", f"go back to {place}"

    def _update_bar(self) -> None:
        walkthrough = self.walkthrough
        bar = self.query_one("#wt-bar")
        button = self.query_one("#wt-continue", Button)
        label = BAR_LABELS.get(walkthrough.phase) if walkthrough else None
        if walkthrough is not None and walkthrough.phase is Phase.COMPLETE:
            label = f"{self.finish_words()[0]} (Enter)"
        lab = self._lab_view()
        if lab is not None and not lab.passed:
            label = "Check again (Enter)" if lab.tried else "Check ▶ (Enter)"
            label = "Checking ..." if lab.running else label
        bar.display = label is not None
        if label is not None and walkthrough is not None:
            button.label = label
            # A new label does not resize a Button by itself: "Back to Scenarios (Enter)"
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

    def _lab_view(self) -> LabView | None:
        views = self.query(LabView)
        return views.first() if views else None

    @on(LabView.StateChanged)
    def _lab_state_changed(self, event: LabView.StateChanged) -> None:
        event.stop()
        self._update_bar()

    @on(LabView.Verified)
    def _lab_verified(self, event: LabView.Verified) -> None:
        # Failed runs are kept too: like wrong answers, they show the instructor where a class
        # gets stuck. The scenario counts as done once each of its labs has passed.
        event.stop()
        if self.scenario is not None:
            self.tutor.progress.record_lab(self.scenario, event.result)

    # -- input --------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("advance", "check_lab"):
            # At a question (open, or waiting for its verdict) Enter is the QuestionView's.
            if self.walkthrough is None or self.walkthrough.phase is Phase.QUESTION:
                return False
            lab = self._lab_view()
            return (action == "check_lab") == (lab is not None and not lab.passed)
        if action == "cancel_lab":
            lab = self._lab_view()
            return lab is not None and lab.running
        if action == "skip_lab":
            lab = self._lab_view()
            return lab is not None and not lab.passed
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
        lab = self._lab_view()
        if lab is not None and not lab.passed:
            lab.run()  # the bar's button; a check running already carries on
        elif walkthrough.phase is Phase.COMPLETE:
            self.finish()
        elif walkthrough.advance():
            await self.render_step()

    def action_check_lab(self) -> None:
        lab = self._lab_view()
        if lab is not None:
            lab.run()  # a check running already: it carries on

    async def action_cancel_lab(self) -> None:
        lab = self._lab_view()
        if lab is not None and not lab.cancel():
            await self.tutor.action_back()  # cancelling already: a second Esc goes back

    async def action_skip_lab(self) -> None:
        """On without passing: the lab stays not done, and can be checked later with
        `tutor lab verify` or by coming back to this step."""
        lab = self._lab_view()
        if lab is None or self.walkthrough is None:
            return
        lab.cancel()
        if self.walkthrough.advance():
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
