"""A topology diagram that redraws itself to fit its width, and scrolls when it is taller
than its pane."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from tutor.content.model import Topology


class DiagramView(VerticalScroll):
    """Draws tutor.topology.diagram for a topology, a placement override and an unknown service.

    At 80x24 a diagram of several services is taller than its pane, so the pane takes the focus
    (Tab, or a click) whenever it can scroll, and then scrolls with the arrows, j / k, PgUp /
    PgDn, Home and End (the bindings of Textual's scrolling containers). It binds no other
    key: a question's i, e, h, Space, Enter and digits reach the question around it.
    """

    DEFAULT_CSS = """
    DiagramView {
        height: auto;
        max-height: 100%;
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
        padding: 0 0 0 1;
    }
    DiagramView:focus { background-tint: $foreground 6%; }
    /* Not auto: after the terminal grew, an auto width kept the old, narrower one and the
       new picture wrapped inside it. The picture is drawn to fit this width anyway. */
    DiagramView > Static { width: 100%; }
    """

    # Shown in the footer while the diagram has the focus: a sign of where the keys go that
    # needs no colour. Up, PgUp, PgDn, Home and End are inherited, not shown.
    BINDINGS = [Binding("down", "scroll_down", "Scroll diagram", key_display="↑↓")]

    def __init__(
        self,
        topology: Topology,
        *,
        placement: dict[str, str] | None = None,
        unknown: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        app_id: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.topology = topology
        self.placement = placement
        self.unknown = unknown
        self.app_id = app_id  # a placement question's point of view (`app:`), for its previews
        self._drawn_width = -1
        self._picture = Static("", markup=False)

    def compose(self):
        yield self._picture

    def allow_focus(self) -> bool:
        """Only a diagram that does not fit takes the focus: Tab skips one there is nothing
        to scroll in."""
        return self.max_scroll_y > 0 or self.has_focus

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
            diagram(
                self.topology,
                max(width, 20),
                placement=self.placement,
                unknown=self.unknown,
                app=self.app_id,
            )
        )

    def description(self) -> str:
        from tutor.topology import describe

        return describe(
            self.topology, placement=self.placement, unknown=self.unknown, app=self.app_id
        )
