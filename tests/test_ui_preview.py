"""`tutor preview`: the walkthrough of one file, reloaded when it changes, problems in place."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from textual.widgets import Static
from waiting import pilot_wait_until

from tutor.content.loader import load_pack
from tutor.content.packs import pack_root_containing
from tutor.ui.app import create_app

SCENARIO = """\
id: demo
title: {title}
environment: local
summary: {summary}
hosts:
  - id: laptop
    label: Laptop
    kind: workstation
    services:
      - {{id: app, label: App, kind: app}}
      - {{id: db, label: MySQL, kind: relational-database}}
steps:
  - text: One.
  - text: Two.
"""


def write(path: Path, text: str) -> None:
    """Write and make sure the mtime moves, even on coarse file systems."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text)
    if path.stat().st_mtime_ns == before:
        os.utime(path, ns=(before + 10**9, before + 10**9))


async def wait_for(pilot, condition) -> None:
    """Until the preview has reloaded the file and `condition()` holds."""
    await pilot_wait_until(pilot, condition, what=getattr(condition, "__name__", None))


async def test_preview_reloads_shows_problems_and_recovers(tmp_path: Path) -> None:
    (tmp_path / "scenarios").mkdir()
    path = tmp_path / "scenarios" / "demo.yaml"
    write(path, SCENARIO.format(title="First title", summary="Old summary."))
    pack = load_pack(pack_root_containing(path))
    app = create_app(pack, preview_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == "PreviewScreen"
        title = screen.query_one("#wt-title", Static)
        assert "First title" in str(title.render())
        await pilot.press("enter")  # to step 1: the position survives reloads
        await pilot.pause()

        write(path, SCENARIO.format(title="Second title", summary="New summary."))
        await wait_for(pilot, lambda: "Second title" in str(title.render()))
        assert screen.walkthrough.index == 0
        assert screen.query_one(".step-text", Static).content.markup == "One."

        write(path, "id: demo\ntitle: [unclosed\n")
        await wait_for(pilot, lambda: bool(screen.query("#preview-problems")))
        assert screen.walkthrough is None
        assert "demo.yaml" in str(screen.query_one("#preview-problems", Static).render())
        await pilot.press("enter", "i", "h")  # nothing to do, nothing breaks
        await pilot.pause()

        write(path, SCENARIO.format(title="Fixed title", summary="Fixed."))
        await wait_for(pilot, lambda: "Fixed title" in str(title.render()))
        assert not screen.query("#preview-problems")
        assert screen.walkthrough is not None and screen.walkthrough.index == 0


LESSON = """\
---
id: {id}
title: {title}
order: 1
---

## Page

Text.
"""


def problems_shown(screen) -> str:
    widgets = screen.query("#preview-problems")
    return str(widgets.first(Static).render()) if widgets else ""


async def test_preview_checks_the_file_against_its_pack(tmp_path: Path) -> None:
    """As `tutor validate` does: an id another file uses, a lesson that does not exist."""
    (tmp_path / "lessons").mkdir()
    write(tmp_path / "lessons" / "01.md", LESSON.format(id="basics", title="Basics"))
    (tmp_path / "scenarios").mkdir()
    write(tmp_path / "scenarios" / "other.yaml", SCENARIO.format(title="Other", summary="O."))
    path = tmp_path / "scenarios" / "demo.yaml"
    write(path, SCENARIO.format(title="Same id", summary="S."))
    app = create_app(load_pack(tmp_path), preview_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.walkthrough is None
        assert "already used" in problems_shown(screen) and "other.yaml" in problems_shown(screen)

        write(path, SCENARIO.replace("id: demo", "id: mine").format(title="T", summary="S."))
        await wait_for(pilot, lambda: screen.walkthrough is not None)

        text = SCENARIO.replace("id: demo", "id: mine\nlesson: basic")
        write(path, text.format(title="T", summary="S."))
        await wait_for(pilot, lambda: "did you mean 'basics'" in problems_shown(screen))
        assert screen.walkthrough is None

        # A lesson written meanwhile counts, and the walkthrough's end names it.
        write(tmp_path / "lessons" / "02.md", LESSON.format(id="basic", title="New lesson"))
        write(path, text.format(title="T", summary="Saved again."))
        await wait_for(pilot, lambda: screen.walkthrough is not None)
        assert app.pack.lesson("basic") is not None
        screen.walkthrough.go_to(len(screen.walkthrough.scenario.steps))
        await screen.render_step()
        assert "New lesson" in str(screen.query_one("#wt-body Static", Static).render())


def test_preview_of_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tutor", "preview", str(tmp_path / "nope.yaml")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "no such file" in result.stderr


def test_app_with_a_missing_content_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tutor", "--content", str(tmp_path / "nope")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert (
        result.stderr.count("\n") == 1
        and "does not exist" in result.stderr
        and "nope" in result.stderr
    )
