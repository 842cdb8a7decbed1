"""An honest placeholder for a part that comes in a later release."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from tutor.ui.screens.base import TutorScreen


class PlaceholderScreen(TutorScreen):
    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.sub_title = title
        self._title, self._text = title, text

    def compose_body(self):
        with VerticalScroll(classes="page"):
            yield Static(Text(self._title, style="bold"), classes="page-title")
            yield Static(Text(f"{self._text}\n\nComing in a later release. Press Esc to go back."))
