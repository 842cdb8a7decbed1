"""One box: a host (or the detached service) with its services as bracketed rows.

A box knows its rows; the layout tells it how wide to be, where connectors enter and leave,
and how many blank rows to add so that a connector runs straight between two boxes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.cells import cell_len

from tutor.content.model import Link, Service
from tutor.topology import styles
from tutor.topology.canvas import Line
from tutor.topology.cells import fit
from tutor.topology.scene import DETACHED_ID, Scene

MIN_BOX = 12
TREE_MID = "├─ same host ─ "
TREE_END = "└─ same host ─ "


@dataclass(frozen=True)
class Row:
    service: Service | None
    prefix: str = ""  # "" for a top-level row; a tree branch for a same-host child
    unknown: bool = False
    note: str = ""  # a row without a service, such as "(no services)"

    def plain(self) -> str:
        if self.service is None:
            return self.note
        mark = " ?" if self.unknown else ""
        prefix = f"  {self.prefix}" if self.prefix else ""
        return f"{prefix}{styles.marker(self.service.kind)} {self.service.label}{mark}"


@dataclass
class Box:
    key: str
    label: str
    kind: str  # the host kind as shown: "workstation", "☁ managed", ...
    rows: list[Row]
    dashed: bool = False
    managed: bool = False
    drawn: set[Link] = field(default_factory=set)  # same-host links drawn as tree branches

    def row_of(self, service_id: str) -> int | None:
        return next(
            (i for i, r in enumerate(self.rows) if r.service and r.service.id == service_id),
            None,
        )

    def is_top_level(self, service_id: str) -> bool:
        index = self.row_of(service_id)
        return index is not None and not self.rows[index].prefix

    def title(self, kind_inline: bool) -> str:
        if self.dashed:
            return f"? {self.label}"
        return f"{self.label} · {self.kind}" if kind_inline and self.kind else self.label

    def natural_width(self, kind_inline: bool, joined_top: bool = False) -> int:
        title = cell_len(self.title(kind_inline)) + 6 + 2 * joined_top
        kind = 0 if kind_inline else cell_len(self.kind) + 4
        rows = max((cell_len(r.plain()) + 4 for r in self.rows), default=0)
        return max(MIN_BOX, title, kind, rows)


def _linked(link: Link, a: str, b: str) -> bool:
    return {link.source, link.target} == {a, b}


def host_boxes(scene: Scene) -> list[Box]:
    """The boxes in drawing order; same-host links from an app become tree branches under it."""
    hosts = {h.id: h for h in scene.topology.hosts}
    boxes = []
    for key in scene.order:
        if key == DETACHED_ID and scene.detached is not None:
            boxes.append(
                Box(key, "not placed yet", "", [Row(scene.detached, unknown=True)], dashed=True)
            )
            continue
        host = hosts[key]
        children: dict[str, list[tuple[Service, Link]]] = {}
        taken: set[str] = set()
        for app in (s for s in host.services if s.kind == "app"):
            for other in host.services:
                if other.kind == "app" or other.id in taken:
                    continue
                link = next((k for k in scene.links() if _linked(k, app.id, other.id)), None)
                if link is not None:
                    children.setdefault(app.id, []).append((other, link))
                    taken.add(other.id)
        rows: list[Row] = []
        drawn: set[Link] = set()
        for service in host.services:
            if service.id in taken:
                continue
            rows.append(Row(service))
            kids = children.get(service.id, [])
            for index, (child, link) in enumerate(kids):
                rows.append(Row(child, TREE_END if index == len(kids) - 1 else TREE_MID))
                drawn.add(link)
        if not rows:
            rows.append(Row(None, note="(no services)"))
        managed = host.kind == "managed-service"
        kind = styles.host_kind_label(host.kind)
        if kind.casefold() in host.label.casefold():  # "CI runner · CI runner" says it twice
            kind = ""
        boxes.append(Box(host.id, host.label, kind, rows, managed=managed, drawn=drawn))
    return boxes


def _title_text(box: Box, room: int, kind_inline: bool) -> list[tuple[str, str]]:
    """The title segments, cut with an ellipsis to `room` cells (the kind kept when possible)."""
    kind_style = styles.MANAGED_KIND if box.managed else styles.HOST_KIND
    if box.dashed:
        label = fit(f"? {box.label}", room)
        return [(label[:1], styles.UNKNOWN_MARK), (label[1:], styles.DETACHED)]
    if not (kind_inline and box.kind):
        return [(fit(box.label, room), styles.HOST_LABEL)]
    tail = f" · {box.kind}"
    if cell_len(box.label) + cell_len(tail) <= room:
        return [(box.label, styles.HOST_LABEL), (tail, kind_style)]
    if room - cell_len(tail) >= 6:
        return [(fit(box.label, room - cell_len(tail)), styles.HOST_LABEL), (tail, kind_style)]
    return [(fit(box.label + tail, room), styles.HOST_LABEL)]


def _row_segments(row: Row, inner: int) -> list[tuple[str, str]]:
    if row.service is None:
        return [(fit(row.note, inner), "italic")]
    prefix = f"  {row.prefix}" if row.prefix else ""
    mark = styles.marker(row.service.kind)
    tail = " ?" if row.unknown else ""
    head = cell_len(prefix) + cell_len(mark) + 1
    room = inner - head - cell_len(tail)
    if room < 3:
        return [(fit(row.plain(), inner), styles.service_style(row.service.kind))]
    segments = [
        (prefix, styles.LINK_LABEL),
        (mark, styles.service_style(row.service.kind)),
        (" ", ""),
        (fit(row.service.label, room), ""),
    ]
    if tail:
        segments.append((tail, styles.UNKNOWN_MARK))
    return segments


def render_box(
    box: Box,
    width: int,
    *,
    kind_inline: bool,
    top_pad: int = 0,
    height: int | None = None,
    entries: frozenset[int] = frozenset(),
    exits: frozenset[int] = frozenset(),
    joined_top: bool = False,
    joined_bottom: bool = False,
) -> list[Line]:
    """The box as lines exactly `width` cells wide (`height` content rows, if given).

    `entries` and `exits` are row indexes where a connector comes in from the left or leaves
    to the right; `joined_top`/`joined_bottom` put a junction for a vertical connector.
    """
    border = styles.DETACHED if box.dashed else (styles.MANAGED_BORDER if box.managed else "")
    border = border or styles.BORDER
    hline, vline = ("┄", "┆") if box.dashed else ("─", "│")
    width = max(width, 8)
    inline = kind_inline or not box.kind
    lead = f"┌{hline}┴{hline} " if joined_top else f"┌{hline} "
    title = _title_text(box, width - cell_len(lead) - 3, inline)
    used = cell_len(lead) + sum(cell_len(t) for t, _ in title) + 1
    lines: list[Line] = [[(lead, border), *title, (" " + hline * (width - used - 1) + "┐", border)]]
    inner = width - 4
    content: list[tuple[list[tuple[str, str]], int | None]] = []
    if not inline:
        style = styles.MANAGED_KIND if box.managed else styles.HOST_KIND
        content.append(([(fit(box.kind, inner), style)], None))
    content += [([], None)] * top_pad
    content += [(_row_segments(row, inner), index) for index, row in enumerate(box.rows)]
    while height is not None and len(content) < height:
        content.append(([], None))
    for segments, index in content:
        used = sum(cell_len(t) for t, _ in segments)
        entering, leaving = index in entries, index in exits
        left = [("┤─", styles.LINK_LINE)] if entering else [(vline + " ", border)]
        if leaving:
            gap = inner - used
            tail = [(" " + "─" * (gap - 1) + "─", styles.LINK_LINE), ("├", styles.LINK_LINE)]
            if gap < 1:
                tail = [("─", styles.LINK_LINE), ("├", styles.LINK_LINE)]
        else:
            tail = [(" " * (inner - used) + " ", ""), (vline, border)]
        lines.append([*left, *segments, *tail])
    bottom = f"└{hline}┬" + hline * (width - 4) + "┘" if joined_bottom else None
    lines.append([(bottom or "└" + hline * (width - 2) + "┘", border)])
    return lines
