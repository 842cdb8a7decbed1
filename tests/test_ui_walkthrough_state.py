"""The walkthrough state machine, without Textual (one question: test_ui_question_state.py)."""

from __future__ import annotations

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
from tutor.progress import RoundItem
from tutor.ui.walkthrough_state import Phase, Walkthrough

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


def test_walkthrough_enter_flow() -> None:
    walk = Walkthrough(scenario())
    assert walk.phase is Phase.SUMMARY and walk.position_label() == "summary"
    assert walk.advance() and walk.phase is Phase.TEXT
    assert walk.advance() and walk.phase is Phase.QUESTION
    assert not walk.advance()  # a question must be answered first
    walk.question_state.set_preview("internal")
    walk.question_state.commit()
    walk.show_feedback()
    assert walk.phase is Phase.FEEDBACK and walk.position_label() == "step 2 of 4"
    assert walk.advance() and walk.question_state.question.id == CHOICE.id
    shown = walk.question_state.question.choices  # shuffled: pick by what they say
    walk.question_state.choose(next(i for i, c in enumerate(shown) if not c.correct))
    walk.question_state.commit()
    walk.show_feedback()
    walk.advance()
    for i, choice in enumerate(walk.question_state.question.choices):
        if choice.correct:
            walk.question_state.choose(i)
    walk.question_state.commit()
    walk.show_feedback()
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


def test_each_question_is_shuffled_the_same_way_on_every_visit() -> None:
    walk = Walkthrough(scenario())
    walk.go_to(2)
    assert walk.question_state.item == RoundItem.stable(walk.scenario, CHOICE)
    shown = walk.question_state.question.choices
    walk.go_to(2)
    assert walk.question_state.question.choices == shown
