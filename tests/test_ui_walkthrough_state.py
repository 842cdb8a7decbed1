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
from tutor.ui.walkthrough_state import (
    Phase,
    QuestionState,
    Walkthrough,
    in_choice_order,
    is_correct,
    original_answer,
    stable_choice_order,
)

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
    assert walk.advance() and walk.question_state.question.id == CHOICE.id
    shown = walk.question_state.question.choices  # shuffled: pick by what they say
    walk.question_state.choose(next(i for i, c in enumerate(shown) if not c.correct))
    walk.record(walk.question_state.commit())
    walk.advance()
    for i, choice in enumerate(walk.question_state.question.choices):
        if choice.correct:
            walk.question_state.choose(i)
    walk.record(walk.question_state.commit())
    assert walk.advance() and walk.phase is Phase.COMPLETE
    assert not walk.advance()
    assert walk.score == (2, 3)


def test_steps_before_a_placement_question_do_not_give_its_answer_away() -> None:
    steps = (TextStep("t"), QuestionStep(CHOICE), QuestionStep(PLACEMENT), QuestionStep(MULTI))
    walk = Walkthrough(Scenario("s", "S", "local", "sum", TOPOLOGY, steps))
    assert walk.unplaced_service() == "db"  # the summary
    walk.advance()
    assert walk.unplaced_service() == "db"  # the text step
    walk.advance()
    assert walk.question_state is not None
    assert walk.question_state.diagram_arguments() == (None, "db")  # the choice question
    walk.go_to(2)
    assert walk.question_state.diagram_arguments() == (None, "db")  # the placement itself
    walk.go_to(3)
    assert walk.unplaced_service() is None
    assert walk.question_state.diagram_arguments() == (None, None)  # after it: the truth


def test_choices_are_shuffled_the_same_way_every_time_and_answers_map_back() -> None:
    many = Question(
        "many", "choice", "?", ".", choices=tuple(Choice(str(n), n == 0) for n in range(6))
    )
    order = stable_choice_order("s", many)
    assert sorted(order) == list(range(6)) and order != tuple(range(6))
    assert stable_choice_order("s", many) == order  # stable across visits
    assert stable_choice_order("other", many) != order  # but not one order for every question
    shown = in_choice_order(many, order)
    right = next(i for i, choice in enumerate(shown.choices) if choice.correct)
    assert original_answer(frozenset({right}), order) == frozenset({0})
    assert stable_choice_order("s", PLACEMENT) == ()
    walk = Walkthrough(scenario())
    walk.go_to(2)
    assert (
        walk.question_state.question.choices == in_choice_order(CHOICE, walk.choice_order).choices
    )
