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
from typing import TYPE_CHECKING, Literal, overload

from tutor.content.lab_spec import Lab

if TYPE_CHECKING:
    from tutor.content.manifest_model import PackManifest

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
# The placement rule's answers: "unused" when no app uses the service, so it is neither;
# "shared" when apps on different hosts use it and disagree: it depends on the app.
PlacementVerdict = Literal["internal", "external", "unused", "shared"]

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

    @overload
    def placement_of(self, service_id: str, app_id: str) -> Placement | None: ...

    @overload
    def placement_of(self, service_id: str, app_id: None = None) -> PlacementVerdict | None: ...

    def placement_of(self, service_id: str, app_id: str | None = None) -> PlacementVerdict | None:
        """The placement rule applied to this topology (see `placement_rule`); None when the
        service is on no host (not in the topology, or drawn detached as not placed yet).

        With `app_id`, the verdict from that app's point of view (`app_placement`): internal
        exactly when the service runs on that app's host. The app must use the service
        (ValueError otherwise). Without it, the verdict of every app that uses it, "shared"
        when they disagree.
        """
        host = self.host_of(service_id)
        if host is None:
            return None
        apps = self.apps_using(service_id)
        if app_id is not None:
            app_host = next((self.host_of(a.id) for a in apps if a.id == app_id), None)
            if app_host is None:
                raise ValueError(f"'{app_id}' is not an app that uses '{service_id}'")
            return app_placement(host.id, app_host.id)
        app_hosts = [h.id for app in apps if (h := self.host_of(app.id))]
        return placement_rule(host.id, app_hosts)

    def app_hosts_of(self, service_id: str) -> list[tuple[Service, Host]]:
        """Each app that uses the service, with the host it runs on, in topology order."""
        return [(app, h) for app in self.apps_using(service_id) if (h := self.host_of(app.id))]


def app_placement(service_host: str, app_host: str) -> Placement:
    """The course's placement rule for one app: a service is internal to the app when it runs
    on the app's own host, external when the app reaches it on another host."""
    return "internal" if service_host == app_host else "external"


def placement_rule(service_host: str, app_hosts: Collection[str]) -> PlacementVerdict:
    """The course's one placement rule, for a service on `service_host` used by apps on
    `app_hosts` (one entry per app that uses it): each app's verdict (`app_placement`), when
    they agree.

    - internal: it runs on the host of every app that uses it;
    - external: every app that uses it runs on another host and reaches it over the network;
    - shared: apps on different hosts use it, one beside it and one not, so it is internal to
      one and external to the other: a question about it must say whose point of view it
      takes (`app:`);
    - unused: no app uses it, so there is no app to judge it from.

    The validator, the diagram and its previews, the description and check-db's verdict all
    answer through this function (or `app_placement` for one app), so they cannot disagree.
    """
    verdicts = {app_placement(service_host, app_host) for app_host in app_hosts}
    if not verdicts:
        return "unused"
    return verdicts.pop() if len(verdicts) == 1 else "shared"


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
    # Placement only, optional: the app from whose point of view the question asks (needed
    # when apps on different hosts share the service, so that it is internal to one of them).
    app: str | None = None

    def fingerprint(self) -> str:
        """A digest of the answer key only: wording edits keep it, a changed answer changes it."""
        if self.kind == "placement":
            placed = {"kind": self.kind, "service": self.service, "answer": self.answer}
            if self.app is not None:  # only when set: older questions keep their digest
                placed["app"] = self.app
            key: object = placed
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


@dataclass(frozen=True)
class LabStep:
    """A task the learner carries out on their own machine, verified live (tutor.labs)."""

    lab: Lab


Step = TextStep | QuestionStep | LabStep


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

    @property
    def labs(self) -> list[Lab]:
        return [step.lab for step in self.steps if isinstance(step, LabStep)]

    def lab(self, lab_id: str) -> Lab | None:
        return next((lab for lab in self.labs if lab.id == lab_id), None)

    def context_before(self, question_id: str) -> tuple[str, ...]:
        """What a learner has read when this question comes: the summary, then every text
        step before it, in order (Markdown pieces). Labs are not part of it: a question
        never depends on a task done on the learner's machine.

        A question asked on its own (quiz, review) or after the summary has scrolled away
        (walkthrough) shows these, so that it can be answered where it is asked.
        """
        pieces = [self.summary]
        for step in self.steps:
            if isinstance(step, QuestionStep):
                if step.question.id == question_id:
                    return tuple(piece for piece in pieces if piece.strip())
            elif isinstance(step, TextStep):
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
    # What pack.yaml says (or the defaults); None only for a Pack built by hand in a test.
    manifest: PackManifest | None = None
    # Lessons taken from the built-in course because pack.yaml says `builds-on: builtin`.
    builtin_lesson_ids: frozenset[str] = frozenset()
    # Scenario files that did not load, by the id they declare: commands that take an id
    # can then say "it failed to load" instead of "no such scenario".
    failed_scenarios: dict[str, Path] = field(default_factory=dict)

    def lesson(self, lesson_id: str) -> Lesson | None:
        return next((lesson for lesson in self.lessons if lesson.id == lesson_id), None)

    def scenario(self, scenario_id: str) -> Scenario | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)

    def first_problem_of(self, path: Path) -> Problem | None:
        """The first error of a file that did not load."""
        return next((p for p in self.problems if p.path == path and p.severity == "error"), None)

    def scenarios_for_lesson(self, lesson_id: str) -> list[Scenario]:
        return [s for s in self.scenarios if s.lesson == lesson_id]
