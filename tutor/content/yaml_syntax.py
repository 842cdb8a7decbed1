"""YAML syntax errors in plain words, at the line the author must look at.

libyaml (and PyYAML's pure-Python parser, in other words) says where parsing stopped, in
parser terms: "mapping values are not allowed here", "did not find expected key". The cause
is often on the line above, or at an opening quote or bracket far before. ``describe`` sorts
the error by its kind and by the source text around its marks, and returns the line, column
and a message that says what to check there; anything it does not recognise gets a plain
general message.
"""

from __future__ import annotations

import re

import yaml

from tutor.content.yaml_layout import Finding, Layout

GENERAL = (
    "YAML cannot read this line: check its indentation against the lines above, that each "
    "'key: value' has a space after the colon, and that every quote and bracket is closed"
)


# Errors whose cause is where the parser stopped: (words of the error, what to say).
_AT_MARK = (
    (
        "single document",
        "a second YAML document starts here: a file holds one document; remove '---'",
    ),
    (
        "sequence entries are not allowed",
        "a list cannot start on the same line as its key: put each '- ' item on a line of "
        "its own, indented under the key, or write the list as [a, b]",
    ),
    (
        "mapping keys are not allowed",
        "YAML does not allow a value to start with '? ': put the text in quotes",
    ),
    (
        "block scalar",
        "after '|' or '>' nothing may follow on the same line (apart from '-', '+' or a "
        "digit): start the text on the next line, indented",
    ),
)


def describe(error: yaml.MarkedYAMLError, text: str, offset: int = 0) -> Finding:
    """Where to look, and what to check there, for one syntax error in `text`."""
    return _Error(error, text, offset).describe()


class _Error(Layout):
    """Where to look, by the kind of error."""

    def describe(self) -> Finding:
        tab = self.tab()
        if tab is not None:
            return tab
        words = f"{self.context} | {self.problem}"
        for phrase, message in _AT_MARK:
            if phrase in words:
                return self.at(self.line, self.column, message)
        handlers = (
            ("document start", self.document_end),
            ("quoted scalar", self.quoted),
            ("could not find expected ':'", self.no_colon),
            ("mapping values are not allowed", self.colon),
            ("block mapping", self.block),
            ("block collection", self.block),
            ("flow", self.flow),
            ("cannot start any token", self.token),
            ("undefined alias", self.alias),
            ("duplicate anchor", self.duplicate_anchor),
            ("an anchor", self.anchor_name),
            ("an alias", self.anchor_name),
        )
        for phrase, handler in handlers:
            if phrase in words:
                return handler() or self.general()
        return self.general()

    def general(self) -> Finding:
        return self.at(self.line, self.column, GENERAL)

    def tab(self) -> Finding | None:
        """A tab in indentation is the classic cause: say so plainly, at the tab."""
        for number in range(min(self.line, len(self.lines)), 0, -1):
            source = self.source(number)
            indent = source[: len(source) - len(source.lstrip(" \t"))]
            if "\t" in indent:
                return self.at(
                    number,
                    indent.index("\t") + 1,
                    "tab character in indentation: YAML indents with spaces only; "
                    "replace the tab with spaces",
                )
            if number < self.line and source.strip() and not source.startswith((" ", "\t")):
                break  # only look back within the block that failed
        if self.char(self.line, self.column) == "\t":
            return self.at(
                self.line,
                self.column,
                "a tab character here: YAML separates with spaces; replace the tab with a space",
            )
        return None

    def document_end(self) -> Finding | None:
        for number in range(self.line - 1, 0, -1):
            if self.source(number).rstrip() == "...":
                return self.at(
                    number,
                    1,
                    "'...' ends the YAML document here, but more follows: remove this line",
                )
        return None

    def quoted(self) -> Finding | None:
        if "escape" in self.problem:
            column = self.column
            if self.char(self.line, column) != "\\" and self.char(self.line, column - 1) == "\\":
                column -= 1  # the pure-Python parser points after the backslash
            return self.at(
                self.line,
                column,
                'a backslash inside "double quotes" starts an escape such as \\n: write \\\\ '
                "for a backslash, or put the text in single quotes",
            )
        if self.start is None:
            return None
        return self.unclosed(*self.start)

    def flow(self) -> Finding | None:
        if self.start is None:
            return None
        opener = self.char(*self.start)
        if opener not in ("[", "{"):
            return None
        closer = "]" if opener == "[" else "}"
        if self.start[0] != self.line or not self.char(self.line, self.column):
            return self.at(
                *self.start,
                f"the '{opener}' here is never closed: add '{closer}' after its last item",
            )
        return self.at(
            self.line,
            self.column,
            f"inside '{opener} {closer}' separate the items with ', ' and put any text that "
            "holds ':', ',' or a bracket in quotes",
        )

    def token(self) -> Finding:
        character = self.char(self.line, self.column) or "this character"
        return self.at(
            self.line,
            self.column,
            f"YAML does not allow a value to start with '{character}': put the text in quotes",
        )

    def alias(self) -> Finding:
        match = re.match(r"\*([^\s,\[\]{}]+)", self.source(self.line)[self.column - 1 :])
        name = match[1] if match else "name"
        return self.at(
            self.line,
            self.column,
            f"'*{name}' repeats the value marked '&{name}', but no value above has that "
            "mark: add it, or put text that starts with '*' in quotes",
        )

    def duplicate_anchor(self) -> Finding:
        match = re.match(r"&([^\s,\[\]{}]+)", self.source(self.line)[self.column - 1 :])
        name = match[1] if match else ""
        first = f" on line {self.ref(self.start[0])}" if self.start else " above"
        return self.at(
            self.line,
            self.column,
            f"the mark '&{name}' is already used{first}: give each '&' mark its own name",
        )

    def anchor_name(self) -> Finding:
        line, column = self.start or (self.line, self.column)
        character = self.char(line, column) or "&"
        return self.at(
            line,
            column,
            f"'{character}' needs a name right after it (letters, digits or '-'): write the "
            f"name, or put text that starts with '{character}' in quotes",
        )
