"""The typed model of a content pack: lessons, scenarios, their topology and questions.

Plain frozen dataclasses, built by the loader and read by every other part of tutor.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

ENVIRONMENTS = ("local", "development", "testing", "staging", "production")
HOST_KINDS = ("workstation", "vm", "ci-runner", "managed-service", "container", "server")
SERVICE_KINDS = (
    "app",
    "relational-database",
    "document-database",
    "cache",
    "secrets",
    "queue",
    "other",
)
QUESTION_KINDS = ("placement", "choice", "multi")
PLACEMENTS = ("internal", "external")
Placement = Literal["internal", "external"]
# The placement rule's answers: "unused" when no app uses the service, so it is neither.
PlacementVerdict = Literal["internal", "external", "unused"]

# What the course article recommends for each environment. Staging mirrors production.
BEST_PRACTICE = {
    "local": "internal",
    "development": "internal",
    "testing": "internal",
    "production": "external",
}


@dataclass(frozen=True)
class Service:
    id: str
    label: str
    kind: str


@dataclass(frozen=True)
class Host:
    id: str
    label: str
    kind: str
    services: tuple[Service, ...]


@dataclass(frozen=True)
class Link:
    source: str  # service id ("from" in YAML)
    target: str  # service id ("to" in YAML)


@dataclass(frozen=True)
class Topology:
    hosts: tuple[Host, ...]
    links: tuple[Link, ...] = ()

    def services(self) -> list[Service]:
        return [service for host in self.hosts for service in host.services]

    def service(self, service_id: str) -> Service | None:
        return next((s for s in self.services() if s.id == service_id), None)

    def host_of(self, service_id: str) -> Host | None:
        for host in self.hosts:
            if any(s.id == service_id for s in host.services):
                return host
        return None

    def apps_using(self, service_id: str) -> list[Service]:
        """The app services linked to this service, in either direction, in topology order.

        Links are never implied: in a topology without links no app uses anything.
        """
        linked = {link.source for link in self.links if link.target == service_id}
        linked |= {link.target for link in self.links if link.source == service_id}
        linked.discard(service_id)
        return [s for s in self.services() if s.kind == "app" and s.id in linked]

    def placement_of(self, service_id: str) -> PlacementVerdict | None:
        """The placement rule applied to this topology (see `placement_rule`); None when the
        service is on no host (not in the topology, or drawn detached as not placed yet)."""
        host = self.host_of(service_id)
        if host is None:
            return None
        app_hosts = [h.id for app in self.apps_using(service_id) if (h := self.host_of(app.id))]
        return placement_rule(host.id, app_hosts)


def placement_rule(service_host: str, app_hosts: Collection[str]) -> PlacementVerdict:
    """The course's one placement rule, for a service on `service_host` used by apps on
    `app_hosts` (one entry per app that uses it).

    - internal: it runs on the host of an app that uses it (of at least one, when several do:
      it is that app's own backing service);
    - external: every app that uses it runs on another host and reaches it over the network;
    - unused: no app uses it, so there is no app to judge it from.

    The validator, the diagram and its previews, the description and check-db's verdict all
    answer through this function, so they cannot disagree.
    """
    if not app_hosts:
        return "unused"
    return "internal" if service_host in app_hosts else "external"


@dataclass(frozen=True)
class Choice:
    text: str
    correct: bool = False
    feedback: str | None = None


@dataclass(frozen=True)
class Question:
    id: str
    kind: str  # one of QUESTION_KINDS
    prompt: str
    explain: str
    hint: str | None = None
    service: str | None = None  # placement only
    answer: str | None = None  # placement only: internal | external
    choices: tuple[Choice, ...] = ()

    def fingerprint(self) -> str:
        """A digest of the answer key only: wording edits keep it, a changed answer changes it."""
        if self.kind == "placement":
            key: object = {"kind": self.kind, "service": self.service, "answer": self.answer}
        else:
            key = {
                "kind": self.kind,
                "correct": sorted(c.text.strip() for c in self.choices if c.correct),
            }
        blob = json.dumps(key, sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:16]

    def correct_indexes(self) -> frozenset[int]:
        return frozenset(i for i, c in enumerate(self.choices) if c.correct)


@dataclass(frozen=True)
class TextStep:
    text: str


@dataclass(frozen=True)
class QuestionStep:
    question: Question


Step = TextStep | QuestionStep


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    environment: str
    summary: str
    topology: Topology
    steps: tuple[Step, ...]
    lesson: str | None = None
    tags: tuple[str, ...] = ()
    path: Path | None = None

    @property
    def questions(self) -> list[Question]:
        return [step.question for step in self.steps if isinstance(step, QuestionStep)]

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def context_before(self, question_id: str) -> tuple[str, ...]:
        """What a learner has read when this question comes: the summary, then every text
        step before it, in order (Markdown pieces).

        A question asked on its own (quiz, review) or after the summary has scrolled away
        (walkthrough) shows these, so that it can be answered where it is asked.
        """
        pieces = [self.summary]
        for step in self.steps:
            if isinstance(step, QuestionStep):
                if step.question.id == question_id:
                    return tuple(piece for piece in pieces if piece.strip())
            else:
                pieces.append(step.text)
        raise KeyError(f"scenario '{self.id}' has no question '{question_id}'")


@dataclass(frozen=True)
class LessonPage:
    title: str
    body: str  # Markdown, including its own "## " heading


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    order: int | None
    pages: tuple[LessonPage, ...]
    path: Path | None = None


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, at a 1-based line and column."""

    path: Path
    line: int
    column: int
    message: str
    severity: str = "error"

    def format(self, relative_to: Path | None = None) -> str:
        path = self.path
        if relative_to is not None:
            with contextlib.suppress(ValueError):
                path = self.path.relative_to(relative_to)
        return f"{path}:{self.line}:{self.column}: {self.severity}: {self.message}"


@dataclass
class Pack:
    """A loaded folder of lessons/ and scenarios/: the good files, and the bad ones' problems."""

    root: Path
    lessons: list[Lesson] = field(default_factory=list)
    scenarios: list[Scenario] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def lesson(self, lesson_id: str) -> Lesson | None:
        return next((lesson for lesson in self.lessons if lesson.id == lesson_id), None)

    def scenario(self, scenario_id: str) -> Scenario | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)

    def scenarios_for_lesson(self, lesson_id: str) -> list[Scenario]:
        return [s for s in self.scenarios if s.lesson == lesson_id]
