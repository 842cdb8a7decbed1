"""Boxes side by side (a band, straight connectors between neighbours) or stacked, and the
"links:" list.

The boxes keep the scene's order (the order the scenario declares its hosts), so a placement
preview never moves the others. A band is drawn only when its connectors draw every link;
otherwise tutor/topology/channel.py routes the links beside the boxes, and `stacked`, which
lists what it cannot draw under "links:", is the last resort.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len

from tutor.content.model import Link
from tutor.topology import styles
from tutor.topology.boxes import Box, Row, render_box
from tutor.topology.canvas import Line
from tutor.topology.cells import fit, fit_pair
from tutor.topology.scene import Scene


@dataclass(frozen=True)
class Connector:
    link: Link
    left_row: int
    right_row: int
    label: str


def label_style(label: str) -> str:
    return styles.UNKNOWN_MARK if label == styles.UNKNOWN else styles.LINK_LABEL


def drawn_in_boxes(boxes: list[Box]) -> set[Link]:
    return {link for box in boxes for link in box.drawn}


def _neighbour_connector(left: Box, right: Box, scene: Scene, taken: set[Link]) -> Connector | None:
    for link in scene.links():
        if link in taken:
            continue
        for a, b in ((link.source, link.target), (link.target, link.source)):
            row_a, row_b = left.row_of(a), right.row_of(b)
            if row_a is not None and row_b is not None and right.is_top_level(b):
                return Connector(link, row_a, row_b, scene.link_label(link))
    return None


def _band_connectors(boxes: list[Box], scene: Scene) -> tuple[list[Connector | None], set[Link]]:
    taken = drawn_in_boxes(boxes)
    connectors: list[Connector | None] = []
    for left, right in zip(boxes, boxes[1:], strict=False):
        connector = _neighbour_connector(left, right, scene, taken)
        if connector is not None:
            taken.add(connector.link)
        connectors.append(connector)
    return connectors, taken


def stack_connectors(
    boxes: list[Box], scene: Scene, taken: set[Link]
) -> tuple[list[list[Link]], set[Link]]:
    """The links drawn as vertical connectors between stacked neighbours, and `taken` with
    them."""
    taken = set(taken)
    between: list[list[Link]] = []
    for upper, lower in zip(boxes, boxes[1:], strict=False):
        found = []
        for link in scene.links():
            ends = (upper.row_of(link.source), lower.row_of(link.target))
            ends_reversed = (upper.row_of(link.target), lower.row_of(link.source))
            if link not in taken and (None not in ends or None not in ends_reversed):
                found.append(link)
                taken.add(link)
        between.append(found)
    return between, taken


def side_by_side(
    boxes: list[Box], scene: Scene, width: int, kind_inline: bool
) -> list[Line] | None:
    """Every box in one band, or None when the band is wider than `width` or its connectors
    between neighbours leave a link undrawn."""
    connectors, taken = _band_connectors(boxes, scene)
    if any(link not in taken for link in scene.links()):
        return None
    # A box a connector leaves needs room for at least " ─" after its widest row.
    widths = [
        box.natural_width(kind_inline) + 2 * (c is not None)
        for box, c in zip(boxes, [*connectors, None], strict=True)
    ]
    gaps = [cell_len(c.label) + 4 if c else 2 for c in connectors]
    if sum(widths) + sum(gaps) > width:
        return None
    heads = [0 if kind_inline or not box.kind else 1 for box in boxes]
    pads = [0] * len(boxes)
    for i, connector in enumerate(connectors):
        if connector is None:
            continue
        pad = heads[i] + pads[i] + connector.left_row - heads[i + 1] - connector.right_row
        if pad < 0:
            pads[: i + 1] = [p - pad for p in pads[: i + 1]]
            pad = 0
        pads[i + 1] = pad
    height = max(h + p + len(box.rows) for h, p, box in zip(heads, pads, boxes, strict=True))
    drawn: list[list[Line]] = []
    for i, box in enumerate(boxes):
        before = connectors[i - 1] if i else None
        after = connectors[i] if i < len(connectors) else None
        drawn.append(
            render_box(
                box,
                widths[i],
                kind_inline=kind_inline,
                top_pad=pads[i],
                entries=frozenset({before.right_row} if before else ()),
                exits=frozenset({after.left_row} if after else ()),
            )
        )
    # A short box stays short: blank space under it, not empty rows inside it.
    drawn = [
        d + [[(" " * w, "")]] * (height + 2 - len(d)) for d, w in zip(drawn, widths, strict=True)
    ]
    lines: list[Line] = []
    for y in range(height + 2):
        line: Line = []
        for i, box_lines in enumerate(drawn):
            line += box_lines[y]
            if i < len(connectors):
                connector = connectors[i]
                row = heads[i] + pads[i] + connector.left_row + 1 if connector else -1
                if connector and y == row:
                    line += [
                        ("──", styles.LINK_LINE),
                        (connector.label, label_style(connector.label)),
                        ("──", styles.LINK_LINE),
                    ]
                else:
                    line.append((" " * gaps[i], ""))
        lines.append(line)
    return lines + legend(scene, taken, width)


def stacked(boxes: list[Box], scene: Scene, width: int) -> list[Line]:
    """One box under another, all as wide as the widest needs (at most `width`); the links
    that are not between neighbours are listed under "links:"."""
    between, taken = stack_connectors(boxes, scene, drawn_in_boxes(boxes))
    joined = [bool(i and between[i - 1]) for i in range(len(boxes))]
    box_width = min(
        width, max(b.natural_width(True, j) for b, j in zip(boxes, joined, strict=True))
    )
    lines: list[Line] = []
    for i, box in enumerate(boxes):
        inline = box.natural_width(True, joined[i]) <= box_width
        lines += render_box(
            box,
            box_width,
            kind_inline=inline,
            joined_top=bool(i and between[i - 1]),
            joined_bottom=bool(i < len(between) and between[i]),
        )
        if i < len(between):
            lines += [vertical_connector(scene, link, width) for link in between[i]] or [[]]
    return lines + legend(scene, taken, width)


def vertical_connector(scene: Scene, link: Link, width: int) -> Line:
    """`  │ network: A ── B` between two stacked boxes, at most `width` cells."""
    label = scene.link_label(link)
    a, b = _names(scene, link)
    room = width - 2 - cell_len(label) - 2 - 4 - 2
    a, b = fit_pair(a, b, max(room, 2))
    line: Line = [
        ("  │ ", styles.LINK_LINE),
        (label, label_style(label)),
        (": ", styles.LINK_LABEL),
        (f"{a} ── {b}", ""),
    ]
    return _cut(line, width)


def _names(scene: Scene, link: Link) -> tuple[str, str]:
    source, target = scene.service(link.source), scene.service(link.target)
    return (source.label if source else link.source, target.label if target else link.target)


def _cut(line: Line, width: int) -> Line:
    """A safety net: a line still too wide is cut, with an ellipsis, to `width` cells."""
    if sum(cell_len(t) for t, _ in line) <= width:
        return line
    out: Line = []
    used = 0
    for text, style in line:
        if used + cell_len(text) > width:
            out.append((fit(text + " ", width - used), style))  # always ends in "…"
            break
        out.append((text, style))
        used += cell_len(text)
    return out


def legend(scene: Scene, taken: set[Link], width: int) -> list[Line]:
    """The links not drawn among the boxes, each drawn and labelled on its own line."""
    rest = [link for link in scene.links() if link not in taken]
    if not rest:
        return []
    lines: list[Line] = [[], [("links:", styles.LEGEND_TITLE)]]
    for link in rest:
        label = scene.link_label(link)
        a, b = _names(scene, link)
        room = width - 2 - cell_len(label) - 6
        a, b = fit_pair(a, b, max(room, 2))
        line: Line = [
            ("  ", ""),
            (a, ""),
            (" ──", styles.LINK_LINE),
            (label, label_style(label)),
            ("── ", styles.LINK_LINE),
            (b, ""),
        ]
        lines.append(_cut(line, width))
    return lines


def compact(boxes: list[Box], scene: Scene, width: int) -> list[Line]:
    """Below 40 columns: a plain list of hosts, services and links, each cut to the width."""
    lines: list[Line] = []
    for box in boxes:
        title = f"? {box.label}" if box.dashed else box.title(True)
        lines.append([(fit(title, width), styles.DETACHED if box.dashed else styles.HOST_LABEL)])
        for row in box.rows:  # flat: every link is in the "links:" list below
            plain = Row(row.service, unknown=row.unknown).plain() if row.service else row.note
            lines.append([(fit(" " + plain, width), "")])
    return lines + legend(scene, set(), width)
