"""Home shows the pack's title, and a pack's pack.yaml may hide the built-in screens."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandList
from textual.widgets import OptionList, Static
from waiting import pilot_wait_until

from tutor.content.loader import load_pack
from tutor.ui.app import create_app

LESSON = "---\nid: first\ntitle: First\n---\n\n## A page\n\nSome text.\n"


def write_pack(root: Path, manifest: str) -> Path:
    (root / "lessons").mkdir(parents=True)
    (root / "lessons" / "first.md").write_text(LESSON)
    (root / "pack.yaml").write_text(manifest)
    return root


def menu_labels(app) -> list[str]:
    menu = app.screen.query_one("#menu", OptionList)
    return [str(menu.get_option_at_index(i).prompt).split()[0] for i in range(menu.option_count)]


async def test_home_shows_the_pack_title_and_every_screen_by_default(tmp_path: Path) -> None:
    manifest = "id: p\ntitle: Caching, [b]spring[/b]\nversion: '1'\n"
    pack = load_pack(write_pack(tmp_path / "p", manifest))
    app = create_app(pack)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # The title is the author's text, shown as written (no markup).
        assert str(app.screen.query_one("#course-title", Static).render()) == (
            "Caching, [b]spring[/b]"
        )
        assert "Environments" in menu_labels(app) and "Check" in menu_labels(app)


async def test_hidden_screens_leave_the_menu_the_palette_and_open(tmp_path: Path) -> None:
    manifest = (
        "id: p\ntitle: Queues\nversion: '1'\nscreens:\n  environments: false\n  live-check: false\n"
    )
    app = create_app(load_pack(write_pack(tmp_path / "p", manifest)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert menu_labels(app) == ["Continue", "Lessons", "Scenarios", "Quiz", "Review", "Help"]
        app.open("environments")
        app.open("check_mysql")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        await pilot.press("ctrl+p")
        await pilot_wait_until(pilot, lambda: bool(app.screen.query(CommandList)))

        def commands() -> list[str]:
            found = app.screen.query_one(CommandList)
            return [str(found.get_option_at_index(i).prompt) for i in range(found.option_count)]

        await pilot_wait_until(pilot, lambda: any("Quit" in c for c in commands()))
        assert not any(c.startswith(("Environments", "Check")) for c in commands())
        assert any("Lessons" in c for c in commands())
