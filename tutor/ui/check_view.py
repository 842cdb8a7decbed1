"""What the Check screen says about each service, and how it words a result (no textual).

The words per service (placeholders, where the settings come from, which lessons to link) and
the rendering of a CheckResult's facts. Everything shown is the core's decision
(tutor.dbcheck): the category, the placement and its reason, what answered instead; nothing is
worked out again here.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from tutor.dbcheck.services import SERVICE_NAMES

if TYPE_CHECKING:
    from tutor.content.model import Lesson, Pack, Topology
    from tutor.dbcheck.result import CheckResult, StageResult

PLACEHOLDERS = {
    "mysql": {
        "url": "mysql://USER:PASSWORD@HOST:PORT/DATABASE",
        "host": "127.0.0.1",
        "port": "3306",
        "user": "your login name",
        "password": "none",
        "database": "none",
        "socket": "none (e.g. /run/mysqld/mysqld.sock)",
    },
    "postgresql": {
        "url": "postgres://USER:PASSWORD@HOST:PORT/DATABASE",
        "host": "127.0.0.1",
        "port": "5432",
        "user": "your login name",
        "password": "none, or from ~/.pgpass",
        "database": "the user's name",
        "socket": "none (e.g. /var/run/postgresql)",
    },
    "redis": {
        "url": "redis://USER:PASSWORD@HOST:PORT/DB (rediss:// for TLS)",
        "host": "127.0.0.1",
        "port": "6379",
        "user": "none (the default user)",
        "password": "none",
        "database": "0 (a number)",
    },
}
TIMEOUT_PLACEHOLDER = "5"
# Where each service's settings come from, in the order `tutor check` reads them.
SOURCES = {
    "mysql": "the environment (DATABASE_URL, MYSQL_*), ~/.my.cnf, defaults",
    "postgresql": "the environment (DATABASE_URL, PG*), ~/.pgpass, defaults",
    "redis": "the environment (REDIS_URL, or a redis:// DATABASE_URL), defaults",
}
# Lessons the result links to: config for every service, the placement once it is known,
# and for PostgreSQL and Redis the page naming their kind of backing service.
LESSON_CONFIG = "config-and-secrets"
LESSON_PLACEMENT = "best-practices"
LESSON_KINDS = {
    "postgresql": ("what-is-a-backing-service", "The usual kinds", "relational databases"),
    "redis": ("what-is-a-backing-service", "The usual kinds", "caches"),
}
# How the diagram marks the learner's server: a cache is not drawn as a database.
DIAGRAM_KINDS = {"redis": "cache"}


def intro(service: str) -> str:
    return (
        f"Is your app's {SERVICE_NAMES[service]} reachable? The settings below come from where "
        f"your app would find them: {SOURCES[service]}. Change any of them, then check."
    )


def kind_lesson(pack: Pack, service: str) -> tuple[Lesson, int, str] | None:
    """The lesson (and page) about `service`'s kind, with the button's words; None when the
    service has none or the pack lacks that lesson."""
    found = LESSON_KINDS.get(service)
    lesson = pack.lesson(found[0]) if found is not None else None
    if found is None or lesson is None:
        return None
    _lesson_id, page_title, topic = found
    page = next((i for i, p in enumerate(lesson.pages) if p.title == page_title), 0)
    return lesson, page, f"Lesson: {lesson.title} ({topic})"


def server_label(version: str | None, service: str = "mysql") -> str:
    """ "10.11.6-MariaDB-0+deb12u1" -> "MariaDB 10.11"; "8.0.36" -> "MySQL 8.0";
    "15.6 (Debian ...)" -> "PostgreSQL 15.6"; "7.0.15" -> "Redis 7.0"."""
    name = SERVICE_NAMES.get(service, service)
    if not version:
        return f"{name} server"
    number = ".".join(version.split()[0].split("-", 1)[0].split(".")[:2])
    if service == "mysql" and "mariadb" in version.lower():
        name = "MariaDB"
    return f"{name} {number}"


def ok_message(service: str) -> str:
    """The core's own words for a check that passed."""
    if service == "postgresql":
        from tutor.dbcheck.pg_diagnosis import pg_diagnose

        return pg_diagnose("ok")[0]
    if service == "redis":
        from tutor.dbcheck.redis_words import redis_diagnose

        return redis_diagnose("ok")[0]
    from tutor.dbcheck import diagnose

    return diagnose("ok")[0]


def result_topology(result: CheckResult) -> Topology:
    """The learner's own setup as the core placed it (internal or external)."""
    from tutor.topology.examples import learner_setup

    settings = result.settings
    host = settings.host if settings is not None else None
    label = server_label(result.server_version, result.service)
    topology = learner_setup(result.placement or "", label, host)
    kind = DIAGRAM_KINDS.get(result.service)
    if kind is None:
        return topology
    hosts = tuple(
        replace(
            h, services=tuple(replace(s, kind=kind) if s.id != "app" else s for s in h.services)
        )
        for h in topology.hosts
    )
    return replace(topology, hosts=hosts)


def facts(result: CheckResult) -> Text:
    """The server, TLS, what answered instead, and the placement in the lessons' words."""
    from tutor.dbcheck import PLACEMENT_WORDS

    text = Text()
    text.append("Server: ", style="bold")
    text.append(result.server_version or "not reached")
    text.append("   TLS: ", style="bold")
    tls = {True: "yes (encrypted)", False: "no (not encrypted)", None: "-"}[result.tls]
    text.append(tls)
    detected = result.detected
    if detected is not None:
        text.append("\nAnswers there: ", style="bold")
        text.append(f"{detected.name}, not {SERVICE_NAMES.get(result.service, result.service)}")
        if detected.suggested_url:
            text.append("\nTry this URL: ", style="bold")
            text.append(detected.suggested_url)
    text.append("\nPlacement: ", style="bold")
    if result.placement in PLACEMENT_WORDS:
        text.append(result.placement, style="bold")
        text.append(f". You reached {PLACEMENT_WORDS[result.placement]}")
        if result.placement_reason:
            text.append(f"\nWhy: {result.placement_reason}.", style="dim")
    else:
        name = SERVICE_NAMES.get(result.service, result.service)
        text.append(f"not known: the check did not reach a {name} server.")
    text.append(
        "\nYour app should read these settings from its environment, never from its code:"
        " see the lesson below.",
        style="dim",
    )
    return text


def stages_table(stages: list[StageResult]) -> Table:
    """One row a stage: ✓ or ✗ (the mark is the signal, colour only repeats it), the name,
    the time, and what the stage found."""
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, style="bold")
    table.add_column(no_wrap=True, justify="right", style="dim")
    table.add_column(ratio=1)
    for stage in stages:
        mark = Text("✓", style="bold green") if stage.ok else Text("✗", style="bold red")
        table.add_row(mark, stage.name, f"{stage.ms} ms", Text(stage.detail))
    return table


def diagnosis(result: CheckResult) -> tuple[str, RenderableType]:
    """The diagnosis box's title and body: the message (the server's own words, plain text)
    and, for a failure, the fix rendered from the core's Markdown."""
    from tutor.ui.widgets.split import markdown

    title = "Cancelled" if result.cancelled else result.category
    message = result.message
    if result.ok and not message:
        message = ok_message(result.service)
        if result.settings is not None:
            message = f"{message} ({result.settings.display_url()}, {result.total_ms} ms)"
    body: RenderableType = Text(message or "", style="bold")
    if result.hint and not result.ok:
        body = Group(body, markdown(f"**Fix:** {result.hint}"))
    return ("✓ ok" if result.ok else f"✗ {title}"), body


def advice(result: CheckResult) -> Group:
    """What the check found worth teaching although it passed, each a title and its text."""
    from tutor.ui.widgets.split import markdown

    parts: list[RenderableType] = []
    for item in result.advice:
        parts += [Text(item.title, style="bold"), markdown(item.text)]
    return Group(*parts)
