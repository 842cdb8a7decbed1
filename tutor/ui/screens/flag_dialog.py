"""`f` on a question: flag it as confusing or wrong, with an optional one-line comment."""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from tutor.content.model import Question
from tutor.ui.prose import inline

COMMENT_LIMIT = 200


class ReasonButton(RadioButton):
    """A radio button that says whether it is chosen, `(•)` or `( )`, in text.

    Textual's RadioButton draws `▐●▌` chosen or not, only the dot's colour differing: under
    NO_COLOR, or to a colour-blind learner, both reasons looked chosen.
    """

    @property
    def _button(self) -> Content:
        mark = "•" if self.value else " "
        return Content.assemble("(", (mark, self.get_visual_style("toggle--button")), ")")


class ReasonSet(RadioSet):
    """The reasons. Enter picks the highlighted one and moves on to the comment, where Enter
    flags: the dialog's "Flag ⏎" holds from the first key (space still only picks)."""

    BINDINGS = [Binding("enter", "choose", "Choose", show=False)]

    def action_choose(self) -> None:
        self.action_toggle_button()
        self.screen.query_one("#flag-comment", Input).focus()


class FlagDialog(ModalScreen[tuple[str, str] | None]):
    """Dismisses with (reason, comment), or None when cancelled (Esc)."""

    CSS_PATH = "flag_dialog.tcss"  # read when the dialog first opens, not at start-up
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: Question) -> None:
        super().__init__()
        self.question = question

    def compose(self):
        with Vertical() as box:
            box.border_title = "Flag this question"
            yield Static(inline(self.question.prompt), classes="flag-prompt")
            with ReasonSet(id="flag-reason", compact=True):
                yield ReasonButton("Confusing: I don't understand it", value=True, id="confusing")
                yield ReasonButton("Wrong: the answer or text is wrong", id="wrong")
            yield Input(
                placeholder="Comment (optional, one line)",
                max_length=COMMENT_LIMIT,
                id="flag-comment",
                compact=True,
            )
            with Horizontal():
                yield Button("Cancel (Esc)", id="flag-cancel", compact=True)
                yield Button("Flag ⏎", id="flag-send", variant="warning", compact=True)

    def on_mount(self) -> None:
        self.query_one(RadioSet).focus()

    def reason(self) -> str:
        pressed = self.query_one(RadioSet).pressed_button
        return pressed.id if pressed is not None and pressed.id else "confusing"

    def send(self) -> None:
        comment = " ".join(self.query_one("#flag-comment", Input).value.split())
        self.dismiss((self.reason(), comment))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.send()

    @on(Button.Pressed, "#flag-send")
    def _send_pressed(self) -> None:
        self.send()

    @on(Button.Pressed, "#flag-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
