"""The walkthrough and question state machines, without Textual."""

from __future__ import annotations

import pytest

from tutor.content.model import (
    Choice,
    Host,
    Question,
    QuestionStep,
    Scenario,
    Service,
    TextStep,
    Topology,
)
from tutor.ui.walkthrough_state import Phase, QuestionState, Walkthrough, is_correct

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


def scenario() -> Scenario:
    steps = (TextStep("t"), QuestionStep(PLACEMENT), QuestionStep(CHOICE), QuestionStep(MULTI))
    return Scenario("s", "S", "local", "sum", TOPOLOGY, steps)


def test_is_correct_for_each_kind() -> None:
    assert is_correct(PLACEMENT, "internal")
    assert not is_correct(PLACEMENT, "external")
    assert is_correct(CHOICE, frozenset({0}))
    assert not is_correct(CHOICE, frozenset({1}))
    assert is_correct(MULTI, frozenset({0, 1}))
    assert not is_correct(MULTI, frozenset({0}))
    assert not is_correct(MULTI, frozenset({0, 1, 2}))


def test_placement_diagram_arguments_follow_preview_then_truth() -> None:
    state = QuestionState(PLACEMENT)
    assert state.diagram_arguments() == (None, "db")
    state.set_preview("external")
    assert state.diagram_arguments() == ({"db": "external"}, None)
    assert state.pending_answer() == "external"
    assert state.commit() is False
    assert state.diagram_arguments() == (None, None)
    state.set_preview("internal")  # ignored once answered
    assert state.answer == "external"


def test_commit_needs_a_choice_and_happens_once() -> None:
    state = QuestionState(MULTI)
    with pytest.raises(ValueError):
        state.commit()
    state.choose(0)
    state.choose(2)
    state.choose(2)  # toggles off
    state.choose(1)
    assert state.commit() is True
    with pytest.raises(RuntimeError):
        state.commit()


def test_feedback_lists_chosen_and_missed_choices() -> None:
    state = QuestionState(MULTI)
    state.choose(0)
    state.choose(2)
    state.commit()
    assert state.chosen_feedback() == [("A", True, None), ("C", False, None)]
    assert state.missed() == ["B"]


def test_hint_is_recorded_only_before_answering() -> None:
    state = QuestionState(PLACEMENT)
    assert state.show_hint() == "Think."
    assert state.hint_used
    assert QuestionState(CHOICE).show_hint() is None


def test_walkthrough_enter_flow() -> None:
    walk = Walkthrough(scenario())
    assert walk.phase is Phase.SUMMARY and walk.position_label() == "summary"
    assert walk.advance() and walk.phase is Phase.TEXT
    assert walk.advance() and walk.phase is Phase.QUESTION
    assert not walk.advance()  # a question must be answered first
    walk.question_state.set_preview("internal")
    walk.record(walk.question_state.commit())
    assert walk.phase is Phase.FEEDBACK and walk.position_label() == "step 2 of 4"
    assert walk.advance() and walk.question_state.question is CHOICE
    walk.question_state.choose(1)
    walk.record(walk.question_state.commit())
    walk.advance()
    walk.question_state.choose(0)
    walk.question_state.choose(1)
    walk.record(walk.question_state.commit())
    assert walk.advance() and walk.phase is Phase.COMPLETE
    assert not walk.advance()
    assert walk.score == (2, 3)
