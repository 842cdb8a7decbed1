"""The one grader: every answer, wherever it is given, is judged here. Pure, no I/O.

A walkthrough, a quiz, review and practice all hand their answer to `grade` and get a
`Verdict` back; `record_answer` stores that same verdict, so the verdict a screen shows and the
row the store keeps cannot disagree.

An answer is given in the question's ORIGINAL choice order: a placement is "internal" or
"external" (any case, any surrounding space), a choice or multi question the set of chosen
choice indexes (a single index is accepted for a choice question).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from tutor.content.model import PLACEMENTS, Question

# What grade() keeps: a placement in lower case, or the chosen ORIGINAL indexes.
Answer = str | frozenset[int]
# What grade() accepts.
GivenAnswer = str | int | Iterable[int]


def normalise(question: Question, answer: GivenAnswer) -> Answer:
    """The answer in its one canonical form; TypeError or ValueError when it cannot be one."""
    if question.kind == "placement":
        if not isinstance(answer, str):
            raise TypeError("a placement answer is 'internal' or 'external'")
        placement = answer.strip().lower()
        if placement not in PLACEMENTS:
            raise ValueError(f"a placement answer is 'internal' or 'external', not {answer!r}")
        return placement
    if isinstance(answer, str):
        raise TypeError("a choice answer is a set of choice indexes, not a string")
    chosen = frozenset((answer,)) if isinstance(answer, int) else frozenset(map(int, answer))
    for index in sorted(chosen):
        if not 0 <= index < len(question.choices):
            raise IndexError(f"question {question.id!r} has no choice {index}")
    return chosen


@dataclass(frozen=True)
class Verdict:
    """An answer judged: what was answered (normalised), and whether it is right."""

    question: Question
    answer: Answer
    correct: bool

    @property
    def truth(self) -> str | None:
        """The right placement (placement questions only)."""
        return self.question.answer

    def chosen(self) -> frozenset[int]:
        """The chosen ORIGINAL choice indexes (empty for a placement)."""
        return self.answer if isinstance(self.answer, frozenset) else frozenset()

    def missed(self) -> frozenset[int]:
        """Right choices left out (empty for a placement)."""
        if isinstance(self.answer, str):
            return frozenset()
        return self.question.correct_indexes() - self.answer

    def stored_answer(self) -> str:
        """The stored form (the `answer` column): the placement, or the chosen choices' texts
        in the original order, as JSON."""
        if isinstance(self.answer, str):
            return json.dumps(self.answer)
        texts = [self.question.choices[index].text for index in sorted(self.answer)]
        return json.dumps(texts, ensure_ascii=False)


def grade(question: Question, answer: GivenAnswer) -> Verdict:
    """Judge an answer. placement: the right side, whatever its case; choice and multi:
    exactly the right choices."""
    normalised = normalise(question, answer)
    if isinstance(normalised, str):
        correct = normalised == (question.answer or "").strip().lower()
    else:
        correct = normalised == question.correct_indexes()
    return Verdict(question, normalised, correct)
