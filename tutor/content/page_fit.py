"""The page-length rule: each lesson page, with the links below its last page, fits the reader
on an 80x24 terminal without scrolling.

The reader (tutor/ui/screens/lesson_reader.py, laid out by tutor/ui/tutor.tcss) shows a page
as Rich Markdown in a pane 78 columns wide (80 less one column of padding each side) and 20
lines high (24 less the screen's title, the lesson's title, the page row and the footer).
Below a lesson's last page come its links, one line each (`links_height`). A page is measured
with Rich's own layout rules (tutor/content/page_height.py; `tutor validate` does not import
Rich), so the warning and what a reader sees agree: tests/test_validator_page_length_ui.py
holds these figures to the real screen.

Only the authoring commands (`tutor validate`) measure pages; loading a pack for the app
does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tutor.content.model import Lesson, Problem
from tutor.content.page_height import markdown_height

TERMINAL = (80, 24)
READER_COLUMNS = TERMINAL[0] - 2
READER_LINES = TERMINAL[1] - 4

# The lessons whose last page also offers the Environments screen: the ones that compare
# environments. The reader draws that link; the rule counts its line.
ENVIRONMENT_LESSONS = frozenset(
    {"environments", "internal-backing-services", "external-backing-services", "best-practices"}
)


def practice_links(lesson: Lesson, scenarios: int) -> int:
    """How many "practise" links the lesson's last page has: its scenarios, and the
    Environments screen for the lessons that compare environments."""
    return scenarios + (lesson.id in ENVIRONMENT_LESSONS)


def links_height(practice: int, *, next_lesson: bool) -> int:
    """Lines the links take below a lesson's last page: a "Practise what you read:" line and
    one per practice link (when there are any), then one for the next lesson's button, or,
    after the last lesson, a line saying so and the button back to the list."""
    return (1 + practice if practice else 0) + (1 if next_lesson else 2)


def rendered_height(body: str, columns: int = READER_COLUMNS) -> int:
    """Lines a page's Markdown takes when the reader draws it `columns` wide."""
    return markdown_height(body, columns)


@dataclass(frozen=True)
class LessonLinks:
    """What the reader shows below a lesson's last page, as far as the validator knows it;
    None when the lesson is checked on its own, outside a pack."""

    practice: int
    next_lesson: bool


def page_warnings(
    lesson: Lesson, path: Path, page_lines: tuple[int, ...], links: LessonLinks | None
) -> list[Problem]:
    """A warning at the heading of each page taller than the reader at 80x24."""
    problems = []
    last = len(lesson.pages) - 1
    for index, (page, line) in enumerate(zip(lesson.pages, page_lines, strict=True)):
        text = rendered_height(page.body)
        below = 0
        if index == last and links is not None:
            below = links_height(links.practice, next_lesson=links.next_lesson)
        if text + below <= READER_LINES:
            continue
        links_too = f", and its links {below} more" if below else ""
        problems.append(
            Problem(
                path,
                line,
                1,
                f"page '{page.title}' takes {text} lines at {READER_COLUMNS} columns{links_too}; "
                f"the reader shows {READER_LINES} on an {TERMINAL[0]}x{TERMINAL[1]} terminal: "
                "shorten it or split it with another '## ' heading",
                severity="warning",
            )
        )
    return problems
