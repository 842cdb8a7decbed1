"""The key bar at the bottom of every screen: one line that never draws past its last column.

Textual's Footer lays its keys out as a row of widgets and lets the row overflow: at 80 columns
a placement question's keys ran under the docked command-palette key, whose last cell was
written past it (a stray letter after "palette"), and at 40 columns "esc Back" and "? Help"
were hidden. It also kept every key widget it had ever drawn alive through their watchers, and
rebuilt the row on each of a step's dozen bindings changes.

This footer is one widget that draws one line of text. When the keys do not fit, the least
important go first (see `importance`): the keys that act on what is on screen, then Back and
Help, then the screen's other keys, then Quit, then the palette. The keys that stay keep their
order. A click on a key presses it, as with Textual's footer.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

SEPARATOR = "  "  # between two keys; one space between a key and what it does
PALETTE = 5  # the importance of the command palette's key, drawn last and at the right


@dataclass(frozen=True)
class ShownKey:
    key: str  # the key Textual simulates on a click
    display: str  # how the key is written ("⏎", "esc", "^p")
    description: str
    enabled: bool
    importance: int  # lower stays longer

    @property
    def width(self) -> int:
        return cell_len(self.display) + (1 + cell_len(self.description) if self.description else 0)


def importance(node: DOMNode, binding: Binding, enabled: bool) -> int:
    """How long a key stays as the footer narrows (lower stays longer).

    First the keys that act on what is in front of the learner: Enter, the keys of the focused
    widget (a question's i, e, h) and the screen's PRIMARY_ACTIONS (the lesson reader's page
    keys). Then Back and Help, which a learner must always be able to find. Then the screen's
    other keys, then Quit (q works whether it is shown or not), then the palette.
    """
    action = binding.action.partition("(")[0]
    if not enabled:
        return 9  # shown dim when there is room; it does nothing now
    if action == "command_palette":
        return PALETTE
    if binding.key == "escape":
        return 1
    if action == "help":
        return 2
    if isinstance(node, App):
        return 4
    if binding.key == "enter" or not isinstance(node, Screen):
        return 0
    return 0 if action in getattr(node, "PRIMARY_ACTIONS", ()) else 3


def fit(keys: list[ShownKey], width: int) -> list[ShownKey]:
    """The most important keys that fit in `width` cells, in their own order."""
    kept = list(keys)
    while kept and _line_width(kept) > width:
        least = max(range(len(kept)), key=lambda i: (kept[i].importance, i))
        del kept[least]
    return kept


def _line_width(keys: list[ShownKey]) -> int:
    # One cell of padding at the left edge, as the text starts after it.
    return 1 + sum(k.width for k in keys) + len(SEPARATOR) * max(len(keys) - 1, 0)


class TutorFooter(Widget):
    DEFAULT_CSS = """
    TutorFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        background: $footer-background;
        color: $footer-foreground;
    }
    TutorFooter > .footer--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    TutorFooter > .footer--description {
        color: $footer-description-foreground;
    }
    TutorFooter > .footer--disabled {
        text-style: dim;
    }
    """
    COMPONENT_CLASSES = {"footer--key", "footer--description", "footer--disabled"}
    ALLOW_SELECT = False

    def __init__(self) -> None:
        super().__init__()
        self._keys: list[ShownKey] = []
        self._spans: list[tuple[int, int, ShownKey]] = []  # cells each drawn key covers
        self._pending = False

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._read_bindings()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        # A walkthrough step changes the bindings several times (focus moves, a phase's keys
        # turn on and off): read them once, after the refresh that follows.
        if screen is self.screen and not self._pending:
            self._pending = True
            self.call_after_refresh(self._read_bindings)

    def _read_bindings(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        keys: list[ShownKey] = []
        seen_actions: set[str] = set()
        for node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            palette = binding.action == "command_palette"
            if not (binding.show or palette) or binding.action in seen_actions:
                continue
            if palette and not self.app.ENABLE_COMMAND_PALETTE:
                continue
            seen_actions.add(binding.action)
            keys.append(
                ShownKey(
                    key=binding.key,
                    display=self.app.get_key_display(binding),
                    description=binding.description,
                    enabled=enabled,
                    importance=importance(node, binding, enabled),
                )
            )
        # The palette's key sits last, as Textual's footer docks it right.
        keys.sort(key=lambda k: k.importance == PALETTE)
        if keys != self._keys:
            self._keys = keys
            self.refresh()

    @property
    def shown(self) -> list[ShownKey]:
        """The keys drawn at the footer's present width, the last column left empty: some
        terminals scroll or wrap when the bottom-right cell is written."""
        return fit(self._keys, self.size.width - 1)

    def render(self) -> Text:
        key_style = self.get_component_rich_style("footer--key")
        description_style = self.get_component_rich_style("footer--description")
        disabled_style = self.get_component_rich_style("footer--disabled")
        line = Text(" ", no_wrap=True, overflow="crop", end="")
        self._spans = []
        shown = self.shown
        room = self.size.width - 1 - _line_width(shown)
        for n, key in enumerate(shown):
            if n:
                line.append(SEPARATOR)
            if key.importance == PALETTE and room > 0:
                line.append(" " * room)  # the palette's key sits at the right, as in Textual
            start = line.cell_len
            extra = disabled_style if not key.enabled else None
            line.append(key.display, key_style + extra if extra else key_style)
            if key.description:
                line.append(" ")
                line.append(
                    key.description, description_style + extra if extra else description_style
                )
            self._spans.append((start, line.cell_len, key))
        line.truncate(max(self.size.width - 1, 0))  # `fit` made room: this is the last guard
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                if key.enabled:
                    self.app.simulate_key(key.key)
                else:
                    self.app.bell()
                return
