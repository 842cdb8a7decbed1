"""Asked once, on the first start: the learner's name, for `tutor export`. Esc skips for good."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static


class NameDialog(ModalScreen[str | None]):
    """Dismisses with the name, or "" when skipped (the app stores both: it asks only once)."""

    CSS_PATH = "name_dialog.tcss"  # read when the dialog first opens, not at start-up
    BINDINGS = [Binding("escape", "skip", "Skip")]

    def compose(self):
        with Vertical() as box:
            box.border_title = "Welcome to tutor"
            yield Static(
                Text(
                    "Your name goes on the file you hand in (tutor export). "
                    "It stays on this computer. Asked only this once."
                )
            )
            yield Input(placeholder="Your name", max_length=80, id="student-name", compact=True)
            with Horizontal():
                yield Button("Skip (Esc)", id="name-skip", compact=True)
                yield Button("Save ⏎", id="name-save", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def save(self) -> None:
        name = " ".join(self.query_one(Input).value.split())
        self.dismiss(name)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save()

    @on(Button.Pressed, "#name-save")
    def _save_pressed(self) -> None:
        self.save()

    @on(Button.Pressed, "#name-skip")
    def action_skip(self) -> None:
        self.dismiss("")
