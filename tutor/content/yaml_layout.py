"""The layout part of reading YAML syntax errors: colons, indentation and list dashes.

``yaml_syntax`` sorts an error by kind; the errors about where a line starts or what its
colon means are read here, from the source lines around the parser's marks, often at the
line above the mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

# A key (after any "- " of a list item) followed by its colon and a space or the line's end.
_KEY = re.compile(r"^(\s*(?:-\s+)*)([^\s#'\"\[\]{}:,&*!|>%@`?-][^:#]*?)\s*:(?:\s|$)")
# "key:value": a key with text right after its colon (a URL's "://" is not such a colon).
_NO_SPACE = re.compile(r"^(\s*(?:-\s+)*)([A-Za-z0-9_][\w.-]*):(?![\s/]|$)(.*)$")
# "-item": a list dash without its space.
_DASH = re.compile(r"^(\s*)-(?=[^\s-])(.*)$")


@dataclass(frozen=True)
class Finding:
    line: int  # 1-based, counted in the text that was parsed
    column: int
    message: str  # line numbers inside it already include the caller's offset


def _clip(text: str, limit: int = 30) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"


def _indent(source: str) -> int:
    return len(source) - len(source.lstrip(" "))


class Source:
    """The parsed text and the error's marks, 1-based."""

    def __init__(self, error: yaml.MarkedYAMLError, text: str, offset: int) -> None:
        self.lines = text.splitlines()
        self.offset = offset
        mark = error.problem_mark or error.context_mark
        self.line, self.column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        start = error.context_mark
        self.start = (start.line + 1, start.column + 1) if start else None
        self.context = (error.context or "").lower()
        self.problem = (error.problem or "").lower()

    # -- reading the source ----------------------------------------------------------------

    def source(self, line: int) -> str:
        return self.lines[line - 1] if 1 <= line <= len(self.lines) else ""

    def char(self, line: int, column: int) -> str:
        source = self.source(line)
        return source[column - 1] if 1 <= column <= len(source) else ""

    def above(self, line: int) -> int | None:
        """The nearest line above `line` that holds more than a comment."""
        for number in range(min(line, len(self.lines) + 1) - 1, 0, -1):
            stripped = self.source(number).strip()
            if stripped and not stripped.startswith("#"):
                return number
        return None

    def ref(self, line: int) -> int:
        """A line number as the author sees it in the file."""
        return line + self.offset

    def at(self, line: int, column: int, message: str) -> Finding:
        return Finding(line, max(column, 1), message)

    # -- a message more than one rule gives --------------------------------------------

    def unclosed(self, line: int, column: int, closed_at: int | None = None) -> Finding:
        quote = self.char(line, column) or '"'
        if closed_at is None:
            what = "is never closed"
        else:
            what = f"closes only on line {self.ref(closed_at)}"
        return self.at(
            line,
            column,
            f"this {quote} starts a quoted text that {what}: add the closing {quote} where "
            "the text ends",
        )


class Layout(Source):
    """Rules for lines YAML read as the wrong key, value or list item."""

    def no_colon(self) -> Finding | None:
        """A line YAML read as the start of a key but found no ': ' on (the line starts at the
        error's context mark; the parser's own mark is the line after)."""
        if self.start is None:
            return None
        number = self.start[0]
        source = self.source(number)
        spaced = self.no_space(number)
        if spaced is not None:
            return spaced
        dedented = self.dedented(number)
        if dedented is not None:
            return dedented
        return self.at(
            number,
            _indent(source) + 1,
            "this line has no ':': YAML expects 'key: value' here; add the colon and a space, "
            "or indent the line if it continues the text above",
        )

    def dedented(self, number: int) -> Finding | None:
        """A line of text indented less than the text above it, which it meant to continue."""
        source = self.source(number)
        previous = self.above(number)
        if previous is None or _indent(self.source(previous)) <= _indent(source):
            return None
        above = self.source(previous)
        if _KEY.match(above) or above.lstrip().startswith(("-", "{", "[")):
            return None  # not text: a key or a list item ends there
        return self.at(
            number,
            _indent(source) + 1,
            f"this line is indented less than the text above it (line {self.ref(previous)}), "
            "so YAML ends that text here and expects a 'key: value': indent it like the "
            "line above, or write it as 'key: value'",
        )

    def no_space(self, number: int) -> Finding | None:
        """'key:value' on the line: the classic missing space after a colon."""
        match = _NO_SPACE.match(self.source(number))
        if match is None:
            return None
        key, rest = match[2], match[3]
        return self.at(
            number,
            len(match[1]) + len(key) + 1,
            f"'{key}:' needs a space after the colon: write '{key}: {_clip(rest)}'",
        )

    def no_dash_space(self, number: int) -> Finding | None:
        match = _DASH.match(self.source(number))
        if match is None:
            return None
        return self.at(
            number,
            len(match[1]) + 1,
            f"a list item needs a space after '-': write '- {_clip(match[2])}'",
        )

    def colon(self) -> Finding | None:
        """A ':' where no key may start: text with ': ' in it, a line indented more than the
        key above it, or a broken line above."""
        source = self.source(self.line)
        key = _KEY.match(source)
        if key is not None and len(key[1]) + len(key[2]) < self.column - 1:
            value = source[key.end() :].strip()
            if value[:1] not in ("'", '"'):
                return self.at(
                    self.line,
                    self.column,
                    f"the ':' inside the value of '{key[2]}' makes YAML read another key: "
                    f'put the whole value in quotes: {key[2]}: "{_clip(value, 40)}"',
                )
        previous = self.above(self.line)
        if previous is None:
            return None
        broken = self.no_space(previous) or self.no_dash_space(previous)
        if broken is not None:
            return broken
        if key is None:
            return None
        name, column = key[2], len(key[1]) + 1
        above = _KEY.match(self.source(previous))
        if above is not None and column > len(above[1]) + 1:
            return self.at(
                self.line,
                column,
                f"'{name}' is indented more than '{above[2]}' on line {self.ref(previous)}, "
                "so YAML reads it as part of that key's value: give "
                f"'{name}' the same indentation as '{above[2]}' ({_spaces(len(above[1]))})",
            )
        return self.at(
            self.line,
            column,
            f"YAML reads '{name}' as part of the text above it (line {self.ref(previous)}): "
            f"check that line {self.ref(previous)} is 'key: value' and that '{name}' is "
            "indented like the key it belongs beside",
        )

    def block(self) -> Finding | None:
        """Something where YAML expected the next key or '- ' item of a block."""
        line, column = self.line, self.column
        source = self.source(line)
        here = self.char(line, column)
        if here in ("]", "}"):
            return self.at(
                line,
                column,
                f"this '{here}' closes a bracket that is not open: remove it, or add the "
                "opening bracket it belongs to",
            )
        before = source[: column - 1].rstrip()
        if before.strip()[1:] and before[-1] in ("'", '"'):
            quote = before[-1]
            if before.count(quote) % 2:  # it closes a quote opened on a line above
                opened = self.opened_above(line, quote)
                if opened is not None:
                    return self.unclosed(*opened, closed_at=line)
            if quote == "'" and len(before) == column - 1:
                return self.at(
                    line,
                    len(before),
                    "this ' ends the quoted text early: inside '...' write an apostrophe "
                    "as two ('') as in 'It''s', or put the text in double quotes",
                )
            return self.at(
                line,
                column,
                f"text follows the closing quote {quote}: put all of the value inside the quotes",
            )
        if column != _indent(source) + 1:
            return None
        if here == "-":
            return self.misplaced_dash()
        key = _KEY.match(source)
        name = key[2] if key else ""
        previous = self.above(line)
        if key is None and previous is not None:
            ended = self.source(previous).rstrip()
            if ended.endswith(("'", '"')):
                return self.at(
                    line,
                    column,
                    f"this line continues the quoted text on line {self.ref(previous)}, which "
                    "has already closed: put all of the text inside the quotes",
                )
            dedented = self.dedented(line)
            if dedented is not None:
                return dedented
        start = self.start
        if start is not None and self.char(*start) == "-" and start[1] == column:
            return self.beside_list(name, start[0])
        sibling = self.key_above(line)
        if sibling is None:
            return None
        number, sibling_key = sibling
        beside = f"'{sibling_key[2]}' on line {self.ref(number)}"
        if key is None:  # text: it meant to continue a value, or to be a key
            return self.at(
                line,
                column,
                f"this line is indented {_spaces(column - 1)}, which lines up with no key "
                f"above it: to continue the text of {beside}, indent it more than "
                f"'{sibling_key[2]}'; to start a new key, write 'key: value'",
            )
        return self.at(
            line,
            column,
            f"'{name}' is indented {_spaces(column - 1)}, which lines up with no key above it: "
            f"give it the same indentation as the key it belongs beside ({beside} has "
            f"{_spaces(len(sibling_key[1]))})",
        )

    def opened_above(self, line: int, quote: str) -> tuple[int, int] | None:
        """The last quote on the nearest line above with an odd number of them."""
        for number in range(line - 1, 0, -1):
            source = self.source(number)
            if source.count(quote) % 2:
                return number, source.rindex(quote) + 1
        return None

    def key_above(self, line: int) -> tuple[int, re.Match[str]] | None:
        number = self.above(line)
        while number is not None:
            key = _KEY.match(self.source(number))
            if key is not None:
                return number, key
            number = self.above(number)
        return None

    def misplaced_dash(self) -> Finding | None:
        number = self.above(self.line)
        while number is not None:
            source = self.source(number)
            if source.lstrip().startswith("- ") or source.strip() == "-":
                dash = _indent(source) + 1
                if dash != self.column:
                    return self.at(
                        self.line,
                        self.column,
                        f"this '- ' item is not lined up with the '- ' on line "
                        f"{self.ref(number)}: put its '-' in column {dash}, as there",
                    )
                return None
            number = self.above(number)
        return None

    def beside_list(self, name: str, start: int) -> Finding:
        """A key lined up with the dashes of the list above it."""
        item = start
        number = self.above(self.line)
        while number is not None and number > start:  # the list's last item
            source = self.source(number)
            if _indent(source) == self.column - 1 and source.lstrip().startswith("-"):
                item = number
                break
            number = self.above(number)
        key = _KEY.match(self.source(item))
        who = f"'{name}'" if name else "this line"
        where = f"{who} lines up with the '- ' items of the list on line {self.ref(item)}"
        if key is not None and key[1].strip():
            return self.at(
                self.line,
                self.column,
                f"{where}, so YAML expects another '- ' item here: "
                f"if it belongs to that item, indent it like '{key[2]}' ({_spaces(len(key[1]))}); "
                "if it starts a new item, write '- ' before it",
            )
        return self.at(
            self.line,
            self.column,
            f"{where}, so YAML expects another '- ' item here: "
            "write '- ' before it, or move it left to line up with the key that holds the list",
        )
