"""A question as it is asked: its scenario and its choices shuffled. Pure, no I/O.

A walkthrough, a quiz and review all show a question's choices in a shuffled order, and all
store answers in the question's ORIGINAL order. This module is the one place that shuffles and
maps back: `RoundItem` carries the order (shown position -> original index).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from tutor.content.model import Question, Scenario
from tutor.progress.grading import Answer


def stable_choice_order(scenario_id: str, question: Question) -> tuple[int, ...]:
    """The question's choices shuffled, the same way every time (shown position -> index).

    Authors tend to write the right choice first; shown as written, learners would soon pick
    the first one without reading. Seeded by the question's key, so a second visit looks the
    same as the first.
    """
    if question.kind == "placement" or len(question.choices) < 2:
        return ()
    order = list(range(len(question.choices)))
    random.Random(f"{scenario_id}/{question.id}").shuffle(order)
    return tuple(order)


def random_choice_order(question: Question, rng: random.Random) -> tuple[int, ...]:
    """The question's choices shuffled by `rng` (a seeded quiz)."""
    order = list(range(len(question.choices)))
    rng.shuffle(order)
    return tuple(order)


def in_choice_order(question: Question, order: tuple[int, ...]) -> Question:
    """The question as shown: its choices in `order` (empty: as written)."""
    if not order:
        return question
    return replace(question, choices=tuple(question.choices[index] for index in order))


def original_answer(answer: Answer, order: tuple[int, ...]) -> Answer:
    """An answer given on the shown question, in the question's own choice indexes."""
    if isinstance(answer, str) or not order:
        return answer
    return frozenset(order[position] for position in answer)


@dataclass(frozen=True)
class RoundItem:
    """One question as asked: in a walkthrough, a quiz, review or practice."""

    scenario: Scenario
    question: Question  # as written: its choices in the ORIGINAL order
    choice_order: tuple[int, ...] = ()  # shown position -> original index; () = as written

    @classmethod
    def stable(cls, scenario: Scenario, question: Question) -> RoundItem:
        """Shuffled the same way on every visit (walkthrough, review, practice)."""
        return cls(scenario, question, stable_choice_order(scenario.id, question))

    def shown_question(self) -> Question:
        return in_choice_order(self.question, self.choice_order)

    def original_index(self, position: int) -> int:
        return self.choice_order[position] if self.choice_order else position

    def original_answer(self, answer: Answer) -> Answer:
        """An answer given on the shown question, in the ORIGINAL order (as graded and stored)."""
        return original_answer(answer, self.choice_order)


@dataclass(frozen=True)
class RoundResult:
    """How one question of a round went."""

    item: RoundItem
    correct: bool
    hint_used: bool = False
    saved: bool = True  # the store kept it
