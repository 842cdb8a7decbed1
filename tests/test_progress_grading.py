"""The one grader: every kind of question, normalised answers, the stored form, and the
verdict record_answer returns being the one it stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from progress_samples import choice, make_pack, multi, placement

from tutor.progress import grade, normalise, open_store, record_answer


def test_placement_is_graded_whatever_its_case_and_spacing() -> None:
    question = placement("p", "external")
    for given in ("external", " External ", "EXTERNAL\n"):
        verdict = grade(question, given)
        assert verdict.correct and verdict.answer == "external"
    wrong = grade(question, "Internal")
    assert not wrong.correct and wrong.answer == "internal" and wrong.truth == "external"


def test_choice_and_multi_need_exactly_the_right_choices() -> None:
    assert grade(choice("c", 1), {1}).correct and grade(choice("c", 1), 1).correct
    assert not grade(choice("c", 1), {0}).correct
    assert not grade(choice("c", 1), {0, 1}).correct
    assert grade(multi("m", (0, 2)), [2, 0]).correct
    assert not grade(multi("m", (0, 2)), {0}).correct
    assert not grade(multi("m", (0, 2)), {0, 1, 2}).correct
    assert not grade(multi("m", (0, 2)), set()).correct


def test_the_verdict_lists_what_was_chosen_and_missed() -> None:
    verdict = grade(multi("m", (0, 2)), [0, 3])
    assert verdict.chosen() == {0, 3} and verdict.missed() == {2}
    assert grade(placement("p"), "external").missed() == frozenset()


def test_answers_that_cannot_be_graded_are_errors() -> None:
    with pytest.raises(TypeError):
        grade(placement("p"), {0})
    with pytest.raises(ValueError, match="'sideways'"):
        grade(placement("p"), "sideways")
    with pytest.raises(TypeError):
        grade(choice("c"), "internal")
    with pytest.raises(IndexError):
        grade(choice("c"), {7})
    assert normalise(choice("c"), [2, 2, 0]) == frozenset({0, 2})


def test_the_stored_form_keeps_the_placement_or_the_chosen_texts() -> None:
    assert json.loads(grade(placement("p"), " Internal").stored_answer()) == "internal"
    stored = grade(multi("m"), {3, 1}).stored_answer()
    assert json.loads(stored) == ["m option 1", "m option 3"]


def test_record_answer_stores_the_verdict_it_returns(tmp_path: Path) -> None:
    pack = make_pack()
    scenario = pack.scenario("s-stage")
    question = scenario.question("p1")  # external
    with open_store(tmp_path).store as store:
        recorded = record_answer(store, scenario, question, " EXTERNAL ", source="quiz")
        (attempt,) = store.attempts()
    assert recorded.saved and recorded.verdict == grade(question, "external")
    assert (attempt.correct, attempt.answer) == (True, recorded.verdict.stored_answer())
