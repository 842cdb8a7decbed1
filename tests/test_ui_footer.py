"""The footer: one line that never reaches the last column, keeping the keys that matter."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from tutor.content.loader import load_pack
from tutor.progress import QuizOptions
from tutor.ui.app import create_app
from tutor.ui.widgets.footer import ShownKey, TutorFooter, fit

PACK = Path(__file__).resolve().parent / "data" / "ui-pack"


def footer_line(app) -> str:
    footer = app.screen.query_one(TutorFooter)
    return footer.render().plain


def shown(app) -> list[str]:
    return [key.description for key in app.screen.query_one(TutorFooter).shown]


async def at_placement_question(pilot) -> None:
    for _ in range(2):  # summary, text step
        await pilot.press("enter")
        await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (40, 12), (120, 40)])
async def test_the_footer_never_draws_in_the_last_column(size) -> None:
    width = size[0]
    app = create_app(load_pack(PACK), start="scenario:laptop")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await at_placement_question(pilot)
        line = footer_line(app)
        # A placement question has more keys than 40 or 80 columns hold.
        assert len(line) <= width - 1, line
        assert "Check answer" in line and "Internal" in line and "External" in line


async def test_back_and_help_stay_when_the_screen_keys_do_not_fit() -> None:
    app = create_app(load_pack(PACK), start="scenario:laptop")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await at_placement_question(pilot)
        kept = shown(app)
        # At 80 columns the question's keys, Back and Help stay; Quit and the palette go first.
        assert {"Check answer", "Internal", "External", "Hint", "Back", "Help"} <= set(kept)
        assert "Quit" not in kept and "palette" not in kept


async def test_a_wide_footer_shows_every_key_with_the_palette_at_the_right() -> None:
    app = create_app(load_pack(PACK), start="scenario:laptop")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await at_placement_question(pilot)
        line = footer_line(app)
        assert {"Quit", "Back", "Help", "palette"} <= set(shown(app))
        assert line.rstrip().endswith("^p palette") and len(line) == 119


async def test_the_footer_follows_the_phase_of_a_question() -> None:
    app = create_app(load_pack(PACK), start="scenario:laptop")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Continue" in shown(app)
        await at_placement_question(pilot)
        assert "Check answer" in shown(app) and "Continue" not in shown(app)
        await pilot.press("i", "enter")
        await pilot.pause()
        await pilot.pause()  # the footer reads the bindings after the refresh that follows
        assert "Continue" in shown(app) and "Check answer" not in shown(app)


async def test_clicking_a_key_presses_it() -> None:
    app = create_app(load_pack(PACK))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(TutorFooter)
        line = footer.render().plain
        x = line.index("? Help")
        await pilot.click(TutorFooter, offset=(x, 0))
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"


async def test_quiz_footer_fits_at_40_columns() -> None:
    app = create_app(load_pack(PACK), start="quiz", quiz_options=QuizOptions(count=2, seed=1))
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert len(footer_line(app)) <= 39
        assert "Back" in shown(app) or "Check / next" in shown(app)


def test_fit_drops_the_least_important_first_and_keeps_the_order() -> None:
    keys = [
        ShownKey("q", "q", "Quit", True, 4),
        ShownKey("enter", "⏎", "Continue", True, 0),
        ShownKey("escape", "esc", "Back", True, 1),
        ShownKey("ctrl+p", "^p", "palette", True, 5),
    ]
    assert [k.description for k in fit(keys, 200)] == ["Quit", "Continue", "Back", "palette"]
    assert [k.description for k in fit(keys, 30)] == ["Quit", "Continue", "Back"]
    assert [k.description for k in fit(keys, 22)] == ["Continue", "Back"]
    assert [k.description for k in fit(keys, 5)] == []


async def test_footers_of_closed_screens_are_freed() -> None:
    """Textual's Footer kept its old key widgets alive through their watchers; a closed
    screen's footer must go with it, or full collections slow down over a session."""
    app = create_app(load_pack(PACK))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(8):
            app.action_lessons()
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
        gc.collect()
        detached = [o for o in gc.get_objects() if isinstance(o, TutorFooter) and not o.is_attached]
        assert len(detached) <= 1  # the last closed screen's may still be on its way out
