"""A whole review session in the pilot with a frozen clock: a wrong answer in a walkthrough
falls due, review serves it, then says when the next one is and offers practice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from progress_samples import make_pack
from textual.widgets import Static

from tutor.progress import due_count, open_store, record_answer
from tutor.ui.app import create_app
from tutor.ui.screens.review import when

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def store(tmp_path: Path):
    opened = open_store(tmp_path / "data")
    opened.store.set_student_name("Test Student")
    yield opened.store
    opened.store.close()


def screen_name(app) -> str:
    return type(app.screen).__name__


def panel(app) -> str:
    return str(app.screen.query_one("#panel-text", Static).render())


async def test_wrong_in_walkthrough_comes_back_in_review(store) -> None:
    pack = make_pack()
    clock = Clock(T0)
    app = create_app(pack, store=store, start="scenario:s-local")
    app.progress.clock = clock
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter")  # summary -> text -> the placement question
        await pilot.pause()
        await pilot.press("e", "enter")  # wrong: it is internal
        await pilot.pause()
        (attempt,) = store.attempts()
        assert (attempt.source, attempt.correct) == ("walkthrough", False)
        assert due_count(store, pack, T0) == 0  # Again: back in a minute or so
        clock.now = T0 + timedelta(minutes=30)
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "HomeScreen"
        assert "Due for review 1" in str(app.screen.query_one("#glance", Static).render())
        app.action_review()
        await pilot.pause()
        assert screen_name(app) == "ReviewScreen"
        title = str(app.screen.query_one("#round-title", Static).render())
        assert "Review 1 of 1" in title and "S-Local" in title
        # Asked on its own, the question brings the summary and the text step before it.
        context = app.screen.query_one(".qv-context", Static)
        assert context.content.markup == "Summary.\n\nContext."
        await pilot.press("i", "enter")
        await pilot.pause()
        assert str(app.screen.query_one(".qv-verdict", Static).render()).startswith("✓")
        assert store.attempts()[-1].source == "review"
        await pilot.press("enter")  # finish
        await pilot.pause()
        text = panel(app)
        assert "Review done: 1 of 1 right." in text
        assert "Nothing is due for review now." in text and "next question is due in" in text
        # practice: the weakest questions, stored as "practice"
        assert app.focused.id == "review-practice"
        await pilot.press("enter")
        await pilot.pause()
        title = str(app.screen.query_one("#round-title", Static).render())
        assert "Practice 1 of 1" in title
        await pilot.press("e", "enter")
        await pilot.pause()
        assert store.attempts()[-1].source == "practice"
        await pilot.press("enter")
        await pilot.pause()
        assert "Practice done: 0 of 1 right." in panel(app)
        await pilot.click("#review-back")
        await pilot.pause()
        assert screen_name(app) == "HomeScreen"


async def test_most_overdue_first_and_due_again(store) -> None:
    pack = make_pack()
    local, prod = pack.scenario("s-local"), pack.scenario("s-prod")
    record_answer(store, prod, prod.question("p1"), "internal", source="quiz", now=T0)
    later = T0 + timedelta(minutes=5)
    record_answer(store, local, local.question("p1"), "external", source="quiz", now=later)
    clock = Clock(T0 + timedelta(hours=2))
    app = create_app(pack, store=store, start="review")
    app.progress.clock = clock
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        review = app.screen
        assert [i.scenario.id for i in review.items] == ["s-prod", "s-local"]
        await pilot.press("i", "enter")  # wrong again: due again within minutes
        await pilot.pause()
        await pilot.press("enter", "i", "enter")  # right
        await pilot.pause()
        clock.now += timedelta(minutes=5)  # Again: 1 minute; Good: 10
        await pilot.press("enter")
        await pilot.pause()
        assert "due again already" in panel(app)
        await pilot.press("enter")  # Review again
        await pilot.pause()
        assert [i.scenario.id for i in app.screen.items] == ["s-prod"]


async def test_nothing_answered_yet(store) -> None:
    app = create_app(make_pack(), store=store, start="review")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = panel(app)
        assert "Nothing is due" in text and "Nothing answered yet" in text
        assert not app.screen.query("#review-practice")
        await pilot.press("enter")  # the focused Back button
        await pilot.pause()
        assert screen_name(app) == "HomeScreen"


async def test_review_without_a_store() -> None:
    app = create_app(make_pack(), start="review")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "not being saved" in panel(app)


async def test_flag_in_review(store) -> None:
    pack = make_pack()
    scenario = pack.scenario("s-test")
    record_answer(store, scenario, scenario.question("c1"), {0}, source="quiz", now=T0)
    app = create_app(pack, store=store, start="review")
    app.progress.clock = Clock(T0 + timedelta(days=1))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        await pilot.click("#flag-send")
        await pilot.pause()
    (flag,) = store.flags()
    assert (flag.key, flag.reason, flag.comment) == (("s-test", "c1"), "confusing", "")


def test_when_reads_naturally() -> None:
    assert when(T0 + timedelta(seconds=20), T0).startswith("in 1 minute (")
    assert when(T0 + timedelta(hours=3), T0).startswith("in 3 hours")
    assert when(T0 + timedelta(days=4), T0).startswith("in 4 days")
