"""Help: the keys, and what internal and external mean."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Markdown

from tutor.ui.screens.base import TutorScreen

HELP = """\
## Keys

| Key | What it does |
|---|---|
| ↑ ↓ or j k | move in a list |
| Enter | open; continue; check your answer |
| i / e | preview a service as internal / external |
| h | show the hint |
| Space | tick a choice (when several can be right) |
| ← → or p n | previous / next lesson page |
| f | filter scenarios by environment |
| Esc | back |
| Ctrl+P | every screen, and the colour themes |
| ? or F1 | this help |
| q | quit |

Everything works with the mouse too.

## Internal and external

A *backing service* is a service your app uses over the network to do its job:
a database such as MySQL or MongoDB, a cache such as Redis, a secrets vault.

- **Internal**: the service runs on the same host as the app.
- **External**: the service runs on a different host, reached over a network.

Local, development and testing setups usually keep services internal, for speed, control
and cost. Production keeps them external, so the data survives the loss of the app's host.
Staging copies whatever production does.
"""


class HelpScreen(TutorScreen):
    SUB_TITLE = "Help"

    def compose_body(self):
        with VerticalScroll(classes="page", id="help"):
            yield Markdown(HELP)

    def on_mount(self) -> None:
        self.query_one("#help").focus()
