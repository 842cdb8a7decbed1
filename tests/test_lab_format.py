"""The `lab:` step of the scenario format: loading, the validator's messages, the JSON Schema,
the `tutor new scenario --lab` template, and the code that walks a scenario's steps."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from tutor.cli import main
from tutor.content.lab_spec import CHECK_KINDS, Lab, LabCheck
from tutor.content.loader import load_scenario_file
from tutor.content.model import LabStep, QuestionStep, TextStep
from tutor.content.schema import scenario_schema
from tutor.progress import step_of
from tutor.ui.walkthrough_state import Phase, Walkthrough

HEAD = """\
id: lab-demo
title: A database for the shop
environment: local
summary: |
  You run the shop app on your laptop, with MySQL beside it.
hosts:
  - id: laptop
    label: Your laptop
    kind: workstation
    services:
      - {id: app, label: Shop app, kind: app}
      - {id: db, label: MySQL, kind: relational-database}
links:
  - {from: app, to: db}
steps:
  - text: |
      The app needs a database of its own.
"""  # 17 lines: the lab below starts at line 18
LAB = """\
  - lab:
      id: app-user
      title: A database and a user for the app
      task: |
        Create the database `shop` and a user `shop_app`.
      hint: Use GRANT ... ON shop.* ...
      explain: |
        An app that logs in as root can change every database on the server.
      checks:
        - check: mysql-login
          source: DATABASE_URL
        - check: mysql-placement
          expect: internal
        - check: mysql-rows
          database: shop
          table: products
          at-least: 3
"""  # line 18 is "- lab:", 19 id, 20 title, 22 the task, 24 explain, 26 checks, 27 the
# first check, 29 the second, 31 the third (mysql-rows), 34 its at-least
QUESTION = """\
  - question:
      id: where-db
      kind: placement
      prompt: Should MySQL be an internal or an external backing service here?
      service: db
      answer: internal
      explain: On a laptop the database runs beside the app.
"""


def write(tmp_path: Path, text: str, name: str = "lab-demo.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# -- a good lab ----------------------------------------------------------------------------


def test_a_good_lab_loads_with_typed_parameters(tmp_path: Path) -> None:
    scenario, problems = load_scenario_file(write(tmp_path, HEAD + LAB + QUESTION))
    assert problems == []
    assert scenario is not None
    assert [type(step) for step in scenario.steps] == [TextStep, LabStep, QuestionStep]
    lab = scenario.steps[1].lab  # type: ignore[union-attr]
    assert lab == Lab(
        id="app-user",
        title="A database and a user for the app",
        task="Create the database `shop` and a user `shop_app`.\n",
        explain="An app that logs in as root can change every database on the server.\n",
        checks=(
            LabCheck("mysql-login", {"source": "DATABASE_URL"}, 27),
            LabCheck("mysql-placement", {"expect": "internal"}, 29),
            LabCheck("mysql-rows", {"database": "shop", "table": "products", "at-least": 3}, 31),
        ),
        hint="Use GRANT ... ON shop.* ...",
    )
    assert type(lab.checks[2].params["at-least"]) is int
    assert scenario.labs == [lab] and scenario.lab("app-user") is lab
    assert scenario.lab("where-db") is None  # a question's id is not a lab's


@pytest.mark.parametrize("kind", list(CHECK_KINDS))
def test_every_check_kind_loads_with_its_required_parameters(tmp_path: Path, kind: str) -> None:
    values = {"text": "shop", "int": "0", "placement": "external"}
    params = "".join(
        f"\n          {p.name}: {values[p.kind]}" for p in CHECK_KINDS[kind][0] if p.required
    )
    lab = LAB.split("      checks:")[0] + f"      checks:\n        - check: {kind}{params}\n"
    scenario, problems = load_scenario_file(write(tmp_path, HEAD + lab))
    assert problems == [] and scenario is not None
    (check,) = scenario.labs[0].checks
    assert check.kind == kind
    assert set(check.params) == {p.name for p in CHECK_KINDS[kind][0] if p.required}


def test_walkthrough_progress_and_context_treat_a_lab_as_a_step(tmp_path: Path) -> None:
    scenario, _ = load_scenario_file(write(tmp_path, HEAD + LAB + QUESTION))
    assert scenario is not None
    # What a question shows before it: the summary and text steps, not a lab's task.
    assert scenario.context_before("where-db") == (
        "You run the shop app on your laptop, with MySQL beside it.\n",
        "The app needs a database of its own.\n",
    )
    assert step_of(scenario, "where-db") == 2 and step_of(scenario, "app-user") is None
    walkthrough = Walkthrough(scenario)
    walkthrough.go_to(1)
    assert isinstance(walkthrough.step, LabStep) and walkthrough.phase is Phase.TEXT
    assert walkthrough.unplaced_service() == "db"  # the question after it still hides it
    assert walkthrough.advance() and walkthrough.phase is Phase.QUESTION
    assert walkthrough.score == (0, 1)  # a lab is not a question


async def test_the_walkthrough_shows_a_lab_as_its_title_and_task(tmp_path: Path, store) -> None:
    from textual.widgets import Static

    from tutor.content.loader import load_pack
    from tutor.ui.app import create_app

    (tmp_path / "scenarios").mkdir()
    write(tmp_path / "scenarios", HEAD + LAB + QUESTION)
    app = create_app(load_pack(tmp_path), store=store, start="scenario:lab-demo")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        walk = app.screen.walkthrough
        for _ in range(2):  # the summary, the text step
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(walk.step, LabStep) and walk.phase is Phase.TEXT
        drawn = " ".join(str(w.render()) for w in app.screen.query("#wt-body Static"))
        assert "Lab: A database and a user for the app" in drawn
        task = app.screen.query_one(".step-text", Static).content.markup
        assert task == "Create the database `shop` and a user `shop_app`."
        # Enter now runs the lab's checks: tests/test_ui_lab_step.py


# -- the validator's messages ------------------------------------------------------------

BAD_CASES = [
    (
        "unknown-kind",
        ("check: mysql-login", "check: mysql-lgin"),
        27,
        18,
        "unknown check kind 'mysql-lgin' in check 1 of lab 'app-user'; did you mean 'mysql-login'?",
    ),
    (
        "unknown-kind-far-from-any",
        ("check: mysql-login", "check: ftp-upload"),
        27,
        18,
        "unknown check kind 'ftp-upload' in check 1 of lab 'app-user'; use one of: "
        + ", ".join(CHECK_KINDS),
    ),
    (
        "unknown-parameter",
        ("at-least: 3", "at-lest: 3"),
        34,
        11,
        "unknown key 'at-lest' in check 3 of lab 'app-user' (mysql-rows); did you mean 'at-least'?",
    ),
    (
        "parameter-of-another-kind",
        ("source: DATABASE_URL", "table: products"),
        28,
        11,
        "unknown key 'table' in check 1 of lab 'app-user' (mysql-login); allowed: check, source",
    ),
    (
        "missing-required-parameter",
        ("          table: products\n", ""),
        31,
        11,
        "check 3 of lab 'app-user' (mysql-rows) has no 'table', a required key "
        "(for example 'table: products')",
    ),
    (
        "at-least-not-a-number",
        ("at-least: 3", "at-least: three"),
        34,
        21,
        "'at-least' of check 3 of lab 'app-user' (mysql-rows) must be a whole number, found text",
    ),
    (
        "at-least-negative",
        ("at-least: 3", "at-least: -1"),
        34,
        21,
        "'at-least' of check 3 of lab 'app-user' (mysql-rows) is -1: write a whole number, "
        "0 or more",
    ),
    (
        "expect-not-a-placement",
        ("expect: internal", "expect: internl"),
        30,
        19,
        "'expect' of check 2 of lab 'app-user' (mysql-placement) is 'internl', which is not "
        "one of: internal, external; did you mean 'internal'?",
    ),
    (
        "check-key-misspelt",
        ("- check: mysql-login", "- chek: mysql-login"),
        27,
        11,
        "unknown key 'chek' in check 1 of lab 'app-user'; did you mean 'check'?",
    ),
    (
        "check-key-missing",
        ("- check: mysql-login\n          source:", "- source:"),
        27,
        11,
        "check 1 of lab 'app-user' has no 'check': name what it verifies (for example "
        "'check: mysql-login'); kinds: " + ", ".join(CHECK_KINDS),
    ),
    (
        "no-checks",
        (LAB[LAB.index("      checks:") :], "      checks: []\n"),
        26,
        15,
        "'checks' of lab 'app-user' needs at least one item, found 0",
    ),
    (
        "checks-missing",
        (LAB[LAB.index("      checks:") :], ""),
        19,
        7,
        "lab 'app-user' has no 'checks': list what tutor verifies, at least one check "
        "(for example 'checks: [{check: mysql-login}]')",
    ),
    (
        "title-missing",
        ("      title: A database and a user for the app\n", ""),
        19,
        7,
        "lab 'app-user' has no 'title': write the title shown above the task "
        "(for example 'title: A database and a user for the app')",
    ),
    (
        "explain-empty",
        (
            "explain: |\n        An app that logs in as root can change every database on the "
            "server.\n",
            "explain: ''\n",
        ),
        24,
        16,
        "lab 'app-user' has no 'explain': say why it matters (shown when every check passes)",
    ),
    (
        "id-missing",
        ("      id: app-user\n", ""),
        19,
        7,
        "the lab at line 19 has no 'id', a required key (for example 'id: app-user')",
    ),
    (
        "task-placeholder",
        ("Create the database", "TODO: create the database"),
        22,
        9,
        "this text is still the template's placeholder ('TODO'): write your own text here",
    ),
    (
        "text-and-lab-in-one-step",
        ("  - lab:\n", "  - text: Now set it up.\n    lab:\n"),
        20,
        7,
        "the step at line 18 has both 'text' and 'lab': make them two steps",
    ),
]


@pytest.mark.parametrize(
    ("replace", "line", "column", "message"),
    [case[1:] for case in BAD_CASES],
    ids=[case[0] for case in BAD_CASES],
)
def test_each_mistake_in_a_lab_is_one_error_at_its_place(
    tmp_path: Path, replace: tuple[str, str], line: int, column: int, message: str
) -> None:
    old, new = replace
    assert old in LAB
    path = write(tmp_path, HEAD + LAB.replace(old, new, 1) + QUESTION)
    scenario, problems = load_scenario_file(path)
    assert scenario is None
    assert [(p.line, p.column, p.message) for p in problems] == [(line, column, message)]


def test_a_lab_id_must_differ_from_every_question_and_lab_id(tmp_path: Path) -> None:
    second = LAB.replace("title: A database", "title: Another database")
    question = QUESTION.replace("id: where-db", "id: app-user")
    path = write(tmp_path, HEAD + LAB + second + question)
    _, problems = load_scenario_file(path)
    assert [(p.line, p.column, p.message) for p in problems] == [
        (
            36,
            11,
            "lab id 'app-user' is already used by the lab at line 19; the ids of a scenario's "
            "questions and labs must all be different: rename one",
        ),
        (
            53,
            11,
            "question id 'app-user' is already used by the lab at line 19; the ids of a "
            "scenario's questions and labs must all be different: rename one",
        ),
    ]


def test_validate_prints_path_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, HEAD + LAB.replace("check: mysql-rows", "check: mysql-row"))
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 1
    assert f"{path}:31:18: error: unknown check kind 'mysql-row'" in out


# -- the JSON Schema -------------------------------------------------------------------------


def schema_validator() -> jsonschema.Draft202012Validator:
    schema = scenario_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_schema_accepts_a_good_lab() -> None:
    data = yaml.safe_load(HEAD + LAB + QUESTION)
    assert [e.message for e in schema_validator().iter_errors(data)] == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("check: mysql-login", "check: mysql-lgin"),  # an unknown kind
        ("at-least: 3", "at-least: -1"),
        ("at-least: 3", "at-least: '3'"),
        ("expect: internal", "expect: inside"),
        ("source: DATABASE_URL", "table: products"),  # a parameter of another kind
        ("          table: products\n", ""),  # a required parameter missing
        (LAB[LAB.index("      checks:") :], "      checks: []\n"),
    ],
)
def test_schema_rejects_what_the_validator_rejects_in_a_lab(old: str, new: str) -> None:
    data = yaml.safe_load(HEAD + LAB.replace(old, new, 1))
    assert not schema_validator().is_valid(data)


# -- tutor new scenario --lab ----------------------------------------------------------------


def test_new_scenario_with_lab_is_clean_once_its_todos_are_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = tmp_path / "pack"
    (pack / "scenarios").mkdir(parents=True)
    (pack / "lessons").mkdir()
    code, out, err = run(capsys, "--content", str(pack), "new", "scenario", "mine", "--lab")
    assert code == 0, err
    target = pack / "scenarios" / "mine.yaml"
    code, out, _ = run(capsys, "--content", str(pack), "validate")
    assert code == 1
    problems = out.splitlines()[1:-1]
    assert problems and all("template's placeholder ('TODO')" in line for line in problems)
    lines = target.read_text().splitlines()
    lab_line = next(n for n, text in enumerate(lines, 1) if text.startswith("  - lab:"))
    assert any(int(line.split(":")[1]) > lab_line for line in problems)  # the lab's own TODOs
    target.write_text(re.sub(r"TODO:? ?", "", target.read_text()))
    code, out, _ = run(capsys, "--content", str(pack), "validate", "--strict")
    assert code == 0, out
    scenario, _ = load_scenario_file(target)
    assert scenario is not None
    (lab,) = scenario.labs
    assert lab.id == "app-database"
    assert [c.kind for c in lab.checks] == ["mysql-login", "mysql-placement", "mysql-not-root"]
    assert lab.checks[1].params == {"expect": "internal"}  # local: beside the app
    jsonschema.validate(yaml.safe_load(target.read_text()), json.loads(_schema_text(capsys)))


def _schema_text(capsys: pytest.CaptureFixture[str]) -> str:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    return out


def test_new_scenario_without_lab_has_no_lab_and_lab_refuses_other_kinds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = tmp_path / "pack"
    (pack / "scenarios").mkdir(parents=True)
    (pack / "lessons").mkdir()
    assert run(capsys, "--content", str(pack), "new", "scenario", "plain")[0] == 0
    assert "- lab:" not in (pack / "scenarios" / "plain.yaml").read_text()
    code, out, err = run(capsys, "--content", str(pack), "new", "lesson", "intro", "--lab")
    assert code == 2 and out == ""
    assert err == "tutor new: --lab only applies to 'tutor new scenario', not to a lesson\n"
    assert list((pack / "lessons").iterdir()) == []


# -- the authors' guide ----------------------------------------------------------------------

GUIDE = Path(__file__).resolve().parent.parent / "scenarios" / "README.md"


def _labs_section() -> str:
    text = GUIDE.read_text(encoding="utf-8")
    start = text.index("## Labs: tasks on the learner's own machine")
    return text[start : text.index("\n## ", start + 1)]


def test_the_guides_lab_example_validates_strictly_and_its_error_is_real(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    section = _labs_section()
    example = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert example is not None
    path = write(tmp_path, example.group(1), "local-shop-database.yaml")
    code, out, _ = run(capsys, "validate", "--strict", str(path))
    assert code == 0, out
    scenario, _ = load_scenario_file(path)
    assert scenario is not None and len(scenario.labs) == 1
    # The error the guide shows is the one tutor prints for that typo, at that place.
    path.write_text(example.group(1).replace("check: mysql-rows", "check: mysql-row"))
    code, out, _ = run(capsys, "validate", str(path))
    shown = re.search(r"```text\nscenarios/local-shop-database\.yaml:(.*?)```", section, re.S)
    assert code == 1 and shown is not None
    assert f"{path}:{' '.join(shown.group(1).split())}" in out


def test_the_guide_lists_every_check_kind_with_its_parameters() -> None:
    rows = {
        cells[1].strip("` "): cells[2:4]
        for line in _labs_section().splitlines()
        if line.startswith("| `") and len(cells := line.split("|")) >= 6
    }
    for kind, (params, _) in CHECK_KINDS.items():
        assert kind in rows, kind
        required = {p.name for p in params if p.required}
        optional = {p.name for p in params if not p.required}
        listed = [set(re.findall(r"`([a-z-]+)`", cell)) for cell in rows[kind]]
        assert listed == [required, optional], kind
