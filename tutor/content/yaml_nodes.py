"""A safe, line-tracking YAML front end: bytes in, a checked node graph (or one problem) out.

Built on ``yaml.compose`` with libyaml's CSafeLoader when available (else the pure SafeLoader).
Composing builds nodes with 0-based marks and never constructs Python objects, so YAML tags
such as ``!!python/object`` are inert strings here; we refuse any tag outside the standard set.
Aliases are shared nodes, so an alias bomb ("billion laughs") composes cheaply; we measure its
expanded size with a memoised walk and refuse it before anything expands it.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from tutor.content.model import Problem
from tutor.content.yaml_syntax import GENERAL, describe

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]  # the base is chosen at run time
    """The safe loader with a memoised tag resolver: most scalars (keys, kinds, ids) repeat,
    and the resolver's regular expressions are the costliest Python step of composing."""

    _resolved: dict[tuple[type, object, object], str] = {}

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        key = (kind, value, implicit)
        try:
            return self._resolved[key]
        except (KeyError, TypeError):
            tag: str = super().resolve(kind, value, implicit)
        if len(self._resolved) > 100_000:
            self._resolved.clear()
        if isinstance(value, str) and len(value) < 200:
            self._resolved[key] = tag
        return tag

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        pass  # no path resolvers are registered: skip the bookkeeping

    def ascend_resolver(self) -> None:
        pass


MAX_BYTES = 1_000_000  # a scenario is a few kB; anything this big is the wrong file
MAX_NODES = 20_000  # nodes after expanding aliases; the largest real scenario has a few hundred
MAX_DEPTH = 64

_T = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = _T + "str", _T + "int", _T + "float", _T + "bool", _T + "null"
SEQ, MAP, MERGE = _T + "seq", _T + "map", _T + "merge"
# Scalars with these tags are read as text: a date or a lone '=' is what the author typed.
TEXTUAL = frozenset({STR, _T + "timestamp", _T + "value"})
ALLOWED_TAGS = frozenset({STR, INT, FLOAT, BOOL, NULL, SEQ, MAP, _T + "timestamp", _T + "value"})

_CONSTRUCTOR = SafeConstructor()


def pos(node: Node) -> tuple[int, int]:
    """The node's 1-based (line, column)."""
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def short_tag(tag: str) -> str:
    return "!!" + tag[len(_T) :] if tag.startswith(_T) else tag


def type_name(node: Node) -> str:
    """What the author wrote, in words: used in "expected X, found Y" messages."""
    if isinstance(node, MappingNode):
        return "a mapping (key: value lines)"
    if isinstance(node, SequenceNode):
        return "a list"
    tag = node.tag
    if tag == NULL:
        return "nothing (an empty value)"
    if tag == BOOL:
        return f"true/false ({node.value})"
    if tag in (INT, FLOAT):
        return f"a number ({node.value})"
    return "text"


def scalar_int(node: ScalarNode) -> int:
    return _CONSTRUCTOR.construct_yaml_int(node)


def scalar_bool(node: ScalarNode) -> bool:
    return _CONSTRUCTOR.construct_yaml_bool(node)


def read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """The file's text, or one problem: unreadable, over 1 MB, or not UTF-8."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [
                Problem(
                    path,
                    1,
                    1,
                    f"the file is {size:,} bytes, over the 1 MB limit; "
                    "a scenario or lesson is a few kB: is this the right file?",
                )
            ]
        data = path.read_bytes()
    except OSError as error:
        return None, [Problem(path, 1, 1, f"cannot read the file: {error.strerror or error}")]
    if len(data) > MAX_BYTES:  # grew between stat and read
        return None, [Problem(path, 1, 1, "the file is over the 1 MB limit")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", "replace")) + 1
        bad = data[error.start]
        return None, [
            Problem(
                path,
                line,
                column,
                f"the file is not UTF-8 text (byte 0x{bad:02x}); save it with UTF-8 encoding",
            )
        ]
    return text.removeprefix("\ufeff"), []


def compose(text: str, path: Path, line_offset: int = 0) -> tuple[Node | None, list[Problem]]:
    """Compose one YAML document into nodes, or return exactly one problem.

    ``line_offset`` shifts reported lines (front matter inside a Markdown file). An empty
    document gives (None, []): the caller says what was expected.
    """
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(error, text, path, line_offset)]
    except yaml.reader.ReaderError as error:
        line, column = _line_col(text, error.position)
        return None, [
            Problem(
                path,
                line + line_offset,
                column,
                f"character {_describe(error.character)} is not allowed in YAML "
                f"({error.reason}); remove it",
            )
        ]
    except yaml.YAMLError:  # pragma: no cover - every libyaml error carries a mark
        return None, [Problem(path, 1 + line_offset, 1, GENERAL)]
    except RecursionError:  # pragma: no cover - libyaml caps nesting before Python does
        return None, [Problem(path, 1 + line_offset, 1, "the YAML is nested too deeply")]
    if node is None:
        return None, []
    # Without '&' there are no anchors (so no aliases), without '!' no tags, without '<<' no
    # merge keys: most files skip the graph walk.
    if "&" in text or "!" in text or "<<" in text:
        problem = check_graph(node, path, line_offset)
        if problem:
            return None, [problem]
    return node, []


def _describe(character: object) -> str:
    code = character if isinstance(character, int) else ord(str(character)[:1] or "?")
    return f"U+{code:04X}"


def _line_col(text: str, position: int) -> tuple[int, int]:
    before = text[:position]
    return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, path: Path, offset: int) -> Problem:
    found = describe(error, text, offset)
    return Problem(path, found.line + offset, found.column, found.message)


def check_graph(root: Node, path: Path, line_offset: int = 0) -> Problem | None:
    """Refuse non-standard tags, merge keys, recursive aliases, deep nesting and alias bombs.

    Counts the nodes a full expansion would visit, memoised per node, so a billion-laughs
    document costs as many steps as it has distinct nodes.
    """
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    # Iterative post-order walk: (node, depth, children_done)
    stack: list[tuple[Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            children = _children(node)
            size = 1 + sum(sizes[id(child)] for child in children)
            if size > MAX_NODES:
                line, column = pos(node)
                return Problem(
                    path,
                    line + line_offset,
                    column,
                    f"this value expands to more than {MAX_NODES:,} nodes through aliases "
                    "(an 'alias bomb'); write the content out instead of repeating *aliases",
                )
            sizes[key] = size
            continue
        if key in sizes:
            continue
        line, column = pos(node)
        if key in on_path:
            return Problem(
                path,
                line + line_offset,
                column,
                "an alias refers to the value that contains it (a recursive alias); remove it",
            )
        if node.tag not in ALLOWED_TAGS:
            if node.tag == MERGE:
                message = "merge keys ('<<') are not supported; write the keys out in full"
            else:
                message = (
                    f"the YAML tag {short_tag(node.tag)} is not allowed: scenario files are "
                    "plain data; remove the tag"
                )
            return Problem(path, line + line_offset, column, message)
        if depth > MAX_DEPTH:
            return Problem(
                path,
                line + line_offset,
                column,
                f"the YAML is nested more than {MAX_DEPTH} levels deep; flatten it",
            )
        on_path.add(key)
        stack.append((node, depth, True))
        for child in _children(node):
            if id(child) in on_path:
                line, column = pos(child)
                return Problem(
                    path,
                    line + line_offset,
                    column,
                    "an alias refers to the value that contains it (a recursive alias); remove it",
                )
            stack.append((child, depth + 1, False))
    return None


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, SequenceNode):
        items: list[Node] = node.value
        return items
    return []
