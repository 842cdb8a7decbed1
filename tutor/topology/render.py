"""diagram(): a topology as a Rich Text that fits the width it is given."""

from __future__ import annotations

from functools import lru_cache

from rich.text import Text

from tutor.content.model import Topology
from tutor.topology.boxes import host_boxes
from tutor.topology.canvas import Line, to_text
from tutor.topology.channel import one_column, three_columns, two_columns
from tutor.topology.describe import describe
from tutor.topology.layout import compact, side_by_side, stacked
from tutor.topology.scene import build_scene

MIN_DIAGRAM_WIDTH = 40

__all__ = ["MIN_DIAGRAM_WIDTH", "describe", "diagram"]


def diagram(
    topology: Topology,
    width: int,
    *,
    placement: dict[str, str] | None = None,
    unknown: str | None = None,
    app: str | None = None,
) -> Text:
    """The hosts in the order the scenario declares them, drawn as wide as `width` allows.

    In order of preference: side by side in one band (when its connectors draw every link);
    in columns with the links in a channel between them (the app hosts in the middle with
    the others on both sides, or the app hosts on the left, whichever is shorter); stacked
    with the links in a gutter beside them; stacked with the links it cannot draw listed
    under "links:"; and below 40 columns a compact list. No line is wider than `width`
    cells; a label that does not fit ends with "…".

    `app` is the point of view of a placement preview (a placement question's `app:`): an
    "internal" preview puts the service inside that app's host (see `build_scene`).
    """
    chosen = tuple((placement or {}).items())  # in order: the first preview is drawn first
    return _diagram(topology, max(int(width), 1), chosen, unknown, app).copy()


# A walkthrough draws the same topology at the same width on every step and every visit, and
# a layout tries several arrangements and orders of tracks: drawn once, kept.
@lru_cache(maxsize=256)
def _diagram(
    topology: Topology,
    width: int,
    placement: tuple[tuple[str, str], ...],
    unknown: str | None,
    app: str | None = None,
) -> Text:
    scene = build_scene(topology, dict(placement), unknown, app)
    boxes = host_boxes(scene)
    if not boxes:
        return Text("(no hosts)"[:width], no_wrap=True, overflow="ignore", end="")
    if width < MIN_DIAGRAM_WIDTH:
        lines = compact(boxes, scene, width)
    else:
        lines = (
            side_by_side(boxes, scene, width, True)
            or side_by_side(boxes, scene, width, False)
            or _shortest(
                three_columns(boxes, scene, width, topology), two_columns(boxes, scene, width)
            )
            or one_column(boxes, scene, width)
            or stacked(boxes, scene, width)
        )
    return to_text(lines)


def _shortest(*drawings: list[Line] | None) -> list[Line] | None:
    """The drawing with the fewest lines (the first on a tie)."""
    found = [lines for lines in drawings if lines is not None]
    return min(found, key=len) if found else None
