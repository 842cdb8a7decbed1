"""Answering one question, as a plain state machine: a walkthrough, a quiz and review share it.

No Textual here: QuestionView draws what this says, so the rules (what Enter commits, which
diagram to draw, which choices the feedback lists) are unit-testable. Choices are handled in
the order they are shown; the answer is handed on in the question's ORIGINAL order, and the
verdict comes from the one grader (tutor.progress.grading), usually through the store.

Answering is two steps, so that a screen can store the answer before its verdict is shown:
`submit()` closes the question to input and gives the answer, `settle(verdict)` keeps the
verdict it was judged. `commit(judge)` does both at once.
"""

from __future__ import annotations

from collections.abc import Callable

from tutor.content.model import Question
from tutor.progress.grading import Answer, Verdict, grade
from tutor.progress.rounds import RoundItem

# Grades an answer given in the ORIGINAL choice order (and, on a screen, stores it first).
Judge = Callable[[Answer], Verdict]


class QuestionState:
    """One question being answered: the previewed placement or chosen choices, then the verdict."""

    def __init__(self, item: RoundItem, *, unplaced: str | None = None) -> None:
        self.item = item
        self.question: Question = item.shown_question()  # its choices in the order shown
        self.preview: str | None = None  # placement: "internal" | "external" while previewing
        self.selected: set[int] = set()  # shown positions
        self.hint_used = False
        self.submitted: Answer | None = None  # in the ORIGINAL order, once submitted
        self.verdict: Verdict | None = None
        # A service whose placement question comes later: drawn unplaced so this step's
        # diagram does not give that answer away.
        self.unplaced = unplaced

    @property
    def answered(self) -> bool:
        """The verdict is in."""
        return self.verdict is not None

    @property
    def closed(self) -> bool:
        """An answer was submitted: nothing can be chosen, previewed or hinted any more."""
        return self.submitted is not None

    @property
    def correct(self) -> bool | None:
        return None if self.verdict is None else self.verdict.correct

    def show_hint(self) -> str | None:
        if self.question.hint and not self.closed:
            self.hint_used = True
        return self.question.hint

    def set_preview(self, placement: str) -> None:
        if self.question.kind == "placement" and not self.closed:
            self.preview = placement

    def choose(self, position: int) -> None:
        """choice: pick one; multi: toggle one (a shown position)."""
        if self.closed or not 0 <= position < len(self.question.choices):
            return
        if self.question.kind == "multi":
            self.selected ^= {position}
        else:
            self.selected = {position}

    def pick(self, number: int) -> int | None:
        """A number key (1 for the first choice shown): choose that choice, or toggle it in
        multi. Its shown position, or None when the question has no such choice or is
        closed."""
        position = number - 1
        if self.question.kind == "placement" or self.closed:
            return None
        if not 0 <= position < len(self.question.choices):
            return None
        self.choose(position)
        return position

    def pending_answer(self) -> Answer | None:
        """What Enter would commit now, in shown positions; None when nothing is chosen yet."""
        if self.question.kind == "placement":
            return self.preview
        return frozenset(self.selected) if self.selected else None

    def submit(self) -> Answer:
        """Close the question to input and give the pending answer, in the ORIGINAL order."""
        if self.closed:
            raise RuntimeError("question already answered")
        pending = self.pending_answer()
        if pending is None:
            raise ValueError("nothing chosen yet")
        self.submitted = self.item.original_answer(pending)
        return self.submitted

    def settle(self, verdict: Verdict) -> None:
        """Keep the verdict the submitted answer was judged (on a screen: the stored one)."""
        if not self.closed or self.answered:
            raise RuntimeError("no answer waiting for its verdict")
        self.verdict = verdict

    def commit(self, judge: Judge | None = None) -> Verdict:
        """Submit the pending answer and keep its verdict at once. `judge` gets the answer in
        the ORIGINAL order; without one, the grader judges it."""
        answer = self.submit()
        verdict = judge(answer) if judge else grade(self.item.question, answer)
        self.settle(verdict)
        return verdict

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
        """(choice text, is it correct, its feedback) for every chosen choice, as shown."""
        chosen = self.verdict.chosen() if self.verdict else frozenset()
        return [
            (choice.text, choice.correct, choice.feedback)
            for position, choice in enumerate(self.question.choices)
            if self.item.original_index(position) in chosen
        ]

    def missed(self) -> list[str]:
        """Right choices the learner left out, as shown."""
        missed = self.verdict.missed() if self.verdict else frozenset()
        return [
            choice.text
            for position, choice in enumerate(self.question.choices)
            if self.item.original_index(position) in missed
        ]
