"""Ready-made topologies: an internal and an external setup for each of the five environments,
and the learner's own setup.

The Environments screen draws `environment_examples()`; the live MySQL check draws
`learner_setup(...)` once it knows where the learner's server runs.
"""

from __future__ import annotations

from dataclasses import dataclass

from tutor.content.model import Host, Link, Service, Topology

APP = Service("app", "MVC app", "app")


@dataclass(frozen=True)
class EnvironmentExample:
    environment: str  # one of tutor.content.model.ENVIRONMENTS
    placement: str  # internal | external
    title: str
    topology: Topology
    note: str


def _db(label: str) -> Service:
    return Service("db", label, "relational-database")


def _internal(host_id: str, host_label: str, host_kind: str, db_label: str) -> Topology:
    return Topology(
        (Host(host_id, host_label, host_kind, (APP, _db(db_label))),), (Link("app", "db"),)
    )


def _external(
    app_host: tuple[str, str, str], db_host: tuple[str, str, str], db_label: str
) -> Topology:
    return Topology(
        (
            Host(*app_host, (APP,)),
            Host(*db_host, (_db(db_label),)),
        ),
        (Link("app", "db"),),
    )


def environment_examples() -> list[EnvironmentExample]:
    """Every environment with an external and an internal database: the article's two tables
    (local, development, production), then testing and staging from its tips and notes."""
    return [
        EnvironmentExample(
            "local",
            "external",
            "Local, external database",
            _external(
                ("laptop", "Contributor's laptop", "workstation"),
                ("shared-db", "Shared development database", "server"),
                "MySQL",
            ),
            "Every contributor's app talks to one database that the whole team shares.",
        ),
        EnvironmentExample(
            "development",
            "external",
            "Development, external database",
            _external(
                ("ci-vm", "CI-controlled VM", "ci-runner"),
                ("azure-db", "Azure managed database", "managed-service"),
                "MySQL (high parity)",
            ),
            "CI runs against a managed database set up like production's: close to the real "
            "thing, but slower and costlier than one on the CI machine.",
        ),
        EnvironmentExample(
            "production",
            "external",
            "Production, external database",
            _external(
                ("web-vm", "Load-balanced Azure VM", "vm"),
                ("azure-db", "Scalable Azure managed database", "managed-service"),
                "MySQL",
            ),
            "The usual choice for production: the data lives apart from the app's VM, so losing "
            "that VM does not lose the data.",
        ),
        EnvironmentExample(
            "local",
            "internal",
            "Local, internal database",
            _internal("laptop", "Contributor's laptop", "workstation", "MySQL (local service)"),
            "The usual choice on a laptop: quick to reset and reseed, and yours alone.",
        ),
        EnvironmentExample(
            "development",
            "internal",
            "Development, internal database",
            _internal("ci-vm", "CI-controlled VM", "ci-runner", "MySQL (embedded in the VM)"),
            "The usual choice for CI: each run gets a fresh database on the same machine.",
        ),
        EnvironmentExample(
            "production",
            "internal",
            "Production, internal database (for learning only)",
            _internal("web-vm", "Azure VM", "vm", "MySQL (embedded in the VM)"),
            "Fine for a class project, risky for real users: if that one VM is deleted or "
            "rebuilt, the data goes with it.",
        ),
        EnvironmentExample(
            "testing",
            "internal",
            "Testing, internal database",
            _internal("runner", "Test runner", "ci-runner", "MySQL (fresh each run)"),
            "The usual choice: the test runner starts MySQL next to the app under test, so "
            "every run begins with a clean database and needs nothing from elsewhere.",
        ),
        EnvironmentExample(
            "testing",
            "external",
            "Testing, external database",
            _external(
                ("runner", "Test runner", "ci-runner"),
                ("lab", "Lab server", "server"),
                "MySQL (shared)",
            ),
            "One test database on a lab server that every run shares: runs change each "
            "other's data, so tests fail for reasons that are not in the code.",
        ),
        EnvironmentExample(
            "staging",
            "external",
            "Staging, external database",
            _external(
                ("staging-vm", "Staging app VM", "vm"),
                ("azure-db", "Azure managed database", "managed-service"),
                "MySQL (full parity)",
            ),
            "The usual case: its own managed database, set up like production's, so a "
            "release is rehearsed on the same setup before it goes live.",
        ),
        EnvironmentExample(
            "staging",
            "internal",
            "Staging, internal database",
            _internal("staging-vm", "Staging VM", "vm", "MySQL (same VM)"),
            "Only when production is internal too, as in a class deployment: staging copies "
            "production's setup, whichever it is.",
        ),
    ]


def learner_setup(
    placement: str, server_label: str, server_host_label: str | None = None
) -> Topology:
    """The learner's app on this machine, and their MySQL server on it or on another host.

    `placement` is check-db's verdict; the drawing is checked against the placement rule, so
    the picture can never show another placement than the verdict. Raises ValueError for a
    placement other than internal or external.
    """
    app = Service("app", "Your app", "app")
    server = Service("mysql", server_label, "relational-database")
    link = (Link("app", "mysql"),)
    if placement == "internal":
        hosts: tuple[Host, ...] = (
            Host("this-machine", "This machine", "workstation", (app, server)),
        )
    else:
        other = Host("server-host", server_host_label or "Database host", "server", (server,))
        hosts = (Host("this-machine", "This machine", "workstation", (app,)), other)
    topology = Topology(hosts, link)
    if topology.placement_of("mysql") != placement:
        raise ValueError(f"no drawing of the learner's setup is {placement!r}")
    return topology
