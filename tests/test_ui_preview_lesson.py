"""`tutor preview lessons/x.md`: the lesson reader over one file, reloaded when it is saved."""

from __future__ import annotations

import os
from pathlib import Path

from rich.console import Console
from textual.widgets import Button, Static
from waiting import pilot_wait_until

from tutor.commands.preview import build_app
from tutor.ui.app import create_app
from tutor.ui.widgets.footer import TutorFooter

LESSON = """\
---
id: {id}
title: {title}
order: {order}
---

## One

{one}

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
SCENARIO = Path(__file__).resolve().parent / "data" / "ui-pack" / "scenarios" / "laptop.yaml"


def write(path: Path, text: str) -> None:
    """Write and make sure the mtime moves, even on coarse file systems."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text)
    if path.stat().st_mtime_ns == before:
        os.utime(path, ns=(before + 10**9, before + 10**9))


def lesson(one: str = "Page one.", *, id: str = "intro", title: str = "Intro") -> str:
    return LESSON.format(id=id, title=title, order=1, one=one)


def make_pack(root: Path) -> Path:
    """A pack of two lessons and a scenario for the first; the first lesson's path."""
    (root / "lessons").mkdir(parents=True)
    (root / "scenarios").mkdir()
    write(root / "lessons" / "02-second.md", SECOND)
    write(root / "scenarios" / "laptop.yaml", SCENARIO.read_text())  # lesson: intro
    path = root / "lessons" / "01-intro.md"
    write(path, lesson())
    return path


def shown(screen, selector: str) -> str:
    """A Static's text as plain words (Rich Markdown and Text alike); "" when absent."""
    widgets = screen.query(selector)
    if not widgets:
        return ""
    console = Console(width=200, color_system=None)
    with console.capture() as capture:
        console.print(widgets.first(Static).content)
    return " ".join(capture.get().split())


def page_text(screen) -> str:
    return shown(screen, "#page")


async def until(pilot, condition, what: str) -> None:
    """Until the preview has reloaded the file and shows what `condition` looks for."""
    await pilot_wait_until(pilot, condition, what=what)


async def test_pages_turn_as_in_the_reader_and_a_save_keeps_the_page(tmp_path: Path) -> None:
    path = make_pack(tmp_path / "pack")
    app = build_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == "LessonPreviewScreen"
        assert "Intro" in shown(screen, "#reader-title")
        assert "Page one." in page_text(screen)
        assert shown(screen, "#page-label") == "page 1 of 3"
        await pilot.press("right", "n")
        await pilot.pause()
        assert screen.page == 2 and "Page three." in page_text(screen)
        # The last page's links come from the pack around the file.
        assert "Next lesson: 2. The second lesson" in str(
            screen.query_one("#next-lesson", Button).label
        )
        assert screen.query(".scenario-link")
        await pilot.press("left")
        await pilot.pause()
        assert screen.page == 1 and "Page two." in page_text(screen)

        write(path, lesson(title="Retitled").replace("Page two.", "Page two, edited."))
        await until(pilot, lambda: "Retitled" in shown(screen, "#reader-title"), "the new title")
        assert screen.page == 1 and "Page two, edited." in page_text(screen)
        assert "Retitled" in shown(screen, "#reader-title")

        # Pages removed: the last one there is.
        write(path, lesson().split("## Two")[0])
        await until(pilot, lambda: "of 1" in shown(screen, "#page-label"), "one page")
        assert screen.page == 0 and "Page one." in page_text(screen)
        assert shown(screen, "#page-label") == "page 1 of 1"

        # The next lesson opens on top of the preview; Esc comes back to it.
        await pilot.press("right")
        await pilot.pause()
        assert type(app.screen).__name__ == "LessonReaderScreen"
        assert app.screen.lesson.id == "second"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_a_broken_lesson_shows_its_problems_then_recovers_on_its_page(
    tmp_path: Path,
) -> None:
    path = make_pack(tmp_path / "pack")
    app = build_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("right")
        await pilot.pause()
        assert screen.page == 1

        write(path, lesson().replace("title: Intro\n", ""))
        await until(pilot, lambda: screen.query("#preview-problems"), "the problems")
        problems = shown(screen, "#preview-problems")
        assert "This file does not load" in problems
        assert f"{path}:2:1:" in problems and "title" in problems
        assert not screen.query_one("#page", Static).display
        assert "Preview: " in shown(screen, "#reader-title")
        await pilot.press("right", "left", "enter", "space")  # nothing to do, nothing breaks
        await pilot.pause()
        assert app.screen is screen and screen.page == 1

        write(path, lesson())
        await until(pilot, lambda: not screen.query("#preview-problems"), "the page again")
        assert not screen.query("#preview-problems")
        assert screen.page == 1 and "Page two." in page_text(screen)
        assert shown(screen, "#page-label") == "page 2 of 3"


async def test_an_id_another_lesson_uses_is_a_problem(tmp_path: Path) -> None:
    """Checked with the pack around it, as `tutor validate` checks it."""
    make_pack(tmp_path / "pack")
    path = tmp_path / "pack" / "lessons" / "02-second.md"
    write(path, SECOND.replace("id: second", "id: intro"))
    app = build_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert "'intro' is already used by" in shown(screen, "#preview-problems")

        write(path, SECOND)
        await until(pilot, lambda: not screen.query("#preview-problems"), "the page again")
        assert not screen.query("#preview-problems") and "The only page." in page_text(screen)


async def test_outside_a_pack_the_links_are_absent(tmp_path: Path) -> None:
    path = tmp_path / "loose" / "draft.md"
    path.parent.mkdir()
    write(path, lesson())
    app = build_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("right", "right")
        await pilot.pause()
        assert screen.page == 2 and "Page three." in page_text(screen)
        assert not screen.query("#next-lesson, #lessons-done, #lessons-list, .scenario-link")
        assert not screen.query_one("#next", Button).display
        footer = screen.query_one(TutorFooter).render().plain
        assert "Previous" in footer and "Next" not in footer and "Lessons" not in footer
        await pilot.press("right", "enter")
        await pilot.pause()
        assert app.screen is screen and screen.page == 2


async def test_a_lesson_preview_records_nothing(tmp_path: Path, store) -> None:
    """Even an app given the learner's store: pages seen in a preview are not read."""
    path = make_pack(tmp_path / "pack")
    app = create_app(build_app(path).pack, store=store, preview_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("right", "right")
        await pilot.pause()
        assert app.screen.page == 2
    assert store.lessons_read() == [] and store.position() is None
