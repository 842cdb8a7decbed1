"""The highlighted choice is on screen, marked without colour, wherever a question is shown.

Issue 11: at 80x24 a quiz question showed 4 of its 5 choices and ↓↓↓↓ Space ticked the hidden
fifth; at 40x12 ↓↓ Enter checked a choice that was never visible; a quiz question showed only
the top edge of its choice list while Space and Enter still answered. Each check below reads
what the screen draws: the rows of the choice list that lie inside its pane's window.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import OptionList

from tutor.content.loader import load_pack
from tutor.content.packs import builtin_pack_root
from tutor.progress import QuizOptions, record_answer
from tutor.ui.app import create_app

SIZES = [(80, 24), (40, 12)]

SCENARIO = """\
id: crowded
title: A crowded question
environment: testing
summary: |
  A test VM runs the shop's full suite of tests every night. MySQL is
  installed on that same VM, and a script empties it and loads seed data
  before each run, so every run starts from the same rows. The suite takes
  forty minutes and reports to the team's chat when it ends.
hosts:
  - id: vm
    label: Test VM
    kind: vm
    services:
      - {id: app, label: Shop app, kind: app}
      - {id: db, label: MySQL, kind: relational-database}
links:
  - {from: app, to: db}
steps:
  - text: |
      One night the suite fails halfway: the disk of the test VM is full,
      and MySQL stops accepting writes until someone frees some space.
  - question:
      id: why-fresh
      kind: choice
      prompt: Why does the script empty MySQL and load seed data before each run?
      choices:
        - text: So that every run starts from the same known rows
          correct: true
        - text: So that the suite runs faster on a smaller database
          feedback: Speed is not why; the rows would be the same size.
        - text: So that production's data can be copied in afterwards
          feedback: Production's data never comes to the test VM.
        - text: So that the chat report lists every table it used
          feedback: The report does not list tables.
        - text: So that MySQL frees the disk space that a run used up
          feedback: Emptying tables does not shrink every file on disk.
      explain: A known start makes a failing test mean something.
  - question:
      id: what-helps
      kind: multi
      prompt: Which of these would keep the nightly suite trustworthy? (pick all that apply)
      choices:
        - text: Loading the same seed data before every run
          correct: true
        - text: Starting each run from an empty database
          correct: true
        - text: Sharing the test database with the other team's suite
          feedback: Their rows would change your results.
        - text: Keeping the rows of the last run for the next one
          feedback: Then each run starts from whatever the last one left.
        - text: Running the suite only when somebody remembers to
          feedback: Nightly runs catch problems while they are fresh.
      explain: Each run must start from the same, known state.
  - question:
      id: where-db
      kind: placement
      prompt: Is MySQL an internal or an external backing service here?
      service: db
      answer: internal
      explain: It runs on the same VM as the app.
"""


@pytest.fixture
def pack(tmp_path: Path):
    (tmp_path / "pack" / "scenarios").mkdir(parents=True)
    (tmp_path / "pack" / "scenarios" / "crowded.yaml").write_text(SCENARIO)
    return load_pack(tmp_path / "pack")


def choice_rows_on_screen(app) -> list[str]:
    """The choice list's lines that the screen shows: those inside its pane's window."""
    choices = app.screen.query_one(".qv-choices", OptionList)
    window = app.screen.query_one(".pane-text").scrollable_content_region
    content = choices.content_region
    shown = content.intersection(window)
    return [
        "".join(segment.text for segment in choices.render_line(y - content.y))
        for y in range(shown.y, shown.bottom)
    ]


def assert_highlight_on_screen(app) -> None:
    """The highlighted choice's first line is drawn, with the cursor mark and its number."""
    choices = app.screen.query_one(".qv-choices", OptionList)
    assert choices.highlighted is not None
    rows = choice_rows_on_screen(app)
    mark = f"❯ {choices.highlighted + 1}."
    assert any(mark in row for row in rows), f"{mark!r} not on screen; shown rows: {rows}"


async def walk_the_choices(pilot) -> None:
    """↓ through every choice and round to the first again, the highlight on screen each time."""
    choices = pilot.app.screen.query_one(".qv-choices", OptionList)
    assert_highlight_on_screen(pilot.app)
    for _ in range(choices.option_count):
        await pilot.press("down")
        await pilot.pause()
        assert_highlight_on_screen(pilot.app)


@pytest.mark.parametrize("size", SIZES)
async def test_walkthrough_opened_at_a_question_keeps_the_highlight_in_view(pack, size) -> None:
    # Opened straight at the question, the summary and the text step are shown above it.
    app = create_app(pack, start="scenario:crowded:1")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.screen.query(".qv-context")
        await walk_the_choices(pilot)


@pytest.mark.parametrize("size", SIZES)
async def test_space_ticks_only_a_choice_on_screen(pack, size) -> None:
    app = create_app(pack, start="scenario:crowded:2")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        choices = app.screen.query_one(".qv-choices", OptionList)
        await pilot.press(*["down"] * (choices.option_count - 1), "space")
        await pilot.pause()
        last = choices.option_count
        assert any(f"❯ {last}. [x]" in row for row in choice_rows_on_screen(app))


@pytest.mark.parametrize("size", SIZES)
async def test_enter_checks_the_choice_on_screen(pack, store, size) -> None:
    app = create_app(pack, store=store, start="scenario:crowded:1")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("down", "down")
        await pilot.pause()
        choices = app.screen.query_one(".qv-choices", OptionList)
        rows = choice_rows_on_screen(app)
        (row,) = [row for row in rows if "❯ 3." in row]
        await pilot.press("enter")
        await pilot.pause()
        (attempt,) = store.attempts()
        question = app.screen.walkthrough.question_state.question
        checked = question.choices[2].text
        assert checked.startswith(row.split("❯ 3.", 1)[1].strip())
        assert attempt.answer_value() == [checked]
        assert choices.disabled


@pytest.mark.parametrize("size", SIZES)
async def test_every_quiz_question_keeps_its_highlight_in_view(pack, size) -> None:
    options = QuizOptions(count=3, seed=1)
    app = create_app(pack, start="quiz", quiz_options=options)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for item in app.screen.items:
            await pilot.pause()
            if item.question.kind == "placement":
                await pilot.press("i")
            else:
                await walk_the_choices(pilot)
                if item.question.kind == "multi":
                    await pilot.press("space")
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "QuizResultsScreen"


@pytest.mark.parametrize("size", SIZES)
async def test_review_keeps_the_highlight_in_view(pack, store, size) -> None:
    scenario = pack.scenario("crowded")
    start = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
    for question_id in ("why-fresh", "what-helps"):
        question = scenario.question(question_id)
        record_answer(store, scenario, question, {2}, source="quiz", now=start)
    app = create_app(pack, store=store, start="review")
    app.progress.clock = lambda: start + timedelta(hours=2)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert len(app.screen.items) == 2
        await walk_the_choices(pilot)


async def test_preview_keeps_the_highlight_in_view(pack, tmp_path: Path) -> None:
    path = tmp_path / "pack" / "scenarios" / "crowded.yaml"
    app = create_app(pack, preview_path=path)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter")  # the summary, the text step
        await pilot.pause()
        await walk_the_choices(pilot)


@pytest.mark.parametrize("size", SIZES)
async def test_the_built_in_key_vault_quiz_shows_its_choices(size) -> None:
    # The issue's own case: `tutor quiz --count 3 --tag key-vault --seed 4`, whose second
    # question showed the top edge of its choice list and no choice at all.
    pack = load_pack(builtin_pack_root())
    app = create_app(pack, start="quiz", quiz_options=QuizOptions(3, tag="key-vault", seed=4))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        asked = 0
        for item in app.screen.items:
            await pilot.pause()
            if item.question.kind == "placement":
                await pilot.press("e")
            else:
                asked += 1
                await walk_the_choices(pilot)
                await pilot.press("space" if item.question.kind == "multi" else "down")
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("enter")
        assert asked
