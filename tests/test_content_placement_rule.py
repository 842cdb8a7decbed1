"""One placement rule, and every consumer agrees with it.

`placement_rule` (tutor.content.model) decides internal, external or "unused"; the validator,
the diagram and its previews, the description and check-db's drawing all ask it. Each edge case
below goes through each of them, so no consumer can work the rule out again differently.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tutor.content.loader import load_scenario_file
from tutor.content.model import Host, Link, Service, Topology, placement_rule
from tutor.topology import describe, diagram
from tutor.topology.examples import learner_setup
from tutor.topology.scene import SEPARATE_HOST_LABEL, build_scene

S = Service
APP = S("app", "Shop app", "app")
DB = S("db", "MySQL", "relational-database")
CACHE = S("cache", "Redis", "cache")


@dataclass(frozen=True)
class Case:
    topology: Topology
    service: str
    rule: str  # the rule's answer for the topology as it is
    preview_internal: str  # the rule's answer once previewed as internal
    preview_external: str  # ... and as external
    said: str  # what describe() says about the service, unpreviewed


CASES = {
    "same host": Case(
        Topology((Host("laptop", "Laptop", "workstation", (APP, DB)),), (Link("app", "db"),)),
        "db",
        "internal",
        "internal",
        "external",
        "It uses 'MySQL', which runs on the same host: an internal backing service.",
    ),
    "other host": Case(
        Topology(
            (Host("vm", "Web VM", "vm", (APP,)), Host("dbh", "DB box", "server", (DB,))),
            (Link("app", "db"),),
        ),
        "db",
        "external",
        "internal",
        "external",
        "which runs on 'DB box', another host reached over the network: an external backing",
    ),
    # Links are never implied: without any, no app uses anything.
    "no links at all": Case(
        Topology((Host("laptop", "Laptop", "workstation", (APP, DB)),)),
        "db",
        "unused",
        "unused",
        "unused",
        "No app uses 'MySQL' (no link joins it to an app), so it is neither internal nor",
    ),
    "a service no app links to": Case(
        Topology(
            (Host("laptop", "Laptop", "workstation", (APP, DB, CACHE)),), (Link("app", "db"),)
        ),
        "cache",
        "unused",
        "unused",
        "unused",
        "No app uses 'Redis' (no link joins it to an app)",
    ),
    # Sharing the app's host does not make it internal: only an app's own use does.
    "linked only to another backing service": Case(
        Topology(
            (Host("laptop", "Laptop", "workstation", (APP, DB, CACHE)),),
            (Link("app", "db"), Link("db", "cache")),
        ),
        "cache",
        "unused",
        "unused",
        "unused",
        "No app uses 'Redis' (no link joins it to an app)",
    ),
    # Internal to the app beside it, external to the other: shared, it depends on the app (a
    # question about it says whose point of view it takes with `app:`).
    "two apps, one on its host": Case(
        Topology(
            (
                Host("h2", "Second VM", "vm", (S("app2", "Worker", "app"),)),
                Host("h1", "First VM", "vm", (APP, DB)),
            ),
            (Link("app2", "db"), Link("app", "db")),
        ),
        "db",
        "shared",
        "shared",
        "external",
        "on 'First VM', it is internal to 'Shop app' and external to 'Worker'.",
    ),
}


def scenario_yaml(case: Case, answer: str) -> str:
    """The case as a scenario file with one placement question (tagged trade-off, so that
    only rule 9, not the best practice, judges the answer)."""
    hosts = "".join(
        f"  - id: {h.id}\n    label: {h.label}\n    kind: {h.kind}\n    services:\n"
        + "".join(f"      - {{id: {s.id}, label: {s.label}, kind: {s.kind}}}\n" for s in h.services)
        for h in case.topology.hosts
    )
    links = "".join(f"  - {{from: {k.source}, to: {k.target}}}\n" for k in case.topology.links)
    return (
        "id: rule-case\ntitle: A case\nenvironment: local\nsummary: A case.\n"
        "tags: [trade-off]\nhosts:\n"
        + hosts
        + (f"links:\n{links}" if links else "")
        + "steps:\n  - question:\n      id: where\n      kind: placement\n"
        "      prompt: Internal or external?\n"
        f"      service: {case.service}\n      answer: {answer}\n      explain: Because.\n"
    )


@pytest.mark.parametrize("name", CASES)
def test_the_model_answers_with_the_rule(name: str) -> None:
    case = CASES[name]
    host = case.topology.host_of(case.service)
    assert host is not None
    app_hosts = [
        h.id for a in case.topology.apps_using(case.service) if (h := case.topology.host_of(a.id))
    ]
    assert placement_rule(host.id, app_hosts) == case.rule
    assert case.topology.placement_of(case.service) == case.rule


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("answer", ["internal", "external"])
def test_the_validator_accepts_exactly_the_rules_answer(
    name: str, answer: str, tmp_path: Path
) -> None:
    case = CASES[name]
    path = tmp_path / "scenarios" / "rule-case.yaml"
    path.parent.mkdir()
    path.write_text(scenario_yaml(case, answer), encoding="utf-8")
    scenario, problems = load_scenario_file(path)
    messages = [p.message for p in problems]
    if case.rule == "shared":
        # Neither answer is right until the question says whose point of view it takes.
        assert len(problems) == 1, messages
        assert "which apps on different hosts use" in messages[0] and "'app:'" in messages[0]
    elif case.rule == "unused":
        # Neither answer is right: the topology must change, so the problem is at `service`.
        assert len(problems) == 1, messages
        assert f"places '{case.service}', which no app uses" in messages[0]
        assert "neither internal nor external" in messages[0]
        lines = scenario_yaml(case, answer).splitlines()
        assert problems[0].line == lines.index(f"      service: {case.service}") + 1
    elif answer == case.rule:
        assert problems == [] and scenario is not None
    else:
        assert len(problems) == 1 and "disagrees with the topology" in messages[0], messages


def test_the_validator_says_why_no_app_uses_the_service(tmp_path: Path) -> None:
    said = {}
    unused = [name for name, case in CASES.items() if case.rule == "unused"]
    assert len(unused) == 3
    for name in unused:
        path = tmp_path / name.replace(" ", "-") / "case.yaml"
        path.parent.mkdir()
        path.write_text(scenario_yaml(CASES[name], "internal"), encoding="utf-8")
        said[name] = load_scenario_file(path)[1][0].message
    assert "the scenario has no links, and links are never implied" in said["no links at all"]
    assert "no link joins it to an app service" in said["a service no app links to"]
    assert "linked only to 'db', not to an app" in said["linked only to another backing service"]
    assert all("{from: app, to: " in message for message in said.values())


@pytest.mark.parametrize("name", CASES)
def test_the_diagram_and_its_previews_answer_with_the_rule(name: str) -> None:
    case = CASES[name]
    assert build_scene(case.topology).placement_of(case.service) == case.rule
    for asked, expected in (
        ("internal", case.preview_internal),
        ("external", case.preview_external),
    ):
        scene = build_scene(case.topology, {case.service: asked})
        (preview,) = scene.previews
        assert (preview.asked, preview.placement) == (asked, expected)
        assert scene.placement_of(case.service) == expected
        # Internal goes into an app's host; anything else onto a host of its own.
        separate = expected not in ("internal", "shared")
        assert (preview.host.label == SEPARATE_HOST_LABEL) == separate
        plain = diagram(case.topology, 120, placement={case.service: asked}).plain
        assert (SEPARATE_HOST_LABEL in plain) == separate


def test_an_internal_preview_goes_to_the_first_app_that_uses_the_service() -> None:
    case = CASES["two apps, one on its host"]
    (preview,) = build_scene(case.topology, {"db": "internal"}).previews
    assert preview.host.id == "h2"  # the worker comes first in the topology
    assert preview.placement == "shared"  # beside the worker, away from the shop app
    # From the shop app's point of view (a question's `app:`), into the shop app's host.
    (preview,) = build_scene(case.topology, {"db": "internal"}, app="app").previews
    assert (preview.host.id, preview.placement) == ("h1", "internal")


@pytest.mark.parametrize("name", CASES)
def test_the_description_says_what_the_rule_says(name: str) -> None:
    case = CASES[name]
    text = describe(case.topology)
    assert case.said in text
    label = case.topology.service(case.service).label  # type: ignore[union-attr]  # in it
    unused = f"No app uses '{label}'"
    assert (unused in text) == (case.rule == "unused")
    for asked, expected in (
        ("internal", case.preview_internal),
        ("external", case.preview_external),
    ):
        previewed = describe(case.topology, placement={case.service: asked})
        assert unused not in previewed  # the preview sentence says it instead
        preview_sentence = previewed.splitlines()[1]
        assert preview_sentence.startswith(f"Preview: '{label}'")
        if expected == "shared":
            assert "internal to 'Worker' and external to 'Shop app'" in preview_sentence
        elif expected == "unused":
            assert "neither internal nor external" in preview_sentence
            cannot = "cannot be shown inside an app's host, because no app uses it"
            assert (cannot in preview_sentence) == (asked == "internal")
        else:
            assert f"as an {expected} backing service" in preview_sentence


@pytest.mark.parametrize("name", CASES)
def test_a_detached_service_has_no_placement_yet(name: str) -> None:
    case = CASES[name]
    scene = build_scene(case.topology, unknown=case.service)
    assert scene.detached is not None and scene.placement_of(case.service) is None
    label = scene.detached.label
    text = describe(case.topology, unknown=case.service)
    assert f"'{label}' is not placed yet" in text
    assert f"No app uses '{label}'" not in text  # not placed: nothing to judge yet
    # A preview of the same service wins, and is judged as above.
    scene = build_scene(case.topology, {case.service: "external"}, unknown=case.service)
    assert scene.detached is None and scene.previews[0].placement == case.preview_external


@pytest.mark.parametrize("placement", ["internal", "external"])
def test_check_db_draws_its_verdict_through_the_rule(placement: str) -> None:
    from tutor.dbcheck.placement import classify

    topology = learner_setup(placement, "MariaDB 11.4", "db.lab")
    assert topology.placement_of("mysql") == placement
    assert f"an {placement} backing service" in describe(topology)
    address = "127.0.0.1" if placement == "internal" else "203.0.113.7"
    assert classify(via_socket=False, address=address, server_hostname=None)[0] == placement


def test_check_db_never_draws_an_unused_server() -> None:
    with pytest.raises(ValueError, match="'unused'"):
        learner_setup("unused", "MySQL")


def test_a_broken_link_defers_the_placement_rule_but_not_the_other_rules(tmp_path: Path) -> None:
    case = CASES["same host"]
    text = scenario_yaml(case, "external").replace("to: db}", "to: dbb}")
    text = text.replace("environment: local", "environment: production").replace(
        "tags: [trade-off]", "tags: []"
    )
    path = tmp_path / "scenarios" / "broken.yaml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    messages = [p.message for p in load_scenario_file(path)[1]]
    # Who uses 'db' is unknown while the link is broken: no "no app uses" nor "disagrees"; the
    # best practice (production: external) is still judged, and holds.
    assert len(messages) == 1 and "link to 'dbb': no service has this id" in messages[0]
    path.write_text(text.replace("answer: external", "answer: internal"), encoding="utf-8")
    messages = [p.message for p in load_scenario_file(path)[1]]
    assert len(messages) == 2 and "departs from the best practice" in messages[1]
