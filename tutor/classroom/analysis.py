"""Item analysis for the instructor: what a class's records say about each question and student.

Pure: records (and optionally the pack they were answered in) in, a `ClassReport` out. One pass
over the answers fills plain dicts; everything else works on those per-question tallies, so
300,000 answers take well under a second.

- Facility index: the share of the students who attempted a question that were right at their
  FIRST attempt (later attempts are review and practice, not a measure of the item).
- Discrimination index (Kelley's upper and lower 27%, as Moodle's quiz statistics use it): see
  `discrimination`.
- Distractor analysis: how often each choice was picked at first attempt.

The students, the weak environments and lessons, and the flags are summed up in `roster`.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from tutor.classroom.records import AnswerRecord, ClassRecords
from tutor.classroom.roster import (
    AreaStats,
    Person,
    StudentStats,
    area_stats,
    flag_rows,
    pages_read,
    see_other_records,
    student_stats,
)
from tutor.content import yaml_nodes
from tutor.content.model import PLACEMENTS, Pack, Question, Scenario
from tutor.progress.grading import grade

GROUP_SHARE = 0.27  # Kelley's upper and lower groups
# Ebel & Frisbie's guideline: an item discriminating below 0.20 is poor, revise or drop it.
POOR_DISCRIMINATION = 0.20
MIN_STUDENTS = 5  # below this, a low index says little about the item

_Key = tuple[str, str]  # (scenario id, question id)


@dataclass(frozen=True)
class ChoiceCount:
    text: str
    picked: int  # first attempts that picked it
    correct: bool | None  # None without the pack (or a choice the pack no longer has)


@dataclass(frozen=True)
class QuestionStats:
    scenario: str
    question: str
    attempts: int
    students: int
    facility: float  # right at first attempt / students
    discrimination: float | None
    accuracy: float  # right / attempts, every attempt
    hint_rate: float
    flags: int
    choices: tuple[ChoiceCount, ...]
    environment: str | None = None
    lesson: str | None = None
    revision: str | None = None  # why it should be revised, or None
    path: str | None = None  # the scenario's file, when the pack has it
    line: int | None = None  # the question's line there: marked questions only
    right_first: int = 0  # students right at first attempt
    correct: int = 0  # right attempts, every attempt


@dataclass
class ClassReport:
    questions: list[QuestionStats] = field(default_factory=list)
    students: list[StudentStats] = field(default_factory=list)
    environments: list[AreaStats] = field(default_factory=list)
    lessons: list[AreaStats] = field(default_factory=list)
    flags: list[dict[str, Any]] = field(default_factory=list)
    pack: str | None = None

    @property
    def revision(self) -> list[QuestionStats]:
        """The questions marked for revision, in report order."""
        return [q for q in self.questions if q.revision is not None]

    def to_dict(self) -> dict[str, Any]:
        return {
            "pack": self.pack,
            "questions": [_rounded(asdict(q)) for q in self.questions],
            "students": [_rounded(asdict(s)) for s in self.students],
            "environments": [_rounded(asdict(a)) for a in self.environments],
            "lessons": [_rounded(asdict(a)) for a in self.lessons],
            "revision": [
                {
                    "scenario": q.scenario,
                    "question": q.question,
                    "path": q.path,
                    "line": q.line,
                    "reason": q.revision,
                }
                for q in self.revision
            ],
            "flags": list(self.flags),
        }


def _rounded(row: dict[str, Any]) -> dict[str, Any]:
    """Figures to 4 decimals, tuples (a question's choices) as JSON lists."""
    return {
        k: round(v, 4) if isinstance(v, float) else list(v) if isinstance(v, tuple) else v
        for k, v in row.items()
    }


class _Tally:
    """One question's attempts."""

    __slots__ = ("attempts", "correct", "hints", "first")

    def __init__(self) -> None:
        self.attempts = self.correct = self.hints = 0
        self.first: dict[str, AnswerRecord] = {}  # student id -> their first attempt


def _tally_answers(answers: list[AnswerRecord]) -> tuple[dict[_Key, _Tally], dict[str, Person]]:
    """The one pass over what can be 300,000 answers. Nested dicts keyed by the ids' own
    strings (their hashes are cached) rather than tuples, which would be hashed afresh."""
    by_scenario: dict[str, dict[str, _Tally]] = {}
    people: dict[str, Person] = {}
    for answer in answers:
        tallies = by_scenario.get(answer.scenario_id)
        if tallies is None:
            tallies = by_scenario[answer.scenario_id] = {}
        tally = tallies.get(answer.question_id)
        if tally is None:
            tally = tallies[answer.question_id] = _Tally()
        correct = answer.correct
        tally.attempts += 1
        if correct:  # a branch, not `+= correct`: int + bool leaves CPython's fast path
            tally.correct += 1
        if answer.hint_used:
            tally.hints += 1
        sid, at = answer.student_id, answer.answered_at
        first = tally.first.get(sid)
        if (
            first is None
            or at < first.answered_at
            or (at == first.answered_at and answer.record_id < first.record_id)
        ):
            tally.first[sid] = answer
        person = people.get(sid)
        if person is None:
            person = people[sid] = Person(answer.student_name, at)
        elif at > person.seen:  # ISO UTC text: text order is time order
            person.name, person.seen = answer.student_name, at
        person.attempts += 1
        if correct:
            person.correct += 1
    flat = {(sc, q): t for sc, tallies in by_scenario.items() for q, t in tallies.items()}
    for tally in flat.values():
        for sid, first in tally.first.items():
            people[sid].score += first.correct
    return flat, people


def build_report(records: ClassRecords, pack: Pack | None = None) -> ClassReport:
    """The class's item analysis. Without the pack, right choices, environments, lessons and
    the popular-wrong-choice mark are unknown; the rest still comes from the records."""
    tallies, people = _tally_answers(records.answers)
    # Ranked on answers only: a student who answered nothing would sit in the lower group
    # without attempting anything, and only shrink it.
    groups = kelley_groups({sid: p.score for sid, p in people.items()})
    see_other_records(records, people)
    scenarios = {s.id: s for s in pack.scenarios} if pack else {}
    in_pack = [(s.id, q.id) for s in scenarios.values() for q in s.questions]
    order = {key: i for i, key in enumerate(in_pack)}
    flags = Counter((f.scenario_id, f.question_id) for f in records.flags)
    lines: dict[Path, dict[str, int]] = {}  # each scenario file composed once, if at all
    questions = [
        _question_stats(key, tallies[key], scenarios.get(key[0]), groups, flags[key], lines)
        for key in sorted(tallies, key=lambda k: (order.get(k, len(order)), k))
    ]
    pages = pages_read(records)
    return ClassReport(
        questions=questions,
        students=student_stats(records, people, pages, pack),
        environments=area_stats(questions, "environment", pack, pages),
        lessons=area_stats(questions, "lesson", pack, pages),
        flags=flag_rows(records),
        pack=_pack_name(pack),
    )


def _question_stats(
    key: _Key,
    tally: _Tally,
    scenario: Scenario | None,
    groups: tuple[frozenset[str], frozenset[str]],
    flags: int,
    lines: dict[Path, dict[str, int]],
) -> QuestionStats:
    question = scenario.question(key[1]) if scenario else None
    firsts = tally.first.values()
    right_first = sum(first.correct for first in firsts)
    choices, right_picks = choice_counts(question, Counter(first.answer for first in firsts))
    path = scenario.path if scenario else None
    stats = QuestionStats(
        scenario=key[0],
        question=key[1],
        attempts=tally.attempts,
        students=len(tally.first),
        facility=right_first / len(tally.first),
        discrimination=discrimination(tally.first, *groups),
        accuracy=tally.correct / tally.attempts,
        hint_rate=tally.hints / tally.attempts,
        flags=flags,
        choices=choices,
        environment=scenario.environment if scenario else None,
        lesson=scenario.lesson if scenario else None,
        path=str(path) if path else None,
        right_first=right_first,
        correct=tally.correct,
    )
    reason = revision_reason(stats, right_picks if question else None)
    if reason is None:
        return stats
    if path is not None and path not in lines:
        lines[path] = question_lines(path)
    line = lines[path].get(key[1]) if path is not None else None
    return replace(stats, revision=reason, line=line)


def kelley_groups(scores: dict[str, int]) -> tuple[frozenset[str], frozenset[str]]:
    """The upper and lower 27% of the students by total score (ties broken by student id, so
    the same records always give the same groups): n = max(1, round(0.27 * N)) each."""
    ranked = sorted(scores, key=lambda sid: (-scores[sid], sid))
    if not ranked:
        return frozenset(), frozenset()
    size = max(1, round(GROUP_SHARE * len(ranked)))
    return frozenset(ranked[:size]), frozenset(ranked[-size:])


def discrimination(
    first: dict[str, AnswerRecord], upper: frozenset[str], lower: frozenset[str]
) -> float | None:
    """Share right at first try among the upper group's students who attempted the question,
    minus the same share for the lower group (-1 to 1; higher: the item separates the strong
    from the weak). None when fewer than 2 students attempted it, or a group has nobody who did.

    Ebel & Frisbie's guideline reads it: 0.40 and above very good, 0.30 to 0.39 reasonably
    good, 0.20 to 0.29 marginal, below 0.20 a poor item to be revised or dropped.
    """
    if len(first) < 2:
        return None
    shares = []
    for group in (upper, lower):
        tried = [first[sid].correct for sid in group if sid in first]
        if not tried:
            return None
        shares.append(sum(tried) / len(tried))
    return shares[0] - shares[1]


def choice_counts(
    question: Question | None, picks: Counter[str]
) -> tuple[tuple[ChoiceCount, ...], int]:
    """Each choice's first-attempt picks (`picks` counts the stored answers' JSON texts), and how
    many first attempts the pack's answer key grades right. The pack's choices come first, in
    its order (a distractor nobody picked shows as 0); texts it no longer has follow."""
    counts: Counter[str] = Counter()
    right_picks = 0
    for stored, times in picks.items():
        value = _parse(stored)
        for text in [value] if isinstance(value, str) else value:
            counts[text] += times
        if question is not None and _graded_right(question, value):
            right_picks += times
    rows: list[ChoiceCount] = []
    if question is not None:
        if question.kind == "placement":
            # The grader decides which placement is right, as it did for the learner.
            rows = [
                ChoiceCount(p, counts.pop(p, 0), grade(question, p).correct) for p in PLACEMENTS
            ]
        else:
            rows = [ChoiceCount(c.text, counts.pop(c.text, 0), c.correct) for c in question.choices]
    rows += [
        ChoiceCount(t, n, None) for t, n in sorted(counts.items(), key=lambda i: (-i[1], i[0]))
    ]
    return tuple(rows), right_picks


def _parse(stored: str) -> str | list[str]:
    try:
        value = json.loads(stored)
    except ValueError:
        return stored
    if isinstance(value, list):
        return [str(text) for text in value]
    return str(value)


def _graded_right(question: Question, value: str | list[str]) -> bool:
    """The stored answer graded by `tutor.progress.grading` against the pack's answer key."""
    try:
        if isinstance(value, str):
            return grade(question, value).correct
        index = {choice.text: i for i, choice in enumerate(question.choices)}
        if all(text in index for text in value):
            return grade(question, [index[text] for text in value]).correct
    except (TypeError, ValueError, IndexError):
        pass  # a placement given to a choice question, or the reverse: content changed
    return False


def revision_reason(stats: QuestionStats, right_picks: int | None) -> str | None:
    """Why a question should be revised (one line), or None. Poor discrimination is below 0.20
    (Ebel & Frisbie), judged only from 5 students up; a popular wrong choice is one picked at
    first attempt more often than the right answer (needs the pack's key: `right_picks`)."""
    reasons = []
    # Judged on the two decimals the report shows, so that "0.20" is never called below 0.20.
    shown = None if stats.discrimination is None else round(stats.discrimination, 2)
    if shown is not None and shown < POOR_DISCRIMINATION and stats.students >= MIN_STUDENTS:
        reasons.append(f"discrimination {shown:.2f} is below {POOR_DISCRIMINATION:.2f}")
    if right_picks is not None:
        wrong = [c for c in stats.choices if c.correct is False and c.picked > right_picks]
        if wrong:
            top = max(wrong, key=lambda c: c.picked)
            reasons.append(
                f"wrong choice {top.text!r} picked at first try by {top.picked}, "
                f"the right answer by {right_picks}"
            )
    return "; ".join(reasons) or None


def question_lines(path: Path) -> dict[str, int]:
    """Each question's 1-based line in a scenario file: the line of its `id:`, found with the
    loader's own safe YAML front end. Empty when the file no longer reads."""
    text, _ = yaml_nodes.read_text(path)
    root, _ = yaml_nodes.compose(text, path) if text is not None else (None, [])
    lines: dict[str, int] = {}
    steps = _child(root, "steps")
    for step in steps.value if isinstance(steps, SequenceNode) else ():
        question_id = _child(_child(step, "question"), "id")
        if isinstance(question_id, ScalarNode):  # `id: where-db`: key and value on one line
            lines.setdefault(str(question_id.value), question_id.start_mark.line + 1)
    return lines


def _child(node: Node | None, name: str) -> Node | None:
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == name and isinstance(value, Node):
                return value
    return None


def _pack_name(pack: Pack | None) -> str | None:
    if pack is None or pack.manifest is None:
        return None
    return f"{pack.manifest.id} {pack.manifest.version}"
