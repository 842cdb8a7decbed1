"""Answering one question (QuestionState), without Textual: shared by walkthrough, quiz, review."""

from __future__ import annotations

import pytest

from tutor.content.model import Choice, Host, Question, QuestionStep, Scenario, Service, Topology
from tutor.progress import RoundItem, grade
from tutor.ui.question_state import QuestionState

PLACEMENT = Question(
    "where", "placement", "Where?", "Because.", hint="Think.", service="db", answer="internal"
)
CHOICE = Question(
    "why", "choice", "Why?", "So.", choices=(Choice("A", True, "yes"), Choice("B", False, "no"))
)
MULTI = Question(
    "which", "multi", "Which?", "All.", choices=(Choice("A", True), Choice("B", True), Choice("C"))
)
TOPOLOGY = Topology(
    (Host("h", "Host", "vm", (Service("app", "App", "app"), Service("db", "DB", "cache"))),)
)
SCENARIO = Scenario(
    "s", "S", "local", "sum", TOPOLOGY, tuple(QuestionStep(q) for q in (PLACEMENT, CHOICE, MULTI))
)


def state(question: Question, order: tuple[int, ...] = ()) -> QuestionState:
    return QuestionState(RoundItem(SCENARIO, question, order))


def test_placement_diagram_arguments_follow_preview_then_truth() -> None:
    placement = state(PLACEMENT)
    assert placement.diagram_arguments() == (None, "db")
    placement.set_preview("external")
    assert placement.diagram_arguments() == ({"db": "external"}, None)
    assert placement.pending_answer() == "external"
    assert placement.commit().correct is False
    assert placement.diagram_arguments() == (None, None)
    placement.set_preview("internal")  # ignored once answered
    assert placement.verdict.answer == "external"


def test_commit_needs_a_choice_and_happens_once() -> None:
    multi = state(MULTI)
    with pytest.raises(ValueError):
        multi.commit()
    multi.choose(0)
    multi.choose(2)
    multi.choose(2)  # toggles off
    multi.choose(1)
    assert multi.commit().correct is True and multi.correct is True
    with pytest.raises(RuntimeError):
        multi.commit()


def test_the_judge_gets_the_answer_in_the_original_order_and_its_verdict_is_kept() -> None:
    shuffled = state(MULTI, (2, 0, 1))  # shown: C, A, B
    assert [c.text for c in shuffled.question.choices] == ["C", "A", "B"]
    given = []

    def judge(answer):
        given.append(answer)
        return grade(MULTI, answer)

    shuffled.choose(1)  # A
    shuffled.choose(2)  # B
    verdict = shuffled.commit(judge)
    assert given == [frozenset({0, 1})] and verdict.correct and shuffled.verdict is verdict


def test_feedback_lists_chosen_and_missed_choices_as_shown() -> None:
    shuffled = state(MULTI, (2, 0, 1))  # shown: C, A, B
    shuffled.choose(0)  # C
    shuffled.choose(1)  # A
    shuffled.commit()
    assert shuffled.chosen_feedback() == [("C", False, None), ("A", True, None)]
    assert shuffled.missed() == ["B"]


def test_hint_is_recorded_only_before_answering() -> None:
    placement = state(PLACEMENT)
    assert placement.show_hint() == "Think."
    assert placement.hint_used
    assert state(CHOICE).show_hint() is None


def test_a_submitted_answer_closes_the_question_until_its_verdict_is_settled() -> None:
    """The screen stores the answer between submit and settle: nothing may change meanwhile."""
    placement = state(PLACEMENT)
    placement.set_preview("internal")
    assert placement.submit() == "internal"
    assert placement.closed and not placement.answered
    placement.set_preview("external")  # too late: the answer is on its way to the store
    assert placement.show_hint() == "Think." and not placement.hint_used
    with pytest.raises(RuntimeError):
        placement.submit()
    stored = grade(PLACEMENT, "internal")
    placement.settle(stored)
    assert placement.verdict is stored and placement.preview == "internal"
    with pytest.raises(RuntimeError):
        placement.settle(stored)
    multi = state(MULTI)
    with pytest.raises(RuntimeError):
        multi.settle(grade(MULTI, frozenset({0})))  # nothing was submitted
    multi.choose(0)
    multi.submit()
    multi.choose(1)
    assert multi.selected == {0}
