"""A whole quiz in the pilot: seeded, some answers right and some wrong, the end screen's
numbers, a missed question opening in its scenario, the hint, a flag, the start screen."""

from __future__ import annotations

from pathlib import Path

from progress_samples import make_pack
from rich.console import Console
from textual.widgets import Input, OptionList, Select, Static

from tutor.progress import QuizOptions, RoundItem, draw_quiz
from tutor.ui.app import create_app
from tutor.ui.walkthrough_state import Phase

SEED = 7


def screen_name(app) -> str:
    return type(app.screen).__name__


def shown_position(item: RoundItem, right: bool) -> list[int]:
    """Which shown positions to pick for a right (or a wrong) answer."""
    correct = item.question.correct_indexes()
    positions = [
        p for p, original in enumerate(item.choice_order) if (original in correct) == right
    ]
    return positions if right and item.question.kind == "multi" else positions[:1]


async def answer(pilot, item: RoundItem, right: bool) -> None:
    """Answer the question on screen with keys, as a learner would."""
    question = item.question
    if question.kind == "placement":
        truth = question.answer
        pick = truth if right else ("external" if truth == "internal" else "internal")
        await pilot.press(pick[0], "enter")
    elif question.kind == "choice":
        (position,) = shown_position(item, right)
        await pilot.press(*["down"] * position, "enter")
    else:
        current = 0
        for position in shown_position(item, right):
            await pilot.press(*["down"] * (position - current), "space")
            current = position
        await pilot.press("enter")
    await pilot.pause()


def plain(static: Static) -> str:
    """A Static's content as plain text (Rich tables included)."""
    console = Console(width=80, color_system=None)
    with console.capture() as capture:
        console.print(static.content)
    return capture.get()


def verdict(app) -> str:
    return str(app.screen.query_one(".qv-verdict", Static).render())


async def test_a_whole_seeded_quiz_is_stored_and_scored(store) -> None:
    pack = make_pack()
    options = QuizOptions(count=6, seed=SEED)
    items = options.draw(pack)
    assert [i.question.id for i in items] == [i.question.id for i in options.draw(pack)]
    plan = [n % 3 != 1 for n in range(len(items))]  # right, wrong, right, right, wrong, right
    app = create_app(pack, store=store, start="quiz", quiz_options=options)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert screen_name(app) == "QuizScreen"
        for n, (item, right) in enumerate(zip(items, plan, strict=True)):
            title = str(app.screen.query_one("#round-title", Static).render())
            assert f"Question {n + 1} of {len(items)}" in title and item.scenario.title in title
            # The summary and the text steps before the question, in order, above it.
            context = " ".join(plain(app.screen.query_one(".qv-context", Static)).split())
            assert context == " ".join(item.scenario.context_before(item.question.id))
            await answer(pilot, item, right)
            assert verdict(app).startswith("✓" if right else "✗")
            # stored the moment it was given, in the question's original choice order
            last = store.attempts()[-1]
            assert (last.key, last.correct, last.source) == (
                (item.scenario.id, item.question.id),
                right,
                "quiz",
            )
            await pilot.press("enter")
            await pilot.pause()
        assert screen_name(app) == "QuizResultsScreen"
        score = str(app.screen.query_one("#score", Static).render())
        assert f"{sum(plan)} of {len(plan)} right" in score
        breakdown = "\n".join(plain(s) for s in app.screen.query(".breakdown"))
        for item in items:
            assert item.scenario.environment in breakdown
        assert "By lesson" in breakdown and "Environments" in breakdown
        missed = app.screen.query_one("#missed", OptionList)
        missed_items = [item for item, right in zip(items, plan, strict=True) if not right]
        assert missed.option_count == len(missed_items)
        # The first missed question opens in its scenario, at that question.
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "WalkthroughScreen"
        walkthrough = app.screen.walkthrough
        assert walkthrough.scenario.id == missed_items[0].scenario.id
        assert walkthrough.phase is Phase.QUESTION
        assert walkthrough.question_state.question.id == missed_items[0].question.id
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "QuizResultsScreen"
    attempts = store.attempts()
    assert [a.correct for a in attempts] == plan
    for attempt, item in zip(attempts, items, strict=True):
        if item.question.kind != "placement" and attempt.correct:
            right_texts = [c.text for c in item.question.choices if c.correct]
            assert attempt.answer_value() == right_texts


async def test_hint_is_recorded_and_flag_is_stored(store) -> None:
    pack = make_pack()
    options = QuizOptions(count=1, environment="staging", seed=1)
    (item,) = [i for i in options.draw(pack)]
    assert item.question.kind == "placement" and item.question.hint
    app = create_app(pack, store=store, start="quiz", quiz_options=options)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert "A hint." in str(app.screen.query_one(".qv-hint", Static).render())
        await pilot.press("f")
        await pilot.pause()
        assert screen_name(app) == "FlagDialog"
        await pilot.press("down", "enter")  # the second reason: wrong
        app.screen.query_one(Input).focus()
        await pilot.press(*"the prompt says MySQL twice", "enter")
        await pilot.pause()
        assert screen_name(app) == "QuizScreen"
        assert any("Flagged as wrong" in str(n.message) for n in app._notifications)
        await answer(pilot, item, right=True)
    (flag,) = store.flags()
    assert (flag.key, flag.reason, flag.comment) == (
        (item.scenario.id, item.question.id),
        "wrong",
        "the prompt says MySQL twice",
    )
    assert flag.fingerprint == item.question.fingerprint()
    (attempt,) = store.attempts()
    assert attempt.hint_used and attempt.correct


async def test_flag_dialog_cancels_with_escape(store) -> None:
    app = create_app(make_pack(), store=store, start="quiz", quiz_options=QuizOptions(seed=2))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "QuizScreen"
    assert store.flags() == []


async def test_start_screen_filters_and_starts(store) -> None:
    pack = make_pack()
    app = create_app(pack, store=store, start="quiz")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert screen_name(app) == "QuizStartScreen"
        app.screen.query_one("#quiz-environment", Select).value = "production"
        app.screen.query_one("#quiz-count", Select).value = 5
        await pilot.pause()
        match = str(app.screen.query_one("#quiz-match", Static).render())
        assert "5 questions" in match
        app.screen.query_one("#quiz-tag", Select).value = "ci"
        await pilot.pause()
        assert "No quiz" in str(app.screen.query_one("#quiz-match", Static).render())
        assert app.screen.query_one("#quiz-go").disabled
        app.screen.query_one("#quiz-tag", Select).value = "redis"
        await pilot.pause()
        await pilot.click("#quiz-go")
        await pilot.pause()
        assert screen_name(app) == "QuizScreen"
        quiz = app.screen
        assert len(quiz.items) == 5
        assert {i.scenario.id for i in quiz.items} <= {"s-prod", "s-free"}
        # leaving a quiz half way keeps what was answered
        await answer(pilot, quiz.items[0], right=False)
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "QuizStartScreen"
    assert len(store.attempts()) == 1


async def test_quiz_without_a_store_still_scores() -> None:
    pack = make_pack()
    options = QuizOptions(count=2, seed=3)
    items = draw_quiz(pack, count=2, seed=3)
    app = create_app(pack, start="quiz", quiz_options=options)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for item in items:
            await answer(pilot, item, right=True)
            await pilot.press("enter")
            await pilot.pause()
        assert "2 of 2 right" in str(app.screen.query_one("#score", Static).render())
        assert "Nothing missed" in str(app.screen.query_one("#missed-title", Static).render())
        await pilot.press("n")
        await pilot.pause()
        assert screen_name(app) == "QuizStartScreen"


async def test_a_question_shows_the_text_steps_it_depends_on_as_markdown() -> None:
    from tutor.content.loader import load_pack

    pack = load_pack(Path(__file__).resolve().parent / "data" / "ui-pack")
    laptop = pack.scenario("laptop")
    options = QuizOptions(count=1, seed=1, environment="local")
    app = create_app(pack, start="quiz", quiz_options=options)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        (item,) = app.screen.items
        assert item.scenario is laptop
        view = app.screen.query_one(".qv-context", Static)
        context = " ".join(plain(view).split())
        assert context == (
            "You build the app on your laptop. "
            "You reset the data often. Your DATABASE_URL is mysql://127.0.0.1:3306/shop."
        )  # the step's Markdown drawn: no backticks left
        assert view.region.y < app.screen.query_one(".qv-prompt").region.y
