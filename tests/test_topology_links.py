"""Every link is a line where the width allows, and the hosts keep the order the scenario gives.

Issue 11: `tutor diagram prod-several-services` drew a vertical chain with Redis and Key Vault
floating unconnected above a `links:` list, the same at 80 and 120 columns, and a placement
preview reordered the boxes (MySQL jumped to the top).
"""

from __future__ import annotations

import re

import pytest
from test_topology_golden import SEVERAL

from tutor.content.loader import load_pack
from tutor.content.model import Host, Link, Service, Topology
from tutor.topology import describe, diagram
from tutor.topology.boxes import host_boxes
from tutor.topology.canvas import to_text
from tutor.topology.channel import one_column
from tutor.topology.scene import DETACHED_ID, SEPARATE_HOST_ID, build_scene

# A link's label, wherever it is drawn: a band or a channel, a vertical connector, a branch,
# or the "links:" list.
LABEL = re.compile(r"same host|network|─\?─|│ \?: ")
HOSTS = ["Load-balanced VM", "Azure DB for MySQL", "Azure Cache for Redis", "Azure Key Vault"]
VARIANTS = {
    "as declared": {},
    "not placed yet": {"unknown": "menus"},
    "internal": {"placement": {"menus": "internal"}},
    "external": {"placement": {"menus": "external"}},
}


def _labels(plain: str) -> int:
    return len(LABEL.findall(plain))


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("width", [57, 77, 80, 100, 120, 160])
def test_several_services_draw_every_link_as_a_line(variant: str, width: int) -> None:
    plain = diagram(SEVERAL, width, **VARIANTS[variant]).plain
    assert "links:" not in plain, plain
    assert _labels(plain) == 4, plain


def test_at_40_columns_the_gutter_still_fits_and_a_list_is_the_last_resort() -> None:
    plain = diagram(SEVERAL, 40).plain
    assert "links:" not in plain and _labels(plain) == 4, plain
    # Menus drawn inside the app's host needs a row too wide to leave room for the gutter.
    inside = diagram(SEVERAL, 40, placement={"menus": "internal"}).plain
    assert "links:" in inside and _labels(inside) == 4, inside


def test_at_120_columns_the_diagram_uses_the_width() -> None:
    at_80 = diagram(SEVERAL, 80).plain.splitlines()
    at_120 = diagram(SEVERAL, 120).plain.splitlines()
    assert len(at_120) < len(at_80)
    assert max(map(len, at_120)) > 80


def _reading_order(plain: str, labels: list[str]) -> list[str]:
    """The hosts by column (the x of their box's corner), then top to bottom."""
    lines = plain.splitlines()
    found = {}
    for label in labels:
        y, line = next((y, line) for y, line in enumerate(lines) if f" {label}" in line)
        corner = line.rfind("┌", 0, line.index(f" {label}"))
        found[label] = (corner, y)
    return sorted(labels, key=found.__getitem__)


@pytest.mark.parametrize("width", [57, 80, 120])
def test_a_preview_never_moves_the_other_hosts(width: int) -> None:
    orders = {
        variant: _reading_order(diagram(SEVERAL, width, **options).plain, HOSTS)
        for variant, options in VARIANTS.items()
    }
    assert len(set(map(tuple, orders.values()))) == 1, orders


def test_the_scene_keeps_the_declared_order_and_a_moved_service_takes_its_hosts_place() -> None:
    declared = ["web", "mysql", "cosmos", "redis", "vault"]
    assert list(build_scene(SEVERAL).order) == declared
    assert list(build_scene(SEVERAL, unknown="menus").order) == [
        "web",
        "mysql",
        DETACHED_ID,
        "redis",
        "vault",
    ]
    external = build_scene(SEVERAL, {"menus": "external"})
    assert list(external.order) == ["web", "mysql", SEPARATE_HOST_ID, "redis", "vault"]
    assert list(build_scene(SEVERAL, {"menus": "internal"}).order) == [
        "web",
        "mysql",
        "redis",
        "vault",
    ]
    # A host the service leaves that keeps other services: the new box comes right after it.
    laptop = Topology(
        (
            Host(
                "laptop",
                "Laptop",
                "workstation",
                (Service("app", "App", "app"), Service("db", "MySQL", "relational-database")),
            ),
            Host("ci", "CI", "ci-runner", (Service("cache", "Redis", "cache"),)),
        ),
        (Link("app", "db"), Link("app", "cache")),
    )
    assert list(build_scene(laptop, {"db": "external"}).order) == [
        "laptop",
        SEPARATE_HOST_ID,
        "ci",
    ]


def test_the_description_names_the_hosts_in_the_pictures_order() -> None:
    text = describe(SEVERAL, placement={"menus": "external"})
    hosts = re.findall(r"The host '([^']+)'", text)
    assert hosts == [
        "Load-balanced VM",
        "Azure DB for MySQL",
        "Separate host",
        "Azure Cache for Redis",
        "Azure Key Vault",
    ]


def _column_of_five() -> str:
    """Two apps and two services stacked so that their links overlap: one must cross."""
    s = Service
    topology = Topology(
        (
            Host("a", "First app VM", "vm", (s("app1", "Shop", "app"),)),
            Host("b", "Second app VM", "vm", (s("app2", "Worker", "app"),)),
            Host("c", "Database host", "server", (s("db", "MySQL", "relational-database"),)),
            Host("d", "Cache host", "server", (s("cache", "Redis", "cache"),)),
        ),
        (Link("app1", "db"), Link("app2", "cache")),
    )
    scene = build_scene(topology)
    lines = one_column(host_boxes(scene), scene, 60)
    assert lines is not None
    return to_text(lines).plain


def test_a_crossing_is_drawn_with_a_gap_never_as_a_junction() -> None:
    plain = _column_of_five()
    assert "╴│╶" in plain, plain
    assert "┼" not in plain and "links:" not in plain
    assert plain.count("network") == 2


def test_every_builtin_scenario_draws_every_link_as_a_line_from_57_columns(
    builtin_pack_root,
) -> None:
    pack = load_pack(builtin_pack_root)
    for scenario in pack.scenarios:
        variants: list[dict] = [{}]
        for question in scenario.questions:
            if question.kind == "placement" and question.service:
                variants += [
                    {"unknown": question.service},
                    {"placement": {question.service: "internal"}},
                    {"placement": {question.service: "external"}},
                ]
        for options in variants:
            links = len(build_scene(scenario.topology, **options).links())
            for width in (57, 77, 100, 120):
                plain = diagram(scenario.topology, width, **options).plain
                assert "links:" not in plain, (scenario.id, options, width, plain)
                assert _labels(plain) == links, (scenario.id, options, width, plain)
