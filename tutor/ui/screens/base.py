"""What every screen shares: the header, the footer with its bindings, typed access to the app."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from tutor.ui.widgets.footer import TutorFooter

if TYPE_CHECKING:
    from tutor.ui.app import TutorApp


class TutorScreen(Screen[None]):
    # The actions whose keys the footer keeps longest when it narrows, beside Enter, Back and
    # Help (tutor/ui/widgets/footer.py): what the learner does most on this screen.
    PRIMARY_ACTIONS: ClassVar[frozenset[str]] = frozenset()

    BINDINGS = [
        Binding("j", "move('down')", "Down", show=False),
        Binding("k", "move('up')", "Up", show=False),
    ]

    def action_move(self, direction: str) -> None:
        """j / k: like the arrow keys, for the focused list or scroller."""
        focused = self.focused
        for name in (f"action_cursor_{direction}", f"action_scroll_{direction}"):
            action = getattr(focused, name, None)
            if action is not None:
                action()
                return

    @property
    def tutor(self) -> TutorApp:
        return cast("TutorApp", self.app)

    def compose(self):
        # One line instead of Textual's Header: a row saved at 80x24, four widgets fewer.
        yield Static(f"tutor · {self.sub_title}", classes="screen-title")
        yield from self.compose_body()
        yield TutorFooter()

    def compose_body(self):
        yield from ()
