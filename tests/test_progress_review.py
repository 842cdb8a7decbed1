"""Review scheduling with fsrs under a frozen clock, and content edits (fingerprints)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating
from progress_samples import make_pack, with_question

from tutor.content.model import Choice, Pack
from tutor.progress import (
    QuestionKey,
    due_count,
    due_questions,
    next_due,
    open_store,
    record_answer,
    weakest_questions,
)
from tutor.progress.review import rating_for

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(isolated_environment: Path):
    opened = open_store()
    yield opened.store
    opened.store.close()


@pytest.fixture
def pack():
    return make_pack()


def answer(store, pack, sid, qid, value, *, hint=False, at=T0, source="quiz"):
    scenario = pack.scenario(sid)
    return record_answer(
        store, scenario, scenario.question(qid), value, source=source, hint_used=hint, now=at
    )


def test_ratings_follow_the_answer() -> None:
    assert rating_for(False, False) == Rating.Again
    assert rating_for(False, True) == Rating.Again
    assert rating_for(True, True) == Rating.Hard
    assert rating_for(True, False) == Rating.Good


def test_an_answer_is_stored_with_its_key_and_fingerprint(store, pack) -> None:
    result = answer(store, pack, "s-dev", "m1", [2, 0], hint=True, source="walkthrough")
    assert result.correct
    [stored] = store.attempts()
    question = pack.scenario("s-dev").question("m1")
    assert (stored.scenario_id, stored.question_id, stored.id) == ("s-dev", "m1", result.attempt_id)
    assert stored.answer_value() == ["m1 option 0", "m1 option 2"]
    assert stored.hint_used and stored.source == "walkthrough"
    assert stored.fingerprint == question.fingerprint()
    assert stored.answered_at.startswith("2026-03-01T09:00:00")


def test_wrong_comes_back_soon_right_later(store, pack) -> None:
    wrong = answer(store, pack, "s-local", "p1", "external")
    hinted = answer(store, pack, "s-local", "c1", {0}, hint=True)
    right = answer(store, pack, "s-dev", "p1", "internal")
    assert not wrong.correct and hinted.correct and right.correct
    assert wrong.due - T0 <= timedelta(minutes=10)
    assert wrong.due < hinted.due <= right.due

    assert due_questions(store, pack, T0) == [] and due_count(store, pack, T0) == 0
    assert next_due(store, pack, T0) == wrong.due
    later = T0 + timedelta(days=1)
    assert [d.key for d in due_questions(store, pack, later)] == [
        QuestionKey("s-local", "p1"),
        QuestionKey("s-local", "c1"),
        QuestionKey("s-dev", "p1"),
    ]
    assert due_count(store, pack, later) == 3
    # answering it right repeatedly pushes it out further each time
    due = later
    gaps = []
    for _ in range(3):
        result = answer(store, pack, "s-local", "p1", "internal", at=due)
        gaps.append(result.due - due)
        due = result.due
    assert gaps[0] < gaps[1] < gaps[2] and gaps[2] > timedelta(days=2)


def test_due_questions_are_most_overdue_first(store, pack) -> None:
    answer(store, pack, "s-test", "c1", {1}, at=T0 + timedelta(hours=2))  # right, due latest
    answer(store, pack, "s-test", "c2", {0}, at=T0 + timedelta(hours=1))  # wrong, an hour later
    answer(store, pack, "s-prod", "c1", {1}, at=T0)  # wrong, first
    now = T0 + timedelta(days=30)
    due = due_questions(store, pack, now)
    assert [d.key for d in due] == [
        QuestionKey("s-prod", "c1"),
        QuestionKey("s-test", "c2"),
        QuestionKey("s-test", "c1"),
    ]
    assert all(d.due <= now for d in due)
    assert [d.due for d in due] == sorted(d.due for d in due)


def test_only_answered_questions_that_still_exist_are_reviewed(store, pack) -> None:
    answer(store, pack, "s-local", "p1", "external")
    later = T0 + timedelta(days=1)
    assert len(due_questions(store, pack, later)) == 1
    smaller = replace(pack, scenarios=[s for s in pack.scenarios if s.id != "s-local"])
    assert due_questions(store, smaller, later) == []
    assert next_due(store, smaller, T0) is None


def test_a_wording_edit_keeps_history_and_schedule(store, pack) -> None:
    result = answer(store, pack, "s-local", "c1", {0})
    old = pack.scenario("s-local").question("c1")
    edited = replace(
        old,
        prompt="A reworded prompt",
        explain="New explanation",
        choices=tuple(replace(c, feedback="new feedback") for c in old.choices),
    )
    assert edited.fingerprint() == old.fingerprint()
    edited_pack = with_question(pack, "s-local", edited)
    assert due_questions(store, edited_pack, T0) == []
    assert next_due(store, edited_pack, T0) == result.due
    assert len(store.attempts(QuestionKey("s-local", "c1"))) == 1


def test_an_answer_key_change_restarts_the_schedule_but_keeps_history(store, pack) -> None:
    for day in range(4):  # well learned: due days away
        answer(store, pack, "s-local", "c1", {0}, at=T0 + timedelta(days=day * 3))
    learned_due = next_due(store, pack, T0 + timedelta(days=9))
    assert learned_due - (T0 + timedelta(days=9)) > timedelta(days=3)

    old = pack.scenario("s-local").question("c1")
    changed = replace(old, choices=(Choice(old.choices[0].text), Choice(old.choices[1].text, True)))
    assert changed.fingerprint() != old.fingerprint()
    changed_pack = with_question(pack, "s-local", changed)
    now = T0 + timedelta(days=9, hours=1)
    [due] = due_questions(store, changed_pack, now)
    assert due.reset and due.due == now and due.key == QuestionKey("s-local", "c1")
    assert len(store.attempts(QuestionKey("s-local", "c1"))) == 4  # history stays

    # the next answer schedules from scratch against the new key: a new card's short step
    result = record_answer(
        store, changed_pack.scenario("s-local"), changed, {1}, source="review", now=now
    )
    assert result.correct and result.due - now <= timedelta(days=1)
    assert store.review_state(QuestionKey("s-local", "c1")).fingerprint == changed.fingerprint()
    assert [a.correct for a in store.attempts(QuestionKey("s-local", "c1"))] == [True] * 5


def test_weakest_questions_put_the_misses_first(store, pack) -> None:
    answer(store, pack, "s-local", "p1", "internal")
    answer(store, pack, "s-dev", "p1", "external")  # wrong
    answer(store, pack, "s-local", "c1", {1})  # wrong
    answer(store, pack, "s-local", "c1", {0}, at=T0 + timedelta(minutes=5))  # then right
    weakest = [(s.id, q.id) for s, q in weakest_questions(store, pack, 2, T0 + timedelta(hours=1))]
    assert weakest == [("s-dev", "p1"), ("s-local", "c1")]
    assert len(weakest_questions(store, pack, 10, T0)) == 3
    assert weakest_questions(store, Pack(Path("/elsewhere")), 10, T0) == []
