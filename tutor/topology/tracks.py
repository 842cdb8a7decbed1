"""The channel beside a column of boxes: stars of links, their tracks, and the drawing.

A channel runs between two columns of boxes (or to the right of a single column). Its links
are grouped into stars: a centre row (an app that uses several services, or a service several
apps use) and its leaves. Each star gets one vertical track; each row reaches its track on a
horizontal stub, and a leaf's stub carries the link's label, so every link is drawn and
labelled exactly once. The tracks are ordered to cross as little as possible; a crossing is
drawn with a gap in the horizontal line (`╴│╶`), never as a junction, and no two stubs ever
share a cell.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from rich.cells import cell_len

from tutor.content.model import Link
from tutor.topology import styles
from tutor.topology.canvas import Line
from tutor.topology.layout import label_style

LEFT, RIGHT = 0, 1  # the two sides of a channel
N, E, S, W = 1, 2, 4, 8
GLYPHS = {
    0: " ",
    N | S: "│",
    E | W: "─",
    E | S: "┌",
    S | W: "┐",
    N | E: "└",
    N | W: "┘",
    N | E | S: "├",
    N | S | W: "┤",
    E | S | W: "┬",
    N | E | W: "┴",
    N | E | S | W: "┼",
    W: "╴",
    E: "╶",
    N: "╵",
    S: "╷",
}
MAX_PERMUTED_TRACKS = 6  # at most 720 orders tried, once per picture (render.py caches it)


@dataclass(frozen=True)
class End:
    """A link's end: a row of a box in a column."""

    column: int
    box: int
    row: int


@dataclass
class Star:
    centre: End
    leaves: list[tuple[End, Link]] = field(default_factory=list)


@dataclass(frozen=True)
class Stub:
    """A horizontal line from a row to its star's track; a leaf's carries the label."""

    y: int
    side: int  # LEFT or RIGHT of the channel
    label: str | None


def stars(
    links: list[Link], where: dict[str, End], apps: set[str]
) -> tuple[list[Star], list[Link]]:
    """Group one channel's links into stars, the busiest row first (an app's on a tie); a row
    is in one star at most. The links left over cannot be drawn in this channel."""
    ends = {link: (where[link.source], where[link.target]) for link in links}
    app_ends = {where[s] for s in apps if s in where}
    candidates = list(dict.fromkeys(end for pair in ends.values() for end in pair))
    used: set[End] = set()
    stars: list[Star] = []
    remaining = list(links)
    while remaining:
        best: tuple[tuple[int, bool, int], Star] | None = None
        for index, centre in enumerate(candidates):
            if centre in used:
                continue
            star = Star(centre)
            for link in remaining:
                a, b = ends[link]
                other = b if a == centre else a if b == centre else None
                if other is None or other in used or other in {e for e, _ in star.leaves}:
                    continue
                star.leaves.append((other, link))
            rank = (len(star.leaves), centre in app_ends, -index)
            if star.leaves and (best is None or rank > best[0]):
                best = (rank, star)
        if best is None:
            break
        star = best[1]
        stars.append(star)
        used.update((star.centre, *(end for end, _ in star.leaves)))
        drawn = {link for _, link in star.leaves}
        remaining = [link for link in remaining if link not in drawn]
    return stars, remaining


@dataclass
class Channel:
    """Between column `index` and the next: a left zone (labels of the left leaves), the
    tracks two cells apart, a right zone (labels of the right leaves)."""

    index: int
    stars: list[Star]
    left_zone: int = 2
    right_zone: int = 0

    @property
    def width(self) -> int:
        return self.left_zone + 2 * (len(self.stars) - 1) + 1 + self.right_zone

    def track_x(self, position: int) -> int:
        return self.left_zone + 2 * position

    def side(self, end: End) -> int:
        return LEFT if end.column == self.index else RIGHT


def track_order(stubs: list[list[Stub]]) -> tuple[list[int], list[set[tuple[int, int]]]] | None:
    """The position of each star's track, in the order with the fewest crossings, and for each
    star the (line, position) where one of its stubs crosses another's track. None when every
    order would run two stubs along the same cells."""
    spans = [(min(s.y for s in group), max(s.y for s in group)) for group in stubs]
    rows = [{s.y for s in group} for group in stubs]
    count = len(stubs)
    orders = (
        itertools.permutations(range(count))
        if count <= MAX_PERMUTED_TRACKS
        else iter([tuple(range(count))])
    )
    best: tuple[int, list[int], list[set[tuple[int, int]]]] | None = None
    for order in orders:
        position = [0] * count
        for pos, star in enumerate(order):
            position[star] = pos
        crossings: list[set[tuple[int, int]]] = [set() for _ in range(count)]
        total, clash = 0, False
        for star, group in enumerate(stubs):
            for stub in group:
                if stub.side == LEFT:
                    passed = range(position[star])
                else:
                    passed = range(position[star] + 1, count)
                for pos in passed:
                    low, high = spans[order[pos]]
                    clash = clash or stub.y in rows[order[pos]]
                    if low < stub.y < high:
                        crossings[star].add((stub.y, pos))
                        total += 1
        if clash or (best is not None and total >= best[0]):
            continue
        best = (total, position, crossings)
        if total == 0:
            break
    return None if best is None else (best[1], best[2])


def paint(channel: Channel, height: int, stubs: list[list[Stub]]) -> list[Line] | None:
    order = track_order(stubs)
    if order is None:
        return None
    position, crossings = order
    width = channel.width
    bits = [[0] * width for _ in range(height)]
    labels: dict[tuple[int, int], str] = {}  # where a label starts
    gaps: set[tuple[int, int]] = set()
    right_zone = width - channel.right_zone
    for star, group in enumerate(stubs):
        x = channel.track_x(position[star])
        low, high = min(s.y for s in group), max(s.y for s in group)
        for y in range(low, high + 1):
            bits[y][x] |= (N if y > low else 0) | (S if y < high else 0)
        crossed = {(y, channel.track_x(pos)) for y, pos in crossings[star]}
        for stub in group:
            bits[stub.y][x] |= W if stub.side == LEFT else E
            for cell in range(0, x) if stub.side == LEFT else range(x + 1, width):
                if (stub.y, cell) in crossed:
                    gaps.add((stub.y, cell))
                else:
                    bits[stub.y][cell] |= E | W
            if stub.label:
                labels[(stub.y, 1 if stub.side == LEFT else right_zone + 1)] = stub.label
    for y, x in gaps:  # the line stops short of the track it crosses
        bits[y][x - 1] &= ~E
        bits[y][x + 1] &= ~W
    lines: list[Line] = []
    for y in range(height):
        line: Line = []
        x, joinable = 0, False
        while x < width:
            label = labels.get((y, x))
            if label:  # a segment of its own, in its own style
                line.append((label, label_style(label)))
                x, joinable = x + cell_len(label), False
                continue
            glyph = GLYPHS[bits[y][x]]
            style = styles.LINK_LINE if bits[y][x] else ""
            if joinable and line[-1][1] == style:
                line[-1] = (line[-1][0] + glyph, style)
            else:
                line.append((glyph, style))
            x, joinable = x + 1, True
        lines.append(line)
    return lines
