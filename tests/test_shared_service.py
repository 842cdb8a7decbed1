"""A service that apps on different hosts use: internal to the app beside it, external to the
other. The rule says "shared" and a placement question says whose point of view it takes
with `app:`; the validator, the diagram, its description and `tutor diagram` agree."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import jsonschema
import pytest

from tutor.cli import main
from tutor.content.loader import load_scenario_file
from tutor.content.model import Host, Link, Question, Service, Topology, placement_rule
from tutor.content.schema import scenario_schema
from tutor.topology import describe, diagram
from tutor.topology.scene import build_scene

SCENARIO = """\
id: shop-and-worker
title: A cache for two apps
environment: production
summary: The shop and a worker both use Redis.
hosts:
  - id: web-vm
    label: Web VM
    kind: vm
    services:
      - {id: shop, label: Shop app, kind: app}
      - {id: redis, label: Redis, kind: cache}
  - id: worker-vm
    label: Worker VM
    kind: vm
    services:
      - {id: worker, label: Worker, kind: app}
  - id: admin-vm
    label: Admin VM
    kind: vm
    services:
      - {id: admin, label: Admin app, kind: app}
links:
  - {from: shop, to: redis}
  - {from: worker, to: redis}
steps:
  - text: Orders are queued for the worker.
  - question:
      id: where-redis
      kind: placement
      prompt: For the worker, is Redis internal or external?
      service: redis
APP_LINE
      answer: external
      explain: The worker reaches Redis over the network.
  - question:
      id: why
      kind: choice
      prompt: What does the worker need to reach Redis?
      choices:
        - text: The network
          correct: true
        - text: Nothing
          feedback: Redis runs on another host.
      explain: It is on another host.
"""

SHOP = Service("shop", "Shop app", "app")
WORKER = Service("worker", "Worker", "app")
REDIS = Service("redis", "Redis", "cache")
TOPOLOGY = Topology(
    (
        Host("web-vm", "Web VM", "vm", (SHOP, REDIS)),
        Host("worker-vm", "Worker VM", "vm", (WORKER,)),
    ),
    (Link("shop", "redis"), Link("worker", "redis")),
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "scenarios" / "shop-and-worker.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def scenario_text(app_line: str | None, answer: str = "external") -> str:
    text = SCENARIO.replace("APP_LINE\n", f"      {app_line}\n" if app_line else "")
    return text.replace("      answer: external", f"      answer: {answer}")


def line_of(text: str, fragment: str) -> tuple[int, int]:
    """The 1-based line and the column of the value after `fragment` (a key and its colon)."""
    for number, line in enumerate(text.splitlines(), 1):
        if fragment in line:
            return number, line.index(fragment) + len(fragment) + 2
    raise AssertionError(f"{fragment!r} not in the text")


def problems_of(tmp_path: Path, text: str) -> list[tuple[int, int, str]]:
    _, problems = load_scenario_file(write(tmp_path, text))
    return [(p.line, p.column, p.message) for p in problems]


# -- the rule -------------------------------------------------------------------------------


def test_the_rule_says_shared_when_the_apps_disagree_and_each_app_has_its_own_verdict() -> None:
    assert placement_rule("web-vm", ["web-vm", "worker-vm"]) == "shared"
    assert placement_rule("web-vm", ["web-vm", "web-vm"]) == "internal"
    assert placement_rule("db-host", ["web-vm", "worker-vm"]) == "external"  # they agree
    assert placement_rule("web-vm", []) == "unused"
    assert TOPOLOGY.placement_of("redis") == "shared"
    assert TOPOLOGY.placement_of("redis", "shop") == "internal"
    assert TOPOLOGY.placement_of("redis", "worker") == "external"
    with pytest.raises(ValueError, match="'redis' is not an app that uses 'shop'"):
        TOPOLOGY.placement_of("shop", "redis")


def test_the_point_of_view_is_part_of_the_answer_key_only_when_given() -> None:
    plain = Question("q", "placement", "P?", "E.", service="redis", answer="external")
    worker = Question(
        "q", "placement", "P?", "E.", service="redis", answer="external", app="worker"
    )
    # A question without `app:` keeps the digest it had before `app:` existed.
    before = {"kind": "placement", "service": "redis", "answer": "external"}
    digest = hashlib.sha256(json.dumps(before, sort_keys=True).encode()).hexdigest()[:16]
    assert plain.fingerprint() == digest
    assert worker.fingerprint() != plain.fingerprint()
    reworded = Question("q", "placement", "Other?", "E.", service="redis", answer="external")
    assert reworded.fingerprint() == plain.fingerprint()


# -- the validator --------------------------------------------------------------------------


def test_a_shared_service_without_app_is_an_error_at_its_service_line(tmp_path: Path) -> None:
    text = scenario_text(None)
    (problem,) = problems_of(tmp_path, text)
    assert problem[:2] == line_of(text, "service:")
    assert problem[2] == (
        "question 'where-redis' places 'redis', which apps on different hosts use ('shop' on "
        "'web-vm', 'worker' on 'worker-vm'): on host 'web-vm', it is internal to 'shop' and "
        "external to 'worker'; say whose point of view the question takes with 'app:', "
        "e.g. 'app: worker'"
    )


def test_with_app_the_answer_is_judged_from_that_apps_point_of_view(tmp_path: Path) -> None:
    assert problems_of(tmp_path, scenario_text("app: worker")) == []
    text = scenario_text("app: worker", answer="internal")
    assert problems_of(tmp_path, text) == [
        (
            *line_of(text, "answer:"),
            "answer 'internal' disagrees with the topology: 'redis' runs on host 'web-vm' and "
            "the app 'worker' on 'worker-vm', so it is external to that app; answer external, "
            "or move it onto 'worker-vm'",
        )
    ]


def test_from_the_shops_point_of_view_it_is_internal(tmp_path: Path) -> None:
    text = scenario_text("app: shop", answer="external")
    (problem,) = problems_of(tmp_path, text)
    assert "runs on host 'web-vm' together with the app 'shop'" in problem[2]
    # Internal is right for the shop, and production's best practice then says so.
    (problem,) = problems_of(tmp_path, scenario_text("app: shop", answer="internal"))
    assert (
        "departs from the best practice: the best practice for production is external"
        in (problem[2])
    )


@pytest.mark.parametrize(
    ("app_line", "wording"),
    [
        (
            "app: wroker",
            "question 'where-redis' asks from the point of view of app 'wroker', which is not "
            "in the topology; did you mean 'worker'?",
        ),
        (
            "app: redis",
            "'app: redis' names a cache, not an app: 'app' names the app from whose point of "
            "view the question asks (the apps here: 'shop', 'worker', 'admin')",
        ),
        (
            "app: admin",
            "'app: admin' does not use 'redis' (no link joins them), so the question cannot be "
            "asked from its point of view; name an app that uses it ('shop' on 'web-vm', "
            "'worker' on 'worker-vm'), or add a link {from: admin, to: redis}",
        ),
    ],
)
def test_a_wrong_app_is_an_error_at_the_app_line(
    tmp_path: Path, app_line: str, wording: str
) -> None:
    text = scenario_text(app_line)
    assert problems_of(tmp_path, text) == [(*line_of(text, "app:"), wording)]


def test_app_on_a_choice_question_is_an_error(tmp_path: Path) -> None:
    text = scenario_text("app: worker").replace(
        "      prompt: What does the worker need", "      app: worker\n      prompt: What does"
    )
    where = [n for n, line in enumerate(text.splitlines(), 1) if line == "      app: worker"][1]
    assert problems_of(tmp_path, text) == [
        (
            where,
            12,
            "'app' only applies to placement questions; remove it from question 'why' or "
            "change 'kind' to placement",
        )
    ]


def test_the_schema_knows_app_on_placement_questions_only(tmp_path: Path) -> None:
    import yaml

    schema = scenario_schema()
    assert "app" in schema["$defs"]["question"]["properties"]
    good = yaml.safe_load(scenario_text("app: worker"))
    jsonschema.validate(good, schema)
    bad = yaml.safe_load(scenario_text("app: worker"))
    bad["steps"][2]["question"]["app"] = "worker"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


# -- the diagram and its description --------------------------------------------------------


def test_the_description_says_internal_to_one_and_external_to_the_other() -> None:
    text = describe(TOPOLOGY)
    assert (
        "The app 'Shop app' runs on 'Web VM'. It uses 'Redis', which runs on the same host: "
        "an internal backing service for this app." in text
    )
    assert (
        "The app 'Worker' runs on 'Worker VM'. It uses 'Redis', which runs on 'Web VM', "
        "another host reached over the network: an external backing service for this app." in text
    )
    assert (
        "'Redis' is shared by apps on different hosts, so whether it is internal depends on "
        "the app: on 'Web VM', it is internal to 'Shop app' and external to 'Worker'." in text
    )
    assert "all the same" not in text


def test_a_preview_takes_the_questions_point_of_view() -> None:
    scene = build_scene(TOPOLOGY, {"redis": "internal"}, app="worker")
    (preview,) = scene.previews
    assert (preview.host.id, preview.placement, preview.app) == ("worker-vm", "internal", WORKER)
    text = describe(TOPOLOGY, placement={"redis": "internal"}, app="worker")
    assert (
        "Preview: 'Redis' is shown inside 'Worker VM', the host of 'Worker', as an internal "
        "backing service for 'Worker'." in text
    )
    text = describe(TOPOLOGY, placement={"redis": "external"}, app="worker")
    assert "as an external backing service for 'Worker'." in text
    # The drawing agrees: the worker's host holds Redis, the shop's does not.
    plain = diagram(TOPOLOGY, 80, placement={"redis": "internal"}, app="worker").plain
    worker_box = plain[plain.index("Worker VM") :]
    assert "Redis" in worker_box


def test_tutor_diagram_previews_from_the_first_placement_questions_app(
    tmp_path: Path, capsys
) -> None:
    write(tmp_path, scenario_text("app: worker"))
    argv = ["--content", str(tmp_path), "diagram", "shop-and-worker", "--text"]
    code = main([*argv, "--placement", "internal"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "the host of 'Worker', as an internal backing service for 'Worker'." in out
    code = main(argv)
    out, _ = capsys.readouterr()
    assert code == 0 and "internal to 'Shop app' and external to 'Worker'" in out


async def test_the_apps_placement_preview_takes_the_questions_point_of_view(
    tmp_path: Path, store
) -> None:
    from tutor.content.loader import load_pack
    from tutor.ui.app import create_app
    from tutor.ui.widgets.diagram_view import DiagramView
    from tutor.ui.widgets.question_view import QuestionView

    write(tmp_path, scenario_text("app: worker"))
    app = create_app(load_pack(tmp_path), store=store, start="scenario:shop-and-worker")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter")  # the summary, the text step
        await pilot.pause()
        view = app.screen.query_one(QuestionView).query_one(DiagramView)
        await pilot.press("i")
        await pilot.pause()
        assert view.placement == {"redis": "internal"}
        assert "inside 'Worker VM', the host of 'Worker'" in view.description()
