"""How many lines a lesson page's Markdown takes on screen, without Rich.

The reader draws a page with Rich's Markdown (tutor/ui/widgets/split.py); `tutor validate`
must not import Rich (it doubles the command's start-up), so this module applies the same
rules to the same Markdown subset: blocks one blank line apart (none after a rule), words
wrapped as Rich wraps them (rich/_wrap.py: a word that does not fit starts a line, a word
longer than the line is cut), lists indented by their marker, code blocks padded by a line
above and below and a column each side, and tables laid out as Rich's Table lays them out.
tests/test_validator_page_length_ui.py checks it against Rich on every built-in page.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

# -- words and lines -------------------------------------------------------------------------


def cell_len(text: str) -> int:
    """Terminal cells: wide (East Asian) characters take two, combining marks none."""
    total = len(text)
    if text.isascii():  # the common case, and a C-speed answer: one cell per character
        return total
    for char in _NON_ASCII.findall(text):  # only the few characters that may differ
        if unicodedata.combining(char):
            total -= 1
        elif unicodedata.east_asian_width(char) in ("W", "F"):
            total += 1
    return total


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


WORD = re.compile(r"\s*\S+\s*")


def _chop(word: str, width: int) -> list[str]:
    pieces, piece, used = [], "", 0
    for char in word:
        size = cell_len(char)
        if piece and used + size > width:
            pieces.append(piece)
            piece, used = "", 0
        piece += char
        used += size
    pieces.append(piece)
    return pieces


def wrapped_lines(text: str, width: int, *, fold: bool = True) -> int:
    """Lines `text` takes wrapped at `width` cells, as Rich's Text.wrap breaks it: a word
    longer than a line is cut into lines (`fold`) or cut short to one (a table's cells)."""
    width = max(width, 1)
    total = 0
    for line in text.split("\n"):
        breaks, offset = 0, 0
        for match in WORD.finditer(line):
            start, word = match.start(), match.group()
            length = cell_len(word.rstrip())
            if width - offset >= length:
                offset += cell_len(word)
            elif length > width and not fold:
                breaks += 1 if start else 0
                offset = cell_len(word)
            elif length > width:
                pieces = _chop(word, width)
                breaks += len(pieces) - (0 if start else 1)
                offset = cell_len(pieces[-1])
            elif offset and start:
                breaks += 1
                offset = cell_len(word)
        total += breaks + 1
    return total


# -- inline Markdown: what is left on screen ---------------------------------------------------

CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.S)
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
AUTOLINK = re.compile(r"<((?:https?|mailto|ftp):[^>\s]*)>")
HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
# `*` and `~~` anywhere; `_` only at the edges of words (snake_case stays as it is).
EMPHASIS = re.compile(r"(\*\*|\*|~~)(?=\S)(.+?)(?<=\S)\1|(?<!\w)(__|_)(?=\S)(.+?)(?<=\S)\3(?!\w)")
ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
HARD_BREAK = re.compile(r"(?: {2,}|\\)\n")


def inline_text(source: str) -> str:
    """The text a paragraph's Markdown shows: markup, link targets and HTML tags gone, soft
    line breaks as spaces, hard ones kept."""
    codes: list[str] = []

    def keep_code(match: re.Match[str]) -> str:
        body = match.group(2).replace("\n", " ")
        if body.startswith(" ") and body.endswith(" ") and body.strip():
            body = body[1:-1]
        codes.append(body)
        return f"\x00{len(codes) - 1}\x00"

    text = "\n".join(line.lstrip() for line in source.strip().split("\n"))
    text = CODE_SPAN.sub(keep_code, text)
    text = HARD_BREAK.sub("\x01", text)
    text = re.sub(r"[ \t]*\n", " ", text).replace("\x01", "\n")
    text = AUTOLINK.sub(r"\1", text)
    text = LINK.sub(r"\1", text)
    text = HTML_TAG.sub("", text)
    previous = None
    while previous != text:
        previous, text = text, EMPHASIS.sub(lambda m: m.group(2) or m.group(4), text)
    text = html.unescape(ESCAPE.sub(r"\1", text))
    return re.sub("\x00(\\d+)\x00", lambda m: codes[int(m.group(1))], text)


# -- blocks ------------------------------------------------------------------------------------

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
ITEM = re.compile(r"^( {0,3})([-+*]|\d{1,9}[.)])( {1,4}(?=\S)| *$)")
QUOTE = re.compile(r"^ {0,3}> ?")
TABLE_DELIMITER = re.compile(r"^ {0,3}\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")


@dataclass
class Block:
    kind: str  # paragraph, heading, code, rule, list, quote, table
    text: str = ""
    lines: list[str] = field(default_factory=list)  # code
    children: list[list[Block]] = field(default_factory=list)  # list items; a quote: one
    ordered: bool = False
    start: int = 1
    rows: list[list[str]] = field(default_factory=list)  # table: the header row first


def _cells(line: str) -> list[str]:
    line = line.strip()
    line = line[1:] if line.startswith("|") else line
    line = line[:-1] if line.endswith("|") and not line.endswith("\\|") else line
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line)]


def _starts_block(line: str) -> bool:
    return bool(
        FENCE.match(line)
        or HEADING.match(line)
        or RULE.match(line)
        or QUOTE.match(line)
        or (ITEM.match(line) and line.strip() not in ("-", "*", "+"))
    )


def parse_blocks(lines: list[str]) -> list[Block]:
    """The blocks of a Markdown text, for the subset lesson pages use."""
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if fence := FENCE.match(line):
            marker, code = fence.group(1), []
            i += 1
            while i < len(lines) and not lines[i].strip().startswith(marker):
                code.append(lines[i])
                i += 1
            blocks.append(Block("code", lines=code))
            i += 1
        elif heading := HEADING.match(line):
            blocks.append(Block("heading", inline_text(heading.group(2) or "")))
            i += 1
        elif RULE.match(line):
            blocks.append(Block("rule"))
            i += 1
        elif line.startswith("    ") or line.startswith("\t"):
            code = []
            while i < len(lines) and (lines[i].startswith(("    ", "\t")) or not lines[i].strip()):
                code.append(lines[i][4:] if lines[i].startswith("    ") else lines[i][1:])
                i += 1
            while code and not code[-1].strip():
                code.pop()
            blocks.append(Block("code", lines=code))
        elif QUOTE.match(line):
            inner = []
            while i < len(lines) and lines[i].strip():
                inner.append(QUOTE.sub("", lines[i], count=1))
                i += 1
            blocks.append(Block("quote", children=[parse_blocks(inner)]))
        elif ITEM.match(line):
            i = _parse_list(lines, i, blocks)
        elif "|" in line and i + 1 < len(lines) and TABLE_DELIMITER.match(lines[i + 1]):
            header = _cells(line)
            rows = [header]
            i += 2
            while i < len(lines) and lines[i].strip() and not _starts_block(lines[i]):
                cells = _cells(lines[i])[: len(header)]
                rows.append(cells + [""] * (len(header) - len(cells)))
                i += 1
            blocks.append(Block("table", rows=[[inline_text(c) for c in r] for r in rows]))
        else:
            text = [line]
            i += 1
            kind = "paragraph"
            while i < len(lines) and lines[i].strip():
                if SETEXT.match(lines[i]):  # the line under it makes it a heading
                    kind = "heading"
                    i += 1
                    break
                if _starts_block(lines[i]):
                    break
                text.append(lines[i])
                i += 1
            blocks.append(Block(kind, inline_text("\n".join(text))))
    return blocks


def _parse_list(lines: list[str], i: int, blocks: list[Block]) -> int:
    """One list from line i (an item's line): its items' lines, dedented, parsed in turn."""
    first = ITEM.match(lines[i])
    assert first is not None
    marker = first.group(2)
    ordered = marker[-1] in ".)"
    kind = marker[-1] if ordered else marker
    block = Block("list", ordered=ordered, start=int(marker[:-1]) if ordered else 1)
    while i < len(lines):
        item = ITEM.match(lines[i])
        if item is None or (item.group(2)[-1] if ordered else item.group(2)) != kind:
            break
        rest = lines[i][len(item.group(0)) :]
        # Later lines of the item are indented to where its text starts (an empty first
        # line: one column past the marker).
        indent = len(item.group(0)) if rest.strip() else len(item.group(1) + item.group(2)) + 1
        content = [rest]
        i += 1
        blank = False
        while i < len(lines):
            line = lines[i]
            if not line.strip():
                blank = True
                content.append("")
                i += 1
                continue
            if line.startswith(" " * indent):
                content.append(line[indent:])
            elif not blank and not _starts_block(line):
                content.append(line.strip())  # a lazy continuation of the paragraph
            else:
                break
            blank = False
            i += 1
        block.children.append(parse_blocks(content))
        if blank and (i >= len(lines) or not ITEM.match(lines[i])):
            break
    blocks.append(block)
    return i


# -- heights -----------------------------------------------------------------------------------


def markdown_height(text: str, width: int) -> int:
    """Lines Rich's Markdown takes to draw `text` (stripped) `width` cells wide."""
    return _blocks_height(parse_blocks(text.strip().split("\n")), width, gaps=True)


def _blocks_height(blocks: list[Block], width: int, *, gaps: bool) -> int:
    """Top-level blocks stand one blank line apart (none after a rule, which draws its own),
    and a list, quote or table has one before it even first on the page (Rich inserts the
    line when the block's last inner element ends); inside a list item or a quote, blocks
    follow one another directly."""
    total = 0
    for n, block in enumerate(blocks):
        container = block.kind in ("list", "quote", "table")
        if gaps and (container or (n and blocks[n - 1].kind != "rule")):
            total += 1
        total += _height(block, width)
    return total


def _height(block: Block, width: int) -> int:
    if block.kind in ("paragraph", "heading"):
        return wrapped_lines(block.text, width)
    if block.kind == "code":
        code = "\n".join(block.lines).rstrip()
        return 2 + wrapped_lines(code.expandtabs(4), width - 2)
    if block.kind == "rule":
        return 2
    if block.kind == "quote":
        return _blocks_height(block.children[0], width - 4, gaps=False)
    if block.kind == "list":
        marker = 3 if not block.ordered else len(str(block.start + len(block.children))) + 2
        return sum(
            max(_blocks_height(item, width - marker, gaps=False), 1) for item in block.children
        )
    return _table_height(block.rows, width)


def _table_height(rows: list[list[str]], width: int) -> int:
    """Rich's Markdown table: box SIMPLE with its edges (blank lines above and below), the
    header, its rule, the rows; cells padded one column on the right but the last, their
    words never cut across lines (a word too long is cut short)."""
    columns = len(rows[0])
    pads = [1] * (columns - 1) + [0]
    available = width - (2 + columns - 1)
    widths = _column_widths(rows, pads, available)
    lines = [
        max(
            wrapped_lines(cell, max(w - p, 1), fold=False) if cell else 1
            for cell, w, p in zip(row, widths, pads, strict=True)
        )
        for row in rows
    ]
    return 3 + sum(lines)


def _measure(rows: list[list[str]], column: int, pad: int, limit: int) -> tuple[int, int]:
    """A column's (minimum, maximum) width, padding included, as Rich measures it."""
    lows, highs = [], []
    for row in rows:
        text = row[column]
        words = text.split()
        low = max((cell_len(word) for word in words), default=0)
        high = max((cell_len(line) for line in text.split("\n")), default=0)
        inner = max(limit - pad, 0)
        lows.append(min(min(low, inner) + pad, limit))
        highs.append(min(min(high, inner) + pad, limit))
    return max(lows, default=1), min(max(highs, default=limit), limit)


def _column_widths(rows: list[list[str]], pads: list[int], available: int) -> list[int]:
    widths = [_measure(rows, c, pads[c], available)[1] or 1 for c in range(len(pads))]
    if sum(widths) > available:
        widths = _collapse(widths, available)
        if sum(widths) > available:
            widths = _ratio_reduce(sum(widths) - available, [1] * len(widths), widths, widths)
        widths = [_measure(rows, c, pads[c], w)[1] for c, w in enumerate(widths)]
    return widths


def _collapse(widths: list[int], available: int) -> list[int]:
    """Rich's Table._collapse_widths: narrow the widest columns first."""
    excess = sum(widths) - available
    while sum(widths) and excess > 0:
        widest = max(widths)
        second = max((w for w in widths if w != widest), default=0)
        ratios = [1 if w == widest else 0 for w in widths]
        if not any(ratios) or not widest - second:
            break
        widths = _ratio_reduce(excess, ratios, [min(excess, widest - second)] * len(widths), widths)
        excess = sum(widths) - available
    return widths


def _ratio_reduce(
    total: int, ratios: list[int], maximums: list[int], values: list[int]
) -> list[int]:
    """rich._ratio.ratio_reduce."""
    ratios = [ratio if most else 0 for ratio, most in zip(ratios, maximums, strict=True)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining, result = total, []
    for ratio, most, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            given = min(most, round(ratio * remaining / total_ratio))
            result.append(value - given)
            remaining -= given
            total_ratio -= ratio
        else:
            result.append(value)
    return result
