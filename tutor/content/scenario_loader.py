"""Scenario files: from YAML nodes to the model, checking every key, type and allowed value.

The semantic and quality rules (unique ids, links, placement agreement, best practice,
feedback) live in scenario_rules.py; lab steps in lab_loader.py; cross-file rules (the lesson
reference, unique scenario ids across a pack) in validator.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from tutor.content import lab_loader, scenario_rules
from tutor.content.fields import (
    FileCheck,
    Key,
    check_list,
    check_mapping,
    line_of,
    name_of,
    text_value,
)
from tutor.content.item_checks import QuestionSpots, ScenarioSpots
from tutor.content.model import (
    ENVIRONMENTS,
    HOST_KINDS,
    PLACEMENTS,
    QUESTION_KINDS,
    SERVICE_KINDS,
    Choice,
    Host,
    LabStep,
    Link,
    Problem,
    Question,
    QuestionStep,
    Scenario,
    Service,
    Step,
    TextStep,
    Topology,
)
from tutor.content.scenario_rules import HostNodes
from tutor.content.template import TEMPLATE_PLACEHOLDER
from tutor.content.yaml_nodes import compose, pos, read_text

SCENARIO_KEYS = (
    Key("id", "id", True, example="id: prod-managed-mysql"),
    Key(
        "title",
        "text",
        True,
        purpose="write the title shown in lists and as the heading (for example "
        "'title: Going live')",
    ),
    Key("environment", "choice", True, ENVIRONMENTS, example="environment: production"),
    Key(
        "summary",
        "text",
        True,
        purpose="write what the learner reads first (for example "
        "'summary: The app is ready for real users.')",
    ),
    Key("lesson", "id"),
    Key("tags", "list"),
    Key("hosts", "list", True, example="hosts: [{id: laptop, label: Your laptop, services: ...}]"),
    Key("links", "list"),
    Key("steps", "list", True, example="steps: [{text: ...}, {question: ...}]"),
)
HOST_KEYS = (
    Key("id", "id", True, example="id: web-vm"),
    Key(
        "label",
        "text",
        True,
        purpose="write the name the diagram shows (for example 'label: Load-balanced VM')",
    ),
    Key("kind", "choice", False, HOST_KINDS),
    Key("services", "list", True, example="services: [{id: app, label: MVC app, kind: app}]"),
)
SERVICE_KEYS = (
    Key("id", "id", True, example="id: db"),
    Key(
        "label",
        "text",
        True,
        purpose="write the name the diagram shows (for example 'label: MySQL')",
    ),
    Key("kind", "choice", True, SERVICE_KINDS, example="kind: relational-database"),
)
LINK_KEYS = (
    Key("from", "id", True, example="from: app"),
    Key("to", "id", True, example="to: db"),
)
STEP_KEYS = (Key("text", "text"), Key("question", "map"), Key("lab", "map"))
QUESTION_KEYS = (
    Key("id", "id", True, example="id: where-db"),
    Key("kind", "choice", True, QUESTION_KINDS, example="kind: placement"),
    Key(
        "prompt",
        "text",
        True,
        purpose="write the question the learner answers (for example "
        "'prompt: Should MySQL be internal or external?')",
    ),
    Key("service", "id"),
    Key("answer", "choice", False, PLACEMENTS),
    Key("app", "id"),
    Key("choices", "list"),
    Key("hint", "text"),
    Key(
        "explain",
        "text",
        True,
        purpose="say why the answer is right (shown after any answer)",
    ),
)
CHOICE_KEYS = (
    Key(
        "text",
        "text",
        True,
        purpose="write the option the learner can pick (for example "
        "'text: The data survives the loss of the VM')",
    ),
    Key("correct", "bool"),
    Key("feedback", "text"),
)


@dataclass
class ScenarioRefs:
    """Where the scenario's id and lesson reference are, for the pack's cross-file checks."""

    id: str | None = None
    id_pos: tuple[int, int] = (1, 1)
    lesson: str | None = None
    lesson_pos: tuple[int, int] = (1, 1)


@dataclass
class ScenarioResult:
    scenario: Scenario | None
    problems: list[Problem]
    refs: ScenarioRefs
    # Where its labels and questions are, for the item-writing checks (None: did not parse).
    spots: ScenarioSpots | None = None


def load_scenario(path: Path) -> ScenarioResult:
    """Read, parse and check one scenario file. The scenario is None when it has errors."""
    refs = ScenarioRefs()
    text, problems = read_text(path)
    if text is None:
        return ScenarioResult(None, problems, refs)
    root, problems = compose(text, path)
    if problems:
        return ScenarioResult(None, problems, refs)
    check = FileCheck(path)
    if root is None:
        check.at(
            1,
            1,
            "the file is empty: a scenario needs id, title, environment, summary, "
            "hosts and steps (run 'tutor new scenario ID' for a template)",
        )
        return ScenarioResult(None, check.problems, refs)
    if "TODO" in text:  # a plain substring test first: the regex costs ~50 µs a file
        _placeholders(check, root, text.splitlines())
    spots = ScenarioSpots(path)
    scenario = _scenario(check, root, path, refs, spots)
    if check.has_errors:
        scenario = None
    return ScenarioResult(scenario, check.problems, refs, spots)


def _placeholders(check: FileCheck, root: Node, lines: list[str]) -> None:
    """Text that `tutor new`'s template left for the author to replace is an error, reported
    at the line that holds it (inside a block of text, too)."""
    stack = [root]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:  # an alias is the same node again
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            match = TEMPLATE_PLACEHOLDER.search(node.value)
            if match is None:
                continue
            line, column = pos(node)
            if node.style in ("|", ">"):  # a block: its text starts on the next line
                line += 1 + node.value[: match.start()].count("\n")
                source = lines[line - 1] if line <= len(lines) else ""
                column = len(source) - len(source.lstrip()) + 1
            check.at(
                line,
                column,
                "this text is still the template's placeholder ('TODO'): write your own text here",
            )
        elif isinstance(node, SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, MappingNode):
            stack.extend(value for _, value in reversed(node.value))


def _scenario(
    check: FileCheck, root: Node, path: Path, refs: ScenarioRefs, spots: ScenarioSpots
) -> Scenario | None:
    fields = check_mapping(check, root, SCENARIO_KEYS, "the scenario")
    if fields is None:
        return None
    if isinstance(scenario_id := fields.values.get("id"), str):
        refs.id, refs.id_pos = scenario_id, pos(fields.nodes["id"])
    if "title" in fields.nodes:
        spots.title = pos(fields.nodes["title"])
    if isinstance(lesson_id := fields.values.get("lesson"), str):
        refs.lesson, refs.lesson_pos = lesson_id, pos(fields.nodes["lesson"])
    tags = []
    for item in check_list(check, fields, "tags", "the scenario"):
        tag = text_value(check, item, "a tag")
        if tag is not None:
            tags.append(tag)
    errors_before_topology = len(check.problems)
    hosts = [
        host
        for item in check_list(check, fields, "hosts", "the scenario", 1)
        if (host := _host(check, item, spots)) is not None
    ]
    links = [
        link
        for item in check_list(check, fields, "links", "the scenario")
        if (link := _link(check, item)) is not None
    ]
    topology_complete = not check.broken_since(errors_before_topology)
    steps: list[Step] = []
    question_nodes: list[tuple[Question, dict[str, Node]]] = []
    lab_ids: lab_loader.LabIds = []
    for item in check_list(check, fields, "steps", "the scenario", 1):
        step = _step(check, item, question_nodes, lab_ids)
        if step is not None:
            steps.append(step)
    lab_loader.check_unique_ids(check, [(q.id, n["id"]) for q, n in question_nodes], lab_ids)
    for question, nodes in question_nodes:
        spots.questions[question.id] = QuestionSpots(
            prompt=pos(nodes["prompt"]),
            hint=pos(nodes["hint"]) if "hint" in nodes else None,
            choices=tuple(pos(nodes[f"text:{n}"]) for n in range(len(question.choices))),
        )
    # The rules below run even when a top-level field is wrong, so that one run reports every
    # problem the file has: fixing a misspelt environment should not uncover another error.
    environment = fields.values.get("environment")
    scenario = Scenario(
        id=str(fields.values.get("id") or ""),
        title=str(fields.values.get("title") or ""),
        environment=str(environment or ""),
        summary=str(fields.values.get("summary") or ""),
        topology=Topology(tuple(h[0] for h in hosts), tuple(link[0] for link in links)),
        steps=tuple(steps),
        lesson=refs.lesson,
        tags=tuple(tags),
        path=path,
    )
    scenario_rules.check_scenario(
        check, scenario, fields, hosts, links, question_nodes, topology_complete
    )
    return None if check.has_errors else scenario


def _host(check: FileCheck, node: Node, spots: ScenarioSpots) -> HostNodes | None:
    name = name_of(check, node, "host")
    fields = check_mapping(check, node, HOST_KEYS, name)
    if fields is None:
        return None
    services, id_nodes = [], []
    for item in check_list(check, fields, "services", name, 1):
        service_fields = check_mapping(check, item, SERVICE_KEYS, name_of(check, item, "service"))
        if service_fields is None:
            continue
        values = [service_fields.values.get(k) for k in ("id", "label", "kind")]
        if None not in values:
            services.append(Service(*(str(v) for v in values)))
            id_nodes.append(service_fields.nodes["id"])
            spots.service_labels[str(values[0])] = pos(service_fields.nodes["label"])
    if None in (fields.values.get("id"), fields.values.get("label")):
        return None
    spots.host_labels[str(fields.values["id"])] = pos(fields.nodes["label"])
    host = Host(
        str(fields.values["id"]),
        str(fields.values["label"]),
        str(fields.get("kind", "server")),
        tuple(services),
    )
    return host, fields.nodes["id"], id_nodes


def _link(check: FileCheck, node: Node) -> tuple[Link, dict[str, Node]] | None:
    fields = check_mapping(check, node, LINK_KEYS, f"the link at line {line_of(check, node)}")
    if fields is None or None in (fields.values.get("from"), fields.values.get("to")):
        return None
    return Link(str(fields.values["from"]), str(fields.values["to"])), fields.nodes


def _step(
    check: FileCheck,
    node: Node,
    question_nodes: list[tuple[Question, dict[str, Node]]],
    lab_ids: lab_loader.LabIds,
) -> Step | None:
    name = f"the step at line {line_of(check, node)}"
    fields = check_mapping(check, node, STEP_KEYS, name)
    if fields is None:
        return None
    present = [key.name for key in STEP_KEYS if key.name in fields.nodes]
    if len(present) > 1:
        check.error(
            fields.nodes[present[1]],
            f"{name} has both '{present[0]}' and '{present[1]}': make them two steps",
        )
        return None
    if "text" in fields.nodes:
        text = fields.values.get("text")
        return TextStep(str(text)) if text is not None else None
    if "lab" in fields.nodes:
        lab = lab_loader.load_lab(check, fields.nodes["lab"], lab_ids)
        return LabStep(lab) if lab is not None else None
    if "question" not in fields.nodes:
        if not fields.nodes:  # no known key at all
            check.error(node, f"{name} needs 'text', 'question' or 'lab'")
        return None
    question = _question(check, fields.nodes["question"])
    if question is None:
        return None
    question_nodes.append(question)
    return QuestionStep(question[0])


def _question(check: FileCheck, node: Node) -> tuple[Question, dict[str, Node]] | None:
    """The question, or None when any part of it is wrong (its rules would then report
    consequences of that error, not problems of their own)."""
    errors_before = len(check.problems)
    name = name_of(check, node, "question")
    fields = check_mapping(check, node, QUESTION_KEYS, name)
    if fields is None:
        return None
    qid = fields.values.get("id")
    kind = fields.values.get("kind")
    ok = True
    if kind == "placement":
        for key in ("service", "answer"):
            if key not in fields.nodes:
                check.error(node, f"{name} is a placement question: it needs '{key}'")
                ok = False
        if "choices" in fields.nodes:
            check.error(
                fields.nodes["choices"],
                f"{name} is a placement question: 'choices' only apply to choice and multi; "
                "remove them or change 'kind'",
            )
            ok = False
    elif kind in ("choice", "multi"):
        for key in ("service", "answer"):
            if key in fields.nodes:
                check.error(
                    fields.nodes[key],
                    f"'{key}' only applies to placement questions; remove it from {name} "
                    "or change 'kind' to placement",
                )
                ok = False
        if "choices" not in fields.nodes:
            check.error(node, f"{name} is a {kind} question: it needs 'choices' (2 to 8)")
            ok = False
    choices = []
    for number, item in enumerate(check_list(check, fields, "choices", name, 2, 8), 1):
        choice_fields = check_mapping(check, item, CHOICE_KEYS, f"choice {number} of {name}")
        if choice_fields is None or choice_fields.values.get("text") is None:
            ok = False
            continue
        choices.append(
            (
                Choice(
                    str(choice_fields.values["text"]),
                    bool(choice_fields.get("correct", False)),
                    choice_fields.text("feedback"),
                ),
                choice_fields,
            )
        )
    required = ("id", "kind", "prompt", "explain")
    if not ok or kind is None or any(fields.values.get(k) is None for k in required):
        return None
    if check.broken_since(errors_before):
        return None
    question = Question(
        id=str(qid),
        kind=str(kind),
        prompt=str(fields.values["prompt"]),
        explain=str(fields.values["explain"]),
        hint=fields.text("hint"),
        service=fields.text("service"),
        answer=fields.text("answer"),
        choices=tuple(c for c, _ in choices),
        app=fields.text("app"),
    )
    nodes = dict(fields.nodes)
    nodes["_mapping"] = node
    for number, (_, choice_fields) in enumerate(choices):
        nodes[f"choice:{number}"] = choice_fields.node
        if "correct" in choice_fields.nodes:
            nodes[f"correct:{number}"] = choice_fields.nodes["correct"]
        nodes[f"text:{number}"] = choice_fields.nodes["text"]
    return question, nodes
