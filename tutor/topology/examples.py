"""PROVISIONAL (written by the UI helper): the article's six example setups.

The topology helper's version replaces this file; it keeps `environment_examples()` and the
fields .environment, .placement, .title, .topology, .note.
"""

from __future__ import annotations

from dataclasses import dataclass

from tutor.content.model import Host, Link, Service, Topology


@dataclass(frozen=True)
class EnvironmentExample:
    environment: str  # local | development | production
    placement: str  # internal | external
    title: str
    topology: Topology
    note: str


def _example(environment, placement, title, app_host, db_host, note) -> EnvironmentExample:
    app = Service("app", "MVC app", "app")
    db = Service("db", "MySQL", "relational-database")
    if db_host is None:
        hosts = (Host("app-host", app_host[0], app_host[1], (app, db)),)
    else:
        hosts = (
            Host("app-host", app_host[0], app_host[1], (app,)),
            Host("db-host", db_host[0], db_host[1], (db,)),
        )
    return EnvironmentExample(
        environment, placement, title, Topology(hosts, (Link("app", "db"),)), note
    )


def environment_examples() -> list[EnvironmentExample]:
    return [
        _example(
            "local",
            "internal",
            "Local, internal",
            ("Contributor laptop", "workstation"),
            None,
            "Best practice: instant feedback, and you can reset or seed the data at will.",
        ),
        _example(
            "local",
            "external",
            "Local, external",
            ("Contributor laptop", "workstation"),
            ("Shared dev database", "server"),
            "Possible, but every change you make is shared with the whole team.",
        ),
        _example(
            "development",
            "internal",
            "Development, internal",
            ("CI-controlled VM", "ci-runner"),
            None,
            "Best practice: CI creates the database itself, the tests run fast and cheaply.",
        ),
        _example(
            "development",
            "external",
            "Development, external",
            ("CI-controlled VM", "ci-runner"),
            ("Azure managed database", "managed-service"),
            "Higher parity at a cost in money and speed; worth it for data-heavy projects.",
        ),
        _example(
            "production",
            "internal",
            "Production, internal",
            ("Azure VM", "vm"),
            None,
            "For learning only: if the VM fails, the data goes down with it.",
        ),
        _example(
            "production",
            "external",
            "Production, external",
            ("Load-balanced Azure VM", "vm"),
            ("Scalable managed database", "managed-service"),
            "Best practice: the data is safe even when the app's host fails.",
        ),
    ]
