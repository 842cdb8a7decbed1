"""A topology diagram that redraws itself to fit its width."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Static

from tutor.content.model import Topology


class DiagramView(VerticalScroll, can_focus=False):
    """Draws tutor.topology.diagram for a topology, a placement override and an unknown service."""

    DEFAULT_CSS = """
    DiagramView {
        height: auto;
        max-height: 100%;
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
        padding: 0 0 0 1;
    }
    DiagramView > Static { width: auto; }
    """

    def __init__(
        self,
        topology: Topology,
        *,
        placement: dict[str, str] | None = None,
        unknown: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.topology = topology
        self.placement = placement
        self.unknown = unknown
        self._drawn_width = -1
        self._picture = Static("", markup=False)

    def compose(self):
        yield self._picture

    def on_mount(self) -> None:
        self._redraw()

    def on_resize(self) -> None:
        self._redraw()

    def show(
        self,
        topology: Topology | None = None,
        *,
        placement: dict[str, str] | None = None,
        unknown: str | None = None,
    ) -> None:
        """Draw again with new arguments, at once."""
        if topology is not None:
            self.topology = topology
        self.placement, self.unknown = placement, unknown
        self._drawn_width = -1
        self._redraw()

    def _redraw(self) -> None:
        width = max(self.scrollable_content_region.width, 0)
        if width <= 0 or width == self._drawn_width:
            return
        from tutor.topology import diagram

        self._drawn_width = width
        self._picture.update(
            diagram(self.topology, max(width, 20), placement=self.placement, unknown=self.unknown)
        )

    def description(self) -> str:
        from tutor.topology import describe

        return describe(self.topology, placement=self.placement, unknown=self.unknown)
