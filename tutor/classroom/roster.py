"""The class report's people and places: each student's progress, where the class is weak (by
environment and by lesson), and the flags with their comments. Used by `analysis.build_report`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tutor.classroom.records import ClassRecords
from tutor.content.model import Pack
from tutor.progress.position import done_scenarios

if TYPE_CHECKING:
    from tutor.classroom.analysis import QuestionStats

# ClassRecords' lists besides the answers, with the time each of their records carries.
_TIMES = (
    ("labs", "checked_at"),
    ("flags", "flagged_at"),
    ("lessons", "read_at"),
    ("scenarios", "completed_at"),
)


class Person:
    """One student's running figures, as the pass over the answers fills them."""

    __slots__ = ("name", "seen", "attempts", "correct", "score")

    def __init__(self, name: str, seen: str) -> None:
        self.name, self.seen = name, seen  # the latest record's name, and its time
        self.attempts = self.correct = 0
        self.score = 0  # questions right at first attempt: the rank for discrimination


@dataclass(frozen=True)
class StudentStats:
    student_id: str
    name: str
    attempts: int
    accuracy: float | None  # right / attempts; None before a first answer
    score: int  # questions right at first attempt: the rank for the discrimination index
    lessons_read: int  # every page read (without the pack: lessons begun)
    scenarios_done: int
    labs_done: int  # distinct labs verified as passed
    last_seen: str | None


@dataclass(frozen=True)
class AreaStats:
    """An environment's or a lesson's questions together: where the class is weak."""

    id: str
    title: str
    questions: int
    attempts: int
    accuracy: float
    facility: float  # students right at first try / student-questions
    read_by: int | None = None  # lessons only: students who read every page


def see_other_records(records: ClassRecords, people: dict[str, Person]) -> None:
    """A student is seen by every record, answers or not: the name is the latest record's."""
    for others, time in _TIMES:
        for record in getattr(records, others):
            at = getattr(record, time)
            if (person := people.get(record.student_id)) is None:
                people[record.student_id] = Person(record.student_name, at)
            elif at > person.seen:  # ISO UTC text: text order is time order
                person.name, person.seen = record.student_name, at


def pages_read(records: ClassRecords) -> dict[str, dict[str, set[int]]]:
    """student id -> lesson id -> the pages read (0-based, as the store keeps them)."""
    pages: dict[str, dict[str, set[int]]] = {}
    for read in records.lessons:
        pages.setdefault(read.student_id, {}).setdefault(read.lesson_id, set()).add(read.page)
    return pages


def lessons_read(read: dict[str, set[int]], pack: Pack | None) -> set[str]:
    """Lessons with every page read; without the pack, every lesson begun."""
    if pack is None:
        return set(read)
    return {
        lesson.id
        for lesson in pack.lessons
        if lesson.pages and read.get(lesson.id, set()) >= set(range(len(lesson.pages)))
    }


def student_stats(
    records: ClassRecords,
    people: dict[str, Person],
    pages: dict[str, dict[str, set[int]]],
    pack: Pack | None,
) -> list[StudentStats]:
    """Every student, by name."""
    scenarios: dict[str, set[str]] = {}
    for done in records.scenarios:
        scenarios.setdefault(done.student_id, set()).add(done.scenario_id)
    labs: dict[str, set[tuple[str, str]]] = {}
    for lab in records.labs:
        if lab.passed:
            labs.setdefault(lab.student_id, set()).add((lab.scenario_id, lab.lab_id))

    def scenarios_done(sid: str) -> int:
        return len(done_scenarios(scenarios.get(sid, set()), labs.get(sid, set()), pack))

    rows = [
        StudentStats(
            student_id=sid,
            name=person.name,
            attempts=person.attempts,
            accuracy=person.correct / person.attempts if person.attempts else None,
            score=person.score,
            lessons_read=len(lessons_read(pages.get(sid, {}), pack)),
            scenarios_done=scenarios_done(sid),
            labs_done=len(labs.get(sid, ())),
            last_seen=person.seen or None,
        )
        for sid, person in people.items()
    ]
    return sorted(rows, key=lambda s: (s.name.casefold(), s.student_id))


def area_stats(
    questions: list[QuestionStats],
    kind: str,
    pack: Pack | None,
    pages: dict[str, dict[str, set[int]]],
) -> list[AreaStats]:
    """Questions grouped by their scenario's `kind` ("environment" or "lesson"), weakest
    first: by accuracy over every attempt, then by the share right at first try."""
    groups: dict[str, list[QuestionStats]] = {}
    for q in questions:
        if (area := q.environment if kind == "environment" else q.lesson) is not None:
            groups.setdefault(area, []).append(q)
    readers = Counter(lesson for read in pages.values() for lesson in lessons_read(read, pack))
    rows = []
    for area, members in groups.items():
        attempts = sum(q.attempts for q in members)
        lesson = pack.lesson(area) if pack and kind == "lesson" else None
        rows.append(
            AreaStats(
                id=area,
                title=lesson.title if lesson else area,
                questions=len(members),
                attempts=attempts,
                accuracy=sum(q.correct for q in members) / attempts,
                facility=sum(q.right_first for q in members) / sum(q.students for q in members),
                read_by=readers[area] if kind == "lesson" else None,
            )
        )
    return sorted(rows, key=lambda a: (a.accuracy, a.facility, a.id))


def flag_rows(records: ClassRecords) -> list[dict[str, Any]]:
    """Every flag with its comment, oldest first."""
    return [
        {
            "scenario": flag.scenario_id,
            "question": flag.question_id,
            "student": flag.student_name,
            "student_id": flag.student_id,
            "reason": flag.reason,
            "comment": flag.comment,
            "flagged_at": flag.flagged_at,
        }
        for flag in sorted(records.flags, key=lambda f: (f.flagged_at, f.scenario_id))
    ]
