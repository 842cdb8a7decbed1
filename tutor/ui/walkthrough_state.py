"""A scenario's walkthrough as a plain state machine: the summary, then each step.

No Textual here: WalkthroughScreen drives this object and draws what it says, so what Enter
does at each step is unit-testable. Each question is answered through a QuestionState
(tutor/ui/question_state.py), shared with the quiz and review.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from tutor.content.model import Question, QuestionStep, Scenario, Step, Topology
from tutor.progress.grading import Verdict
from tutor.progress.rounds import RoundItem
from tutor.ui.question_state import QuestionState


class Phase(Enum):
    SUMMARY = "summary"
    TEXT = "text"
    QUESTION = "question"
    FEEDBACK = "feedback"
    COMPLETE = "complete"


@dataclass(frozen=True)
class QuestionResult:
    """How one of the scenario's questions went in this walkthrough: its verdict (the one the
    store kept and the feedback showed), or None when it was not answered this time (the
    walkthrough opened at a later step)."""

    question: Question
    verdict: Verdict | None
    hint_used: bool = False

    def right_answer(self) -> str:
        """The right placement, or the right choices' texts, for a question missed."""
        if self.question.kind == "placement":
            return (self.question.answer or "").capitalize()
        return "; ".join(choice.text for choice in self.question.choices if choice.correct)


class Walkthrough:
    """Summary, then each step. `advance()` is the screen's Enter: on from the summary, a
    text step or feedback; a question is answered through its QuestionState instead."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.index = -1
        self.phase = Phase.SUMMARY
        self.question_state: QuestionState | None = None
        self.results: dict[str, bool] = {}
        self.verdicts: dict[str, Verdict] = {}
        self.hints: set[str] = set()

    @property
    def topology(self) -> Topology:
        return self.scenario.topology

    @property
    def total_steps(self) -> int:
        return len(self.scenario.steps)

    @property
    def step(self) -> Step | None:
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
                self.question_state = QuestionState(
                    RoundItem.stable(self.scenario, step.question),
                    unplaced=self.unplaced_service(),
                )
            else:  # a text step, or a lab (its LabView runs the checks)
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

    def show_feedback(self) -> None:
        """The current question has its verdict: keep it for the score, show its feedback."""
        state = self.question_state
        if self.phase is not Phase.QUESTION or state is None or state.verdict is None:
            raise RuntimeError("no answered question")
        question_id = state.item.question.id
        self.results[question_id] = state.verdict.correct
        self.verdicts[question_id] = state.verdict
        if state.hint_used:
            self.hints.add(question_id)
        self.phase = Phase.FEEDBACK

    def question_results(self) -> list[QuestionResult]:
        """Each of the scenario's questions, in order, with its verdict in this walkthrough."""
        return [
            QuestionResult(q, self.verdicts.get(q.id), q.id in self.hints)
            for q in self.scenario.questions
        ]

    @property
    def score(self) -> tuple[int, int]:
        return sum(self.results.values()), len(self.scenario.questions)

    def position_label(self) -> str:
        if self.phase is Phase.SUMMARY:
            return "summary"
        if self.phase is Phase.COMPLETE:
            return "done"
        return f"step {self.index + 1} of {self.total_steps}"
