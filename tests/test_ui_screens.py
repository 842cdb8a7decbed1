"""Pilot tests of every screen, the keys, the command palette and resizing."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, OptionList, Static, Tab

from tutor.content.loader import load_pack
from tutor.ui.app import create_app
from tutor.ui.interfaces import NullProgress

LESSON = """\
---
id: external-backing-services
title: External services
order: 1
---

## First page

One.

## Second page

Two.

## Third page

Three.
"""

SCENARIO = """\
id: web-{env}
title: Web app in {env}
environment: {env}
summary: A web app and its database.
lesson: external-backing-services
tags: [trade-off]  # the same external setup in every environment
hosts:
  - id: vm
    label: App VM
    kind: vm
    services:
      - {{id: app, label: Web app, kind: app}}
  - id: cloud
    label: Managed DB
    kind: managed-service
    services:
      - {{id: db, label: MySQL, kind: relational-database}}
links:
  - {{from: app, to: db}}
steps:
  - text: Some text.
  - question:
      id: where
      kind: placement
      prompt: Where?
      service: db
      answer: external
      explain: Because.
"""


def write_pack(root: Path, *, broken: bool = False) -> Path:
    (root / "lessons").mkdir(parents=True)
    (root / "scenarios").mkdir()
    (root / "lessons" / "external.md").write_text(LESSON)
    for env in ("local", "production"):
        (root / "scenarios" / f"{env}.yaml").write_text(SCENARIO.format(env=env))
    if broken:
        (root / "scenarios" / "broken.yaml").write_text("id: [unclosed\n")
    return root


@pytest.fixture
def pack(tmp_path: Path):
    return load_pack(write_pack(tmp_path / "pack"))


def screen_name(app) -> str:
    return type(app.screen).__name__


async def test_home_shows_title_progress_and_menu(pack) -> None:
    app = create_app(pack)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert screen_name(app) == "HomeScreen"
        glance = str(app.screen.query_one("#glance", Static).render())
        assert "Lessons read 0/1" in glance and "Scenarios done 0/2" in glance
        menu = app.screen.query_one("#menu", OptionList)
        labels = [str(menu.get_option_at_index(i).prompt) for i in range(menu.option_count)]
        assert [label.split()[0] for label in labels] == [
            "Continue", "Lessons", "Scenarios", "Environments", "Quiz", "Review", "Check", "Help"
        ]  # fmt: skip
        assert not app.screen.query("#problems")


async def test_home_lists_pack_problems_without_crashing(tmp_path: Path) -> None:
    pack = load_pack(write_pack(tmp_path / "pack", broken=True))
    app = create_app(pack)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        problems = app.screen.query_one("#problems", Static)
        assert "broken.yaml" in str(problems.render())
        assert "1 problem" in str(problems.border_title)
        assert len(pack.scenarios) == 2  # the good files still load


@pytest.mark.parametrize(
    ("index", "expected"),
    [
        (1, "LessonsScreen"),
        (2, "ScenariosScreen"),
        (3, "EnvironmentsScreen"),
        (4, "QuizStartScreen"),
        (5, "ReviewScreen"),
        (6, "CheckMySQLScreen"),
        (7, "HelpScreen"),
    ],
)
async def test_every_menu_entry_opens_its_screen_and_esc_returns(pack, index, expected) -> None:
    app = create_app(pack)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*["down"] * index, "enter")
        await pilot.pause()
        assert screen_name(app) == expected
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "HomeScreen"


async def test_continue_without_store_says_so(pack) -> None:
    app = create_app(pack)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "HomeScreen"
        assert any("Nothing to continue" in str(n.message) for n in app._notifications)


async def test_help_keys_and_q_quits(pack) -> None:
    app = create_app(pack)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert screen_name(app) == "HelpScreen"
        meaning = app.screen.query_one("#help-meaning", Static).content.markup
        assert "**Internal**" in meaning and "**External**" in meaning
        keys = str(app.screen.query_one("#help-keys", Static).render())
        assert "Esc" in keys
        assert "  s         in a scenario: show / hide the summary and earlier steps" in keys
        await pilot.press("f1")  # never a second help on top
        await pilot.pause()
        assert len(app.screen_stack) == 2
        await pilot.press("escape", "f1")
        await pilot.pause()
        assert screen_name(app) == "HelpScreen"
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_lesson_reader_pages_with_keys_and_buttons(pack) -> None:
    pages_seen: list[int] = []

    class Progress(NullProgress):
        def record_lesson_page(self, lesson, page):
            pages_seen.append(page)

    app = create_app(pack, progress=Progress(), start="lessons")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen
        assert screen_name(app) == "LessonReaderScreen"
        label = reader.query_one("#page-label", Static)
        assert str(label.render()) == "page 1 of 3"
        assert "First page" in shown_text(reader.query_one("#page", Static))
        assert reader.query_one("#prev", Button).disabled
        await pilot.press("right")
        await pilot.pause()
        assert str(label.render()) == "page 2 of 3"
        await pilot.click("#next")
        await pilot.pause()
        assert str(label.render()) == "page 3 of 3"
        # The last page offers the scenarios naming this lesson, and the environments.
        links = [str(b.label) for b in reader.query("#after-lesson Button")]
        assert "Scenario: Web app in local" in links
        assert "Compare the environments side by side" in links
        await pilot.press("left", "p")
        await pilot.pause()
        assert str(label.render()) == "page 1 of 3"
        await pilot.press("right", "right")
        await pilot.pause()
        reader.query_one("#environments", Button).press()
        await pilot.pause()
        assert screen_name(app) == "EnvironmentsScreen"
    assert pages_seen == [0, 1, 2, 1, 0, 1, 2]


async def test_scenarios_grouped_filtered_and_marked_done(pack) -> None:
    class Progress(NullProgress):
        def scenario_done(self, scenario):
            return scenario.id == "web-production"

    app = create_app(pack, progress=Progress(), start="scenarios")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#scenario-list", OptionList)

        def prompts() -> list[str]:
            return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]

        assert [p.strip() for p in prompts()] == [
            "Local", "Web app in local", "Production", "✓ Web app in production"
        ]  # fmt: skip
        await pilot.press("f")  # local only
        await pilot.pause()
        assert [p.strip() for p in prompts()] == ["Local", "Web app in local"]
        await pilot.press("f", "f")  # testing: nothing there
        await pilot.pause()
        assert "No scenarios" in prompts()[0]
        await pilot.press("f", "f")  # staging, then production
        await pilot.pause()
        assert prompts()[0].strip() == "Production"
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "WalkthroughScreen"
        assert app.screen.scenario.id == "web-production"


async def test_environments_has_a_tab_per_environment(pack) -> None:
    app = create_app(pack, start="environments")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        titles = [str(s.render()) for s in screen.query(".env-title")]
        assert {
            "Local, internal database",
            "Local, external database",
            "Production, external database",
        } <= set(titles)
        local = [t for t in titles if t.startswith("Local")]
        assert local == ["Local, internal database", "Local, external database"]
        assert screen.query_one("#env-tabs").active == "env-local"
        await pilot.press("right")
        await pilot.pause()
        assert screen.query_one("#env-tabs").active == "env-development"
        # All five, in the order a change travels towards production.
        tabs = [str(tab.label) for tab in screen.query(Tab)]
        assert tabs == ["Local", "Development", "Testing", "Staging", "Production"]


def shown_titles(pane) -> list[str]:
    return [str(s.render()) for s in pane.query(".env-title")]


async def test_testing_and_staging_have_their_examples_best_practice_first(pack) -> None:
    app = create_app(pack, start="environments")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        testing, staging = screen.query_one("#env-testing"), screen.query_one("#env-staging")
        assert shown_titles(testing) == ["Testing, internal database", "Testing, external database"]
        best = str(testing.query_one(".env-best", Static).render())
        assert best == "Best practice: testing uses an internal backing service."
        assert shown_titles(staging) == ["Staging, external database", "Staging, internal database"]
        best = str(staging.query_one(".env-best", Static).render())
        assert "staging mirrors production" in best and "uses an external backing" in best
        assert "internal only when production's is internal" in best
        notes = " ".join(str(s.render()) for s in staging.query(".env-note"))
        assert "Only when production is internal too" in notes
        await pilot.press("right", "right", "right")
        await pilot.pause()
        assert screen.query_one("#env-tabs").active == "env-staging"
        # The two diagrams and their notes fit an 80x24 screen without scrolling.
        assert staging.query_one(".env-scroll").max_scroll_y == 0


def test_new_environment_examples_keep_labels_short() -> None:
    from tutor.topology.examples import environment_examples

    for example in environment_examples():
        if example.environment not in ("testing", "staging"):
            continue
        for host in example.topology.hosts:
            labels = [host.label, *(service.label for service in host.services)]
            assert all(len(label) <= 22 for label in labels), labels


async def test_command_palette_lists_every_screen(pack) -> None:
    app = create_app(pack)
    async with app.run_test(size=(80, 24)) as pilot:
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Home", "Lessons", "Scenarios", "Environments", "Quiz", "Review"} <= titles
        assert {"Check", "Help", "Theme"} <= titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"environments")
        from textual.command import CommandList
        from waiting import pilot_wait_until

        found = app.screen.query_one(CommandList)

        def environments_highlighted() -> bool:
            index = found.highlighted
            return index is not None and str(found.get_option_at_index(index).prompt).startswith(
                "Environments"
            )

        await pilot_wait_until(pilot, environments_highlighted)
        await pilot.press("enter")
        await pilot_wait_until(pilot, lambda: screen_name(app) == "EnvironmentsScreen")


async def test_home_menu_and_command_palette_read_one_table(pack) -> None:
    from tutor.ui.app import TutorApp
    from tutor.ui.destinations import DESTINATIONS, INSTRUCTOR_ONLY, MENU, PALETTE

    app = create_app(pack)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        menu = app.screen.query_one("#menu", OptionList)
        # Outside class mode, the Instructor screen is neither in the menu nor the palette.
        assert [menu.get_option_at_index(i).id for i in range(menu.option_count)] == [
            destination.action for destination in MENU if destination.action not in INSTRUCTOR_ONLY
        ]
        commands = [(c.title, c.help) for c in app.get_system_commands(app.screen)]
        shown = [d for d in PALETTE if d.action not in INSTRUCTOR_ONLY]
        assert commands[: len(shown)] == [(d.title, d.help) for d in shown]
    assert all(callable(getattr(TutorApp, f"action_{d.action}", None)) for d in DESTINATIONS)


async def test_themes_and_no_color(pack, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = create_app(pack)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "gruvbox"
        await pilot.pause()
        assert app.no_color
        assert screen_name(app) == "HomeScreen"


SIZES = [(20, 6), (40, 12), (80, 24), (100, 30), (120, 40), (25, 8), (80, 24)]
STARTS = [None, "lessons", "lesson:external-backing-services:2", "scenarios",
          "scenario:web-local", "environments", "help", "quiz"]  # fmt: skip


@pytest.mark.parametrize("start", STARTS)
async def test_no_screen_crashes_at_any_size(pack, start) -> None:
    app = create_app(pack, start=start)
    async with app.run_test(size=(20, 6)) as pilot:
        await pilot.pause()
        for size in SIZES:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            if start and start.startswith("scenario:"):
                await pilot.press("enter", "i")
                await pilot.pause()
        assert app.is_running


def shown_text(static: Static, width: int = 80) -> str:
    """What a Static draws (a lesson page's Markdown rendered), as plain text."""
    from rich.console import Console

    console = Console(width=width, color_system=None)
    with console.capture() as capture:
        console.print(static.content)
    return " ".join(capture.get().split())
