"""Textual's Footer, without its slow leak.

Each time the bindings change, Footer recomposes and data-binds every new key to its own
`compact` reactive. The watchers of the keys it removed are never dropped, and they keep those
keys alive: in a class-long session of walking scenarios that grows by dozens of widgets a
step, and full garbage collections slow down to hundreds of milliseconds. After each recompose
we drop the watchers whose key is no longer attached.
"""

from __future__ import annotations

from textual.widgets import Footer

# Textual keeps a node's watchers under this literal attribute name (textual/reactive.py).
_WATCHERS = "__watchers"


class TutorFooter(Footer):
    async def recompose(self) -> None:
        await super().recompose()
        watchers = getattr(self, _WATCHERS, {}).get("compact")
        if watchers:
            watchers[:] = [(node, callback) for node, callback in watchers if node.is_attached]
