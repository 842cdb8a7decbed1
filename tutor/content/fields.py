"""Checking YAML nodes against a small spec of keys: the shared core of the scenario and lesson
validators. Every check reports at the node it is about, so problems carry exact positions.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from tutor.content.model import Problem
from tutor.content.yaml_nodes import (
    BOOL,
    INT,
    NULL,
    STR,
    TEXTUAL,
    pos,
    scalar_bool,
    scalar_int,
    type_name,
)

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ID_RULE = "lowercase letters a-z, digits 0-9 and '-', starting with a letter or digit"


class FileCheck:
    """The problems found in one file."""

    def __init__(self, path: Path, line_offset: int = 0) -> None:
        self.path = path
        self.line_offset = line_offset
        self.problems: list[Problem] = []
        # Errors that leave the part they are in readable (a key written twice: the first
        # one counts), so that part's own rules still run: their indexes in `problems`.
        self._contained: set[int] = set()

    def error(self, node: Node, message: str, severity: str = "error") -> None:
        line, column = pos(node)
        self.at(line, column, message, severity)

    def at(self, line: int, column: int, message: str, severity: str = "error") -> None:
        self.problems.append(Problem(self.path, line + self.line_offset, column, message, severity))

    def contained(self, node: Node, message: str) -> None:
        """An error that does not stop the rules of the part it is in."""
        self.error(node, message)
        self._contained.add(len(self.problems) - 1)

    def broken_since(self, start: int) -> bool:
        """Whether an error reported since `start` (a length of `problems`) breaks its part."""
        return any(
            problem.severity == "error" and index not in self._contained
            for index, problem in enumerate(self.problems[start:], start)
        )

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)


@dataclass(frozen=True)
class Key:
    name: str
    kind: str  # text | id | choice | int | bool | list | map | any
    required: bool = False
    choices: tuple[str, ...] = ()
    example: str = ""
    # What to write, for a required key: said the same way when it is missing or empty.
    purpose: str = ""


def missing(what: str, key: Key) -> str:
    """The message for a required key that is missing or has an empty value."""
    if key.purpose:
        return f"{what} has no '{key.name}': {key.purpose}"
    example = f" (for example '{key.example}')" if key.example else ""
    return f"{what} has no '{key.name}', a required key{example}"


def is_empty(node: Node) -> bool:
    """An empty value: nothing after the colon, '~', null, or blank text."""
    if type(node) is not ScalarNode:
        return False
    return node.tag == NULL or (node.tag in TEXTUAL and not node.value.strip())


@dataclass
class Fields:
    """A checked mapping: valid values by key name, and every present key's value node."""

    node: MappingNode
    values: dict[str, object] = field(default_factory=dict)
    nodes: dict[str, Node] = field(default_factory=dict)

    def get(self, name: str, default: object = None) -> object:
        value = self.values.get(name)
        return default if value is None else value

    def text(self, name: str) -> str | None:
        """A checked text (or id, or choice) value; None when absent or wrong."""
        value = self.values.get(name)
        return value if isinstance(value, str) else None


def name_of(check: FileCheck, node: Node, kind: str) -> str:
    """How messages name a host, service or question: by its id ("host 'web-vm'"), or by
    its line when the id is missing or not valid ("the host at line 12")."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if type(key) is ScalarNode and key.value == "id":
                if (
                    type(value) is ScalarNode
                    and value.tag in TEXTUAL
                    and ID_PATTERN.match(value.value)
                ):
                    return f"{kind} '{value.value}'"
                break
    return f"the {kind} at line {line_of(check, node)}"


def line_of(check: FileCheck, node: Node) -> int:
    """The node's line as the author sees it."""
    return pos(node)[0] + check.line_offset


def clip(text: str, limit: int = 40) -> str:
    """Quote at most `limit` characters of what the author wrote."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def suggestion(word: str, options: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if close:
        return f"; did you mean '{close[0]}'?"
    return "; allowed: " + ", ".join(options)


_SPECS: dict[int, tuple[tuple[Key, ...], dict[str, Key], tuple[Key, ...]]] = {}


def check_mapping(check: FileCheck, node: Node, keys: tuple[Key, ...], what: str) -> Fields | None:
    """Check a mapping's keys (duplicates, unknown, missing or empty) and each value's type.

    A key written twice is an error at the second one; the first one counts, and the mapping
    stays readable (``FileCheck.contained``), so the rest of the file is still checked."""
    if not isinstance(node, MappingNode):
        check.error(node, f"{what} must be a mapping (key: value lines), found {type_name(node)}")
        return None
    cached = _SPECS.get(id(keys))
    if cached is None or cached[0] is not keys:
        required_keys = tuple(key for key in keys if key.required)
        cached = _SPECS[id(keys)] = (keys, {key.name: key for key in keys}, required_keys)
    _, spec, required = cached
    fields = Fields(node)
    values, nodes = fields.values, fields.nodes
    first_seen: dict[str, Node] = {}
    suggested: set[str] = set()  # a misspelt key is reported once, not again as missing
    for key_node, value_node in node.value:
        if type(key_node) is not ScalarNode:
            check.error(
                key_node, f"a key in {what} must be a plain word, found {type_name(key_node)}"
            )
            continue
        name = key_node.value
        if name in first_seen:
            line = pos(first_seen[name])[0]
            check.contained(
                key_node,
                f"duplicate key '{name}' in {what} (first at line {line + check.line_offset}); "
                "YAML would silently keep only the last one: remove one of them",
            )
            continue
        first_seen[name] = key_node
        key = spec.get(name)
        if key is None:
            hint = suggestion(name, list(spec))
            check.error(key_node, f"unknown key '{clip(name)}' in {what}" + hint)
            suggested.add(hint.split("'")[1] if "did you mean" in hint else "")
            continue
        nodes[name] = value_node
        kind = key.kind
        if key.required and is_empty(value_node):
            check.error(value_node, missing(what, key))
            values[name] = None
        elif (
            kind == "text"
            and type(value_node) is ScalarNode
            and value_node.tag == STR
            and value_node.value.strip()
        ):
            values[name] = value_node.value  # the common case, without building messages
        else:
            values[name] = check_value(check, value_node, key, f"'{name}' of {what}")
    for key in required:
        if key.name not in first_seen and key.name not in suggested:
            check.error(node, missing(what, key))
    return fields


def check_value(check: FileCheck, node: Node, key: Key, what: str) -> object:
    """The value as Python data, or None after reporting why it is wrong."""
    kind = key.kind
    if kind == "any":
        return node
    if kind == "list":
        if isinstance(node, SequenceNode):
            return node.value
        check.error(node, f"{what} must be a list, found {type_name(node)}")
        return None
    if kind == "map":
        return node  # checked by check_mapping where it is used
    if not isinstance(node, ScalarNode):
        expected = {"int": "a whole number", "bool": "true or false"}.get(kind, "text")
        check.error(node, f"{what} must be {expected}, found {type_name(node)}")
        return None
    if kind == "int":
        if node.tag != INT:
            check.error(node, f"{what} must be a whole number, found {type_name(node)}")
            return None
        return scalar_int(node)
    if kind == "bool":
        if node.tag != BOOL:
            check.error(node, f"{what} must be true or false, found {type_name(node)}")
            return None
        return scalar_bool(node)
    text = text_value(check, node, what)
    if text is None:
        return None
    if kind == "id" and not ID_PATTERN.match(text):
        check.error(node, f"{what} is '{clip(text)}', which is not a valid id: use {ID_RULE}")
        return None
    if kind == "choice" and text not in key.choices:
        check.error(
            node,
            f"{what} is '{clip(text)}', which is not one of: {', '.join(key.choices)}"
            + _close(text, key),
        )
        return None
    return text


def _close(text: str, key: Key) -> str:
    close = difflib.get_close_matches(text, key.choices, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def text_value(check: FileCheck, node: Node, what: str) -> str | None:
    if not isinstance(node, ScalarNode) or node.tag not in TEXTUAL:
        hint = "; put it in quotes to make it text" if isinstance(node, ScalarNode) else ""
        if isinstance(node, ScalarNode) and node.tag.endswith(":null"):
            check.error(node, f"{what} is empty: write a value or remove the key")
            return None
        check.error(node, f"{what} must be text, found {type_name(node)}{hint}")
        return None
    text: str = node.value
    if not text.strip():
        check.error(node, f"{what} is empty: write a value or remove the key")
        return None
    return text


def check_list(
    check: FileCheck,
    fields: Fields,
    name: str,
    what: str,
    minimum: int = 0,
    maximum: int | None = None,
) -> list[Node]:
    """The items of a list-valued key, after checking how many there are."""
    items = fields.values.get(name)
    if not isinstance(items, list):
        return []
    node = fields.nodes[name]
    if len(items) < minimum:
        need = "at least one item" if minimum == 1 else f"at least {minimum} items"
        check.error(node, f"'{name}' of {what} needs {need}, found {len(items)}")
    elif maximum is not None and len(items) > maximum:
        check.error(node, f"'{name}' of {what} has {len(items)} items; at most {maximum} allowed")
    return items
