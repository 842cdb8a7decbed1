"""Reading through the lessons: the keys that turn pages, the next lesson after the last page,
the end of the lessons, read marks in the list, and Continue past a finished lesson."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, OptionList, Static

from tutor.content.loader import load_pack
from tutor.ui.app import create_app
from tutor.ui.interfaces import NullProgress

SCENARIO = Path(__file__).resolve().parent / "data" / "ui-pack" / "scenarios" / "laptop.yaml"
FIRST = """\
---
id: intro
title: Backing services
order: 1
---

## One

Page one.

More of it.

And more.

## Two

Page two.

## Three

Page three.
"""
SECOND = """\
---
id: second
title: The second lesson
order: 2
---

## Only

The only page.
"""


@pytest.fixture
def pack(tmp_path: Path):
    root = tmp_path / "pack"
    (root / "lessons").mkdir(parents=True)
    (root / "scenarios").mkdir()
    (root / "lessons" / "01-intro.md").write_text(FIRST)
    (root / "lessons" / "02-second.md").write_text(SECOND)
    (root / "scenarios" / "laptop.yaml").write_text(SCENARIO.read_text())  # lesson: intro
    return load_pack(root)


def screen_name(app) -> str:
    return type(app.screen).__name__


def where(app) -> tuple[str, int]:
    return app.screen.lesson.id, app.screen.page


def footer_keys(app) -> list[str]:
    return [f"{key.display} {key.description}" for key in app.screen.query_one("TutorFooter")._keys]


async def test_enter_space_pgdn_l_and_n_turn_pages_and_pgup_left_and_p_go_back(pack) -> None:
    app = create_app(pack, start="lesson:intro")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        seen = []
        for key in ("enter", "space", "pageup", "pagedown", "left", "l", "p", "n"):
            await pilot.press(key)
            await pilot.pause()
            seen.append(app.screen.page)
        assert seen == [1, 2, 1, 2, 1, 2, 1, 2]
        assert screen_name(app) == "LessonReaderScreen"


async def test_space_and_pgdn_scroll_a_long_page_before_they_turn_it(pack) -> None:
    app = create_app(pack, start="lesson:intro")
    async with app.run_test(size=(40, 8)) as pilot:  # page one does not fit in 4 lines
        await pilot.pause()
        reader = app.screen.query_one("#reader")
        assert reader.max_scroll_y > 0
        await pilot.press("space")
        await pilot.pause()
        assert app.screen.page == 0 and reader.scroll_y > 0
        while reader.scroll_y < reader.max_scroll_y:
            await pilot.press("pagedown")
            await pilot.pause()
            assert app.screen.page == 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert app.screen.page == 1


async def test_the_last_page_offers_the_next_lesson_and_right_and_enter_open_it(pack) -> None:
    app = create_app(pack, start="lessons")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("right", "right")
        await pilot.pause()
        assert where(app) == ("intro", 2)
        reader = app.screen
        assert str(reader.query_one("#next-lesson", Button).label) == (
            "Next lesson: 2. The second lesson ▶"
        )
        assert str(reader.query_one("#next", Button).label) == "Next lesson ▶"
        assert "→ Next lesson" in footer_keys(app)
        await pilot.press("right")
        await pilot.pause()
        assert where(app) == ("second", 0)
        await pilot.press("escape")  # the new lesson took the old one's place
        await pilot.pause()
        assert screen_name(app) == "LessonsScreen"
        app.open("lesson:intro:2")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert where(app) == ("second", 0)


async def test_after_the_last_lesson_it_says_so_and_leads_back_to_the_list(pack) -> None:
    class Progress(NullProgress):
        def lesson_read(self, lesson):
            return lesson.id == "second"

    app = create_app(pack, progress=Progress(), start="lessons")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert where(app) == ("second", 0)
        done = app.screen.query_one("#lessons-done", Static)
        assert str(done.render()) == "That was the last lesson: you have read 1 of the 2."
        assert not app.screen.query("#next-lesson")
        assert "→ Lessons list" in footer_keys(app)
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "LessonsScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "HomeScreen"
        # Opened from Home (Continue), the way back opens the list in the reader's place.
        app.open("lesson:second")
        await pilot.pause()
        app.screen.query_one("#lessons-list", Button).press()
        await pilot.pause()
        assert screen_name(app) == "LessonsScreen"
        assert [type(s).__name__ for s in app.screen_stack] == ["HomeScreen", "LessonsScreen"]


async def test_enter_turns_the_page_but_presses_a_focused_link(pack) -> None:
    app = create_app(pack, start="lesson:intro:1")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert where(app) == ("intro", 2)
        app.screen.query_one(".scenario-link", Button).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "WalkthroughScreen"
        assert app.screen.scenario.id == "laptop"


async def test_the_lessons_list_marks_the_lessons_read_as_progress_says(pack) -> None:
    class Progress(NullProgress):
        def lesson_read(self, lesson):
            return lesson.id == "intro"

    app = create_app(pack, progress=Progress(), start="lessons")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#lesson-list", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(2)]
        assert prompts == ["✓ 1. Backing services  3 pages", "  2. The second lesson  1 page"]


async def test_a_lesson_read_to_its_end_gets_its_mark_and_continue_moves_on(pack, store) -> None:
    app = create_app(pack, store=store, start="lessons")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#lesson-list", OptionList)
        assert str(options.get_option_at_index(0).prompt).startswith("  1.")
        await pilot.press("enter", "enter", "enter")  # open, then pages 2 and 3
        await pilot.pause()
        assert where(app) == ("intro", 2)
        await pilot.press("escape")
        await pilot.pause()
        assert str(options.get_option_at_index(0).prompt).startswith("✓ 1.")
        await pilot.press("escape")
        await pilot.pause()
        assert "Lessons read 1/2" in str(app.screen.query_one("#glance", Static).render())
        app.action_continue()  # the lesson is finished: on to the next one
        await pilot.pause()
        assert where(app) == ("second", 0)
