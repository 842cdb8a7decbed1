"""Text too long for where the app shows it at 80 columns: question prompts, scenario titles,
lesson titles. Warnings, reported by the authoring commands only (with the item checks).

The widths are the app's own at 80x24 (tutor/ui/tutor.tcss and the widgets' CSS):

- a question's prompt is drawn in the question pane, 80 columns less one of padding each side
  and the two of its scrollbar gutter: 76. A prompt over two lines pushes the answers down;
- a scenario's title is drawn in a title bar 78 columns wide (one column of padding each side)
  that shows two lines at most (`max-height: 2`), together with what the bar adds: in a
  walkthrough "  ·  ENVIRONMENT  ·  step N of N", in a quiz "Question 10 of 10  ·  " before
  it and "  ·  ENVIRONMENT" after it. Past two lines its end is cut off;
- a lesson's title is drawn in the reader's title row, 78 columns wide and one line high:
  past one line its end is cut off.

Text is measured as drawn: inline Markdown without its marks, wrapped word by word as Rich
wraps it (tutor/content/page_height.py, which `tutor validate` uses instead of Rich).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.content.model import Lesson, Problem, Scenario
from tutor.content.page_height import cell_len, inline_text, wrapped_lines

if TYPE_CHECKING:
    from tutor.content.item_checks import ScenarioSpots

TERMINAL_COLUMNS = 80
PROMPT_COLUMNS = TERMINAL_COLUMNS - 4
PROMPT_LINES = 2
TITLE_COLUMNS = TERMINAL_COLUMNS - 2
TITLE_LINES = 2
LESSON_TITLE_LINES = 1
# The longest quiz bar label of a default quiz (10 questions): "Question 10 of 10".
QUIZ_LABEL = "Question 10 of 10"
SEPARATOR = "  ·  "

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_SPACES = re.compile(r"[ \t]+")
_MARKUP = re.compile(r"[`\[<*_~\\&\n]")


def shown_text(source: str) -> str:
    """Inline Markdown as the app shows it in one widget: marks gone, paragraphs a blank line
    apart, every other line break a space."""
    if not _MARKUP.search(source):  # plain one-line text: nothing for the Markdown pass to do
        return _SPACES.sub(" ", source).strip()
    paragraphs = _PARAGRAPH_BREAK.split(source.strip())
    return "\n\n".join(_SPACES.sub(" ", inline_text(part)).strip() for part in paragraphs)


def lines_at(source: str, columns: int) -> int:
    """How many lines inline Markdown takes, drawn `columns` wide."""
    shown = shown_text(source)
    if "\n" not in shown and cell_len(shown) <= columns:
        return 1  # fits on one line: most prompts and titles, and no wrapping to simulate
    return wrapped_lines(shown, columns)


def _warning(path: Path, where: tuple[int, int], message: str) -> Problem:
    return Problem(path, where[0], where[1], message, severity="warning")


def scenario_warnings(scenario: Scenario, spots: ScenarioSpots) -> list[Problem]:
    """A warning at each prompt over two lines, and at the title when its bar cuts it off."""
    problems = []
    for question in scenario.questions:
        where = spots.questions.get(question.id)
        if where is None:
            continue
        lines = lines_at(question.prompt, PROMPT_COLUMNS)
        if lines > PROMPT_LINES:
            problems.append(
                _warning(
                    spots.path,
                    where.prompt,
                    f"the prompt of question '{question.id}' takes {lines} lines at "
                    f"{PROMPT_COLUMNS} columns, the question pane's width on an "
                    f"{TERMINAL_COLUMNS}-column terminal; keep it to {PROMPT_LINES} so that "
                    "the answers stay in view: shorten it, or move the setting into a text "
                    "step before the question",
                )
            )
    if spots.title is not None and scenario.title.strip():
        worst = max(_title_bars(scenario), key=lambda bar: lines_at(bar[1], TITLE_COLUMNS))
        where_shown, bar = worst
        lines = lines_at(bar, TITLE_COLUMNS)
        if lines > TITLE_LINES:
            problems.append(
                _warning(
                    spots.path,
                    spots.title,
                    f"the title takes {lines} lines in the {where_shown} title bar "
                    f"('{_shape(bar, scenario.title)}', {TITLE_COLUMNS} columns wide on an "
                    f"{TERMINAL_COLUMNS}-column terminal), which shows {TITLE_LINES}, so its "
                    "end is cut off: shorten the title",
                )
            )
    return problems


def _title_bars(scenario: Scenario) -> Iterator[tuple[str, str]]:
    """The title bars that show a scenario's title, as drawn at their longest."""
    steps = len(scenario.steps)
    environment = scenario.environment
    yield (
        "walkthrough's",
        f"{scenario.title}{SEPARATOR}{environment}{SEPARATOR}step {steps} of {steps}",
    )
    if scenario.questions:
        yield "quiz's", f"{QUIZ_LABEL}{SEPARATOR}{scenario.title}{SEPARATOR}{environment}"


def _shape(bar: str, title: str) -> str:
    """The bar with the title as "TITLE": what the bar adds around it."""
    return bar.replace(title, "TITLE", 1).replace(SEPARATOR, " · ")


def lesson_title_warnings(lesson: Lesson, path: Path) -> list[Problem]:
    """A warning at the lesson's title when the reader's one-line title row cuts it off."""
    lines = lines_at(lesson.title, TITLE_COLUMNS)
    if lines <= LESSON_TITLE_LINES:
        return []
    length = len(shown_text(lesson.title))
    return [
        _warning(
            path,
            _front_matter_spot(path, "title"),
            f"the title takes {lines} lines ({length} characters) at {TITLE_COLUMNS} columns; "
            f"the lesson reader shows it on one line on an {TERMINAL_COLUMNS}-column terminal, "
            "so its end is cut off: shorten it",
        )
    ]


def _front_matter_spot(path: Path, key: str) -> tuple[int, int]:
    """Where `key`'s value is in a lesson's front matter (1, 1 when it cannot be found)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1, 1
    pattern = re.compile(rf"^{re.escape(key)}[ \t]*:[ \t]*")
    for number, line in enumerate(lines[1:], 2):
        if line.rstrip() in ("---", "..."):
            break
        if match := pattern.match(line):
            return number, match.end() + 1
    return 1, 1
