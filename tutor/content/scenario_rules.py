"""The rules a structurally valid scenario must also follow, within its one file.

Topology: unique host, service and question ids; links between existing services; placement
questions about an existing backing service, answered as the topology shows it.
Teaching quality: placement answers follow the environment's best practice (unless tagged),
choice counts, feedback on every wrong choice, no "all/none of the above".
"""

from __future__ import annotations

import re

from yaml.nodes import Node

from tutor.content.fields import Fields, FileCheck, suggestion
from tutor.content.model import BEST_PRACTICE, Host, Link, Question, Scenario, Topology
from tutor.content.yaml_nodes import pos

# A host, its id node and its services' id nodes (for positions in cross-checks).
HostNodes = tuple[Host, Node, list[Node]]
# Tags that allow a placement answer to depart from the environment's best practice.
EXEMPT_TAGS = ("trade-off", "education-only")
# On a staging scenario: this project's production keeps the service internal, so staging does.
INTERNAL_PRODUCTION_TAG = "internal-production"
MIN_CHOICES, MAX_CHOICES = 2, 8
# What does not make two choices read differently (`same_reading`).
_END_PUNCTUATION = ".!?;:, "
_QUOTE_PAIRS = (('"', '"'), ("'", "'"), ("`", "`"), ("\u201c", "\u201d"), ("\u2018", "\u2019"))
_OF_THE_ABOVE = re.compile(
    r"\b(all|none|both|neither|any) of (the )?(above|below|these|those|others|the others)\b",
    re.IGNORECASE,
)


def same_reading(text: str) -> str:
    """A choice's text as a reader takes it in: case, spacing, end punctuation (. ! ? ; : ,)
    and wrapping quotes or backticks do not make two choices different."""
    spaced = " ".join(text.split()).lower()
    text = spaced
    while True:
        before = text
        text = text.rstrip(_END_PUNCTUATION).strip()
        for opening, closing in _QUOTE_PAIRS:
            if len(text) >= 2 and text.startswith(opening) and text.endswith(closing):
                text = text[len(opening) : -len(closing)].strip()
        if text == before:
            return text or spaced  # all punctuation: compared as written


def expected_placement(environment: str, tags: tuple[str, ...] | list[str]) -> str:
    """The best-practice placement for a scenario: staging mirrors its production."""
    if environment == "staging":
        return "internal" if INTERNAL_PRODUCTION_TAG in tags else "external"
    return BEST_PRACTICE[environment]


def check_scenario(
    check: FileCheck,
    scenario: Scenario,
    fields: Fields,
    hosts: list[HostNodes],
    links: list[tuple[Link, dict[str, Node]]],
    questions: list[tuple[Question, dict[str, Node]]],
    topology_complete: bool = True,
) -> None:
    """Every rule of one scenario. With an incomplete topology (a host, service or link that
    did not parse) the topology rules are skipped: their findings would be guesses."""
    _unique(check, [(q.id, nodes["id"]) for q, nodes in questions], "question")
    for question, nodes in questions:
        if question.kind != "placement":
            _choices(check, question, nodes)
            if "app" in nodes:
                check.error(
                    nodes["app"],
                    f"'app' only applies to placement questions; remove it from question "
                    f"'{question.id}' or change 'kind' to placement",
                )
    if not topology_complete:
        return
    hosts_unique = _unique(check, [(h.id, node) for h, node, _ in hosts], "host")
    services = [
        (s.id, node) for h, _, nodes in hosts for s, node in zip(h.services, nodes, strict=True)
    ]
    if not _unique(check, services, "service"):
        return  # links and placements would be ambiguous
    links_ok = _links(check, scenario.topology, links)
    # With a host id twice or a link broken, who runs beside whom would be a guess.
    judge_placement = hosts_unique and links_ok
    for question, nodes in questions:
        if question.kind == "placement":
            _placement(check, scenario, question, nodes, judge_placement)


def _unique(check: FileCheck, items: list[tuple[str, Node]], what: str) -> bool:
    """Report repeated ids; True when they are all unique."""
    seen: dict[str, Node] = {}
    unique = True
    for item_id, node in items:
        if item_id in seen:
            line = pos(seen[item_id])[0] + check.line_offset
            check.error(
                node,
                f"{what} id '{item_id}' is used twice in this scenario (first at line {line}); "
                f"{what} ids must be unique: rename one",
            )
            unique = False
        else:
            seen[item_id] = node
    return unique


def _links(check: FileCheck, topology: Topology, links: list[tuple[Link, dict[str, Node]]]) -> bool:
    """Report broken and repeated links; True when every link joins two existing services."""
    service_ids = [s.id for s in topology.services()]
    seen: dict[frozenset[str], int] = {}
    all_ok = True
    for link, nodes in links:
        ok = True
        for key, target in (("from", link.source), ("to", link.target)):
            if target not in service_ids:
                check.error(
                    nodes[key],
                    f"link {key} '{target}': no service has this id"
                    + suggestion(target, service_ids),
                )
                ok = False
        if not ok:
            all_ok = False
            continue
        if link.source == link.target:
            check.error(nodes["to"], f"a link from '{link.source}' to itself: link two services")
            all_ok = False
            continue
        pair = frozenset((link.source, link.target))
        if pair in seen:
            check.error(
                nodes["from"],
                f"'{link.source}' and '{link.target}' are already linked (line {seen[pair]}); "
                "remove the repeated link",
            )
        else:
            seen[pair] = pos(nodes["from"])[0] + check.line_offset
    return all_ok


def _placement(
    check: FileCheck,
    scenario: Scenario,
    question: Question,
    nodes: dict[str, Node],
    judge_placement: bool = True,
) -> None:
    topology = scenario.topology
    service_id = question.service or ""
    service = topology.service(service_id)
    app_ok = question.app is None or _app_known(check, topology, question, nodes["app"])
    if service is None:
        ids = [s.id for s in topology.services() if s.kind != "app"]
        check.error(
            nodes["service"],
            f"question '{question.id}' places service '{service_id}', which is not in the "
            "topology" + suggestion(service_id, ids),
        )
        return
    if service.kind == "app":
        check.error(
            nodes["service"],
            f"question '{question.id}' places '{service_id}', an app: a placement question "
            "places a backing service (a database, cache, secrets store, ...)",
        )
        return
    if judge_placement:
        if not app_ok:
            return  # whose point of view is unknown: the answer cannot be judged
        actual = topology.placement_of(service_id)
        if actual == "unused":
            check.error(nodes["service"], _unused(topology, question, service_id))
            return
        if question.app is not None:
            if question.app not in {app.id for app in topology.apps_using(service_id)}:
                check.error(nodes["app"], _app_unused(topology, question, service_id))
                return
            actual = topology.placement_of(service_id, question.app)
        elif actual == "shared":
            check.error(nodes["service"], _shared(topology, question, service_id))
            return
        if question.answer != actual:
            check.error(nodes["answer"], _disagreement(topology, question, service_id))
            return
    if any(tag in scenario.tags for tag in EXEMPT_TAGS) or scenario.environment not in (
        *BEST_PRACTICE,
        "staging",
    ):
        return  # a departure by design, or no valid environment to judge it by
    expected = expected_placement(scenario.environment, scenario.tags)
    if question.answer != expected:
        if scenario.environment == "staging":
            why = (
                "staging mirrors production, which is external unless the scenario carries "
                f"the tag '{INTERNAL_PRODUCTION_TAG}'"
                if expected == "external"
                else f"the tag '{INTERNAL_PRODUCTION_TAG}' says production is internal, "
                "and staging mirrors it"
            )
        else:
            why = f"the best practice for {scenario.environment} is {expected}"
        check.error(
            nodes["answer"],
            f"answer '{question.answer}' departs from the best practice: {why}; follow it, or "
            "tag the scenario 'trade-off' (a deliberate trade-off) or 'education-only'",
        )


def _app_known(check: FileCheck, topology: Topology, question: Question, node: Node) -> bool:
    """Report an `app:` that names no service, or a service that is not an app; True when it
    names an app of the topology."""
    app_id = question.app or ""
    service = topology.service(app_id)
    apps = [s.id for s in topology.services() if s.kind == "app"]
    if service is None:
        check.error(
            node,
            f"question '{question.id}' asks from the point of view of app '{app_id}', which "
            "is not in the topology" + suggestion(app_id, apps),
        )
        return False
    if service.kind != "app":
        names = ", ".join(f"'{a}'" for a in apps) or "none"
        check.error(
            node,
            f"'app: {app_id}' names a {service.kind}, not an app: 'app' names the app from "
            f"whose point of view the question asks (the apps here: {names})",
        )
        return False
    return True


def _app_unused(topology: Topology, question: Question, service_id: str) -> str:
    users = _apps_and_hosts(topology, service_id)
    return (
        f"'app: {question.app}' does not use '{service_id}' (no link joins them), so the "
        f"question cannot be asked from its point of view; name an app that uses it ({users}), "
        f"or add a link {{from: {question.app}, to: {service_id}}}"
    )


def _apps_and_hosts(topology: Topology, service_id: str) -> str:
    """The apps that use a service, each with its host: "'web' on 'web-vm', 'worker' on ..."."""
    return ", ".join(
        f"'{app.id}' on '{host.id}'" for app, host in topology.app_hosts_of(service_id)
    )


def _shared(topology: Topology, question: Question, service_id: str) -> str:
    """Why a placement question about a service shared across hosts needs `app:`."""
    host = topology.host_of(service_id)
    assert host is not None
    pairs = topology.app_hosts_of(service_id)
    beside = [app.id for app, app_host in pairs if app_host.id == host.id]
    away = [app.id for app, app_host in pairs if app_host.id != host.id]
    return (
        f"question '{question.id}' places '{service_id}', which apps on different hosts use "
        f"({_apps_and_hosts(topology, service_id)}): on host '{host.id}', it is internal to "
        f"{_names(beside)} and external to {_names(away)}; say whose point of view the "
        f"question takes with 'app:', e.g. 'app: {away[0]}'"
    )


def _names(ids: list[str]) -> str:
    quoted = [f"'{item}'" for item in ids]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _disagreement(topology: Topology, question: Question, service_id: str) -> str:
    host = topology.host_of(service_id)
    assert host is not None
    start = f"answer '{question.answer}' disagrees with the topology: "
    if question.app is not None:
        app_host = topology.host_of(question.app)
        assert app_host is not None
        if question.answer == "external":
            return start + (
                f"'{service_id}' runs on host '{host.id}' together with the app "
                f"'{question.app}', which makes it internal to that app; answer internal, "
                "or move the service to another host"
            )
        return start + (
            f"'{service_id}' runs on host '{host.id}' and the app '{question.app}' on "
            f"'{app_host.id}', so it is external to that app; answer external, or move it "
            f"onto '{app_host.id}'"
        )
    apps = [(app.id, app_host.id) for app, app_host in topology.app_hosts_of(service_id)]
    if question.answer == "external":
        same = [app_id for app_id, host_id in apps if host_id == host.id]
        return start + (
            f"'{service_id}' runs on host '{host.id}' together with the app "
            f"'{same[0]}' that uses it, which makes it internal; answer internal, "
            "or move the service to a host of its own"
        )
    where = ", ".join(f"'{app_id}' on '{host_id}'" for app_id, host_id in apps)
    return start + (
        f"'{service_id}' runs on host '{host.id}' but no app using it does ({where}), "
        "so it is external; answer external, or move it onto the host of an app that uses it"
    )


def _unused(topology: Topology, question: Question, service_id: str) -> str:
    """Why a placement question cannot be asked about a service no app uses, and the fix."""
    start = f"question '{question.id}' places '{service_id}', which no app uses"
    apps = [s.id for s in topology.services() if s.kind == "app"]
    example = f"{{from: {apps[0] if apps else 'APP'}, to: {service_id}}}"
    others = [
        link.target if link.source == service_id else link.source
        for link in topology.links
        if service_id in (link.source, link.target)
    ]
    if not topology.links:
        why = "the scenario has no links, and links are never implied"
    elif others:
        names = ", ".join(f"'{other}'" for other in others)
        why = f"it is linked only to {names}, not to an app"
    else:
        why = "no link joins it to an app service"
    return (
        f"{start} ({why}), so it is neither internal nor external: placement is judged from "
        f"the app that uses a service; add a link such as {example}"
    )


def _choices(check: FileCheck, question: Question, nodes: dict[str, Node]) -> None:
    correct = len(question.correct_indexes())
    where = nodes.get("choices", nodes["_mapping"])
    if question.kind == "choice" and correct != 1:
        check.error(
            where,
            f"question '{question.id}' is a choice question with {correct} correct choices: "
            "mark exactly one 'correct: true' (or make it kind: multi)",
        )
    elif question.kind == "multi" and correct < 1:
        check.error(
            where,
            f"question '{question.id}' is a multi question with no correct choice: "
            "mark at least one 'correct: true'",
        )
    texts: dict[str, int] = {}
    for number, choice in enumerate(question.choices):
        text_node = nodes[f"text:{number}"]
        normalised = same_reading(choice.text)
        if normalised in texts:
            first = question.choices[texts[normalised] - 1].text
            apart = ""
            if first != choice.text:
                apart = " (apart from case, spacing, quotes or end punctuation)"
            check.error(
                text_node,
                f"choice {number + 1} of question '{question.id}' reads the same as choice "
                f"{texts[normalised]}{apart}; "
                "every choice needs its own text",
            )
        texts.setdefault(normalised, number + 1)
        if _OF_THE_ABOVE.search(choice.text):
            check.error(
                text_node,
                "a choice like 'all/none of the above' breaks when choices are shuffled; "
                "write each option out",
            )
        if not choice.correct and not choice.feedback:
            check.error(
                nodes[f"choice:{number}"],
                f"choice {number + 1} of question '{question.id}' is wrong but has no "
                "'feedback': say which misconception it reflects",
            )
