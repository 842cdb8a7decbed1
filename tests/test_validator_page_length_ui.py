"""The page-length rule against the real reader: every page of the built-in pack, and its links,
fit 80x24 without scrolling, and the rule's figures are the lines the reader draws."""

from __future__ import annotations

from pathlib import Path

from test_validator_page_length import page_warnings, paragraphs, write_pack

from tutor.content.loader import load_pack, validate_pack
from tutor.content.page_fit import (
    READER_COLUMNS,
    READER_LINES,
    TERMINAL,
    links_height,
    practice_links,
    rendered_height,
)
from tutor.progress.position import lesson_after
from tutor.ui.app import create_app

REPO_ROOT = Path(__file__).resolve().parent.parent


def measure(app) -> dict[str, object]:
    """What the reader on screen shows: its pane, the page's lines, the links' lines, and
    whether every link is inside the screen."""
    screen = app.screen
    reader = screen.query_one("#reader")
    box = screen.query_one("#after-lesson")
    links = list(box.query("Button"))
    bottom = reader.region.bottom
    return {
        "pane": (reader.scrollable_content_region.width, reader.scrollable_content_region.height),
        "page": screen.query_one("#page").size.height,
        "links": box.size.height if box.display else 0,
        "scrolls": reader.max_scroll_y > 0,
        "links hidden": [str(b.label) for b in links if b.region.bottom > bottom or not b.region],
    }


async def test_every_built_in_page_and_its_links_fit_80x24_as_the_rule_counts() -> None:
    pack = load_pack(REPO_ROOT)
    app = create_app(pack)
    wrong = []
    async with app.run_test(size=TERMINAL) as pilot:
        await pilot.pause()
        for lesson in pack.lessons:
            last = len(lesson.pages) - 1
            practice = practice_links(lesson, len(pack.scenarios_for_lesson(lesson.id)))
            below = links_height(practice, next_lesson=lesson_after(pack, lesson.id) is not None)
            for index, page in enumerate(lesson.pages):
                app.open_lesson(lesson, index)
                await pilot.pause()
                shown = measure(app)
                expected = {
                    "pane": (READER_COLUMNS, READER_LINES),
                    "page": rendered_height(page.body),
                    "links": below if index == last else 0,
                    "scrolls": False,
                    "links hidden": [],
                }
                if shown != expected:
                    wrong.append((lesson.id, index + 1, shown, expected))
    assert wrong == []


async def test_a_page_the_rule_passes_fits_and_one_it_warns_about_scrolls(tmp_path: Path) -> None:
    # Text and links: 2 + 11 + 7 = 20 lines (fits), then 2 + 13 + 7 = 22 (does not).
    for name, count, warned in (("fits", 6, False), ("tall", 7, True)):
        root = write_pack(tmp_path / name, paragraphs(count), scenarios=5)
        assert bool(page_warnings(validate_pack(root).problems)) is warned
        pack = load_pack(root)
        app = create_app(pack, start="lesson:a:1")
        async with app.run_test(size=TERMINAL) as pilot:
            await pilot.pause()
            shown = measure(app)
            assert shown["scrolls"] is warned
            assert (shown["page"], shown["links"]) == (2 + 2 * count - 1, 7)
