"""Item-writing warnings: each cue a test-wise learner could use is reported at its line."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from tutor.content import item_checks
from tutor.content.loader import load_pack, load_scenario_file, validate_pack, validate_paths
from tutor.content.model import Choice, Question, QuestionStep

REPO = Path(__file__).resolve().parent.parent
WARNINGS = REPO / "tests" / "data" / "item-warnings"
EXPECT = re.compile(r"^# expect: (\d+):(\d+): (.+)$", re.M)

SCENARIO = """\
id: {id}
title: A question of {id}
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
        - text: {wrong}
          feedback: A misconception, named.
        - text: Another wrong answer of some length
          feedback: Another misconception, named.
      explain: Why.
"""


def choice_questions(count: int, right: str, wrong: str, prompt: str = "Which one, case {n}?"):
    return "".join(
        QUESTION.format(number=n, prompt=prompt.format(n=n), right=right, wrong=wrong)
        for n in range(count)
    )


def write_pack(root: Path, scenarios: dict[str, str]) -> Path:
    (root / "lessons").mkdir(parents=True, exist_ok=True)
    for scenario_id, questions in scenarios.items():
        path = root / "scenarios" / f"{scenario_id}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(SCENARIO.format(id=scenario_id, questions=questions), encoding="utf-8")
    return root


@pytest.mark.parametrize("path", sorted(WARNINGS.glob("*.yaml")), ids=lambda p: p.stem)
def test_each_file_gives_one_warning_where_expected(path: Path) -> None:
    match = EXPECT.search(path.read_text(encoding="utf-8"))
    assert match, f"{path.name} lacks its '# expect: LINE:COL: gist' header"
    scenario, errors = load_scenario_file(path)
    assert scenario is not None and errors == []  # a valid file: only the cue is wrong
    problems = validate_paths([path]).problems
    assert [(p.line, p.column, p.severity) for p in problems] == [
        (int(match[1]), int(match[2]), "warning")
    ], problems
    assert match[3] in problems[0].message


def test_the_app_never_sees_item_warnings(tmp_path: Path) -> None:
    """Loading a pack for the app skips the authoring checks: Home lists only real problems."""
    (tmp_path / "lessons").mkdir()
    (tmp_path / "scenarios").mkdir()
    for path in WARNINGS.glob("*.yaml"):
        (tmp_path / "scenarios" / path.name).write_text(path.read_text(), encoding="utf-8")
    assert load_pack(tmp_path).problems == []
    report = validate_pack(tmp_path)
    assert len(report.problems) >= len(list(WARNINGS.glob("*.yaml")))
    assert report.errors == []


def test_longest_right_choice_is_reported_at_each_question_with_the_rates(tmp_path: Path) -> None:
    pack = write_pack(
        tmp_path,
        {
            "cued": choice_questions(6, "The much longer and more specific right answer", "Nope"),
            "fair": choice_questions(2, "Short", "A long wrong answer that sounds careful"),
        },
    )
    problems = validate_pack(pack).problems
    assert all(p.severity == "warning" for p in problems)
    assert [(p.path.stem, p.line) for p in problems] == [("cued", 25 + 12 * n) for n in range(6)]
    # 6 of 8 questions: 75% against a chance of 33%.
    assert "scores 75% of 8 single-answer questions, against 33% by chance" in problems[0].message


def test_no_longest_warning_below_the_margin_or_with_few_questions(tmp_path: Path) -> None:
    # 4 of 8 right-longest: 50% against 33%, within chance + 25 points.
    fair = write_pack(
        tmp_path / "fair",
        {
            "a": choice_questions(4, "The much longer and more specific right answer", "Nope"),
            "b": choice_questions(4, "Short", "A long wrong answer that sounds careful"),
        },
    )
    assert validate_pack(fair).problems == []
    few = write_pack(
        tmp_path / "few",
        {"a": choice_questions(7, "The much longer and more specific right answer", "Nope")},
    )
    assert validate_pack(few).problems == []


def test_ties_for_longest_count_as_a_share_of_a_guess() -> None:
    scenario = load_scenario_file(WARNINGS / "hint-repeats-answer.yaml")[0]
    question = Question(
        "tie",
        "choice",
        "Which?",
        "Why.",
        choices=(Choice("abcd", True), Choice("efgh", False, "f"), Choice("ij", False, "f")),
    )
    tied = replace(scenario, steps=(QuestionStep(question),))
    cue = item_checks.longest_cue([tied])
    assert (cue.questions, round(cue.guess_rate), round(cue.chance_rate)) == (1, 50, 33)


def test_near_duplicate_questions_across_scenarios(tmp_path: Path) -> None:
    pack = write_pack(
        tmp_path,
        {
            "first": choice_questions(
                1,
                "No; every dedicated Azure offering is external",
                "Yes it can",
                "Can Redis be internal?",
            ),
            "second": choice_questions(
                1,
                "No; dedicated Azure offerings are always external",
                "Yes it can",
                "Can Cosmos DB become internal to save time?",
            ),
            "other": choice_questions(
                1, "It keeps each run's data clean", "Nope", "Why a sidecar?"
            ),
        },
    )
    problems = validate_pack(pack).problems
    assert [(p.path.stem, p.line, p.severity) for p in problems] == [("second", 23, "warning")]
    assert "nearly the same as 'first/q0'" in problems[0].message


def test_hint_matching_is_about_content_words_not_small_ones() -> None:
    question = Question(
        "q",
        "choice",
        "Why is the test data thrown away?",
        "Why.",
        hint="What does the next run start from?",
        choices=(
            Choice("Each run starts from a clean, known state", True),
            Choice("To save disk space", False, "f"),
        ),
    )
    assert item_checks.hint_gives_away(question) is not None
    fair = replace(question, hint="Think of what makes a test trustworthy.")
    assert item_checks.hint_gives_away(fair) is None


def test_a_one_word_answer_in_the_hint_gives_it_away() -> None:
    question = Question(
        "q",
        "choice",
        "What do people call it?",
        "Why.",
        hint="Think of a motorcycle's sidecar.",
        choices=(Choice("Sidecars", True), Choice("Load balancers", False, "f")),
    )
    assert item_checks.hint_gives_away(question) is not None


@pytest.mark.parametrize(
    ("label", "cue"),
    [
        ("Embedded MySQL", ("embedded", "internal")),
        ("MongoDB sidecar", ("sidecar", "internal")),
        ("MySQL on the VM", ("on the vm", "internal")),
        ("Shared dev MySQL", ("shared", "external")),
        ("High-parity MySQL", ("high-parity", "external")),
        ("MySQL", None),
        ("Azure DB for MySQL", None),
        ("Unmanaged box", None),  # whole words only
    ],
)
def test_label_cues(label: str, cue: tuple[str, str] | None) -> None:
    assert item_checks.label_cue(label) == cue


def test_every_cue_word_is_listed_in_the_authors_guide() -> None:
    guide = (REPO / "scenarios" / "README.md").read_text(encoding="utf-8").lower()
    section = guide.split("### 3. placement cues", 1)[1][:3000]
    for word in item_checks.PLACEMENT_CUES:
        assert f"`{word}`" in section, word


def _tutor(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tutor", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )


def test_strict_turns_warnings_into_failure_and_json_carries_severity() -> None:
    path = str(WARNINGS / "label-names-host.yaml")
    relaxed = _tutor("validate", path)
    assert relaxed.returncode == 0
    assert relaxed.stdout.splitlines()[-1] == "1 file, 1 problem (1 warning)"
    strict = _tutor("validate", "--strict", path)
    assert strict.returncode == 1
    assert ": warning: " in strict.stdout
    rows = json.loads(_tutor("validate", "--json", path).stdout)["problems"]
    assert [row["severity"] for row in rows] == ["warning"]


def test_one_run_reports_every_problem_of_a_file(tmp_path: Path) -> None:
    """A misspelt environment no longer hides the disagreement between answer and topology."""
    text = (WARNINGS / "hint-repeats-answer.yaml").read_text(encoding="utf-8")
    text = text.replace("environment: production", "environment: stagin")
    text = text.replace("answer: external", "answer: internal")
    path = tmp_path / "two-mistakes.yaml"
    path.write_text(text, encoding="utf-8")
    scenario, problems = load_scenario_file(path)
    assert scenario is None
    assert [(p.line, p.severity) for p in problems] == [(4, "error"), (26, "error")]
    assert "did you mean 'staging'" in problems[0].message
    assert "disagrees with the topology" in problems[1].message


def test_a_broken_choice_does_not_add_consequences_of_its_own_error(tmp_path: Path) -> None:
    text = (WARNINGS / "hint-repeats-answer.yaml").read_text(encoding="utf-8")
    text = text.replace("          correct: true", '          correct: "yes"')
    path = tmp_path / "bad-correct.yaml"
    path.write_text(text, encoding="utf-8")
    _, problems = load_scenario_file(path)
    assert len(problems) == 1 and "must be true or false" in problems[0].message


def test_lesson_left_with_template_text_is_an_error(tmp_path: Path) -> None:
    lesson = tmp_path / "lessons" / "draft.md"
    lesson.parent.mkdir()
    lesson.write_text(
        "---\nid: draft\ntitle: Draft\n---\n\n## A page\n\nTODO: write this page.\n",
        encoding="utf-8",
    )
    problems = validate_paths([lesson]).problems
    assert [(p.line, p.column, p.severity) for p in problems] == [(8, 1, "error")]
    assert "placeholder" in problems[0].message
