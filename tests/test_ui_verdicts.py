"""The verdict on screen is the verdict stored, on every path an answer can take.

Each path (walkthrough, quiz, review, practice) is driven in the pilot with right and wrong
answers; after each one the feedback's ✓ / ✗ is compared with the `correct` column of the row
just written to the attempts table, read over a connection of the test's own.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from progress_samples import make_pack
from textual.widgets import Static

from tutor.progress import QuizOptions, open_store, record_answer, store_path
from tutor.ui.app import create_app
from tutor.ui.widgets.question_view import QuestionView

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data: Path):
    opened = open_store(data)
    opened.store.set_student_name("Test Student")  # no name dialog on top
    yield opened.store
    opened.store.close()


def stored_rows(data: Path) -> list[tuple[str, str, bool]]:
    """(question id, source, correct) for every row of the attempts table, in order."""
    connection = sqlite3.connect(f"file:{store_path(data)}?mode=ro", uri=True)
    try:
        rows = connection.execute(
            "SELECT question_id, source, correct FROM attempts ORDER BY id"
        ).fetchall()
    finally:
        connection.close()
    return [(question_id, source, bool(correct)) for question_id, source, correct in rows]


async def answer(pilot, *, right: bool, placement_as: str | None = None) -> None:
    """Answer the question on screen with keys, by what its choices say (they are shuffled).
    `placement_as` gives a placement in a case no key produces: the grader must judge it
    the same wherever it is shown or stored."""
    view = pilot.app.screen.query_one(QuestionView)
    question = view.state.question  # as shown
    if question.kind == "placement":
        truth = question.answer or "internal"
        pick = truth if right else ("external" if truth == "internal" else "internal")
        if placement_as is not None:
            view.state.set_preview(placement_as(pick))
            await pilot.press("enter")
        else:
            await pilot.press(pick[0], "enter")
    else:
        positions = [n for n, c in enumerate(question.choices) if c.correct == right]
        picks = positions if right and question.kind == "multi" else positions[:1]
        current = 0
        for position in picks:
            await pilot.press(*["down"] * (position - current))
            current = position
            if question.kind == "multi":
                await pilot.press("space")
        await pilot.press("enter")
    await pilot.pause()


def shown_verdict(app) -> bool:
    text = str(app.screen.query_one(".qv-verdict", Static).render())
    assert text[0] in "✓✗", text
    return text[0] == "✓"


async def answer_and_compare(pilot, data: Path, source: str, right: bool, **how) -> None:
    before = len(stored_rows(data))
    question_id = pilot.app.screen.query_one(QuestionView).state.item.question.id
    await answer(pilot, right=right, **how)
    rows = stored_rows(data)
    assert len(rows) == before + 1
    assert rows[-1] == (question_id, source, right)
    assert shown_verdict(pilot.app) is right


async def test_walkthrough(store, data) -> None:
    app = create_app(make_pack(), store=store, start="scenario:s-prod")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter")  # the summary, the text step: the placement
        await pilot.pause()
        # A placement in capitals (external): right on screen, right in the store.
        await answer_and_compare(pilot, data, "walkthrough", True, placement_as=str.upper)
        await pilot.press("enter")
        await pilot.pause()
        await answer_and_compare(pilot, data, "walkthrough", False)  # the choice question
        await pilot.press("enter")
        await pilot.pause()
        await answer_and_compare(pilot, data, "walkthrough", True)  # the multi question
        await pilot.press("enter")
        await pilot.pause()
        assert "2 of 3" in str(app.screen.query_one("#wt-body Static").render())


async def test_quiz(store, data) -> None:
    options = QuizOptions(count=6, seed=4)
    app = create_app(make_pack(), store=store, start="quiz", quiz_options=options)
    plan = [True, False, False, True, True, False]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        kinds = {item.question.kind for item in app.screen.items}
        assert kinds == {"placement", "choice", "multi"}
        for right in plan:  # placements given as "Internal" / "External"
            await answer_and_compare(pilot, data, "quiz", right, placement_as=str.title)
            await pilot.press("enter")
            await pilot.pause()
        score = str(app.screen.query_one("#score", Static).render())
        assert f"{sum(plan)} of {len(plan)} right" in score


async def test_review_then_practice(store, data) -> None:
    pack = make_pack()
    prod = pack.scenario("s-prod")
    for question, given in (("p1", "internal"), ("c1", {1}), ("m2", {1})):
        record_answer(store, prod, prod.question(question), given, source="quiz", now=T0)
    app = create_app(pack, store=store, start="review")
    app.progress.clock = lambda: T0 + timedelta(days=60)  # everything answered is due
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert len(app.screen.items) == 3
        for right in (False, True, True):
            await answer_and_compare(pilot, data, "review", right)
            await pilot.press("enter")
            await pilot.pause()
        assert "Review done: 2 of 3 right." in str(app.screen.query_one("#panel-text").render())
        app.screen.query_one("#review-practice").press()
        await pilot.pause()
        assert len(app.screen.items) == 3
        for right in (True, False, True):
            await answer_and_compare(pilot, data, "practice", right)
            await pilot.press("enter")
            await pilot.pause()
        assert "Practice done: 2 of 3 right." in str(app.screen.query_one("#panel-text").render())
