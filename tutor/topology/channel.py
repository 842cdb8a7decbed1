"""Boxes in columns, and every link between them drawn as a line in a channel beside them.

`one_column` stacks every box with a channel to its right (a gutter); `two_columns` puts the
hosts that run an app on the left and the others on the right; `three_columns` puts the app
hosts in the middle with the other hosts on both sides. Each column keeps the scene's order
(the order the scenario declares its hosts). Neighbours in a column are joined by a vertical
connector, as when stacked; every other link runs through a channel between two columns.

How a channel groups, routes and draws its links is tutor/topology/tracks.py.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from rich.cells import cell_len

from tutor.content.model import Link, Topology
from tutor.topology.boxes import Box, render_box
from tutor.topology.canvas import Line
from tutor.topology.layout import drawn_in_boxes, legend, stack_connectors, vertical_connector
from tutor.topology.scene import Scene
from tutor.topology.tracks import LEFT, RIGHT, Channel, End, Stub, paint, stars


def _has_app(box: Box) -> bool:
    return not box.dashed and any(r.service and r.service.kind == "app" for r in box.rows)


@dataclass
class _Column:
    boxes: list[Box]
    between: list[list[Link]]
    exits: list[set[int]]  # per box: rows whose stub leaves by the right border
    entries: list[set[int]]  # per box: rows whose stub comes in by the left border

    def joined_top(self, i: int) -> bool:
        return bool(i and self.between[i - 1])

    def floor(self) -> int:
        """Narrower than this, a service row would be cut (a row leaving needs " ─")."""
        return max(
            cell_len(row.plain()) + 4 + 2 * (r in self.exits[i])
            for i, box in enumerate(self.boxes)
            for r, row in enumerate(box.rows)
        )

    def width_for(self, kind_inline: bool) -> int:
        """Every title whole: with its kind, or with the kind on a line of its own."""
        titles = (
            b.natural_width(kind_inline, self.joined_top(i)) for i, b in enumerate(self.boxes)
        )
        return max(self.floor(), *titles)

    def inline(self, i: int, width: int) -> bool:
        return self.boxes[i].natural_width(True, self.joined_top(i)) <= width

    def height(self, width: int) -> int:
        boxes = sum(
            len(b.rows) + 2 + (bool(b.kind) and not self.inline(i, width))
            for i, b in enumerate(self.boxes)
        )
        return boxes + sum(len(links) for links in self.between)

    def render(
        self, scene: Scene, width: int, spill: int
    ) -> tuple[list[Line], dict[tuple[int, int], int]]:
        """The column's lines, each `width` cells (a connector may run `spill` cells further,
        over the blank start of the channel), and the line of every (box, row)."""
        lines: list[Line] = []
        at: dict[tuple[int, int], int] = {}
        for i, box in enumerate(self.boxes):
            inline = self.inline(i, width)
            first = len(lines) + 1 + (0 if inline or not box.kind else 1)
            at.update({(i, r): first + r for r in range(len(box.rows))})
            lines += render_box(
                box,
                width,
                kind_inline=inline,
                exits=frozenset(self.exits[i]),
                entries=frozenset(self.entries[i]),
                joined_top=self.joined_top(i),
                joined_bottom=bool(i < len(self.between) and self.between[i]),
            )
            if i < len(self.between):
                lines += [vertical_connector(scene, k, width + spill) for k in self.between[i]]
        return lines, at


@dataclass
class _Plan:
    columns: list[_Column]
    channels: list[Channel]
    rest: list[Link]  # links no channel can draw
    taken: set[Link]  # drawn in boxes or as connectors


def _plan(columns: list[list[Box]], scene: Scene) -> _Plan:
    boxes = [box for column in columns for box in column]
    taken = drawn_in_boxes(boxes)
    planned: list[_Column] = []
    where: dict[str, End] = {}
    for c, column in enumerate(columns):
        between, taken = stack_connectors(column, scene, taken)
        planned.append(_Column(column, between, [set() for _ in column], [set() for _ in column]))
        for i, box in enumerate(column):
            for r, row in enumerate(box.rows):
                if row.service is not None:
                    where[row.service.id] = End(c, i, r)
    count = max(len(columns) - 1, 1)  # one column: a channel on its right all the same
    by_channel: list[list[Link]] = [[] for _ in range(count)]
    rest: list[Link] = []
    for link in scene.links():
        if link in taken:
            continue
        a, b = where.get(link.source), where.get(link.target)
        if a is None or b is None or abs(a.column - b.column) > 1:
            rest.append(link)
        else:
            by_channel[min(a.column, b.column, count - 1)].append(link)
    apps = {s.id for b in boxes for r in b.rows if (s := r.service) and s.kind == "app"}
    channels: list[Channel] = []
    for index, links in enumerate(by_channel):
        found, left_over = stars(links, where, apps)
        rest += left_over
        channel = Channel(index, found)
        for star in found:
            for end in (star.centre, *(e for e, _ in star.leaves)):
                held = planned[end.column]
                (held.exits if channel.side(end) == LEFT else held.entries)[end.box].add(end.row)
        for side in (LEFT, RIGHT):
            labels = [
                cell_len(scene.link_label(link)) + 3
                for star in found
                for end, link in star.leaves
                if channel.side(end) == side
            ]
            zone = max(2, *labels) if labels else 2
            if side == LEFT:
                channel.left_zone = zone
            elif len(columns) > 1:
                channel.right_zone = zone
        channels.append(channel)
    return _Plan(planned, channels, rest, taken)


def _stubs(
    channel: Channel, scene: Scene, at: list[dict[tuple[int, int], int]]
) -> list[list[Stub]]:
    def stub(end: End, label: str | None) -> Stub:
        return Stub(at[end.column][(end.box, end.row)], channel.side(end), label)

    return [
        [stub(star.centre, None), *(stub(end, scene.link_label(k)) for end, k in star.leaves)]
        for star in channel.stars
    ]


def _line_width(line: Line) -> int:
    return sum(cell_len(text) for text, _ in line)


def _after(line: Line, cells: int) -> Line:
    """`line` without its first `cells` cells (blank: where a connector spilled over)."""
    out: Line = []
    for text, style in line:
        cut = min(cells, len(text))
        cells -= cut
        if text[cut:]:
            out.append((text[cut:], style))
    return out


def _offsets(plan: _Plan, heights: list[int], at: list[dict[tuple[int, int], int]]) -> list[int]:
    """Blank lines above each column, so that a link runs straight where it can (a title's
    kind on its own line puts a row one line lower), without making the picture taller."""
    ends = [
        [star.centre, *(end for end, _ in star.leaves)]
        for channel in plan.channels
        for star in channel.stars
    ]
    best: tuple[tuple[int, int, int], list[int]] | None = None
    for shifts in itertools.product(range(3), repeat=len(heights)):
        if min(shifts) != 0:
            continue
        height = max(h + d for h, d in zip(heights, shifts, strict=True))
        bends = 0
        for group in ends:
            ys = [at[e.column][(e.box, e.row)] + shifts[e.column] for e in group]
            bends += max(ys) - min(ys)
        rank = (height, bends, sum(shifts))
        if best is None or rank < best[0]:
            best = (rank, list(shifts))
    assert best is not None
    return best[1]


def _draw(plan: _Plan, scene: Scene, widths: list[int], width: int) -> list[Line] | None:
    drawn = [
        column.render(scene, w, plan.channels[c].left_zone - 1 if c < len(plan.channels) else 0)
        for c, (column, w) in enumerate(zip(plan.columns, widths, strict=True))
    ]
    shifts = _offsets(plan, [len(lines) for lines, _ in drawn], [at for _, at in drawn])
    blank: Line = []
    columns = [[blank] * shift + lines for shift, (lines, _) in zip(shifts, drawn, strict=True)]
    at = [
        {spot: y + shift for spot, y in spots.items()}
        for shift, (_, spots) in zip(shifts, drawn, strict=True)
    ]
    height = max(len(lines) for lines in columns)
    painted = []
    for channel in plan.channels:
        lines = paint(channel, height, _stubs(channel, scene, at))
        if lines is None:
            return None
        painted.append(lines)
    out: list[Line] = []
    for y in range(height):
        line: Line = []
        spilled = 0
        for c, column_lines in enumerate(columns):
            if c:
                line += _after(painted[c - 1][y], spilled)
            part = column_lines[y] if y < len(column_lines) else []
            spilled = max(_line_width(part) - widths[c], 0)
            line += [*part, (" " * max(widths[c] - _line_width(part), 0), "")]
        if len(columns) == 1:
            line += _after(painted[0][y], spilled)
        out.append(line)
    routed = {link for ch in plan.channels for star in ch.stars for _, link in star.leaves}
    return out + legend(scene, plan.taken | routed, width)


def _fit(plan: _Plan, width: int) -> list[int] | None:
    """The columns' widths: every title whole and the fewest lines, then the widest right."""
    room = width - sum(channel.width for channel in plan.channels)
    columns = plan.columns
    best: tuple[tuple[int, int, int], list[int]] | None = None
    for inline in itertools.product((True, False), repeat=len(columns) - 1):
        widths = [c.width_for(i) for c, i in zip(columns, inline, strict=False)]
        last = min(columns[-1].width_for(True), room - sum(widths))
        if last < columns[-1].width_for(False):
            continue
        widths.append(last)
        pairs = list(zip(columns, widths, strict=True))
        own_lines = sum(c.height(w) - c.height(c.width_for(True)) for c, w in pairs)
        rank = (max(c.height(w) for c, w in pairs), own_lines, -last)
        if best is None or rank < best[0]:
            best = (rank, widths)
    return None if best is None else best[1]


def _joins_columns(plan: _Plan) -> bool:
    return any(
        star.centre.column != end.column
        for channel in plan.channels
        for star in channel.stars
        for end, _ in star.leaves
    )


def one_column(boxes: list[Box], scene: Scene, width: int) -> list[Line] | None:
    """Every box stacked, the links that are not between neighbours in a gutter on the right.

    None when nothing needs the gutter (plain stacking draws it all), or when the boxes
    beside it would be too narrow for their rows.
    """
    plan = _plan([boxes], scene)
    if not plan.channels[0].stars:
        return None
    column = plan.columns[0]
    room = width - plan.channels[0].width
    if room < column.floor():
        return None
    return _draw(plan, scene, [min(column.width_for(True), room)], width)


def two_columns(boxes: list[Box], scene: Scene, width: int) -> list[Line] | None:
    """The app hosts on the left, the other boxes on the right, the links between them in a
    channel. None unless a link joins the columns, every link is drawn, and every title fits."""
    left = [b for b in boxes if _has_app(b)]
    right = [b for b in boxes if not _has_app(b)]
    return _columns([left, right], scene, width)


def three_columns(
    boxes: list[Box], scene: Scene, width: int, declared: Topology
) -> list[Line] | None:
    """The app hosts in the middle, the other boxes on both sides: the first half of the
    scenario's other hosts on the left, the rest on the right. A moved or detached service
    stays on the side of the host it was declared on, so a preview moves nothing else."""
    backing = [h.id for h in declared.hosts if not any(s.kind == "app" for s in h.services)]
    half = (len(backing) + 1) // 2
    side = {host_id: 0 if i < half else 2 for i, host_id in enumerate(backing)}
    declared_ids = {h.id for h in declared.hosts}
    columns: list[list[Box]] = [[], [], []]
    for box in boxes:
        if _has_app(box):
            columns[1].append(box)
            continue
        host_id = box.key
        if host_id not in declared_ids:  # a separate host or the detached box
            service = next((r.service for r in box.rows if r.service), None)
            origin = declared.host_of(service.id) if service else None
            host_id = origin.id if origin else host_id
        columns[side.get(host_id, 2)].append(box)
    return _columns(columns, scene, width)


def _columns(columns: list[list[Box]], scene: Scene, width: int) -> list[Line] | None:
    if not all(columns):
        return None
    plan = _plan(columns, scene)
    if plan.rest or not _joins_columns(plan):
        return None
    widths = _fit(plan, width)
    return None if widths is None else _draw(plan, scene, widths, width)
