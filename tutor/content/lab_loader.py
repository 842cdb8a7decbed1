"""Lab steps (`- lab:`): from YAML nodes to `lab_spec.Lab`, checked against the contract in
lab_spec.py: the lab's own keys, then each check's kind and the parameters of that kind.

The lab runner (tutor.labs) can then trust every check it is given: a known kind, every
required parameter there, `at-least` a whole number of 0 or more, `expect` a placement.
"""

from __future__ import annotations

import difflib

from yaml.nodes import MappingNode, Node, ScalarNode

from tutor.content.fields import (
    FileCheck,
    Key,
    check_list,
    check_mapping,
    check_value,
    clip,
    is_empty,
    line_of,
    missing,
    name_of,
)
from tutor.content.lab_spec import CHECK_KINDS, PLACEMENTS, Lab, LabCheck, Param
from tutor.content.yaml_nodes import TEXTUAL, pos, type_name

LAB_KEYS = (
    Key("id", "id", True, example="id: app-user"),
    Key(
        "title",
        "text",
        True,
        purpose="write the title shown above the task (for example "
        "'title: A database and a user for the app')",
    ),
    Key(
        "task",
        "text",
        True,
        purpose="say what the learner does on their own machine (Markdown, with the commands)",
    ),
    Key("hint", "text"),
    Key(
        "explain",
        "text",
        True,
        purpose="say why it matters (shown when every check passes)",
    ),
    Key(
        "checks",
        "list",
        True,
        purpose="list what tutor verifies, at least one check (for example "
        "'checks: [{check: mysql-login}]')",
    ),
)
CHECK_KEY = Key(
    "check",
    "choice",
    True,
    tuple(CHECK_KINDS),
    purpose="name what it verifies (for example 'check: mysql-login')",
)
# A value to show in "for example" when a required parameter is missing.
_EXAMPLES = {
    "source": "DATABASE_URL",
    "expect": "internal",
    "database": "shop",
    "table": "products",
    "at-least": "3",
    "path": ".env",
}
_NAME_EXAMPLES = {"env-var": "DATABASE_URL", "mysql-database": "shop"}


def _param_key(kind: str, param: Param) -> Key:
    example = _NAME_EXAMPLES.get(kind, "") if param.name == "name" else _EXAMPLES.get(param.name)
    written = f"{param.name}: {example}" if example else ""
    if param.kind == "int":
        return Key(param.name, "int", param.required, example=written)
    if param.kind == "placement":
        return Key(param.name, "choice", param.required, PLACEMENTS, example=written)
    return Key(param.name, "text", param.required, example=written)


# Each kind's keys, built once: check_mapping caches a spec by the tuple's identity.
_KIND_KEYS: dict[str, tuple[Key, ...]] = {
    kind: (CHECK_KEY, *(_param_key(kind, param) for param in params))
    for kind, (params, _) in CHECK_KINDS.items()
}

# A lab's id and its node, for the scenario's unique-id rule.
LabIds = list[tuple[str, Node]]


def load_lab(check: FileCheck, node: Node, lab_ids: LabIds) -> Lab | None:
    """The lab, or None when any part of it is wrong. Its id goes into `lab_ids` whenever it
    is valid, so that a repeated id is reported even while another part is broken."""
    errors_before = len(check.problems)
    name = name_of(check, node, "lab")
    fields = check_mapping(check, node, LAB_KEYS, name)
    if fields is None:
        return None
    lab_id = fields.text("id")
    if lab_id is not None:
        lab_ids.append((lab_id, fields.nodes["id"]))
    checks = []
    for number, item in enumerate(check_list(check, fields, "checks", name, 1), 1):
        lab_check = _check(check, item, f"check {number} of {name}")
        if lab_check is not None:
            checks.append(lab_check)
    required = ("title", "task", "explain")
    if lab_id is None or any(fields.text(key) is None for key in required) or not checks:
        return None
    if check.broken_since(errors_before):
        return None
    return Lab(
        id=lab_id,
        title=str(fields.values["title"]),
        task=str(fields.values["task"]),
        explain=str(fields.values["explain"]),
        checks=tuple(checks),
        hint=fields.text("hint"),
    )


def _check(check: FileCheck, node: Node, what: str) -> LabCheck | None:
    """One check: its kind first (which decides the parameters it may have), then those."""
    if not isinstance(node, MappingNode):
        check.error(node, f"{what} must be a mapping (key: value lines), found {type_name(node)}")
        return None
    kind_node = next(
        (v for k, v in node.value if type(k) is ScalarNode and k.value == "check"), None
    )
    if kind_node is None:
        _no_kind(check, node, what)
        return None
    if is_empty(kind_node):
        check.error(kind_node, missing(what, CHECK_KEY))
        return None
    if type(kind_node) is not ScalarNode or kind_node.tag not in TEXTUAL:
        check_value(check, kind_node, CHECK_KEY, f"'check' of {what}")  # says what is wrong
        return None
    kind = kind_node.value
    if kind not in CHECK_KINDS:
        close = difflib.get_close_matches(kind, list(CHECK_KINDS), n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(CHECK_KINDS)
        check.error(kind_node, f"unknown check kind '{clip(kind)}' in {what}; {hint}")
        return None
    what = f"{what} ({kind})"
    fields = check_mapping(check, node, _KIND_KEYS[kind], what)
    if fields is None:
        return None
    params: dict[str, str | int] = {}
    ok = True
    for param in CHECK_KINDS[kind][0]:
        value = fields.values.get(param.name)
        if param.name not in fields.nodes:
            continue
        if value is None:
            ok = False
        elif isinstance(value, int) and not isinstance(value, bool):
            if value < 0:
                check.error(
                    fields.nodes[param.name],
                    f"'{param.name}' of {what} is {value}: write a whole number, 0 or more",
                )
                ok = False
            params[param.name] = value
        else:
            params[param.name] = str(value)
    if not ok or any(p.required and p.name not in params for p in CHECK_KINDS[kind][0]):
        return None
    return LabCheck(kind, params, line_of(check, node))


def _no_kind(check: FileCheck, node: MappingNode, what: str) -> None:
    """A check without `check:`: a key that looks like it is reported as misspelt, otherwise
    the missing key at the check's first line."""
    for key_node, _ in node.value:
        if type(key_node) is not ScalarNode:
            continue
        word = key_node.value
        if word == "kind" or difflib.get_close_matches(word, ["check"], n=1, cutoff=0.6):
            check.error(key_node, f"unknown key '{clip(word)}' in {what}; did you mean 'check'?")
            return
    check.error(node, missing(what, CHECK_KEY) + "; kinds: " + ", ".join(CHECK_KINDS))


def check_unique_ids(check: FileCheck, question_ids: LabIds, lab_ids: LabIds) -> None:
    """A lab's id is unique among the scenario's questions and labs (progress is keyed on it).
    Reported at the later of the two; two questions with one id are scenario_rules' to say."""
    items = sorted(
        [(pos(node), "question", item_id, node) for item_id, node in question_ids]
        + [(pos(node), "lab", item_id, node) for item_id, node in lab_ids],
        key=lambda item: item[0],
    )
    seen: dict[str, tuple[str, Node]] = {}
    for _, what, item_id, node in items:
        if item_id not in seen:
            seen[item_id] = (what, node)
            continue
        first_what, first_node = seen[item_id]
        if what == first_what == "question":
            continue
        line = line_of(check, first_node)
        check.error(
            node,
            f"{what} id '{item_id}' is already used by the {first_what} at line {line}; "
            "the ids of a scenario's questions and labs must all be different: rename one",
        )
