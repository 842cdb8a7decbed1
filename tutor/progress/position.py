"""Where the learner is, and where Continue leads. Works with any ProgressStore; no Textual.

The stored position is what the learner last had open; the pack may have changed since, so
`continue_point` clamps it to the pack as it is now. Finishing a scenario moves the position on
to the next scenario not yet done, so that Continue leads forward rather than back.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from tutor.content.model import QuestionStep

if TYPE_CHECKING:
    from tutor.content.model import Pack, Scenario
    from tutor.progress.store import Position, ProgressStore


def step_of(scenario: Scenario, question_id: str) -> int | None:
    """The walkthrough step that asks this question (0-based), or None."""
    for index, step in enumerate(scenario.steps):
        if isinstance(step, QuestionStep) and step.question.id == question_id:
            return index
    return None


def clamp_position(position: Position | None, pack: Pack) -> Position | None:
    """The position inside the pack as it is now: its step cut to the last page or step;
    None when there is none, or its lesson or scenario is gone (or a lesson has no pages)."""
    if position is None:
        return None
    if position.kind == "lesson":
        lesson = pack.lesson(position.id)
        if lesson is None or not lesson.pages:
            return None
        return replace(position, step=max(0, min(position.step, len(lesson.pages) - 1)))
    scenario = pack.scenario(position.id)
    if scenario is None:
        return None
    return replace(position, step=max(0, min(position.step, len(scenario.steps) - 1)))


def continue_point(store: ProgressStore, pack: Pack) -> Position | None:
    """Where Continue leads: the lesson page or scenario step where the learner left off."""
    return clamp_position(store.position(), pack)


def next_scenario(pack: Pack, after: str, done: Collection[str]) -> Scenario | None:
    """The first scenario not in `done` after the one with id `after`, in pack order, going
    round to the start; None when every scenario is done."""
    scenarios = pack.scenarios
    start = next((i for i, s in enumerate(scenarios) if s.id == after), -1) + 1
    following = scenarios[start:] + scenarios[:start]
    return next((s for s in following if s.id not in done), None)


def completed_ids(store: ProgressStore) -> set[str]:
    return {done.scenario_id for done in store.scenarios_completed()}


def finish_scenario(store: ProgressStore, pack: Pack, scenario_id: str, *, at: datetime) -> None:
    """Mark a scenario completed and move Continue on to the next one not yet done."""
    store.record_scenario_completed(scenario_id, at=at)
    upcoming = next_scenario(pack, scenario_id, completed_ids(store))
    if upcoming is not None:
        store.set_position("scenario", upcoming.id, 0)
