"""Spaced repetition with fsrs: recording answers, and what is due when.

Ratings: a wrong answer is Again, right with the hint Hard, right Good. Every answer (walkthrough,
quiz, review or practice) moves its question's schedule. The schedule is kept per question key
together with the answer-key fingerprint it was built against: when the pack's question has a
different fingerprint, the schedule starts over (a fresh card, due now); the history stays.

Every function takes an explicit `now` (timezone-aware, UTC) so that tests can freeze the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING

from tutor.progress.grading import GivenAnswer, Verdict, grade
from tutor.progress.store import (
    Attempt,
    ProgressStore,
    QuestionKey,
    ReviewState,
    attempts_by_key,
    check_source,
    iso,
    parse_iso,
    utc_now,
)

if TYPE_CHECKING:
    from fsrs import Card, Rating, Scheduler

    from tutor.content.model import Pack, Question, Scenario

RECENT_ATTEMPTS = 5  # how many recent answers judge a question's weakness


@cache
def scheduler() -> Scheduler:
    """The one fsrs scheduler; fuzzing off, so that the same answers give the same schedule."""
    from fsrs import Scheduler

    return Scheduler(enable_fuzzing=False)


def rating_for(correct: bool, hint_used: bool) -> Rating:
    from fsrs import Rating

    if not correct:
        return Rating.Again
    return Rating.Hard if hint_used else Rating.Good


def new_card(now: datetime) -> Card:
    from fsrs import Card

    return Card(card_id=1, due=now)  # an explicit id: fsrs otherwise sleeps 1 ms per new card


def _card(state: ReviewState) -> Card:
    from fsrs import Card

    return Card.from_json(state.card)


def schedule(
    previous: ReviewState | None,
    key: QuestionKey,
    fingerprint: str,
    correct: bool,
    hint_used: bool,
    now: datetime,
) -> ReviewState:
    """The question's review state after this answer; a changed fingerprint starts afresh."""
    if previous is not None and previous.fingerprint == fingerprint:
        card = _card(previous)
    else:
        card = new_card(now)
    card, _log = scheduler().review_card(card, rating_for(correct, hint_used), now)
    return ReviewState(key.scenario_id, key.question_id, fingerprint, card.to_json(), iso(card.due))


@dataclass(frozen=True)
class RecordedAnswer:
    """An answer's verdict and, once stored, its attempt id and when it comes back in review.

    `attempt_id` and `due` are None for an answer that was graded but not stored (the app
    without a store, or a save that failed)."""

    verdict: Verdict
    attempt_id: int | None = None
    due: datetime | None = None

    @property
    def correct(self) -> bool:
        return self.verdict.correct

    @property
    def saved(self) -> bool:
        return self.attempt_id is not None


def record_answer(
    store: ProgressStore,
    scenario: Scenario,
    question: Question,
    answer: GivenAnswer,
    *,
    source: str,
    hint_used: bool = False,
    now: datetime | None = None,
) -> RecordedAnswer:
    """Grade an answer, store it and move the question's schedule, in one durable write.

    `answer` is the placement text or the chosen indexes in the question's ORIGINAL order.
    Call it the moment the learner answers, and show the returned verdict: it is the one
    stored."""
    check_source(source)
    now = utc_now() if now is None else now
    key = QuestionKey.of(scenario, question)
    verdict = grade(question, answer)
    fingerprint = question.fingerprint()
    states: list[ReviewState] = []

    def update(previous: ReviewState | None) -> ReviewState:
        states.append(schedule(previous, key, fingerprint, verdict.correct, hint_used, now))
        return states[-1]

    attempt = Attempt(
        scenario.id,
        question.id,
        verdict.stored_answer(),
        verdict.correct,
        bool(hint_used),
        iso(now),
        fingerprint,
        source,
    )
    # the schedule is read and moved inside the attempt's transaction: two processes answering
    # the same question at once both count
    attempt_id = store.record_attempt(attempt, review=update)
    return RecordedAnswer(verdict, attempt_id, parse_iso(states[-1].due))


@dataclass(frozen=True)
class DueQuestion:
    scenario: Scenario
    question: Question
    due: datetime
    reset: bool = False  # its answer key changed since it was scheduled: starting over

    @property
    def key(self) -> QuestionKey:
        return QuestionKey.of(self.scenario, self.question)


def _index(pack: Pack) -> dict[QuestionKey, tuple[Scenario, Question]]:
    return {
        QuestionKey(scenario.id, question.id): (scenario, question)
        for scenario in pack.scenarios
        for question in scenario.questions
    }


def scheduled(store: ProgressStore, pack: Pack, now: datetime) -> list[DueQuestion]:
    """Every answered question that still exists in the pack, with its due time, soonest first.
    A question whose answer key changed, or that has no schedule yet, is due `now`."""
    index = _index(pack)
    states = {state.key: state for state in store.review_states()}
    result = []
    for key in states.keys() | store.answered_keys():
        if key not in index:
            continue
        scenario, question = index[key]
        state = states.get(key)
        if state is None or state.fingerprint != question.fingerprint():
            result.append(DueQuestion(scenario, question, now, reset=True))
        else:
            result.append(DueQuestion(scenario, question, parse_iso(state.due)))
    result.sort(key=lambda d: (d.due, d.reset, d.key))
    return result


def due_questions(store: ProgressStore, pack: Pack, now: datetime) -> list[DueQuestion]:
    """The questions due at `now`, most overdue first."""
    return [item for item in scheduled(store, pack, now) if item.due <= now]


def due_count(store: ProgressStore, pack: Pack, now: datetime) -> int:
    """How many questions are due at `now` (Home shows it)."""
    return len(due_questions(store, pack, now))


def next_due(store: ProgressStore, pack: Pack, now: datetime) -> datetime | None:
    """When the next question falls due after `now` (None when nothing is scheduled later)."""
    return next((item.due for item in scheduled(store, pack, now) if item.due > now), None)


def weakest_questions(
    store: ProgressStore, pack: Pack, n: int = 10, now: datetime | None = None
) -> list[tuple[Scenario, Question]]:
    """Up to n answered questions, weakest first, for a practice round: lowest accuracy over
    the recent answers to the current answer key, then lowest recall probability (fsrs)."""
    now = utc_now() if now is None else now
    index = _index(pack)
    states = {state.key: state for state in store.review_states()}
    ranked = []
    for key, attempts in attempts_by_key(store.attempts()).items():
        if key not in index:
            continue
        scenario, question = index[key]
        fingerprint = question.fingerprint()
        current = [a for a in attempts if a.fingerprint == fingerprint][-RECENT_ATTEMPTS:]
        accuracy = sum(a.correct for a in current) / len(current) if current else 0.0
        state = states.get(key)
        recall = 0.0
        if state is not None and state.fingerprint == fingerprint:
            recall = scheduler().get_card_retrievability(_card(state), now)
        ranked.append((accuracy, recall, attempts[-1].answered_at, key, scenario, question))
    ranked.sort(key=lambda row: row[:4])
    return [(scenario, question) for *_ignored, scenario, question in ranked[:n]]
