"""The page-length rule counts what the reader shows: Rich's rendering at the reader's width,
and the links below a lesson's last page (tests/test_validator_page_length_ui.py holds the
same figures to the screen)."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console
from rich.markdown import Markdown

from tutor.content.loader import load_lesson_file, load_pack, validate_pack, validate_paths
from tutor.content.page_fit import READER_COLUMNS, READER_LINES, links_height, rendered_height

REPO_ROOT = Path(__file__).resolve().parent.parent
LONG = "A sentence long enough that it has to wrap across lines of the pane, again and again. "
# Markdown a lesson page may hold, each drawn by Rich and measured without it.
SAMPLES = {
    "paragraphs": "## T\n\n" + LONG * 3 + "\n\n" + LONG,
    "inline": "## T\n\n" + "**bold** *em* _em_ __strong__ ~~gone~~ `co de` snake_case_name " * 4,
    "links": "## T\n\nSee [the docs](https://example.com/a/long/hidden/url) and <https://e.org/x> "
    * 3,
    "html": "## T\n\nA <b>bold</b> tag and an odd <port> and 1 < 2 > 0 " * 4,
    "breaks": "## T\n\nFirst line  \nsecond line\\\nthird line\nsoft " + LONG,
    "bullets": "## T\n\n- one " + LONG + "\n- two\n- three " + LONG,
    "nested": "## T\n\n- one\n  - inner " + LONG + "\n  - two\n- two\n\n  more of two " + LONG,
    "ordered": "## T\n\n"
    + "".join(f"{n}. item {n} {LONG if n % 3 == 0 else ''}\n" for n in range(1, 12)),
    "ordered from 7": "## T\n\n7. seven\n8. eight " + LONG,
    "code": "## T\n\n```sh\nshort\n" + "x" * 120 + "\nls -l " + "word " * 30 + "\n\n\n```\n\nafter",
    "indented code": "## T\n\nPara.\n\n    indented code\n    more\n\nAfter.",
    "quote": "## T\n\n> quoted " + LONG + "\n> more\n\n> second quote",
    "rules": "## T\n\nabove\n\n---\n\nbelow\n\n***\n\n- a list after a rule",
    "setext": "Title\n=====\n\nPara\n\nSub\n---\n\nText",
    "wide table": "## T\n\n| A long header here | Another long header | Third |\n|---|---|---|\n| "
    + LONG
    + " | short | "
    + LONG
    + " |\n| x | y | z |",
    "table cells": "## T\n\n| a \\| b | `c` |\n|:--|--:|\n| **d** | e |\n| only one |",
    "long words in a table": (
        "## T\n\n| Supercalifragilistic | B |\n|---|---|\n| Pneumonoultramicroscopic | x |"
    ),
    "a list first": "- a\n- b",
    "a table first": "| a | b |\n|---|---|\n| c | d |",
    "wide characters": "## T\n\n" + "漢字かなカナ " * 30,
    "a word longer than a line": "## T\n\n" + "x" * 200 + " tail",
    "entities": "## T\n\nAT&amp;T &copy; &lt;tag&gt; " * 10,
    "code in a list": "## T\n\n1. step one:\n\n   ```\n   code here\n   ```\n2. step two " + LONG,
    "loose list": "## T\n\n- a\n\n- b " + LONG + "\n\n- c",
    "three lists": "## T\n\n- a\n- b\n* c\n+ d",
}

SCENARIO = """\
id: {id}
title: Scenario {id}
environment: local
summary: A laptop.
lesson: {lesson}
hosts:
  - id: laptop
    label: Laptop
    kind: workstation
    services:
      - {{id: app, label: App, kind: app}}
      - {{id: db, label: MySQL, kind: relational-database}}
links:
  - {{from: app, to: db}}
steps:
  - question:
      id: which
      kind: choice
      prompt: Which one is the app's own host?
      explain: The laptop runs both.
      choices:
        - text: The laptop that runs the app
          correct: true
        - text: A server somewhere on the network
          feedback: Nothing here runs on another host.
"""


def lesson(lesson_id: str, order: int, *pages: str) -> str:
    body = "\n\n".join(f"## Page {n}\n\n{text}" for n, text in enumerate(pages, 1))
    return f"---\nid: {lesson_id}\ntitle: Lesson {lesson_id}\norder: {order}\n---\n\n{body}\n"


def paragraphs(count: int) -> str:
    """`count` one-line paragraphs: 2 * count - 1 lines on screen, heading not counted."""
    return "\n\n".join(f"Paragraph {n}." for n in range(count))


def write_pack(root: Path, last_page: str, scenarios: int) -> Path:
    (root / "lessons").mkdir(parents=True)
    (root / "scenarios").mkdir()
    (root / "lessons" / "01-a.md").write_text(lesson("a", 1, "Short.", last_page))
    (root / "lessons" / "02-b.md").write_text(lesson("b", 2, "The end."))
    for n in range(scenarios):
        (root / "scenarios" / f"s{n}.yaml").write_text(SCENARIO.format(id=f"s{n}", lesson="a"))
    return root


def page_warnings(problems) -> list[tuple[str, int]]:
    return [(p.path.name, p.line) for p in problems if "the reader shows" in p.message]


def rich_height(markdown: str, width: int) -> int:
    """Lines Rich draws for this Markdown, as the reader's Static does."""
    console = Console(width=width, file=io.StringIO(), color_system=None)
    return len(console.render_lines(Markdown(markdown.strip()), console.options, pad=False))


@pytest.mark.parametrize("name", SAMPLES)
def test_the_height_without_rich_is_the_height_rich_draws(name: str) -> None:
    heights = {
        w: (rendered_height(SAMPLES[name], w), rich_height(SAMPLES[name], w))
        for w in (78, 50, 33, 20)
    }
    assert {w: h for w, h in heights.items() if h[0] != h[1]} == {}


def test_every_built_in_page_measures_as_rich_draws_it_at_any_width() -> None:
    pack = load_pack(REPO_ROOT)
    wrong = [
        (lesson.id, n, width)
        for lesson in pack.lessons
        for n, page in enumerate(lesson.pages, 1)
        for width in (READER_COLUMNS, 60, 38, 120)
        if rendered_height(page.body, width) != rich_height(page.body, width)
    ]
    assert wrong == []


def test_validate_still_never_imports_rich() -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "tutor", "validate"],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines()}
    assert "tutor.content.page_height" in imported
    assert {name for name in imported if name.split(".")[0] == "rich"} == set()


def test_the_height_is_rich_s_rendering_at_the_reader_s_width() -> None:
    assert (READER_COLUMNS, READER_LINES) == (78, 20)
    # A heading, its blank line, then the text: blank lines between paragraphs count.
    assert rendered_height("## Title\n\n" + paragraphs(3)) == 2 + 5
    # Words wrap at 78 columns, not 80: 15 "word"s to a line, not 16.
    long = " ".join(["word"] * 300)
    assert rendered_height(f"## Title\n\n{long}") == 2 + 20
    # A code block takes a blank line above and below its code.
    assert rendered_height("## Title\n\n```\ncode\n```") == 2 + 3


def test_a_last_page_that_fits_alone_warns_once_its_links_are_counted(tmp_path: Path) -> None:
    # 2 + 9 lines of text; then "Practise what you read:", 4 scenarios, the next lesson: 6.
    root = write_pack(tmp_path / "pack", paragraphs(5), scenarios=4)
    assert links_height(4, next_lesson=True) == 6
    assert page_warnings(validate_pack(root).problems) == []  # 11 + 6 = 17
    root = write_pack(tmp_path / "more", paragraphs(7), scenarios=4)  # 15 + 6 = 21
    problems = validate_pack(root).problems
    assert page_warnings(problems) == [("01-a.md", 11)]
    (message,) = [p.message for p in problems if "the reader shows" in p.message]
    assert "takes 15 lines at 78 columns, and its links 6 more" in message
    assert "the reader shows 20 on an 80x24 terminal" in message
    # The same file named on its own is checked against its pack, links included.
    assert page_warnings(validate_paths([root / "lessons" / "01-a.md"]).problems) == [
        ("01-a.md", 11)
    ]


def test_a_page_with_few_source_lines_can_still_be_too_tall(tmp_path: Path) -> None:
    path = tmp_path / "l.md"
    long = " ".join(["word"] * 360)  # one source line; 24 lines on screen
    path.write_text(lesson("x", 1, "Short.", long))
    lesson_, problems = load_lesson_file(path)
    assert lesson_ is not None
    assert [(p.severity, p.line) for p in problems] == [("warning", 11)]
    assert "takes 26 lines at 78 columns;" in problems[0].message  # no links on its own


def test_the_app_s_pack_loading_does_not_measure_pages(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack", paragraphs(12), scenarios=1)
    assert load_pack(root).problems == []
    assert page_warnings(validate_pack(root).problems) == [("01-a.md", 11)]
