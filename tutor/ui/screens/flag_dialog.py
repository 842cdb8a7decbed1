"""`f` on a question: flag it as confusing or wrong, with an optional one-line comment."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from tutor.content.model import Question

COMMENT_LIMIT = 200


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
            yield Static(Text(self.question.prompt), classes="flag-prompt")
            with RadioSet(id="flag-reason", compact=True):
                yield RadioButton("Confusing: I don't understand it", value=True, id="confusing")
                yield RadioButton("Wrong: the answer or text is wrong", id="wrong")
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
