"""A question as asked: its choices shuffled the same way on every visit, answers mapped back."""

from __future__ import annotations

from progress_samples import make_pack, placement

from tutor.content.model import Choice, Question
from tutor.progress import RoundItem, grade, stable_choice_order
from tutor.progress.rounds import in_choice_order, original_answer

MANY = Question("many", "choice", "?", ".", choices=tuple(Choice(str(n), n == 0) for n in range(6)))


def test_choices_are_shuffled_the_same_way_every_time_and_answers_map_back() -> None:
    order = stable_choice_order("s", MANY)
    assert sorted(order) == list(range(6)) and order != tuple(range(6))
    assert stable_choice_order("s", MANY) == order  # stable across visits
    assert stable_choice_order("other", MANY) != order  # but not one order for every question
    shown = in_choice_order(MANY, order)
    right = next(i for i, choice in enumerate(shown.choices) if choice.correct)
    assert original_answer(frozenset({right}), order) == frozenset({0})
    assert stable_choice_order("s", placement("p")) == ()


def test_a_round_item_shows_shuffled_choices_and_grades_in_the_original_order() -> None:
    scenario = make_pack().scenario("s-prod")
    item = RoundItem.stable(scenario, scenario.question("m2"))  # right: option 1
    shown = item.shown_question().choices
    assert sorted(c.text for c in shown) == sorted(c.text for c in item.question.choices)
    position = next(n for n, c in enumerate(shown) if c.correct)
    assert item.original_index(position) == 1
    assert grade(item.question, item.original_answer(frozenset({position}))).correct
    as_written = RoundItem(scenario, scenario.question("p1"))
    assert as_written.shown_question() is as_written.question
    assert as_written.original_answer("external") == "external"
