"""The diagram fits any width: no line wider than asked, and nothing cut without an ellipsis."""

from __future__ import annotations

import random
import re

import pytest
from rich.cells import cell_len

from tutor.content.loader import load_pack
from tutor.content.model import HOST_KINDS, SERVICE_KINDS, Host, Link, Service, Topology
from tutor.topology import diagram
from tutor.topology.cells import fit, fit_pair

WIDTHS = range(20, 161)


def _too_wide(topology: Topology, width: int, **options) -> list[str]:
    plain = diagram(topology, width, **options).plain
    return [line for line in plain.splitlines() if cell_len(line) > width]


def _shown_or_ellipsized(plain: str, label: str) -> bool:
    """The whole label is in the picture, or a head of it followed by "…"."""
    if label in plain:
        return True
    return any(f"{label[:k].rstrip()}…" in plain for k in range(1, len(label)))


def test_every_builtin_scenario_fits_every_width(builtin_pack_root) -> None:
    pack = load_pack(builtin_pack_root)
    assert pack.scenarios
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
            for width in WIDTHS:
                assert _too_wide(scenario.topology, width, **options) == [], (
                    scenario.id,
                    options,
                    width,
                )


_WORDS = ["Azure", "Database", "for", "MySQL", "production", "replica", "漢字", "cluster", "x" * 30]


def _label(rng: random.Random) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(1, 7)))


def _random_topology(rng: random.Random) -> Topology:
    hosts, ids = [], []
    for h in range(rng.randint(1, 4)):
        services = []
        for s in range(rng.randint(1, 3)):
            kind = "app" if s == 0 and h == 0 else rng.choice(SERVICE_KINDS)
            ids.append(f"s{h}{s}")
            services.append(Service(ids[-1], _label(rng), kind))
        hosts.append(Host(f"h{h}", _label(rng), rng.choice(HOST_KINDS), tuple(services)))
    links = {Link(rng.choice(ids), rng.choice(ids)) for _ in range(rng.randint(0, 4))}
    links = sorted((k for k in links if k.source != k.target), key=lambda k: (k.source, k.target))
    return Topology(tuple(hosts), tuple(links))


@pytest.mark.parametrize("seed", range(12))
def test_random_long_labels_fit_and_are_never_cut_silently(seed: int) -> None:
    rng = random.Random(seed)
    topology = _random_topology(rng)
    first = topology.services()[-1].id
    for options in (
        {},
        {"unknown": first},
        {"placement": {first: rng.choice(["internal", "external"])}},
    ):
        for width in WIDTHS:
            plain = diagram(topology, width, **options).plain
            assert [line for line in plain.splitlines() if cell_len(line) > width] == []
            if width >= 40:
                labels = [s.label for s in topology.services()]
                labels += [h.label for h in topology.hosts if h.services]
                missing = [label for label in labels if not _shown_or_ellipsized(plain, label)]
                if options:  # a host emptied by a preview is not drawn
                    missing = [m for m in missing if m not in {h.label for h in topology.hosts}]
                assert missing == [], (seed, options, width)


def test_every_link_is_drawn_and_labelled_once() -> None:
    for seed in range(12):
        topology = _random_topology(random.Random(seed))
        for width in (40, 80, 120, 160):
            plain = diagram(topology, width).plain
            count = len(re.findall(r"same host|network", plain))
            assert count == len(topology.links), (seed, width, plain)


def test_long_labels_end_with_an_ellipsis() -> None:
    long_host = "The very long name of a shared development database server in the lab"
    long_db = "MySQL 8.0 community edition with a very long descriptive label"
    topology = Topology(
        (
            Host("a", "Laptop", "workstation", (Service("app", "MVC app", "app"),)),
            Host("b", long_host, "server", (Service("db", long_db, "relational-database"),)),
        ),
        (Link("app", "db"),),
    )
    plain = diagram(topology, 40).plain
    assert long_host not in plain and long_db not in plain
    assert "The very long name of a shared…" in plain
    assert "[DB] MySQL 8.0 community edition wi…" in plain
    assert "…" in diagram(topology, 25).plain  # the compact list cuts the same way


def test_narrow_widths_degrade_to_a_compact_list() -> None:
    topology = Topology(
        (Host("a", "Laptop", "workstation", (Service("app", "MVC app", "app"),)),),
    )
    for width in (1, 5, 12, 39):
        lines = diagram(topology, width).plain.splitlines()
        assert lines and all(cell_len(line) <= width for line in lines)
    assert diagram(topology, 39).plain.splitlines()[1] == " [app] MVC app"
    assert diagram(Topology(()), 80).plain == "(no hosts)"


def test_fit_cuts_by_cells_with_an_ellipsis() -> None:
    assert fit("MySQL", 5) == "MySQL"
    assert fit("MySQL server", 6) == "MySQL…"
    assert fit("漢字漢字", 5) == "漢字…"
    assert cell_len(fit("漢字漢字", 4)) <= 4
    assert fit("anything", 0) == ""
    assert fit_pair("short", "a much longer label", 12) == ("short", "a much…")
