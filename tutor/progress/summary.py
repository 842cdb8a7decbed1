"""The learner's totals, as `tutor progress` and Home show them. Works with any ProgressStore."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from tutor.content.model import ENVIRONMENTS
from tutor.progress.quiz import Tally
from tutor.progress.store import iso, utc_now

if TYPE_CHECKING:
    from tutor.content.model import Pack
    from tutor.progress.store import ProgressStore

UNKNOWN_ENVIRONMENT = "(not in this pack)"


@dataclass
class Summary:
    lessons_total: int = 0
    lessons_started: int = 0  # at least one page read
    lessons_read: int = 0  # every page read
    scenarios_total: int = 0
    scenarios_completed: int = 0
    labs_total: int = 0
    labs_passed: int = 0  # distinct labs verified as passed at least once
    lab_runs: Tally = field(default_factory=Tally)  # every verification; right = passed
    questions_total: int = 0
    questions_answered: int = 0  # distinct questions with at least one answer
    attempts: Tally = field(default_factory=Tally)
    by_environment: dict[str, Tally] = field(default_factory=dict)
    due_now: int = 0
    next_due: datetime | None = None
    flags: int = 0

    def to_dict(self) -> dict[str, object]:
        return {
            "lessons": {
                "total": self.lessons_total,
                "started": self.lessons_started,
                "read": self.lessons_read,
            },
            "scenarios": {"total": self.scenarios_total, "completed": self.scenarios_completed},
            "labs": {
                "total": self.labs_total,
                "passed": self.labs_passed,
                "runs": {"total": self.lab_runs.total, "passed": self.lab_runs.right},
            },
            "questions": {"total": self.questions_total, "answered": self.questions_answered},
            "attempts": self.attempts.to_dict(),
            "by_environment": {env: tally.to_dict() for env, tally in self.by_environment.items()},
            "review": {
                "due_now": self.due_now,
                "next_due": iso(self.next_due) if self.next_due else None,
            },
            "flags": self.flags,
        }


def summarize(store: ProgressStore, pack: Pack, now: datetime | None = None) -> Summary:
    from tutor.progress.position import completed_ids, labs_by_scenario
    from tutor.progress.review import scheduled

    now = utc_now() if now is None else now
    summary = Summary(
        lessons_total=len(pack.lessons),
        scenarios_total=len(pack.scenarios),
        questions_total=sum(len(s.questions) for s in pack.scenarios),
    )
    pages: dict[str, set[int]] = {}
    for read in store.lessons_read():
        pages.setdefault(read.lesson_id, set()).add(read.page)
    for lesson in pack.lessons:
        seen = pages.get(lesson.id, set())
        summary.lessons_started += bool(seen)
        summary.lessons_read += bool(lesson.pages) and seen >= set(range(len(lesson.pages)))
    known = {s.id for s in pack.scenarios}
    summary.scenarios_completed = len(completed_ids(store, pack) & known)
    lab_ids = labs_by_scenario(pack)
    summary.labs_total = sum(len(ids) for ids in lab_ids.values())
    passed: set[tuple[str, str]] = set()
    for run in store.lab_attempts():
        summary.lab_runs.add(run.passed)
        if run.passed and run.lab_id in lab_ids.get(run.scenario_id, ()):
            passed.add((run.scenario_id, run.lab_id))
    summary.labs_passed = len(passed)
    environment_of = {s.id: s.environment for s in pack.scenarios}
    by_environment: dict[str, Tally] = {}
    answered = set()
    for attempt in store.attempts():
        answered.add(attempt.key)
        summary.attempts.add(attempt.correct)
        environment = environment_of.get(attempt.scenario_id, UNKNOWN_ENVIRONMENT)
        by_environment.setdefault(environment, Tally()).add(attempt.correct)
    summary.questions_answered = len(answered)
    order = [*ENVIRONMENTS, *sorted(set(by_environment) - set(ENVIRONMENTS))]
    summary.by_environment = {env: by_environment[env] for env in order if env in by_environment}
    schedule = scheduled(store, pack, now)
    summary.due_now = sum(1 for item in schedule if item.due <= now)
    summary.next_due = next((item.due for item in schedule if item.due > now), None)
    summary.flags = len(store.flags())
    return summary
