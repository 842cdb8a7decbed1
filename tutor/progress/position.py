"""Where the learner is, and where Continue leads. Works with any ProgressStore; no Textual.

The stored position is what the learner last had open; the pack may have changed since, so
`continue_point` clamps it to the pack as it is now. Continue leads forward rather than back:
finishing a scenario moves the position on to the next scenario not yet done, and a position on
the last page of a lesson read to the end leads to the next lesson not yet read (then, with
every lesson read, to the first scenario not done).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from tutor.content.model import LabStep, QuestionStep
from tutor.progress.store import Position

if TYPE_CHECKING:
    from tutor.content.model import Lesson, Pack, Scenario
    from tutor.progress.store import ProgressStore


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


def pages_read(store: ProgressStore) -> dict[str, set[int]]:
    """The pages read of each lesson (0-based), by lesson id."""
    pages: dict[str, set[int]] = {}
    for read in store.lessons_read():
        pages.setdefault(read.lesson_id, set()).add(read.page)
    return pages


def lesson_finished(lesson: Lesson, read: Collection[int]) -> bool:
    """Every page of the lesson read (a lesson with no pages is never finished)."""
    return bool(lesson.pages) and set(range(len(lesson.pages))) <= set(read)


def lessons_finished(store: ProgressStore, pack: Pack) -> set[str]:
    """The ids of the pack's lessons read to the end: Home's "Lessons read", the list's marks."""
    pages = pages_read(store)
    return {
        lesson.id for lesson in pack.lessons if lesson_finished(lesson, pages.get(lesson.id, ()))
    }


def lesson_after(pack: Pack, lesson_id: str) -> Lesson | None:
    """The next lesson in the pack's order, or None after the last one."""
    ids = [lesson.id for lesson in pack.lessons]
    if lesson_id not in ids:
        return None
    index = ids.index(lesson_id) + 1
    return pack.lessons[index] if index < len(ids) else None


def continue_point(store: ProgressStore, pack: Pack) -> Position | None:
    """Where Continue leads: the lesson page or scenario step where the learner left off; past
    a lesson finished there, the next thing not yet done."""
    point = clamp_position(store.position(), pack)
    if point is None or point.kind != "lesson":
        return point
    lesson = pack.lesson(point.id)
    pages = pages_read(store)
    if (
        lesson is None
        or point.step < len(lesson.pages) - 1
        or not lesson_finished(lesson, pages.get(lesson.id, ()))
    ):
        return point  # still reading it: back to that page, even one read before
    return _after_lesson(store, pack, point, pages) or point


def _after_lesson(
    store: ProgressStore, pack: Pack, finished: Position, pages: dict[str, set[int]]
) -> Position | None:
    """The next lesson not yet read, after this one and going round, at its first unread
    page; with every lesson read, the first scenario not done; None when all is done."""
    lessons = pack.lessons
    start = next((i for i, lesson in enumerate(lessons) if lesson.id == finished.id), -1) + 1
    when = finished.updated_at
    for lesson in lessons[start:] + lessons[:start]:
        read = pages.get(lesson.id, set())
        if lesson.pages and not lesson_finished(lesson, read):
            first_unread = min(set(range(len(lesson.pages))) - read)
            return Position("lesson", lesson.id, first_unread, when)
    scenario = next_scenario(pack, "", completed_ids(store, pack))
    return None if scenario is None else Position("scenario", scenario.id, 0, when)


def next_scenario(pack: Pack, after: str, done: Collection[str]) -> Scenario | None:
    """The first scenario not in `done` after the one with id `after`, in pack order, going
    round to the start; None when every scenario is done."""
    scenarios = pack.scenarios
    start = next((i for i, s in enumerate(scenarios) if s.id == after), -1) + 1
    following = scenarios[start:] + scenarios[:start]
    return next((s for s in following if s.id not in done), None)


def completed_ids(store: ProgressStore, pack: Pack) -> set[str]:
    """Scenarios done, by `done_scenarios`, from what the store holds."""
    walked = {done.scenario_id for done in store.scenarios_completed()}
    labs = labs_by_scenario(pack)
    if not any(labs.get(scenario_id) for scenario_id in walked):
        return walked  # no lab to look up: spare reading them
    return _with_labs_passed(walked, store.labs_passed(), labs)


def done_scenarios(
    walked: set[str], labs_passed: set[tuple[str, str]], pack: Pack | None
) -> set[str]:
    """The one rule for a scenario done: walked to the end, and every lab in it verified as
    passed (a lab skipped in the walkthrough, or passed later by `tutor lab verify`, counts
    when it passes). Without the pack, labs are unknown: walked is done."""
    if pack is None:
        return set(walked)
    return _with_labs_passed(walked, labs_passed, labs_by_scenario(pack))


def _with_labs_passed(
    walked: set[str], labs_passed: set[tuple[str, str]], labs: dict[str, list[str]]
) -> set[str]:
    return {
        scenario_id
        for scenario_id in walked
        if all((scenario_id, lab_id) in labs_passed for lab_id in labs.get(scenario_id, ()))
    }


def labs_by_scenario(pack: Pack) -> dict[str, list[str]]:
    """The lab ids of each scenario that has labs, in step order."""

    found: dict[str, list[str]] = {}
    for scenario in pack.scenarios:
        ids = [step.lab.id for step in scenario.steps if isinstance(step, LabStep)]
        if ids:
            found[scenario.id] = ids
    return found


def labs_outstanding(store: ProgressStore, scenario: Scenario) -> list[str]:
    """The ids of the scenario's labs not yet verified as passed, in step order."""

    passed = store.labs_passed(scenario.id)
    return [
        step.lab.id
        for step in scenario.steps
        if isinstance(step, LabStep) and (scenario.id, step.lab.id) not in passed
    ]


def finish_scenario(store: ProgressStore, pack: Pack, scenario_id: str, *, at: datetime) -> None:
    """Mark a scenario completed and move Continue on to the next one not yet done."""
    store.record_scenario_completed(scenario_id, at=at)
    upcoming = next_scenario(pack, scenario_id, completed_ids(store, pack))
    if upcoming is not None:
        store.set_position("scenario", upcoming.id, 0)
