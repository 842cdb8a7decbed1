"""The command palette (Ctrl+P) finds lessons and scenarios, and lists the screens in the
destinations table's order with nothing of Textual's own but the theme and quit."""

from __future__ import annotations

from dataclasses import replace

from progress_samples import choice, make_pack
from textual.command import CommandList, Matcher
from waiting import pilot_wait_until

from tutor.content.model import Host, Pack, QuestionStep, Scenario, Service, Topology
from tutor.ui.app import create_app
from tutor.ui.destinations import INSTRUCTOR_ONLY, PALETTE
from tutor.ui.palette import match

NOTES = Scenario(
    "laptop-notes",
    "Notes on your laptop",  # the title says nothing of MongoDB: its service does
    "local",
    "A notes app.",
    Topology(
        (
            Host(
                "laptop",
                "Laptop",
                "workstation",
                (Service("app", "Notes app", "app"), Service("db", "MongoDB", "document-database")),
            ),
        )
    ),
    (QuestionStep(replace(choice("c1"))),),
)


def palette_pack() -> Pack:
    pack = make_pack()
    pack.scenarios.append(NOTES)
    return pack


def options(app) -> list[str]:
    found = app.screen.query_one(CommandList)
    return [str(found.get_option_at_index(i).prompt) for i in range(found.option_count)]


async def search(pilot, app, query: str, first: str) -> None:
    await pilot.press("ctrl+p")
    await pilot_wait_until(pilot, lambda: bool(app.screen.query(CommandList)))
    await pilot.press(*query)
    await pilot_wait_until(
        pilot,
        lambda: options(app)[:1] and options(app)[0].startswith(first),
        what=f"{first!r} first for {query!r}",
    )


async def test_a_service_kind_finds_its_scenario_and_opens_the_walkthrough() -> None:
    app = create_app(palette_pack())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await search(pilot, app, "mongo", "Notes on your laptop")
        # The help line says why a title without the word is there.
        assert "about MongoDB" in options(app)[0]
        await pilot.press("enter")
        await pilot_wait_until(pilot, lambda: type(app.screen).__name__ == "WalkthroughScreen")
        assert app.screen.scenario is NOTES


async def test_a_lesson_title_finds_the_lesson_and_opens_it() -> None:
    app = create_app(palette_pack())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await search(pilot, app, "basics", "Basics")
        await pilot.press("enter")
        await pilot_wait_until(pilot, lambda: type(app.screen).__name__ == "LessonReaderScreen")
        assert app.screen.lesson.id == "basics"


async def test_the_empty_palette_lists_the_screens_in_order_then_theme_and_quit() -> None:
    app = create_app(palette_pack())
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        expected = [d.title for d in PALETTE if d.action not in INSTRUCTOR_ONLY] + ["Theme", "Quit"]

        def titles() -> list[str]:
            return [prompt.split("\n")[0] for prompt in options(app)]

        await pilot_wait_until(pilot, lambda: titles() == expected, what=f"{expected}")
        assert not {"Keys", "Maximize", "Screenshot"} & set(titles())


def test_a_word_in_a_service_ranks_above_scattered_letters_in_a_title() -> None:
    matcher = Matcher("redis")
    scattered = match(matcher, "A release candidate on the test VM", ("mysql", "testing"))
    served = match(matcher, "A cache for the product list", ("cache", "Redis", "production"))
    assert served == (served[0], "Redis") and served[0] > scattered[0] > 0
    assert match(matcher, "Notes on your laptop", ("MongoDB", "local")) == (0.0, None)
