"""The baseline for bench/startup.py: a minimal Textual app (Header, Static, Footer).

Like tutor, it exits right after its first screen is mounted and drawn when
TUTOR_EXIT_WHEN_READY=1.
"""

from __future__ import annotations

import os

from textual.app import App
from textual.widgets import Footer, Header, Static


class Baseline(App[None]):
    def compose(self):
        yield Header()
        yield Static("Hello")
        yield Footer()

    def on_mount(self) -> None:
        if os.environ.get("TUTOR_EXIT_WHEN_READY") == "1":
            self.call_after_refresh(self.exit)


if __name__ == "__main__":
    Baseline().run()
