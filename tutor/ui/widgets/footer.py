"""Textual's Footer, without its slow leak and without redrawing keys that did not change.

Each time the bindings change, Footer recomposes and data-binds every new key to its own
`compact` reactive. The watchers of the keys it removed are never dropped, and they keep those
keys alive: in a class-long session of walking scenarios that grows by dozens of widgets a
step, and full garbage collections slow down to hundreds of milliseconds. After each recompose
we drop the watchers whose key is no longer attached.

Textual also recomposes the footer once per bindings change, and a step of a walkthrough
changes them several times (focus moves, a phase's keys turn on and off): twelve recomposes,
about a third of a step's time in the page_open bench, most of them drawing the same keys.
Here the changes of one refresh are handled once, and only when the keys shown differ.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.screen import Screen
from textual.widgets import Footer

# Textual keeps a node's watchers under this literal attribute name (textual/reactive.py).
_WATCHERS = "__watchers"


class TutorFooter(Footer):
    _shown: Hashable | None = None  # what the last recompose drew
    _pending = False  # a look at the bindings is scheduled for after the next refresh

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._pending:  # several changes before the next refresh: one look
            self._pending = True
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        self._pending = False
        if self.is_attached and self._keys_shown() != self._shown:
            await self.recompose()

    def _keys_shown(self) -> Hashable:
        """Everything compose() draws from: the shown bindings and the footer's settings."""
        return (
            self.compact,
            self.show_command_palette,
            tuple(
                (binding.key, binding.action, binding.description, binding.group, enabled, tip)
                for _node, binding, enabled, tip in self.screen.active_bindings.values()
                if binding.show or binding.action == "command_palette"
            ),
        )

    async def recompose(self) -> None:
        self._shown = self._keys_shown()
        await super().recompose()
        watchers = getattr(self, _WATCHERS, {}).get("compact")
        if watchers:
            watchers[:] = [(node, callback) for node, callback in watchers if node.is_attached]
