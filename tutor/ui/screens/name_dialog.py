"""Asked once, on the first start: the learner's name, for `tutor export`. Esc skips for good."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static


class NameDialog(ModalScreen[str | None]):
    """Dismisses with the name, or "" when skipped (the app stores both: it asks only once)."""

    DEFAULT_CSS = """
    NameDialog { align: center middle; }
    NameDialog > Vertical {
        width: 60;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $accent;
        border-title-color: $accent;
        background: $surface;
        padding: 0 1;
    }
    NameDialog Static { margin: 0 0 1 0; }
    NameDialog Input { margin: 0 0 1 0; }
    NameDialog Horizontal { height: auto; align-horizontal: right; }
    NameDialog Button { width: auto; margin: 0 0 0 2; }
    """
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

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "name-save":
            self.save()
        else:
            self.dismiss("")

    def action_skip(self) -> None:
        self.dismiss("")
