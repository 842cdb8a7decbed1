"""The walkthrough of a scenario and the answering of one question, as plain state machines.

No Textual here: the screens drive these objects and draw what they say, so the rules
(what Enter does, when an answer is right, which diagram to draw) are unit-testable.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from enum import Enum

from tutor.content.model import Question, QuestionStep, Scenario, TextStep, Topology

Answer = str | frozenset[int]


def is_correct(question: Question, answer: Answer) -> bool:
    """placement: the answer names the right side; choice and multi: exactly the right choices."""
    if question.kind == "placement":
        return answer == question.answer
    return isinstance(answer, frozenset) and answer == question.correct_indexes()


@dataclass
class QuestionState:
    """One question being answered: the previewed placement or chosen choices, then the verdict."""

    question: Question
    preview: str | None = None  # placement: "internal" | "external" while previewing
    selected: set[int] = field(default_factory=set)
    hint_used: bool = False
    answer: Answer | None = None
    correct: bool | None = None
    # A service whose placement question comes later: drawn unplaced so this step's diagram
    # does not give that answer away.
    unplaced: str | None = None

    @property
    def answered(self) -> bool:
        return self.answer is not None

    def show_hint(self) -> str | None:
        if self.question.hint and not self.answered:
            self.hint_used = True
        return self.question.hint

    def set_preview(self, placement: str) -> None:
        if self.question.kind == "placement" and not self.answered:
            self.preview = placement

    def choose(self, index: int) -> None:
        """choice: pick one; multi: toggle one."""
        if self.answered or not 0 <= index < len(self.question.choices):
            return
        if self.question.kind == "multi":
            self.selected ^= {index}
        else:
            self.selected = {index}

    def pending_answer(self) -> Answer | None:
        """What Enter would commit now, or None when nothing is chosen yet."""
        if self.question.kind == "placement":
            return self.preview
        return frozenset(self.selected) if self.selected else None

    def commit(self, answer: Answer | None = None) -> bool:
        """Commit the answer (the pending one by default); returns whether it is right."""
        if self.answered:
            raise RuntimeError("question already answered")
        answer = self.pending_answer() if answer is None else answer
        if answer is None:
            raise ValueError("nothing chosen yet")
        self.answer = answer
        self.correct = is_correct(self.question, answer)
        return self.correct

    def diagram_arguments(self) -> tuple[dict[str, str] | None, str | None]:
        """(placement, unknown) for tutor.topology.diagram at this moment.

        Before a placement question is answered the service is drawn detached and marked
        "?", or where the learner previews it; afterwards, as the topology truly is.
        """
        question = self.question
        if question.kind != "placement" or not question.service:
            return None, self.unplaced
        if self.answered:
            return None, None
        if self.preview is None:
            return None, question.service
        return {question.service: self.preview}, None

    def chosen_feedback(self) -> list[tuple[str, bool, str | None]]:
        """(choice text, is it correct, its feedback) for every chosen choice, in order."""
        if not isinstance(self.answer, frozenset):
            return []
        return [
            (choice.text, choice.correct, choice.feedback)
            for i, choice in enumerate(self.question.choices)
            if i in self.answer
        ]

    def missed(self) -> list[str]:
        """Right choices the learner left out (multi)."""
        if not isinstance(self.answer, frozenset):
            return []
        return [
            c.text
            for i, c in enumerate(self.question.choices)
            if c.correct and i not in self.answer
        ]


class Phase(Enum):
    SUMMARY = "summary"
    TEXT = "text"
    QUESTION = "question"
    FEEDBACK = "feedback"
    COMPLETE = "complete"


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


class Walkthrough:
    """Summary, then each step; Enter continues, commits, or moves on after feedback."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.index = -1
        self.phase = Phase.SUMMARY
        self.question_state: QuestionState | None = None
        self.choice_order: tuple[int, ...] = ()  # of the current question, as shown
        self.results: dict[str, bool] = {}

    @property
    def topology(self) -> Topology:
        return self.scenario.topology

    @property
    def total_steps(self) -> int:
        return len(self.scenario.steps)

    @property
    def step(self) -> TextStep | QuestionStep | None:
        if 0 <= self.index < self.total_steps:
            return self.scenario.steps[self.index]
        return None

    def go_to(self, index: int) -> None:
        """Show step `index` (-1: the summary; past the end: complete)."""
        self.question_state = None
        if index < 0:
            self.index, self.phase = -1, Phase.SUMMARY
        elif index >= self.total_steps:
            self.index, self.phase = self.total_steps, Phase.COMPLETE
        else:
            self.index = index
            step = self.scenario.steps[index]
            if isinstance(step, QuestionStep):
                self.phase = Phase.QUESTION
                self.choice_order = stable_choice_order(self.scenario.id, step.question)
                self.question_state = QuestionState(
                    in_choice_order(step.question, self.choice_order),
                    unplaced=self.unplaced_service(),
                )
            else:
                self.phase = Phase.TEXT

    def unplaced_service(self) -> str | None:
        """The service of the next placement question still to come, if any.

        The summary, text steps and other questions before it draw that service unplaced:
        the true topology would give its answer away.
        """
        for step in self.scenario.steps[self.index + 1 :]:
            if isinstance(step, QuestionStep) and step.question.kind == "placement":
                return step.question.service
        return None

    def advance(self) -> bool:
        """Move on from the summary, a text step or feedback. False at a question or the end."""
        if self.phase in (Phase.QUESTION, Phase.COMPLETE):
            return False
        self.go_to(self.index + 1)
        return True

    def record(self, correct: bool) -> None:
        """The current question was answered (by the QuestionView): show its feedback next."""
        if self.phase is not Phase.QUESTION or self.question_state is None:
            raise RuntimeError("no question to answer")
        self.results[self.question_state.question.id] = correct
        self.phase = Phase.FEEDBACK

    @property
    def score(self) -> tuple[int, int]:
        return sum(self.results.values()), len(self.scenario.questions)

    def position_label(self) -> str:
        if self.phase is Phase.SUMMARY:
            return "summary"
        if self.phase is Phase.COMPLETE:
            return "done"
        return f"step {self.index + 1} of {self.total_steps}"
