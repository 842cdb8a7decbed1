"""One question with its diagram, hint and feedback; posts QuestionView.Answered.

Used by the scenario walkthrough, the quiz and review. Keys: i / e preview a placement,
h shows the hint, Enter checks the answer; for multi, Space ticks a choice; 1-9 pick (or
tick) that choice.

The choices are a `ChoiceList` (widgets/choice_list.py) laid out in full inside the text pane:
the pane is the only scroller and follows the highlighted choice, so what Enter, Space or a
number acts on is always on screen.

Messages up, methods down: when the learner commits an answer the view closes the question to
input and posts `Answered` (the answer in the ORIGINAL choice order, and whether the hint was
used). The screen grades and stores it, then hands the stored verdict back with
`show_verdict()`: the view draws no feedback before that, so the verdict shown is the one
stored, and it is stored before it is shown.

`context` is the Markdown the question depends on (Scenario.context_before), drawn above the
prompt inside the scrolling text pane; `show_context=False` keeps it hidden until
`set_context_shown(True)` (the walkthrough's `s`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, OptionList, Static

from tutor.content.model import Question, Topology
from tutor.progress.grading import Answer, Verdict
from tutor.progress.rounds import RoundItem
from tutor.ui.prose import inline
from tutor.ui.question_state import QuestionState
from tutor.ui.widgets.choice_list import ChoiceList
from tutor.ui.widgets.diagram_view import DiagramView
from tutor.ui.widgets.split import SplitPane, markdown


class QuestionPane(VerticalScroll):
    """The question's text pane. Its size changes on the first layout, again when the diagram
    below is drawn, and with the terminal: each time, the question comes back into view."""

    def on_resize(self) -> None:
        view = self.parent
        if isinstance(view, QuestionView):
            self.call_after_refresh(view.reveal_question)


class QuestionView(SplitPane):
    # Unscoped, as SplitPane's: a rule below starts from the screen's breakpoint class.
    SCOPED_CSS = False

    DEFAULT_CSS = """
    /* The scrollbar's columns kept from the start: appearing later, it narrowed the text,
       rewrapped it and moved the choices after they had been scrolled into view. */
    QuestionView > .pane-text { scrollbar-gutter: stable; }
    QuestionView .qv-context { margin: 0 0 1 0; color: $text-muted; }
    QuestionView .qv-prompt { margin: 0 0 1 0; text-style: bold; }
    QuestionView .qv-buttons { height: auto; margin: 0 0 1 0; }
    QuestionView .qv-buttons Button { margin: 0 2 0 0; width: auto; }
    /* All rows, no scroller of its own, no top and bottom edge (two rows, at 40x12 the
       whole list): the pane scrolls to the highlighted choice (ChoiceList). */
    QuestionView .qv-choices {
        height: auto;
        max-height: initial;
        margin: 0 0 1 0;
        border: none;
        border-left: tall $border-blurred;
    }
    QuestionView .qv-choices:focus { border: none; border-left: tall $border; }
    /* Choices need the rows more than the picture does, stacked below 100 columns. */
    .-narrow QuestionView.-choices > DiagramView { max-height: 40%; }
    QuestionView .qv-hint { margin: 0 0 1 0; text-style: italic; }
    QuestionView .qv-feedback { height: auto; }
    QuestionView .qv-verdict { text-style: bold; margin: 0 0 1 0; }
    QuestionView .qv-chosen { margin: 0 0 1 0; }
    QuestionView .qv-verdict.-right { color: $success; }
    QuestionView .qv-verdict.-wrong { color: $error; }
    QuestionView .qv-explain { margin: 0; padding: 0; }
    """

    # Enter is this view's while its question is open: priority, so that the focused button
    # or list does not take it (pressing Internal, ticking a choice). The screens' own priority
    # Enter gives way by check_action until the answer is in, so Textual, which tries priority
    # bindings from the app down to the focused widget, reaches this one.
    # The other keys are priority too, so that a key typed just before Enter is never
    # overtaken by it.
    BINDINGS = [
        Binding("enter", "commit", "Check answer", priority=True),
        Binding("i", "preview('internal')", "Internal", priority=True),
        Binding("e", "preview('external')", "External", priority=True),
        Binding("h", "hint", "Hint", priority=True),
        Binding("space", "tick", "Tick", priority=True),
        # Quick answers, as in terminal quizzes: kept out of the footer, listed in Help.
        *[
            Binding(str(n), f"pick({n})", f"Choice {n}", show=False, priority=True)
            for n in range(1, 10)
        ],
    ]

    @dataclass
    class Answered(Message):
        """The learner committed `answer` (ORIGINAL choice order). The screen stores it and
        calls `show_verdict` with the stored verdict; until then the question stays closed."""

        question_view: QuestionView
        item: RoundItem
        answer: Answer
        hint_used: bool

        @property
        def control(self) -> QuestionView:
            return self.question_view

    def __init__(
        self,
        state: QuestionState,
        topology: Topology,
        *,
        id: str | None = None,
        context: Sequence[str] | str | None = None,
        show_context: bool = True,
    ) -> None:
        super().__init__(id=id)
        self.state = state
        self.question: Question = state.question  # as shown
        self.topology = topology
        pieces = (context,) if isinstance(context, str) else tuple(context or ())
        self.context = tuple(piece for piece in pieces if piece.strip())
        self._context_shown = show_context and bool(self.context)
        self.set_class(self.question.kind != "placement", "-choices")

    # -- layout -------------------------------------------------------------------------------

    def compose(self):
        question = self.question
        with QuestionPane(classes="pane-text"):
            if self._context_shown:
                yield self._context_widget()
            yield Static(inline(question.prompt), classes="qv-prompt")
            if question.kind == "placement":
                with Horizontal(classes="qv-buttons"):
                    yield Button("Internal (i)", id="qv-internal", compact=True)
                    yield Button("External (e)", id="qv-external", compact=True)
                    yield Button("Check ⏎", id="qv-check", variant="primary", compact=True)
            else:
                yield ChoiceList(
                    [choice.text for choice in question.choices],
                    self._ticked if question.kind == "multi" else None,
                    classes="qv-choices",
                )
                if question.kind == "multi":
                    with Horizontal(classes="qv-buttons"):
                        yield Button("Check ⏎", id="qv-check", variant="primary", compact=True)
            # The hint and the feedback are mounted when needed: fewer widgets, faster steps.
        placement, unknown = self.state.diagram_arguments()
        yield DiagramView(self.topology, placement=placement, unknown=unknown, app_id=question.app)

    def on_mount(self) -> None:
        self.focus_input()

    def reveal_question(self) -> None:
        """Scroll the pane to the prompt and what answers it (the choices, or the placement
        buttons); when they do not all fit, at least to the highlighted choice. The context
        above is what scrolls away: it stays a scroll (or `s`) away."""
        if self.state.closed or not self.is_mounted:
            return
        pane = self.query_one(".pane-text", VerticalScroll)
        answers = self.query_one(".qv-choices, .qv-buttons")
        region = self.query_one(".qv-prompt").virtual_region.union(answers.virtual_region)
        pane.scroll_to_region(region, animate=False, immediate=True)
        if isinstance(answers, ChoiceList):
            answers.reveal_highlight()

    def focus_input(self) -> None:
        for selector in (".qv-choices", "#qv-internal"):
            widgets = self.query(selector)
            if widgets:
                # Not scrolled to by focus: reveal_question decides what shows.
                widgets.first().focus(scroll_visible=False)
                return

    # -- actions ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        closed = self.state.closed
        if action == "preview":
            return self.question.kind == "placement" and not closed
        if action == "hint":
            return bool(self.question.hint) and not closed and not self.state.hint_used
        if action == "commit":
            return not closed
        if action == "tick":
            return self.question.kind == "multi" and not closed
        if action == "pick":  # only the numbers of choices this question has
            number = parameters[0] if parameters else 0
            return (
                self.question.kind != "placement"
                and not closed
                and isinstance(number, int)
                and 1 <= number <= len(self.question.choices)
            )
        return True

    def action_preview(self, placement: str) -> None:
        self.state.set_preview(placement)
        self._redraw_diagram()
        for name in ("internal", "external"):
            button = self.query_one(f"#qv-{name}", Button)
            chosen = self.state.preview == name
            button.variant = "success" if chosen else "default"
            # A mark as well as a colour, so that the choice shows under NO_COLOR too.
            button.label = f"{'● ' if chosen else ''}{name.capitalize()} ({name[0]})"

    def action_hint(self) -> None:
        hint = self.state.show_hint()
        self.refresh_bindings()
        if hint and not self.query(".qv-hint"):
            widget = Static(Text.assemble("Hint: ", inline(hint)), classes="qv-hint")
            pane = self.query_one(".pane-text", VerticalScroll)
            pane.mount(widget, after=self.query_one(".qv-choices, .qv-buttons"))
            # Into view below the choices, but not at the highlighted choice's expense.
            pane.call_after_refresh(pane.scroll_to_widget, widget, animate=False, immediate=True)
            for choices in self.query(ChoiceList):
                pane.call_after_refresh(choices.reveal_highlight)

    @property
    def context_shown(self) -> bool:
        return self._context_shown

    def set_context_shown(self, shown: bool) -> None:
        """Show or hide the context above the prompt, and scroll to what the learner wants."""
        shown = shown and bool(self.context)
        if shown == self._context_shown:
            return
        self._context_shown = shown
        pane = self.query_one(".pane-text", VerticalScroll)
        widgets = self.query(".qv-context")
        if widgets:
            widgets.first().display = shown
        elif shown:
            pane.mount(self._context_widget(), before=self.query_one(".qv-prompt"))
        if shown:
            pane.call_after_refresh(pane.scroll_home, animate=False)
        else:
            # Back to where the learner was before asking for it: the feedback once answered.
            feedback = self.query(".qv-feedback")
            if feedback:
                pane.call_after_refresh(
                    pane.scroll_to_widget, feedback.first(), animate=False, top=True
                )
            else:
                pane.call_after_refresh(self.reveal_question)

    def _context_widget(self) -> Static:
        return Static(markdown("\n\n".join(self.context)), classes="qv-context")

    def _ticked(self, index: int) -> bool:
        return index in self.state.selected

    def action_tick(self) -> None:
        """multi: tick or untick the highlighted choice."""
        highlighted = self.query_one(".qv-choices", OptionList).highlighted
        if highlighted is not None:
            self._tick(highlighted)

    def _tick(self, index: int) -> None:
        if self.state.closed:
            return
        self.state.choose(index)
        self.query_one(ChoiceList).redraw(index)

    def action_pick(self, number: int) -> None:
        """1-9: highlight that choice (what Enter checks); in multi, tick or untick it too."""
        position = self.state.pick(number)
        if position is None:
            return
        choices = self.query_one(ChoiceList)
        choices.highlighted = position
        if self.question.kind == "multi":
            choices.redraw(position)

    def action_commit(self) -> None:
        """Submit the pending answer (for a single choice, the highlighted one) to the screen."""
        state = self.state
        if state.closed:
            return
        if self.question.kind == "choice":
            options = self.query_one(".qv-choices", OptionList)
            if options.highlighted is not None:
                state.choose(options.highlighted)
        if state.pending_answer() is None:
            self.notify(self._nothing_chosen(), severity="warning", timeout=3)
            return
        answer = state.submit()
        self.post_message(self.Answered(self, state.item, answer, state.hint_used))

    def show_verdict(self, verdict: Verdict) -> None:
        """The screen's answer to `Answered`: the stored verdict, drawn as the feedback."""
        self.state.settle(verdict)
        self._show_feedback(verdict)

    def _nothing_chosen(self) -> str:
        if self.question.kind == "placement":
            return "Choose internal (i) or external (e) first."
        if self.question.kind == "multi":
            return "Tick at least one choice (Space) first."
        return "Pick a choice first."

    # -- events -------------------------------------------------------------------------------

    @on(Button.Pressed, "#qv-internal")
    def _internal_pressed(self) -> None:
        self.action_preview("internal")

    @on(Button.Pressed, "#qv-external")
    def _external_pressed(self) -> None:
        self.action_preview("external")

    @on(Button.Pressed, "#qv-check")
    def _check_pressed(self) -> None:
        self.action_commit()

    @on(OptionList.OptionSelected, ".qv-choices")
    def _choice_selected(self, event: OptionList.OptionSelected) -> None:
        """A click on a choice: multi ticks it, a single choice commits it."""
        event.stop()
        if self.state.closed:
            return
        if self.question.kind == "multi":
            self._tick(event.option_index)
        else:
            self.state.choose(event.option_index)
            self.action_commit()

    # -- drawing ------------------------------------------------------------------------------

    def _redraw_diagram(self) -> None:
        placement, unknown = self.state.diagram_arguments()
        view = self.query_one(DiagramView)
        if (view.placement, view.unknown) != (placement, unknown):  # nothing new to draw
            view.show(placement=placement, unknown=unknown)

    def _show_feedback(self, result: Verdict) -> None:
        state = self.state
        # Shown and hidden one by one: a class on the whole view would restyle every widget
        # in it, diagram included (about half of the time from Enter to the feedback).
        for widget in self.query(".qv-buttons"):
            widget.display = False
        for widget in self.query(".qv-choices"):
            widget.disabled = True
        verdict = Static("", classes="qv-verdict")
        verdict.set_class(result.correct, "-right")
        verdict.set_class(not result.correct, "-wrong")
        if self.question.kind == "placement":
            truth = result.truth or "?"
            if result.correct:
                verdict.update(Text(f"✓ Right: the service is {truth} here."))
            else:
                verdict.update(
                    Text(f"✗ Not quite: you chose {result.answer}; the service is {truth} here.")
                )
        else:
            verdict.update(Text("✓ Right." if result.correct else "✗ Not quite."))
        chosen = Text()
        for text, correct, note in state.chosen_feedback():
            chosen.append_text(inline(("✓ " if correct else "✗ ") + text, "bold"))
            chosen.append("\n")
            if note:
                chosen.append("  ")
                chosen.append_text(inline(note))
                chosen.append("\n")
        also = "Also right" if self.question.kind == "multi" else "The right answer"
        for text in state.missed():
            chosen.append_text(inline(f"{also}: {text}", "bold"))
            chosen.append("\n")
        widgets = [verdict]
        chosen.rstrip()
        if chosen:
            widgets.append(Static(chosen, classes="qv-chosen"))
        widgets.append(Static(markdown(self.question.explain), classes="qv-explain"))
        pane = self.query_one(".pane-text", VerticalScroll)
        feedback = Vertical(*widgets, classes="qv-feedback")
        pane.mount(feedback)
        # On a small screen the feedback lands below the fold: bring the verdict into view.
        pane.call_after_refresh(pane.scroll_to_widget, feedback, animate=False, top=True)
        self._redraw_diagram()
