"""`tutor validate`, `list`, `schema` and `new` as whole processes: output, JSON, exit codes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
BAD = REPO / "tests" / "data" / "bad-scenarios"


def tutor(*args: str, cwd: Path | None = None, env: dict | None = None):
    return subprocess.run(
        [sys.executable, "-m", "tutor", *args],
        capture_output=True,
        text=True,
        cwd=cwd or REPO,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def test_builtin_pack_validates_clean_even_when_strict() -> None:
    result = tutor("validate", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("0 problems")


def test_folder_of_broken_files_gives_one_line_per_problem() -> None:
    result = tutor("validate", "tests/data/bad-scenarios")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    count = len(list(BAD.glob("*.yaml")))
    assert lines[0].startswith("pack: none (files outside any pack")
    assert lines[-1] == f"{count} files, {count} problems"
    for line in lines[1:-1]:
        assert line.startswith("tests/data/bad-scenarios/"), line
        path, lineno, column, rest = line.split(":", 3)
        assert lineno.isdigit() and column.isdigit() and rest.startswith(" error: ")


def test_validate_json_shape() -> None:
    result = tutor("validate", "--json", str(BAD / "missing-title.yaml"))
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document["pack"] is None  # tests/data is in no pack's lessons/ or scenarios/
    rows = document["problems"]
    assert rows == [
        {
            "path": "tests/data/bad-scenarios/missing-title.yaml",
            "line": 2,
            "column": 1,
            "severity": "error",
            "message": rows[0]["message"],
        }
    ]
    assert "'title'" in rows[0]["message"]


@pytest.mark.parametrize(
    "args",
    [
        ("validate", "no/such/file.yaml"),
        ("validate", "pyproject.toml"),
        ("validate", "--bogus"),
        ("new", "scenario", "Bad_Id"),
        ("new", "scenario", "x", "--environment", "moon"),
        ("--content", "/no/such/pack", "list"),
        ("--content", "/no/such/pack", "validate"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args: tuple[str, ...]) -> None:
    result = tutor(*args)
    assert result.returncode == 2, result
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_list_json_shape() -> None:
    result = tutor("list", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"pack", "lessons", "scenarios"}
    assert data["pack"]["id"] == "backing-services"
    assert data["lessons"] and data["scenarios"]
    for lesson in data["lessons"]:
        assert set(lesson) == {"id", "title", "order", "path", "pages"}
        assert lesson["path"].startswith("lessons/") and lesson["pages"] >= 1
    for scenario in data["scenarios"]:
        assert set(scenario) == {
            "id",
            "title",
            "environment",
            "lesson",
            "tags",
            "path",
            "questions",
        }
        for question in scenario["questions"]:
            expected = (
                {"id", "kind", "answer"} if question["kind"] == "placement" else {"id", "kind"}
            )
            assert set(question) == expected


def test_list_works_from_another_directory_with_content_env(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    assert tutor("--content", str(pack), "new", "scenario", "mine").returncode == 2
    (pack / "scenarios").mkdir(parents=True)
    assert tutor("--content", str(pack), "new", "scenario", "mine").returncode == 0
    written = pack / "scenarios" / "mine.yaml"
    written.write_text(re.sub(r"TODO:? ?", "", written.read_text()))  # the author's own text
    result = tutor("list", "--json", cwd=tmp_path, env={"TUTOR_CONTENT": str(pack)})
    assert [s["id"] for s in json.loads(result.stdout)["scenarios"]] == ["mine"]


def test_schema_is_valid_and_accepts_every_builtin_scenario() -> None:
    result = tutor("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    files = sorted((REPO / "scenarios").rglob("*.yaml"))
    assert files
    for path in files:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], path


def test_schema_rejects_what_the_validator_rejects() -> None:
    validator = jsonschema.Draft202012Validator(json.loads(tutor("schema").stdout))
    for name in (
        "missing-title",
        "environment-not-allowed",
        "too-many-choices",
        "placement-missing-answer",
        "service-key-on-choice-question",
    ):
        data = yaml.load((BAD / f"{name}.yaml").read_text(), Loader=yaml.SafeLoader)
        assert not validator.is_valid(data), name


@pytest.mark.parametrize(
    "environment", ["local", "development", "testing", "staging", "production"]
)
def test_new_scenario_fails_until_its_placeholders_are_replaced_and_never_overwrites(
    tmp_path: Path, environment: str
) -> None:
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "lessons").mkdir()
    made = tutor(
        "--content", str(tmp_path), "new", "scenario", "fresh", "--environment", environment
    )
    assert made.returncode == 0, made.stderr
    target = tmp_path / "scenarios" / "fresh.yaml"
    assert "# yaml-language-server: $schema=" in target.read_text()
    checked = tutor("--content", str(tmp_path), "validate")
    assert checked.returncode == 1, checked.stdout
    problems = checked.stdout.splitlines()[1:-1]
    assert problems and all("template's placeholder ('TODO')" in line for line in problems)
    # The author writes their own text where the template says TODO: then it is clean, strictly.
    target.write_text(re.sub(r"TODO:? ?", "", target.read_text()))
    checked = tutor("--content", str(tmp_path), "validate", "--strict")
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout.strip().splitlines()[-1] == "1 file, 0 problems"
    schema = json.loads(tutor("schema").stdout)
    jsonschema.validate(yaml.safe_load(target.read_text()), schema)
    target.write_text("edited")
    again = tutor("--content", str(tmp_path), "new", "scenario", "fresh")
    assert again.returncode == 1 and "already exists" in again.stderr
    assert target.read_text() == "edited"


def test_fast_commands_never_import_textual_or_mysql(tmp_path: Path) -> None:
    (tmp_path / "scenarios").mkdir()
    for args in (
        ("--version",),
        ("validate",),
        ("list", "--json"),
        ("schema",),
        ("--content", str(tmp_path), "new", "scenario", "x"),
    ):
        result = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "tutor", *args],
            capture_output=True,
            text=True,
            cwd=REPO,
            timeout=60,
        )
        assert result.returncode == 0, (args, result.stderr[-500:])
        imported = {
            line.split("|")[-1].strip()
            for line in result.stderr.splitlines()
            if line.startswith("import time:")
        }
        assert "yaml" in imported or args[0] in ("--version", "schema")
        heavy = {m for m in imported if m.split(".")[0] in ("textual", "mysql", "rich")}
        assert heavy == set(), args
