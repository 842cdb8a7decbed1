"""Golden-text tests of the topology diagram at 40, 80 and 120 columns.

The expected pictures live in tests/data/diagrams/<case>-<width>.txt (plain text, no colour).
After a deliberate change to the drawing, regenerate them and review the diff:

    TUTOR_UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/test_topology_golden.py
    git diff tests/data/diagrams
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rich.cells import cell_len

from tutor.content.model import Host, Link, Service, Topology
from tutor.topology import diagram

GOLDEN = Path(__file__).resolve().parent / "data" / "diagrams"
S = Service

ONE_HOST = Topology(
    (
        Host(
            "laptop",
            "Contributor laptop",
            "workstation",
            (S("app", "MVC app", "app"), S("db", "MySQL", "relational-database")),
        ),
    ),
    (Link("app", "db"),),
)
MANAGED_DB = Topology(
    (
        Host("ci", "Development VM", "vm", (S("app", "MVC app", "app"),)),
        Host(
            "azure",
            "Azure Database for MySQL",
            "managed-service",
            (S("db", "MySQL", "relational-database"),),
        ),
    ),
    (Link("app", "db"),),
)
THREE_HOSTS = Topology(
    (
        Host(
            "web",
            "Production web server",
            "vm",
            (S("app", "MVC app", "app"), S("db", "MySQL", "relational-database")),
        ),
        Host("redis", "Azure Cache for Redis", "managed-service", (S("cache", "Redis", "cache"),)),
        Host("vault", "Azure Key Vault", "managed-service", (S("kv", "App secrets", "secrets"),)),
    ),
    (Link("app", "db"), Link("app", "cache"), Link("app", "kv")),
)

# One app using four services, each on a managed host of its own (prod-several-services).
SEVERAL = Topology(
    (
        Host("web", "Load-balanced VM", "vm", (S("app", "Delivery app", "app"),)),
        Host(
            "mysql",
            "Azure DB for MySQL",
            "managed-service",
            (S("orders", "MySQL", "relational-database"),),
        ),
        Host(
            "cosmos",
            "Azure Cosmos DB",
            "managed-service",
            (S("menus", "Menus", "document-database"),),
        ),
        Host("redis", "Azure Cache for Redis", "managed-service", (S("cache", "Redis", "cache"),)),
        Host("vault", "Azure Key Vault", "managed-service", (S("vault", "Key Vault", "secrets"),)),
    ),
    (Link("app", "orders"), Link("app", "menus"), Link("app", "cache"), Link("app", "vault")),
)

CASES = {
    "one-host-internal": (ONE_HOST, {}),
    "app-and-managed-db": (MANAGED_DB, {}),
    "three-hosts-cache-secrets": (THREE_HOSTS, {}),
    "preview-external": (ONE_HOST, {"placement": {"db": "external"}}),
    "preview-internal": (MANAGED_DB, {"placement": {"db": "internal"}}),
    "unknown-service": (MANAGED_DB, {"unknown": "db"}),
    "several-services": (SEVERAL, {}),
    "several-services-external": (SEVERAL, {"placement": {"menus": "external"}}),
}


@pytest.mark.parametrize("width", [40, 80, 120])
@pytest.mark.parametrize("case", sorted(CASES))
def test_diagram_matches_golden_text(case: str, width: int) -> None:
    topology, options = CASES[case]
    plain = diagram(topology, width, **options).plain + "\n"
    assert all(cell_len(line) <= width for line in plain.splitlines())
    path = GOLDEN / f"{case}-{width}.txt"
    if os.environ.get("TUTOR_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(plain, encoding="utf-8")
    assert path.exists(), f"missing {path.name}: run with TUTOR_UPDATE_GOLDEN=1 to create it"
    assert plain == path.read_text(encoding="utf-8")
