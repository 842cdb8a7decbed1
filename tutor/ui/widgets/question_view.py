"""One question with its diagram, hint and feedback; posts QuestionView.Answered.

Used by the scenario walkthrough, the quiz and review. Keys: i / e preview a placement,
h shows the hint, Enter checks the answer; for multi, Space toggles a choice. `on_commit` is
called with (question, answer, hint_used) the moment an answer is committed, before its
feedback is drawn: that is where the answer is stored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Markdown, OptionList, SelectionList, Static
from textual.widgets.option_list import Option

from tutor.content.model import Question, Topology
from tutor.ui.walkthrough_state import Answer, QuestionState
from tutor.ui.widgets.diagram_view import DiagramView
from tutor.ui.widgets.split import SplitPane


class QuestionView(SplitPane):
    DEFAULT_CSS = """
    QuestionView .qv-context { margin: 0 0 1 0; color: $text-muted; }
    QuestionView .qv-prompt { margin: 0 0 1 0; text-style: bold; }
    QuestionView .qv-buttons { height: auto; margin: 0 0 1 0; }
    QuestionView .qv-buttons Button { margin: 0 2 0 0; width: auto; }
    QuestionView .qv-choices { height: auto; max-height: 12; margin: 0 0 1 0; }
    QuestionView .qv-hint { display: none; margin: 0 0 1 0; text-style: italic; }
    QuestionView .qv-hint.-shown { display: block; }
    QuestionView .qv-feedback { height: auto; display: none; }
    QuestionView .qv-verdict { text-style: bold; margin: 0 0 1 0; }
    QuestionView .qv-verdict.-right { color: $success; }
    QuestionView .qv-verdict.-wrong { color: $error; }
    QuestionView .qv-explain { margin: 0; padding: 0; }
    """

    BINDINGS = [
        Binding("enter", "commit", "Check answer", priority=True),
        # Priority, so that a key typed just before Enter is never overtaken by it.
        Binding("i", "preview('internal')", "Internal", priority=True),
        Binding("e", "preview('external')", "External", priority=True),
        Binding("h", "hint", "Hint", priority=True),
    ]

    @dataclass
    class Answered(Message):
        """The learner committed an answer."""

        question_view: QuestionView
        question: Question
        answer: Answer
        correct: bool
        hint_used: bool

        @property
        def control(self) -> QuestionView:
            return self.question_view

    def __init__(
        self,
        question: Question,
        topology: Topology,
        *,
        state: QuestionState | None = None,
        id: str | None = None,
        context: str | None = None,
        on_commit: Callable[[Question, Answer, bool], object] | None = None,
    ) -> None:
        super().__init__(id=id)
        self.question = question
        self.topology = topology
        self.state = state or QuestionState(question)
        self.context = context
        self.on_commit = on_commit

    # -- layout -------------------------------------------------------------------------------

    def compose(self):
        question = self.question
        with VerticalScroll(classes="pane-text"):
            if self.context:
                yield Static(Text(self.context.strip()), classes="qv-context")
            yield Static(Text(question.prompt), classes="qv-prompt")
            if question.kind == "placement":
                with Horizontal(classes="qv-buttons"):
                    yield Button("Internal (i)", id="qv-internal", compact=True)
                    yield Button("External (e)", id="qv-external", compact=True)
                    yield Button("Check ⏎", id="qv-check", variant="primary", compact=True)
            elif question.kind == "multi":
                yield SelectionList[int](
                    *[(Text(c.text), i) for i, c in enumerate(question.choices)],
                    classes="qv-choices",
                )
                with Horizontal(classes="qv-buttons"):
                    yield Button("Check ⏎", id="qv-check", variant="primary", compact=True)
            else:
                yield OptionList(
                    *[Option(Text(c.text), id=str(i)) for i, c in enumerate(question.choices)],
                    classes="qv-choices",
                )
            yield Static("", classes="qv-hint")
            with VerticalScroll(classes="qv-feedback"):
                yield Static("", classes="qv-verdict")
                yield Static("", classes="qv-chosen")
                yield Markdown("", classes="qv-explain")
        placement, unknown = self.state.diagram_arguments()
        yield DiagramView(self.topology, placement=placement, unknown=unknown)

    def on_mount(self) -> None:
        self.query(".qv-feedback").first().can_focus = False
        self.focus_input()

    def focus_input(self) -> None:
        for selector in (".qv-choices", "#qv-internal"):
            widgets = self.query(selector)
            if widgets:
                widgets.first().focus()
                return

    # -- actions ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "preview":
            return self.question.kind == "placement" and not self.state.answered
        if action == "hint":
            return bool(self.question.hint) and not self.state.answered
        if action == "commit":
            return not self.state.answered
        return True

    def action_preview(self, placement: str) -> None:
        self.state.set_preview(placement)
        self._redraw_diagram()
        for name in ("internal", "external"):
            button = self.query_one(f"#qv-{name}", Button)
            button.variant = "success" if self.state.preview == name else "default"

    def action_hint(self) -> None:
        hint = self.state.show_hint()
        if hint:
            widget = self.query_one(".qv-hint", Static)
            widget.update(Text(f"Hint: {hint}"))
            widget.add_class("-shown")

    def action_commit(self) -> None:
        """Check the pending answer; for a single choice, the highlighted one."""
        if self.state.answered:
            return
        if self.question.kind == "choice":
            options = self.query_one(".qv-choices", OptionList)
            if options.highlighted is not None:
                self.state.choose(options.highlighted)
        elif self.question.kind == "multi":
            chosen = self.query_one(".qv-choices", SelectionList).selected
            self.state.selected = set(chosen)
        if self.state.pending_answer() is None:
            self.notify(self._nothing_chosen(), severity="warning", timeout=3)
            return
        correct = self.state.commit()
        if self.on_commit is not None:
            self.on_commit(self.question, self.state.answer, self.state.hint_used)
        self._show_feedback()
        self.post_message(
            self.Answered(self, self.question, self.state.answer, correct, self.state.hint_used)
        )

    def _nothing_chosen(self) -> str:
        if self.question.kind == "placement":
            return "Choose internal (i) or external (e) first."
        if self.question.kind == "multi":
            return "Tick at least one choice with Space first."
        return "Pick a choice first."

    # -- events -------------------------------------------------------------------------------

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "qv-internal":
            self.action_preview("internal")
        elif event.button.id == "qv-external":
            self.action_preview("external")
        elif event.button.id == "qv-check":
            self.action_commit()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.question.kind == "choice" and not self.state.answered:
            self.state.choose(event.option_index)
            self.action_commit()

    # -- drawing ------------------------------------------------------------------------------

    def _redraw_diagram(self) -> None:
        placement, unknown = self.state.diagram_arguments()
        view = self.query_one(DiagramView)
        if (view.placement, view.unknown) != (placement, unknown):  # nothing new to draw
            view.show(placement=placement, unknown=unknown)

    def _show_feedback(self) -> None:
        state = self.state
        # Shown and hidden one by one: a class on the whole view would restyle every widget
        # in it, diagram included (about half of the time from Enter to the feedback).
        for widget in self.query(".qv-buttons"):
            widget.display = False
        self.query_one(".qv-feedback").display = True
        for widget in self.query(".qv-choices"):
            widget.disabled = True
        verdict = self.query_one(".qv-verdict", Static)
        verdict.set_class(bool(state.correct), "-right")
        verdict.set_class(not state.correct, "-wrong")
        if self.question.kind == "placement":
            truth = self.question.answer or "?"
            if state.correct:
                verdict.update(Text(f"✓ Right: the service is {truth} here."))
            else:
                verdict.update(
                    Text(f"✗ Not quite: you chose {state.answer}; the service is {truth} here.")
                )
        else:
            verdict.update(Text("✓ Right." if state.correct else "✗ Not quite."))
        chosen = Text()
        for text, correct, feedback in state.chosen_feedback():
            chosen.append(("✓ " if correct else "✗ ") + text + "\n", style="bold")
            if feedback:
                chosen.append(f"  {feedback}\n")
        also = "Also right" if self.question.kind == "multi" else "The right answer"
        for text in state.missed():
            chosen.append(f"{also}: {text}\n", style="bold")
        chosen_widget = self.query_one(".qv-chosen", Static)
        chosen_widget.update(chosen)
        chosen_widget.display = bool(chosen)
        self.query_one(".qv-explain", Markdown).update(self.question.explain)
        self._redraw_diagram()
