"""Two choices that read the same once case, spacing, quotes and end punctuation are set
aside; prompts and titles too long for where the app shows them at 80 columns."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor.cli import main
from tutor.content.loader import load_scenario_file, validate_paths
from tutor.content.scenario_rules import same_reading
from tutor.content.text_length import PROMPT_COLUMNS, TITLE_COLUMNS, lines_at

SCENARIO = """\
id: orders
title: TITLE
environment: production
summary: The shop stores orders in MySQL on a managed service.
hosts:
  - id: web-vm
    label: Web VM
    kind: vm
    services:
      - {id: app, label: Shop app, kind: app}
  - id: azure
    label: Azure Database for MySQL
    kind: managed-service
    services:
      - {id: db, label: MySQL, kind: relational-database}
links:
  - {from: app, to: db}
steps:
  - question:
      id: which-write
      kind: choice
      prompt: PROMPT
      choices:
        - text: FIRST
          correct: true
        - text: SECOND
          feedback: It reads rows, it does not write them.
      explain: An INSERT writes a new row.
"""

LESSON = """\
---
id: orders
title: TITLE
---

## A page

Some text.
"""


def scenario(
    first: str = "INSERT of a new order",
    second: str = "SELECT of the orders",
    prompt: str = "Which statement writes to MySQL?",
    title: str = "Orders",
) -> str:
    text = SCENARIO.replace("TITLE", title).replace("PROMPT", prompt)
    return text.replace("FIRST", first).replace("SECOND", second)


def write(tmp_path: Path, text: str, name: str = "scenarios/orders.yaml") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def at(text: str, fragment: str) -> tuple[int, int]:
    """The line and column of the value after `fragment` (a key and its colon), one space on."""
    for number, line in enumerate(text.splitlines(), 1):
        if fragment in line:
            return number, line.index(fragment) + len(fragment) + 2
    raise AssertionError(f"{fragment!r} not in the text")


def quoted(text: str) -> str:
    """A YAML double-quoted string of `text`."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def line_with(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def words(count: int) -> str:
    """`count` words of five letters: six columns each with the space, the last five."""
    return " ".join(["words"] * count)


# -- duplicate choices ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "second",
    [
        "insert of a new order.",
        "Insert  of a new   order!",
        '"INSERT of a new order"',
        "`insert of a new order`;",
        "“Insert of a new order.”",
        "'insert of a new order' ?",
    ],
)
def test_choices_that_differ_only_in_case_spacing_quotes_or_end_punctuation_are_duplicates(
    tmp_path: Path, second: str
) -> None:
    text = scenario(second=quoted(second))
    _, problems = load_scenario_file(write(tmp_path, text))
    assert [(p.line, p.column, p.message) for p in problems] == [
        (
            line_with(text, "- text: " + quoted(second)),
            17,
            "choice 2 of question 'which-write' reads the same as choice 1 (apart from case, "
            "spacing, quotes or end "
            "punctuation); every choice needs its own text",
        )
    ]


def test_the_same_text_twice_is_named_without_the_aside(tmp_path: Path) -> None:
    text = scenario(second="INSERT of a new order")
    _, problems = load_scenario_file(write(tmp_path, text))
    (problem,) = problems
    assert problem.message == (
        "choice 2 of question 'which-write' reads the same as choice 1; "
        "every choice needs its own text"
    )


@pytest.mark.parametrize(
    "second",
    ["INSERT of new orders", "INSERT of a new order, then a SELECT", "'INSERT' of a new order"],
)
def test_choices_that_really_differ_pass(tmp_path: Path, second: str) -> None:
    text = scenario(second=quoted(second))
    assert load_scenario_file(write(tmp_path, text))[1] == []


def test_same_reading_keeps_the_middle_and_all_punctuation_text() -> None:
    assert same_reading("  Yes;  it is  ") == "yes; it is"
    assert same_reading("'a' or 'b'") == same_reading("'A' or 'B'.")
    assert same_reading("?") == "?" and same_reading("!") == "!"  # not both empty


# -- long prompts and titles ----------------------------------------------------------------


def warnings(tmp_path: Path, path: Path) -> list[tuple[int, int, str, str]]:
    report = validate_paths([path])
    return [(p.line, p.column, p.severity, p.message) for p in report.problems]


def test_lines_are_counted_as_rich_wraps_words() -> None:
    # 12 words of 5 letters take 71 columns; 13 take 77: one more than the pane's 76.
    assert lines_at(words(12), PROMPT_COLUMNS) == 1
    assert lines_at(words(13), PROMPT_COLUMNS) == 2
    assert lines_at(words(24), PROMPT_COLUMNS) == 2
    assert lines_at(words(25), PROMPT_COLUMNS) == 3
    # Markdown marks take no room: `code` and **bold** are drawn without them.
    assert lines_at(" ".join(["`words`", "**words**"] * 12), PROMPT_COLUMNS) == 2
    # Paragraphs stay a blank line apart.
    assert lines_at("words\n\nwords", PROMPT_COLUMNS) == 3


def test_a_prompt_over_two_lines_warns_at_its_line(tmp_path: Path) -> None:
    assert warnings(tmp_path, write(tmp_path, scenario(prompt=words(24)))) == []
    text = scenario(prompt=words(25))
    path = write(tmp_path, text)
    assert warnings(tmp_path, path) == [
        (
            *at(text, "prompt:"),
            "warning",
            "the prompt of question 'which-write' takes 3 lines at 76 columns, the question "
            "pane's width on an 80-column terminal; keep it to 2 so that the answers stay in "
            "view: shorten it, or move the setting into a text step before the question",
        )
    ]
    # A warning: the scenario still loads, and only --strict fails on it.
    assert load_scenario_file(path)[0] is not None


def test_a_title_that_its_title_bar_cuts_off_warns_at_its_line(tmp_path: Path) -> None:
    # The quiz's bar is the longer: "Question 10 of 10  ·  TITLE  ·  production".
    fits = words(20)
    assert lines_at(f"Question 10 of 10  ·  {fits}  ·  production", TITLE_COLUMNS) == 2
    assert warnings(tmp_path, write(tmp_path, scenario(title=fits))) == []
    text = scenario(title=words(21))
    assert warnings(tmp_path, write(tmp_path, text)) == [
        (
            *at(text, "title:"),
            "warning",
            "the title takes 3 lines in the quiz's title bar ('Question 10 of 10 · TITLE · "
            "production', 78 columns wide on an 80-column terminal), which shows 2, so its "
            "end is cut off: shorten the title",
        )
    ]


def test_a_lesson_title_longer_than_the_readers_title_row_warns(tmp_path: Path) -> None:
    fits = write(tmp_path / "fits", LESSON.replace("TITLE", words(13)), "lessons/orders.md")
    assert warnings(tmp_path, fits) == []
    text = LESSON.replace("TITLE", words(14))
    path = write(tmp_path / "long", text, "lessons/orders.md")
    assert warnings(tmp_path, path) == [
        (
            3,
            8,
            "warning",
            "the title takes 2 lines (83 characters) at 78 columns; the lesson reader shows "
            "it on one line on an 80-column terminal, so its end is cut off: shorten it",
        )
    ]


def test_strict_validate_fails_on_a_long_prompt(tmp_path: Path, capsys) -> None:
    text = scenario(prompt=words(25))
    path = write(tmp_path, text)
    assert main(["validate", str(path)]) == 0
    assert main(["validate", "--strict", str(path)]) == 1
    out = capsys.readouterr().out
    line, column = at(text, "prompt:")
    assert f"{path}:{line}:{column}: warning: the prompt of question 'which-write' takes 3" in out


# -- the figures against the app ------------------------------------------------------------


async def test_the_rules_figures_are_the_lines_the_app_draws(tmp_path: Path, store) -> None:
    """The prompt and title the rule measures, drawn by the real walkthrough and quiz."""
    from tutor.content.loader import load_pack
    from tutor.progress import QuizOptions
    from tutor.ui.app import create_app

    prompt, title = words(25), words(22)
    write(tmp_path, scenario(prompt=prompt, title=title))
    pack = load_pack(tmp_path)
    options = QuizOptions(seed=1)
    app = create_app(pack, store=store, start="quiz", quiz_options=options)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = app.screen.query_one(".qv-prompt")
        assert shown.content_region.width == PROMPT_COLUMNS
        assert shown.size.height == lines_at(prompt, PROMPT_COLUMNS) == 3
        bar = app.screen.query_one("#round-title")
        assert bar.content_region.width == TITLE_COLUMNS
        # The bar says "Question 1 of 1" for a one-question quiz: one column per digit less.
        drawn = bar.get_content_height(bar.size, app.size, bar.content_region.width)
        assert drawn == lines_at(f"Question 1 of 1  ·  {title}  ·  production", TITLE_COLUMNS)
        assert drawn == 3 and bar.size.height == 2  # the third line is cut off
