"""The validator's wording: things named by id, YAML syntax errors in plain words at the line
to look at, a duplicate key that hides nothing, and one message for a missing or empty key."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tutor.content import yaml_nodes
from tutor.content.loader import load_lesson_file, load_scenario_file

BASE = """\
id: base
title: Going live
environment: production
summary: The app is ready for real users.
hosts:
  - id: web-vm
    label: Load-balanced VM
    kind: vm
    services:
      - {id: app, label: MVC app, kind: app}
  - id: db-host
    label: MySQL server
    kind: managed-service
    services:
      - id: db
        label: MySQL
        kind: relational-database
links:
  - {from: app, to: db}
steps:
  - text: Your app runs on a VM.
  - question:
      id: where-db
      kind: placement
      prompt: Internal or external?
      service: db
      answer: external
      hint: What happens to the data if the VM fails?
      explain: The data must outlive the VM.
  - question:
      id: why
      kind: choice
      prompt: Why does it run elsewhere?
      choices:
        - text: The orders outlive the VM
          correct: true
        - text: It is cheaper
          feedback: A managed database usually costs more.
      explain: Users' data must outlive any one machine.
"""

# Parser words an author should never have to read.
JARGON = re.compile(
    r"mapping values|could not find|did not find|block end|block mapping|block collection|"
    r"scanner|scanning|scalar|token|simple key|indicator|<|stream",
    re.IGNORECASE,
)


def edit(line: int, new: str, text: str = BASE) -> str:
    """BASE with its line `line` (1-based) replaced by `new` (which may hold several lines)."""
    lines = text.splitlines()
    assert lines[line - 1].strip(), "edit a line that holds something"
    lines[line - 1] = new
    return "\n".join(lines) + "\n"


def found(tmp_path: Path, text: str, name: str = "s.yaml") -> list[tuple[int, int, str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    scenario, problems = load_scenario_file(path)
    assert (scenario is None) == any(p.severity == "error" for p in problems)
    return [(p.line, p.column, p.message) for p in problems]


@pytest.fixture(params=["libyaml", "pure-python"])
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Both parsers: libyaml's CSafeLoader and PyYAML's SafeLoader word errors differently."""
    if request.param == "pure-python":
        monkeypatch.setattr(yaml_nodes, "_Loader", type("Pure", (yaml.SafeLoader,), {}))
    elif not hasattr(yaml, "CSafeLoader"):  # pragma: no cover - libyaml is a dependency
        pytest.skip("PyYAML built without libyaml")
    yield request.param


def test_the_base_scenario_is_clean(tmp_path: Path) -> None:
    assert found(tmp_path, BASE) == []


# --- 1. Naming: by id, or by line when the id is missing or not valid -----------------------


@pytest.mark.parametrize(
    ("line", "new", "expected"),
    [
        (
            8,
            "    kind: vm\n    colour: blue",
            (9, 5, "unknown key 'colour' in host 'web-vm'; allowed: id, label, kind, services"),
        ),
        (
            17,
            "        kind: relational-databse",
            (
                17,
                15,
                "'kind' of service 'db' is 'relational-databse', which is not one of: app, "
                "relational-database, document-database, cache, secrets, queue, other; "
                "did you mean 'relational-database'?",
            ),
        ),
        (
            28,
            "      hnit: What happens to the data if the VM fails?",
            (28, 7, "unknown key 'hnit' in question 'where-db'; did you mean 'hint'?"),
        ),
        (
            38,
            "          feedbak: A managed database usually costs more.",
            (
                38,
                11,
                "unknown key 'feedbak' in choice 2 of question 'why'; did you mean 'feedback'?",
            ),
        ),
        (
            6,
            "  - id: Web_VM",
            (
                6,
                9,
                "'id' of the host at line 6 is 'Web_VM', which is not a valid id: use "
                "lowercase letters a-z, digits 0-9 and '-', starting with a letter or digit",
            ),
        ),
        (
            15,
            "      - id: DB",
            (
                15,
                13,
                "'id' of the service at line 15 is 'DB', which is not a valid id: use "
                "lowercase letters a-z, digits 0-9 and '-', starting with a letter or digit",
            ),
        ),
        (
            19,
            "  - {from: app, too: db}",
            (19, 17, "unknown key 'too' in the link at line 19; did you mean 'to'?"),
        ),
        (
            21,
            "  - text: Your app runs on a VM.\n    question: {}",
            (22, 15, "the step at line 21 has both 'text' and 'question': make them two steps"),
        ),
    ],
)
def test_messages_name_things_by_id_or_by_line(
    tmp_path: Path, line: int, new: str, expected: tuple[int, int, str]
) -> None:
    assert found(tmp_path, edit(line, new)) == [expected]


def test_a_question_without_a_valid_id_is_named_by_its_line(tmp_path: Path) -> None:
    text = edit(23, "      id: Where DB").replace("      hint: What", "      hnit: What")
    assert found(tmp_path, text) == [
        (
            23,
            11,
            "'id' of the question at line 23 is 'Where DB', which is not a valid id: use "
            "lowercase letters a-z, digits 0-9 and '-', starting with a letter or digit",
        ),
        (28, 7, "unknown key 'hnit' in the question at line 23; did you mean 'hint'?"),
    ]


def test_no_message_counts_hosts_steps_or_links(tmp_path: Path) -> None:
    """A file with a mistake in every kind of part: no "host 2", "step 3", "link 1"."""
    text = (
        BASE.replace("    kind: vm\n", "    kind: vm\n    colour: blue\n")
        .replace("        kind: relational-database", "        kind: database")
        .replace("{from: app, to: db}", "{from: app, to: db, via: lb}")
        .replace("  - text: Your app runs on a VM.", "  - txt: Your app runs on a VM.")
        .replace("      hint: What", "      hnit: What")
        .replace("feedback: A managed", "feedbak: A managed")
    )
    messages = [message for _, _, message in found(tmp_path, text)]
    assert len(messages) == 7
    positional = re.compile(r"\b(host|service|step|link|question) \d|of step|\b(first|second) ")
    assert [m for m in messages if positional.search(m)] == []
    named = ("host 'web-vm'", "service 'db'", "link at line 20", "step at line 22")
    assert all(any(name in m for m in messages) for name in named), messages


# --- 2. YAML syntax errors: plain words, at the line to look at -----------------------------

SYNTAX = [
    pytest.param(
        2,
        "title:Going live",
        (2, 6, "'title:' needs a space after the colon: write 'title: Going live'"),
        id="no-space-after-colon",
    ),
    pytest.param(
        23,
        "      id:where-db",
        (23, 9, "'id:' needs a space after the colon: write 'id: where-db'"),
        id="no-space-after-colon-in-a-list-item",
    ),
    pytest.param(
        7,
        "      label: Load-balanced VM",
        (
            7,
            7,
            "'label' is indented more than 'id' on line 6, so YAML reads it as part of that "
            "key's value: give 'label' the same indentation as 'id' (4 spaces)",
        ),
        id="indented-more-than-the-key-above",
    ),
    pytest.param(
        25,
        "     prompt: Internal or external?",
        (
            25,
            6,
            "'prompt' is indented 5 spaces, which lines up with no key above it: give it the "
            "same indentation as the key it belongs beside ('kind' on line 24 has 6 spaces)",
        ),
        id="indented-less-than-the-keys-above",
    ),
    pytest.param(
        12,
        "  label: MySQL server",
        (
            12,
            3,
            "'label' lines up with the '- ' items of the list on line 11, so YAML expects "
            "another '- ' item here: if it belongs to that item, indent it like 'id' "
            "(4 spaces); if it starts a new item, write '- ' before it",
        ),
        id="key-lined-up-with-the-list-dashes",
    ),
    pytest.param(
        30,
        "   - question:",
        (
            30,
            4,
            "this '- ' item is not lined up with the '- ' on line 22: put its '-' in "
            "column 3, as there",
        ),
        id="list-item-out-of-line",
    ),
    pytest.param(
        25,
        "      prompt: Internal or external: which is it?",
        (
            25,
            35,
            "the ':' inside the value of 'prompt' makes YAML read another key: put the "
            'whole value in quotes: prompt: "Internal or external: which is it?"',
        ),
        id="colon-and-space-inside-text",
    ),
    pytest.param(
        28,
        '      hint: "What happens to the data if the VM fails?',
        (
            28,
            13,
            'this " starts a quoted text that is never closed: add the closing " where the '
            "text ends",
        ),
        id="unclosed-double-quote",
    ),
    pytest.param(
        28,
        "      hint: 'What happens to the data if the VM fails?",
        (
            28,
            13,
            "this ' starts a quoted text that closes only on line 39: add the closing ' "
            "where the text ends",
        ),
        id="unclosed-single-quote-closed-by-a-later-apostrophe",
    ),
    pytest.param(
        33,
        "      prompt: 'Why's it elsewhere?'",
        (
            33,
            19,
            "this ' ends the quoted text early: inside '...' write an apostrophe as two "
            "('') as in 'It''s', or put the text in double quotes",
        ),
        id="apostrophe-inside-single-quotes",
    ),
    pytest.param(
        33,
        '      prompt: "Why" does it run elsewhere?',
        (33, 21, 'text follows the closing quote ": put all of the value inside the quotes'),
        id="text-after-the-closing-quote",
    ),
    pytest.param(
        19,
        "  - {from: app, to: db",
        (19, 5, "the '{' here is never closed: add '}' after its last item"),
        id="unclosed-brace",
    ),
    pytest.param(
        19,
        "  - {from: app, to: db}}",
        (
            19,
            24,
            "this '}' closes a bracket that is not open: remove it, or add the opening "
            "bracket it belongs to",
        ),
        id="extra-closing-brace",
    ),
    pytest.param(
        29,
        "\t    explain: The data must outlive the VM.",
        (
            29,
            1,
            "tab character in indentation: YAML indents with spaces only; replace the tab "
            "with spaces",
        ),
        id="tab-in-indentation",
    ),
    pytest.param(
        18,
        "---\nlinks:",
        (18, 1, "a second YAML document starts here: a file holds one document; remove '---'"),
        id="stray-document-marker",
    ),
    pytest.param(
        28,
        "      hint What happens to the data if the VM fails?",
        (
            28,
            7,
            "this line has no ':': YAML expects 'key: value' here; add the colon and a "
            "space, or indent the line if it continues the text above",
        ),
        id="line-without-colon",
    ),
    pytest.param(
        4,
        "summary: |\n  The app is ready\n for real users.",
        (
            6,
            2,
            "this line is indented less than the text above it (line 5), so YAML ends that "
            "text here and expects a 'key: value': indent it like the line above, or write "
            "it as 'key: value'",
        ),
        id="block-text-line-indented-less",
    ),
    pytest.param(
        29,
        "      explain: The data must\n   outlive the VM.",
        (
            30,
            4,
            "this line is indented 3 spaces, which lines up with no key above it: to "
            "continue the text of 'explain' on line 29, indent it more than 'explain'; to "
            "start a new key, write 'key: value'",
        ),
        id="text-line-indented-less-than-its-key",
    ),
    pytest.param(
        33,
        "      prompt: `tutor` or not?",
        (
            33,
            15,
            "YAML does not allow a value to start with '`': put the text in quotes",
        ),
        id="value-starting-with-a-backtick",
    ),
    pytest.param(
        9,
        "    services: - {id: app, label: MVC app, kind: app}",
        (
            9,
            15,
            "a list cannot start on the same line as its key: put each '- ' item on a line "
            "of its own, indented under the key, or write the list as [a, b]",
        ),
        id="list-item-on-the-key-line",
    ),
]


@pytest.mark.parametrize(("line", "new", "expected"), SYNTAX)
def test_yaml_syntax_errors_say_what_to_check_where(
    tmp_path: Path, loader: str, line: int, new: str, expected: tuple[int, int, str]
) -> None:
    problems = found(tmp_path, edit(line, new))
    assert problems == [expected]
    assert not JARGON.search(expected[2])


@pytest.mark.parametrize(
    "text",
    [
        'title: "C:\\new\\q"\n',
        "a: &x 1\nb: &x 2\n",
        "id: x\ntitle: *nothing\n",
        "%YAML 1.1\n%YAML 1.1\n---\na: 1\n",
    ],
)
def test_rarer_syntax_errors_are_plain_too(tmp_path: Path, loader: str, text: str) -> None:
    [(line, column, message)] = found(tmp_path, text)
    assert line >= 1 and column >= 1
    assert not JARGON.search(message), message


def test_the_general_message_is_plain(tmp_path: Path, loader: str) -> None:
    """An error no rule recognises still gets plain words, at the parser's mark."""
    assert found(tmp_path, "%YAML 1.1\n%YAML 1.1\n---\na: 1\n") == [
        (
            2,
            1,
            "YAML cannot read this line: check its indentation against the lines above, that "
            "each 'key: value' has a space after the colon, and that every quote and bracket "
            "is closed",
        )
    ]


def test_front_matter_syntax_errors_count_lines_from_the_top_of_the_lesson(
    tmp_path: Path, loader: str
) -> None:
    path = tmp_path / "l.md"
    path.write_text("---\nid: intro\ntitle:Backing services\n---\n\n## One\n\nText.\n")
    lesson, problems = load_lesson_file(path)
    assert lesson is None
    assert [(p.line, p.column, p.message) for p in problems] == [
        (3, 6, "'title:' needs a space after the colon: write 'title: Backing services'")
    ]


# --- 3. A duplicate key hides nothing ---------------------------------------------------------


def test_duplicate_key_and_an_unrelated_error_are_both_reported(tmp_path: Path) -> None:
    text = edit(3, "title: Going live again\nenvironment: prod")
    assert found(tmp_path, text) == [
        (
            3,
            1,
            "duplicate key 'title' in the scenario (first at line 2); YAML would silently "
            "keep only the last one: remove one of them",
        ),
        (
            4,
            14,
            "'environment' of the scenario is 'prod', which is not one of: local, "
            "development, testing, staging, production",
        ),
    ]


def test_duplicate_key_in_a_question_still_checks_that_question(tmp_path: Path) -> None:
    """The first value counts, so the question's own rules still run."""
    text = edit(27, "      answer: internal\n      hint: A second hint.")
    assert found(tmp_path, text) == [
        (
            29,
            7,
            "duplicate key 'hint' in question 'where-db' (first at line 28); YAML would "
            "silently keep only the last one: remove one of them",
        ),
        (27, 15, found_disagreement(tmp_path)),
    ]


def found_disagreement(tmp_path: Path) -> str:
    """The message the same wrong answer gives without the duplicate key."""
    [(line, column, message)] = found(tmp_path, edit(27, "      answer: internal"), "d.yaml")
    assert (line, column) == (27, 15) and "disagrees with the topology" in message
    return message


def test_duplicate_key_in_a_host_still_checks_the_topology(tmp_path: Path) -> None:
    text = edit(8, "    kind: vm\n    kind: server").replace(
        "      - id: db\n", "      - id: app\n"
    )
    problems = found(tmp_path, text)
    assert problems[0] == (
        9,
        5,
        "duplicate key 'kind' in host 'web-vm' (first at line 8); YAML would silently keep "
        "only the last one: remove one of them",
    )
    assert problems[1][:2] == (16, 13)
    assert problems[1][2].startswith("service id 'app' is used twice in this scenario")


def test_lesson_front_matter_error_does_not_hide_page_problems(tmp_path: Path) -> None:
    path = tmp_path / "l.md"
    path.write_text("---\nid: intro\nid: again\ntitle: T\n---\n\n## One\n\n## Two\n\nText.\n")
    lesson, problems = load_lesson_file(path)
    assert lesson is None
    assert [(p.line, p.column, p.message) for p in problems] == [
        (
            3,
            1,
            "duplicate key 'id' in the lesson's front matter (first at line 2); YAML would "
            "silently keep only the last one: remove one of them",
        ),
        (7, 1, "page 'One' has no text under its heading"),
    ]
    path.write_text("---\nid: intro\ntitle: [T\n---\n\n## One\n\n## Two\n\nText.\n")
    lesson, problems = load_lesson_file(path)
    assert [(p.line, p.column) for p in problems] == [(3, 8), (6, 1)]


# --- 4. A required text key: missing and empty say the same ---------------------------------

EXPLAIN = (
    "question 'where-db' has no 'explain': say why the answer is right (shown after any answer)"
)
PROMPT = (
    "question 'where-db' has no 'prompt': write the question the learner answers (for "
    "example 'prompt: Should MySQL be internal or external?')"
)
TITLE = (
    "the scenario has no 'title': write the title shown in lists and as the heading (for "
    "example 'title: Going live')"
)
SUMMARY = (
    "the scenario has no 'summary': write what the learner reads first (for example "
    "'summary: The app is ready for real users.')"
)


@pytest.mark.parametrize(
    ("line", "key", "mapping", "message"),
    [
        (29, "      explain:", (23, 7), EXPLAIN),
        (25, "      prompt:", (23, 7), PROMPT),
        (2, "title:", (1, 1), TITLE),
        (4, "summary:", (1, 1), SUMMARY),
    ],
)
def test_missing_and_empty_required_text_give_one_message(
    tmp_path: Path, line: int, key: str, mapping: tuple[int, int], message: str
) -> None:
    lines = BASE.splitlines()
    missing = "\n".join(lines[: line - 1] + lines[line:]) + "\n"
    assert found(tmp_path, missing, "missing.yaml") == [(*mapping, message)]
    # Empty, however it is written, is reported at the empty value with the same words.
    after_colon = len(key) + 1
    for empty, column in (("", after_colon), (' ""', after_colon + 1), (" ~", after_colon + 1)):
        problems = found(tmp_path, edit(line, key + empty), "empty.yaml")
        assert problems == [(line, column, message)], empty


def test_a_required_key_left_empty_is_never_told_to_be_removed(tmp_path: Path) -> None:
    text = edit(7, "    label:").replace("      - id: db\n", "      - id:\n")
    assert found(tmp_path, text) == [
        (
            7,
            11,
            "host 'web-vm' has no 'label': write the name the diagram shows (for example "
            "'label: Load-balanced VM')",
        ),
        (
            15,
            12,
            "the service at line 15 has no 'id', a required key (for example 'id: db')",
        ),
    ]


def test_an_optional_key_left_empty_may_be_removed(tmp_path: Path) -> None:
    assert found(tmp_path, edit(28, "      hint:")) == [
        (28, 12, "'hint' of question 'where-db' is empty: write a value or remove the key")
    ]


def test_lesson_title_missing_or_empty_gives_one_message(tmp_path: Path) -> None:
    message = (
        "the lesson's front matter has no 'title': write the lesson's title (for example "
        "'title: What is a backing service?')"
    )
    path = tmp_path / "l.md"
    for front, position in (("id: intro\n", (2, 1)), ("id: intro\ntitle:\n", (3, 7))):
        path.write_text(f"---\n{front}---\n\n## One\n\nText.\n")
        lesson, problems = load_lesson_file(path)
        assert lesson is None
        assert [(p.line, p.column, p.message) for p in problems] == [(*position, message)]
