"""`tutor stats`: the pack's overview, its counts, its warning kinds, its 80-column text."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tutor.cli import main
from tutor.content.model import Problem
from tutor.content.stats import KINDS, OTHER, pack_stats, warning_kind
from tutor.content.validator import load_pack, validate_pack

REPO = Path(__file__).resolve().parent.parent
ITEM_WARNINGS = REPO / "tests" / "data" / "item-warnings"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def small_pack(root: Path) -> Path:
    """Two built-in lessons and scenarios: the external lesson has no scenario (the scenario
    that named it names none now), ci-managed-db-parity has no placement question, and one
    scenario file does not load."""
    (root / "lessons").mkdir(parents=True)
    (root / "scenarios").mkdir()
    for name in ("03-internal-backing-services.md", "04-external-backing-services.md"):
        shutil.copy(REPO / "lessons" / name, root / "lessons" / name)
    shutil.copy(REPO / "scenarios/local/laptop-local-mysql.yaml", root / "scenarios")
    parity = (REPO / "scenarios/development/ci-managed-db-parity.yaml").read_text("utf-8")
    assert "lesson: external-backing-services\n" in parity
    (root / "scenarios" / "ci-managed-db-parity.yaml").write_text(
        parity.replace("lesson: external-backing-services\n", ""), "utf-8"
    )
    (root / "scenarios" / "broken.yaml").write_text("id: broken\nenvironment: local\n", "utf-8")
    return root


def test_small_pack_counts_in_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = small_pack(tmp_path / "pack")
    code, out, _ = run(capsys, "--content", str(pack), "stats", "--json")
    assert code == 0  # a file that does not load is reported, not judged
    data = json.loads(out)
    assert data["pack"]["found"] == "--content"
    assert (data["lessons"], data["scenarios"]) == (2, 2)
    assert data["questions"] == {"total": 5, "placement": 1, "choice": 3, "multi": 1}
    rows = {row["environment"]: row for row in data["by_environment"]}
    assert list(rows) == ["local", "development", "testing", "staging", "production"]
    assert rows["local"] == {
        "environment": "local",
        "scenarios": 1,
        "questions": 3,
        "placement": 1,
        "choice": 2,
        "multi": 0,
    }
    assert rows["development"]["questions"] == 2 and rows["development"]["multi"] == 1
    assert rows["production"]["scenarios"] == 0
    assert [(r["lesson"], r["scenarios"], r["questions"]) for r in data["by_lesson"]] == [
        ("internal-backing-services", 1, 3),
        ("external-backing-services", 0, 0),
        (None, 1, 2),
    ]
    assert data["lessons_without_scenario"] == ["external-backing-services"]
    assert data["scenarios_without_placement"] == ["ci-managed-db-parity"]
    assert data["errors"] == {"total": 4, "files": 1}  # broken.yaml lacks 4 required keys
    assert data["warnings"]["total"] == 0
    assert list(data["warnings"]["by_kind"]) == list(KINDS)


def test_longest_prompts_and_pages_point_at_their_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = small_pack(tmp_path / "pack")
    data = json.loads(run(capsys, "--content", str(pack), "stats", "--json")[1])
    prompts = data["longest_prompts"]
    assert (prompts["columns"], prompts["fit"]) == (76, 2)
    assert len(prompts["items"]) == 5  # all five questions of the pack
    assert [p["lines"] for p in prompts["items"]] == sorted(
        (p["lines"] for p in prompts["items"]), reverse=True
    )
    for item in prompts["items"]:
        line = (pack / item["path"]).read_text("utf-8").splitlines()[item["line"] - 1]
        assert line.strip().startswith("prompt:"), (item, line)
    pages = data["longest_pages"]
    assert (pages["columns"], pages["fit"]) == (78, 20)
    assert len(pages["items"]) == 5
    totals = [p["total"] for p in pages["items"]]
    assert totals == sorted(totals, reverse=True)
    for item in pages["items"]:
        assert item["total"] == item["lines"] + item["links"]
        line = (pack / item["path"]).read_text("utf-8").splitlines()[item["line"] - 1]
        assert line == f"## {item['title']}"
    # The internal lesson's last page has its one scenario and the next lesson below it.
    last = next(
        p for p in pages["items"] if p["lesson"] == "internal-backing-services" and p["links"]
    )
    assert last["links"] == 1 + 1 + 1 + 1  # "Practise" line, scenario, Environments, next


def test_text_starts_with_the_pack_line_and_fits_80_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = small_pack(tmp_path / "pack")
    long_id = "a-lesson-whose-id-is-far-longer-than-any-column-of-the-table-can-hold-x"
    (pack / "lessons" / "09-long.md").write_text(
        f"---\nid: {long_id}\ntitle: Long\n---\n\n## A page\n\nText.\n", "utf-8"
    )
    code, out, _ = run(capsys, "--content", str(pack), "stats")
    assert code == 0
    _, list_out, _ = run(capsys, "--content", str(pack), "list")
    lines = out.splitlines()
    assert lines[0] == list_out.splitlines()[0]  # the same pack line as list and validate
    assert lines[0].startswith('pack: pack unversioned, "pack" (from --content')
    too_wide = [line for line in lines[1:] if len(line) > 80]
    assert too_wide == []
    assert "Questions: 5 (placement 1, choice 3, multi 1)" in lines
    assert any(
        line.startswith("  a-lesson-whose-id") and line.rstrip().endswith("0") for line in lines
    )
    assert "Scenarios with no placement question (1): ci-managed-db-parity" in lines
    assert any(line.startswith("Errors: 4 in 1 file") for line in lines)


def test_the_builtin_pack_counts_match_list(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(REPO)
    code, out, _ = run(capsys, "stats", "--json")
    assert code == 0
    stats = json.loads(out)
    listed = json.loads(run(capsys, "list", "--json")[1])
    assert stats["pack"] == listed["pack"]
    assert stats["lessons"] == len(listed["lessons"])
    assert stats["scenarios"] == len(listed["scenarios"])
    questions = [q for s in listed["scenarios"] for q in s["questions"]]
    assert stats["questions"]["total"] == len(questions)
    for kind in ("placement", "choice", "multi"):
        assert stats["questions"][kind] == sum(q["kind"] == kind for q in questions)
    for row in stats["by_environment"]:
        here = [s for s in listed["scenarios"] if s["environment"] == row["environment"]]
        assert row["scenarios"] == len(here)
        assert row["questions"] == sum(len(s["questions"]) for s in here)
    for row in stats["by_lesson"]:
        here = [s for s in listed["scenarios"] if s["lesson"] == row["lesson"]]
        assert (row["scenarios"], row["questions"]) == (
            len(here),
            sum(len(s["questions"]) for s in here),
        )
    # A scenario of labs only (no questions at all) places its service by doing: not listed.
    assert stats["scenarios_without_placement"] == [
        s["id"]
        for s in listed["scenarios"]
        if s["questions"] and not any(q["kind"] == "placement" for q in s["questions"])
    ]
    labs = subprocess.run(
        [sys.executable, "-m", "tutor", "lab", "list", "--json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert stats["labs"] == len(json.loads(labs.stdout)) == 5


def test_no_pack_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--content", str(tmp_path / "missing"), "stats")
    assert code == 2 and out == ""
    assert err.startswith("tutor stats: ") and "does not exist" in err


def test_stats_imports_neither_textual_nor_rich() -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "tutor", "stats"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-500:]
    imported = {
        line.split("|")[-1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "tutor.content.stats" in imported
    assert {m for m in imported if m.split(".")[0] in ("textual", "mysql", "rich")} == set()


# -- every warning lands in a named kind ------------------------------------------------------

SCENARIO = """\
id: {id}
title: {title}
environment: production
summary: |
  The shop's app runs on VM 1; its data lives on VM 2.
hosts:
  - id: vm-1
    label: VM 1
    kind: vm
    services:
      - {{id: app, label: Shop app, kind: app}}
  - id: vm-2
    label: VM 2
    kind: vm
    services:
      - {{id: db, label: MySQL, kind: relational-database}}
links:
  - {{from: app, to: db}}
steps:
{questions}"""
QUESTION = """\
  - question:
      id: q{number}
      kind: choice
      prompt: {prompt}
      choices:
        - text: {right}
          correct: true
        - text: Nope
          feedback: A misconception, named.
        - text: Another wrong answer
          feedback: Another misconception, named.
      explain: Why.
"""
LONG_RIGHT = "The much longer and more specific right answer about the shop's database"


def questions(count: int, right: str = LONG_RIGHT, prompt: str = "Which one, case {n}?") -> str:
    return "".join(
        QUESTION.format(number=n, prompt=prompt.format(n=n), right=right) for n in range(count)
    )


def warnings_pack(root: Path) -> Path:
    """A pack that gives every kind of warning the checks have."""
    scenarios = root / "scenarios"
    scenarios.mkdir(parents=True)
    # Hints, placement cues, absolutes: the item checks' own one-warning files.
    for path in ITEM_WARNINGS.glob("*.yaml"):
        shutil.copy(path, scenarios / path.name)
    # Longest-correct (8 right-longest choice questions) and near-duplicates (a repeats b).
    for name in ("cued-a", "cued-b"):
        text = SCENARIO.format(id=name, title=f"Scenario {name}", questions=questions(4))
        (scenarios / f"{name}.yaml").write_text(text, "utf-8")
    # A prompt over two lines, and a title past its title bar.
    long_prompt = "Which of these would the shop's team choose for the database " * 4 + "?"
    text = SCENARIO.format(
        id="long-text",
        title="A long title for the shop " * 7,
        questions=questions(1, right="Short", prompt=long_prompt),
    )
    (scenarios / "long-text.yaml").write_text(text, "utf-8")
    # A page too tall for the reader, in a lesson whose title is cut off.
    lessons = root / "lessons"
    lessons.mkdir()
    body = "\n\n".join(f"Paragraph {n} of a page too long to fit." for n in range(30))
    (lessons / "01-long.md").write_text(
        f"---\nid: long\ntitle: {'A lesson title far too long ' * 4}\n---\n\n## A page\n\n{body}\n",
        "utf-8",
    )
    return root


def test_every_warning_the_checks_give_lands_in_a_named_kind(tmp_path: Path) -> None:
    root = warnings_pack(tmp_path / "pack")
    report = validate_pack(root)
    assert report.errors == []
    unnamed = [p.message for p in report.problems if warning_kind(p) == OTHER]
    assert unnamed == []
    stats = pack_stats(load_pack(root), report.problems)
    missing = [kind for kind in KINDS if kind != OTHER and not stats.warnings[kind]]
    assert missing == []  # each rule was triggered, so each pattern is exercised
    assert stats.warnings[OTHER] == 0
    assert sum(stats.warnings.values()) == len(report.problems)
    assert stats.warnings["title-too-long"] == 2  # the scenario's and the lesson's
    top = stats.longest_prompts[0]
    assert (top.scenario, top.question, top.lines) == ("long-text", "q0", 4)
    assert top.path == "scenarios/long-text.yaml" and top.line == 23


def test_an_unknown_warning_is_counted_as_other_not_dropped(tmp_path: Path) -> None:
    root = warnings_pack(tmp_path / "pack")
    odd = Problem(root / "x.yaml", 1, 1, "a rule nobody has written yet", severity="warning")
    assert warning_kind(odd) == OTHER
    problems = [*validate_pack(root).problems, odd]
    stats = pack_stats(load_pack(root), problems)
    assert stats.warnings[OTHER] == 1
    assert sum(stats.warnings.values()) == len(problems)
