"""Drawing quizzes (filters, seeds, shuffled choices) and scoring them."""

from __future__ import annotations

import pytest
from progress_samples import make_pack

from tutor.progress import (
    QuizOptions,
    QuizSelectionError,
    RoundResult,
    draw_quiz,
    grade,
    score_quiz,
)


def test_draw_quiz_defaults_to_ten_distinct_questions() -> None:
    items = draw_quiz(make_pack(), seed=1)
    assert len(items) == 10
    assert len({(i.scenario.id, i.question.id) for i in items}) == 10
    for item in items:
        assert sorted(item.choice_order) == list(range(len(item.question.choices)))
        assert item.scenario.question(item.question.id) is item.question


def test_fewer_questions_than_the_count_gives_them_all() -> None:
    items = draw_quiz(make_pack(), count=50, environment="production", seed=3)
    assert sorted((i.scenario.id, i.question.id) for i in items) == [
        ("s-free", "c10"),
        ("s-free", "c9"),
        ("s-prod", "c1"),
        ("s-prod", "m2"),
        ("s-prod", "p1"),
    ]


@pytest.mark.parametrize(
    ("filters", "scenarios"),
    [
        ({"environment": "testing"}, {"s-test"}),
        ({"lesson": "basics"}, {"s-local", "s-dev"}),
        ({"tag": "ci"}, {"s-dev", "s-test"}),
        ({"tag": "mysql", "environment": "production"}, {"s-prod"}),
        ({"lesson": "envs", "tag": "redis"}, {"s-prod"}),
    ],
)
def test_filters_combine(filters, scenarios) -> None:
    items = draw_quiz(make_pack(), count=100, seed=0, **filters)
    assert {i.scenario.id for i in items} == scenarios
    expected = sum(len(s.questions) for s in make_pack().scenarios if s.id in scenarios)
    assert len(items) == expected


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"environment": "staging", "tag": "ci"}, "no scenario question matches with environment"),
        ({"environment": "moon"}, "unknown environment 'moon'"),
        ({"lesson": "nope"}, "no lesson 'nope'"),
        ({"tag": "kafka"}, "no scenario is tagged 'kafka'"),
        ({"count": 0}, "at least 1"),
    ],
)
def test_an_empty_or_invalid_selection_is_a_clear_error(filters, message) -> None:
    with pytest.raises(QuizSelectionError, match=message):
        draw_quiz(make_pack(), **filters)


def _order(items):
    return [(i.scenario.id, i.question.id, i.choice_order) for i in items]


def test_the_same_seed_gives_the_same_quiz_and_another_seed_another() -> None:
    first = _order(draw_quiz(make_pack(), count=8, seed=42))
    assert _order(draw_quiz(make_pack(), count=8, seed=42)) == first
    others = {tuple(_order(draw_quiz(make_pack(), count=8, seed=s))) for s in range(43, 48)}
    assert tuple(first) not in others and len(others) > 1


def test_choices_are_shuffled_and_map_back() -> None:
    items = [i for i in draw_quiz(make_pack(), count=100, seed=5) if i.question.kind == "multi"]
    orders = {i.choice_order for i in items} | {
        i.choice_order
        for s in range(20)
        for i in draw_quiz(make_pack(), count=100, seed=s)
        if i.question.kind == "multi"
    }
    assert len(orders) > 1  # not always the original order
    item = items[0]
    shown = item.shown_question().choices
    right_positions = frozenset(n for n, c in enumerate(shown) if c.correct)
    assert grade(item.question, item.original_answer(right_positions)).correct


def test_score_breaks_down_by_environment_and_lesson() -> None:
    items = draw_quiz(make_pack(), count=100, seed=9)
    results = [
        RoundResult(item, correct=item.scenario.environment != "production", hint_used=n == 0)
        for n, item in enumerate(items)
    ]
    score = score_quiz(results)
    assert (score.overall.right, score.overall.total) == (8, 13)
    assert list(score.by_environment) == [
        "local",
        "development",
        "testing",
        "staging",
        "production",
    ]
    assert score.by_environment["production"].to_dict() == {"right": 0, "total": 5, "percent": 0.0}
    assert score.by_lesson["basics"].percent == 100.0
    assert (score.by_lesson["envs"].right, score.by_lesson["envs"].total) == (4, 7)
    assert score.by_lesson[""].total == 2
    assert {(i.scenario.id, i.question.id) for i in score.missed} == {
        ("s-prod", "p1"),
        ("s-prod", "c1"),
        ("s-prod", "m2"),
        ("s-free", "c9"),
        ("s-free", "c10"),
    }
    assert score.hints_used == 1
    assert score_quiz([]).overall.percent is None


def test_quiz_options_draw_the_same_quiz_as_draw_quiz() -> None:
    options = QuizOptions(count=4, environment="production", seed=11)
    assert options.draw(make_pack()) == draw_quiz(
        make_pack(), count=4, environment="production", seed=11
    )
