"""Labs: a scenario step the learner carries out on their own machine, and the checks that
verify it live. This module is the contract between the content format (the loader and the
validator check a `lab:` step against it) and tutor.labs (which runs the checks).

Every check only reads: SELECT, SHOW GRANTS, information_schema, PING, environment variables,
`git check-ignore` and `git ls-files`. None shows a password or a variable's value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

ParamKind = Literal["text", "int", "placement"]
PLACEMENTS = ("internal", "external")


@dataclass(frozen=True)
class Param:
    name: str
    kind: ParamKind
    required: bool = False
    help: str = ""


_SOURCE = Param("source", "text", help="the settings must come from this source, e.g. DATABASE_URL")
_EXPECT = Param("expect", "placement", help="internal | external")

# kind -> (its parameters, what it verifies, in one line for authors and learners)
CHECK_KINDS: dict[str, tuple[tuple[Param, ...], str]] = {
    "mysql-login": ((_SOURCE,), "logs in to MySQL with the learner's settings"),
    "mysql-placement": (
        (_SOURCE, Param("expect", "placement", required=True)),
        "MySQL's placement",
    ),
    "mysql-database": ((_SOURCE, Param("name", "text", required=True)), "a database exists"),
    "mysql-not-root": ((_SOURCE,), "the app's MySQL user is not root"),
    "mysql-least-privilege": (
        (_SOURCE, Param("database", "text", required=True)),
        "the user's grants cover this database only: no global privilege, no GRANT OPTION",
    ),
    "mysql-rows": (
        (
            _SOURCE,
            Param("database", "text", required=True),
            Param("table", "text", required=True),
            Param("at-least", "int", required=True),
        ),
        "a table holds at least this many rows",
    ),
    "env-var": ((Param("name", "text", required=True),), "a variable is set and not empty"),
    "git-ignored": (
        (Param("path", "text", required=True),),
        "a file is ignored by Git and never committed",
    ),
    "redis-ping": ((_SOURCE, _EXPECT), "Redis answers PING (and its placement)"),
    "postgres-login": ((_SOURCE, _EXPECT), "logs in to PostgreSQL (and its placement)"),
}


def params_of(kind: str) -> tuple[Param, ...]:
    return CHECK_KINDS[kind][0]


@dataclass(frozen=True)
class LabCheck:
    """One check of a lab: its kind and its parameters (already checked against the spec)."""

    kind: str
    params: Mapping[str, str | int] = field(default_factory=dict)
    line: int = 0  # where it is written, for messages


@dataclass(frozen=True)
class Lab:
    id: str
    title: str
    task: str  # Markdown: what to do, with commands for Debian/Ubuntu, macOS and Docker
    explain: str  # shown when every check passes: why this matters
    checks: tuple[LabCheck, ...]
    hint: str | None = None
