"""Drawing quizzes from a pack, and scoring them. Pure functions, no I/O.

A quiz is a round of `RoundItem`s (tutor/progress/rounds.py) with their choices shuffled by a
seeded random generator; answers are graded by tutor/progress/grading.py like any other.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from tutor.content.model import ENVIRONMENTS, Pack, Question, Scenario
from tutor.progress.rounds import RoundItem, RoundResult, random_choice_order


class QuizSelectionError(ValueError):
    """The filters select no question (or are invalid); the message says why, in one line."""


def _selection(
    pack: Pack, environment: str | None, lesson: str | None, tag: str | None
) -> list[tuple[Scenario, Question]]:
    if environment is not None and environment not in ENVIRONMENTS:
        raise QuizSelectionError(
            f"unknown environment {environment!r} (choose from {', '.join(ENVIRONMENTS)})"
        )
    if lesson is not None and pack.lesson(lesson) is None and not pack.scenarios_for_lesson(lesson):
        known = ", ".join(sorted({s.lesson for s in pack.scenarios if s.lesson})) or "none"
        raise QuizSelectionError(
            f"no lesson {lesson!r} in this pack (lessons with scenarios: {known})"
        )
    if tag is not None and not any(tag in s.tags for s in pack.scenarios):
        known = ", ".join(sorted({t for s in pack.scenarios for t in s.tags})) or "none"
        raise QuizSelectionError(f"no scenario is tagged {tag!r} (tags: {known})")
    return [
        (scenario, question)
        for scenario in pack.scenarios
        if (environment is None or scenario.environment == environment)
        and (lesson is None or scenario.lesson == lesson)
        and (tag is None or tag in scenario.tags)
        for question in scenario.questions
    ]


def draw_quiz(
    pack: Pack,
    count: int = 10,
    environment: str | None = None,
    lesson: str | None = None,
    tag: str | None = None,
    seed: int | None = None,
) -> list[RoundItem]:
    """Up to `count` questions matching every given filter, in random order with shuffled
    choices; the same seed (and pack) gives the same quiz. Fewer questions than `count` is
    fine; none at all raises QuizSelectionError."""
    if count < 1:
        raise QuizSelectionError(f"the question count must be at least 1, not {count}")
    pool = _selection(pack, environment, lesson, tag)
    if not pool:
        filters = [
            f"{name} {value!r}"
            for name, value in (("environment", environment), ("lesson", lesson), ("tag", tag))
            if value is not None
        ]
        where = " with " + " and ".join(filters) if filters else ""
        raise QuizSelectionError(f"no scenario question matches{where}")
    rng = random.Random(seed)
    drawn = rng.sample(pool, min(count, len(pool)))
    return [
        RoundItem(scenario, question, random_choice_order(question, rng))
        for scenario, question in drawn
    ]


@dataclass(frozen=True)
class QuizOptions:
    """What a quiz draws: the count and the filters (`tutor quiz` and the quiz start screen)."""

    count: int = 10
    environment: str | None = None
    lesson: str | None = None
    tag: str | None = None
    seed: int | None = None

    def draw(self, pack: Pack) -> list[RoundItem]:
        """The quiz's items; raises QuizSelectionError."""
        return draw_quiz(
            pack,
            count=self.count,
            environment=self.environment,
            lesson=self.lesson,
            tag=self.tag,
            seed=self.seed,
        )


@dataclass
class Tally:
    right: int = 0
    total: int = 0

    @property
    def percent(self) -> float | None:
        return None if self.total == 0 else 100.0 * self.right / self.total

    def add(self, correct: bool) -> None:
        self.total += 1
        self.right += int(correct)

    def to_dict(self) -> dict[str, object]:
        return {"right": self.right, "total": self.total, "percent": self.percent}


@dataclass
class QuizScore:
    overall: Tally = field(default_factory=Tally)
    by_environment: dict[str, Tally] = field(default_factory=dict)
    by_lesson: dict[str, Tally] = field(default_factory=dict)  # "" = scenarios without a lesson
    missed: list[RoundItem] = field(default_factory=list)
    hints_used: int = 0


def score_quiz(results: Sequence[RoundResult]) -> QuizScore:
    """The end screen's figures: score, per environment and per lesson, and the misses."""
    score = QuizScore()
    for result in results:
        scenario = result.item.scenario
        score.overall.add(result.correct)
        score.by_environment.setdefault(scenario.environment, Tally()).add(result.correct)
        score.by_lesson.setdefault(scenario.lesson or "", Tally()).add(result.correct)
        score.hints_used += int(result.hint_used)
        if not result.correct:
            score.missed.append(result.item)
    score.by_environment = {
        env: score.by_environment[env] for env in ENVIRONMENTS if env in score.by_environment
    } | {env: t for env, t in score.by_environment.items() if env not in ENVIRONMENTS}
    return score
