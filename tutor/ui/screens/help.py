"""Help: the keys, and what internal and external mean."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from tutor.ui.prose import markdown
from tutor.ui.screens.base import TutorScreen

KEYS = (
    ("↑ ↓  j k", "move in a list"),
    ("Enter", "open; continue; check your answer"),
    ("i  e", "preview a service as internal / external"),
    ("h", "show the hint"),
    ("s", "in a scenario: show / hide the summary and earlier steps"),
    ("Space", "tick a choice (when several can be right)"),
    ("← →  p n l", "previous / next lesson page; after the last page, the next lesson"),
    ("Space PgDn / PgUp", "in a lesson: down the page, then the next page / back"),
    ("1-9", "pick a choice (tick it in a question with several answers)"),
    ("f", "on a question: flag it as confusing or wrong; your export carries it"),
    ("f", "in the scenario list: filter by environment"),
    ("Esc", "back"),
    ("Ctrl+P", "every screen, and the colour themes"),
    ("?  F1", "this help"),
    ("q", "quit"),
)

MEANING = """\
A **backing service** is a service your app uses over the network to do its job:
a database such as MySQL or MongoDB, a cache such as Redis, a secrets vault.

- **Internal**: the service runs on the same host as the app.
- **External**: the service runs on a different host, reached over a network.

Local, development and testing setups usually keep their services internal, for speed,
control and cost. Production keeps them external, so the data survives the loss of the
app's host. Staging copies whatever production does.
"""


def keys_text() -> Text:
    text = Text()
    for key, meaning in KEYS:
        text.append(f"  {key:<10}", style="bold")
        text.append(f"{meaning}\n")
    text.append("\nEverything works with the mouse too.")
    return text


class HelpScreen(TutorScreen):
    SUB_TITLE = "Help"

    def compose_body(self):
        with VerticalScroll(classes="page", id="help"):
            yield Static(Text("Keys", style="bold underline"), classes="help-heading")
            yield Static(keys_text(), id="help-keys")
            yield Static(
                Text("Internal and external", style="bold underline"), classes="help-heading"
            )
            yield Static(markdown(MEANING), id="help-meaning")

    def on_mount(self) -> None:
        self.query_one("#help").focus()
