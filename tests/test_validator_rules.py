"""The validator's rules: each one-mistake file gives one problem at the right place."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tutor.content.loader import (
    load_lesson_file,
    load_pack,
    load_scenario_file,
    load_scenario_in_pack,
    validate_paths,
)

BAD = Path(__file__).resolve().parent / "data" / "bad-scenarios"
EXPECT = re.compile(rb"^# expect: (\d+):(\d+): (.+)$", re.M)

GOOD = """\
id: {id}
title: Going live
environment: {environment}
summary: |
  The course app is ready for real users.
{extra}hosts:
  - id: web-vm
    label: Load-balanced VM
    kind: vm
    services:
      - {{id: app, label: MVC app, kind: app}}
{db_host}links:
  - {{from: app, to: db}}
steps:
  - text: Your app runs on a VM.
  - question:
      id: where-db
      kind: placement
      prompt: Internal or external?
      service: db
      answer: {answer}
      explain: Because.
  - question:
      id: why
      kind: multi
      prompt: Why?
      choices:
        - text: Right
          correct: true
        - text: Wrong
          feedback: A misconception.
      explain: Because.
"""
SEPARATE = """\
  - id: db-host
    label: Managed MySQL
    kind: managed-service
    services:
      - {id: db, label: MySQL, kind: relational-database}
"""
SAME = "      - {id: db, label: MySQL, kind: relational-database}\n"


def scenario_text(
    scenario_id: str = "good",
    environment: str = "production",
    answer: str = "external",
    extra: str = "",
) -> str:
    return GOOD.format(
        id=scenario_id,
        environment=environment,
        answer=answer,
        extra=extra,
        db_host=SEPARATE if answer == "external" else "",
    )


def _fixup(text: str, answer: str) -> str:
    if answer == "internal":
        marker = "      - {id: app, label: MVC app, kind: app}\n"
        text = text.replace(marker, marker + SAME)
    return text


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def good(scenario_id="good", environment="production", answer="external", extra="") -> str:
    return _fixup(scenario_text(scenario_id, environment, answer, extra), answer)


LESSON = """\
---
id: {id}
title: A lesson
order: {order}
---

## First page

Some text.
"""


@pytest.mark.parametrize("path", sorted(BAD.glob("*.yaml")), ids=lambda p: p.stem)
def test_each_bad_file_gives_one_problem_where_expected(path: Path) -> None:
    match = EXPECT.search(path.read_bytes())
    assert match, f"{path.name} lacks its '# expect: LINE:COL: gist' header"
    line, column, gist = int(match[1]), int(match[2]), match[3].decode()
    scenario, problems = load_scenario_file(path)
    assert scenario is None
    assert len(problems) == 1, problems
    problem = problems[0]
    assert (problem.line, problem.column) == (line, column), problem
    assert gist in problem.message.lower()
    assert problem.severity == "error"


def test_there_are_at_least_25_bad_files() -> None:
    assert len(list(BAD.glob("*.yaml"))) >= 25


def test_good_base_scenario_loads_clean(tmp_path: Path) -> None:
    for env, answer in [("production", "external"), ("local", "internal")]:
        scenario, problems = load_scenario_file(
            write(tmp_path / f"{env}.yaml", good(answer=answer, environment=env))
        )
        assert problems == []
        assert scenario is not None and scenario.questions[0].answer == answer


def test_file_over_one_megabyte_is_one_problem(tmp_path: Path) -> None:
    path = write(tmp_path / "huge.yaml", "id: huge\n" + "# padding\n" * 110_000)
    scenario, problems = load_scenario_file(path)
    assert scenario is None
    assert [(p.line, p.column) for p in problems] == [(1, 1)]
    assert "1 MB" in problems[0].message


def test_unreadable_path_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    scenario, problems = load_scenario_file(tmp_path / "missing.yaml")
    assert scenario is None and "cannot read" in problems[0].message


def test_staging_mirrors_production(tmp_path: Path) -> None:
    _, problems = load_scenario_file(write(tmp_path / "a.yaml", good(environment="staging")))
    assert problems == []
    _, problems = load_scenario_file(
        write(tmp_path / "b.yaml", good(environment="staging", answer="internal"))
    )
    assert len(problems) == 1 and "internal-production" in problems[0].message
    tagged = good(environment="staging", answer="internal", extra="tags: [internal-production]\n")
    _, problems = load_scenario_file(write(tmp_path / "c.yaml", tagged))
    assert problems == []
    tagged = good(environment="staging", extra="tags: [internal-production]\n")
    _, problems = load_scenario_file(write(tmp_path / "d.yaml", tagged))
    assert len(problems) == 1 and "mirrors" in problems[0].message


@pytest.mark.parametrize("tag", ["trade-off", "education-only"])
def test_tags_allow_departing_from_best_practice(tmp_path: Path, tag: str) -> None:
    text = good(environment="production", answer="internal", extra=f"tags: [{tag}]\n")
    _, problems = load_scenario_file(write(tmp_path / "x.yaml", text))
    assert problems == []
    _, problems = load_scenario_file(
        write(tmp_path / "y.yaml", good(environment="production", answer="internal"))
    )
    assert "best practice for production is external" in problems[0].message


def test_pack_reports_duplicate_ids_naming_both_files(tmp_path: Path) -> None:
    write(tmp_path / "scenarios" / "a.yaml", good("same"))
    write(tmp_path / "scenarios" / "sub" / "b.yaml", good("same"))
    write(tmp_path / "lessons" / "01.md", LESSON.format(id="intro", order=1))
    write(tmp_path / "lessons" / "02.md", LESSON.format(id="intro", order=2))
    pack = load_pack(tmp_path)
    assert [s.path.name for s in pack.scenarios] == ["a.yaml"]
    assert [lesson.path.name for lesson in pack.lessons] == ["01.md"]
    by_file = {p.path.name: p for p in pack.problems}
    assert set(by_file) == {"b.yaml", "02.md"}
    assert "a.yaml:1:5" in by_file["b.yaml"].message and by_file["b.yaml"].line == 1
    assert "01.md:2:5" in by_file["02.md"].message and by_file["02.md"].line == 2


def test_lesson_reference_is_checked_in_a_pack(tmp_path: Path) -> None:
    write(tmp_path / "lessons" / "01.md", LESSON.format(id="best-practices", order=1))
    path = write(tmp_path / "scenarios" / "s.yaml", good(extra="lesson: best-practice\n"))
    pack = load_pack(tmp_path)
    assert pack.scenarios == []
    [problem] = pack.problems
    assert (problem.line, problem.column) == (6, 9)
    assert "did you mean 'best-practices'" in problem.message
    # Outside a pack the same file has nothing to check against.
    assert load_scenario_file(path)[1] == []
    scenario, problems, around = load_scenario_in_pack(path)
    assert scenario is None and problems == [problem] and around is not None


def test_validate_paths_checks_files_against_their_pack(tmp_path: Path) -> None:
    write(tmp_path / "scenarios" / "a.yaml", good("same"))
    other = write(tmp_path / "scenarios" / "b.yaml", good("same"))
    report = validate_paths([other])
    assert report.files == [other.resolve()]
    assert len(report.errors) == 1 and "already used" in report.errors[0].message


def test_pack_with_bad_files_keeps_good_ones(tmp_path: Path) -> None:
    write(tmp_path / "scenarios" / "good.yaml", good())
    (tmp_path / "scenarios" / "bad.yaml").write_bytes(b"\xff\xfe")
    write(tmp_path / "scenarios" / "other.yml", good("other"))
    pack = load_pack(tmp_path)
    assert [s.id for s in pack.scenarios] == ["good"]
    assert {p.path.name for p in pack.problems} == {"bad.yaml", "other.yml"}


@pytest.mark.parametrize(
    ("text", "line", "gist"),
    [
        ("id: x\ntitle: T\n---\n\n## P\n\ntext\n", 1, "front-matter"),
        ("---\nid: x\ntitle: T\n\n## P\n", 1, "never ends"),
        ("---\nid: x\n---\n\n## P\n\ntext\n", 2, "front matter has no 'title'"),
        ("---\nid: x\ntitle: T\norder: first\n---\n\n## P\n\ntext\n", 4, "whole number"),
        ("---\nid: x\ntitle: T\ntitel: U\n---\n\n## P\n\ntext\n", 4, "did you mean 'title'"),
        ("---\nid: x\ntitle: T\n---\n\nJust text.\n", 6, "no pages"),
        ("---\nid: x\ntitle: T\n---\nIntro\n## P\n\ntext\n", 5, "before the first '## '"),
        ("---\nid: x\ntitle: T\n---\n\n", 5, "no pages"),
        ("---\nid: X_1\ntitle: T\n---\n\n## P\n\ntext\n", 2, "not a valid id"),
        ("---\nid: x\ntitle: [T\n---\n\n## P\n\ntext\n", 3, "'[' here is never closed"),
        ("---\nid: x\ntitle: T\n---\n\n## P\n\n## Q\n\ntext\n", 6, "no text"),
    ],
)
def test_lesson_problems(tmp_path: Path, text: str, line: int, gist: str) -> None:
    lesson, problems = load_lesson_file(write(tmp_path / "l.md", text))
    assert lesson is None
    assert [p.line for p in problems] == [line], problems
    assert gist in problems[0].message


def test_lesson_pages_split_outside_code_fences_and_long_pages_warn(tmp_path: Path) -> None:
    body = "## One\n\n```\n## not a page\n```\n\n## Two\n\n" + "A paragraph.\n\n" * 30
    lesson, problems = load_lesson_file(
        write(tmp_path / "l.md", "---\nid: x\ntitle: T\n---\n\n" + body)
    )
    assert lesson is not None
    assert [page.title for page in lesson.pages] == ["One", "Two"]
    assert [(p.severity, p.line) for p in problems] == [("warning", 12)]
    assert "split it" in problems[0].message


def test_lessons_sort_by_order_then_file_name(tmp_path: Path) -> None:
    write(tmp_path / "lessons" / "a.md", LESSON.format(id="a", order=2))
    write(tmp_path / "lessons" / "b.md", LESSON.format(id="b", order=1))
    write(tmp_path / "lessons" / "c.md", LESSON.format(id="c", order=1).replace("order: 1\n", ""))
    assert [lesson.id for lesson in load_pack(tmp_path).lessons] == ["b", "a", "c"]


def test_yaml_dates_and_equals_are_text_but_aliases_work(tmp_path: Path) -> None:
    text = good(extra="tags: [&t 2024-01-01, *t]\n").replace("title: Going live", "title: =")
    scenario, problems = load_scenario_file(write(tmp_path / "x.yaml", text))
    assert problems == []
    assert scenario is not None and scenario.tags == ("2024-01-01", "2024-01-01")
    assert scenario.title == "="


def test_authors_guide_documents_every_key_and_value() -> None:
    from tutor.content import lesson_loader, scenario_loader
    from tutor.content.model import ENVIRONMENTS, HOST_KINDS, SERVICE_KINDS

    guide = (Path(__file__).resolve().parent.parent / "scenarios" / "README.md").read_text()
    specs = [
        scenario_loader.SCENARIO_KEYS,
        scenario_loader.HOST_KEYS,
        scenario_loader.SERVICE_KEYS,
        scenario_loader.LINK_KEYS,
        scenario_loader.STEP_KEYS,
        scenario_loader.QUESTION_KEYS,
        scenario_loader.CHOICE_KEYS,
        lesson_loader.LESSON_KEYS,
    ]
    names = {key.name for spec in specs for key in spec}
    values = {*ENVIRONMENTS, *HOST_KINDS, *SERVICE_KINDS, "trade-off", "education-only"}
    missing = sorted(n for n in names | values if f"`{n}`" not in guide)
    assert missing == []
    assert "yaml-language-server: $schema=" in guide and "tutor schema >" in guide


def test_mutated_files_never_crash(tmp_path: Path) -> None:
    """Deterministic fuzzing: deleted lines, swapped characters, truncation, junk bytes."""
    import random

    rng = random.Random(1234)
    sources = [good().encode(), *(p.read_bytes() for p in sorted(BAD.glob("*.yaml")))]
    junk = [b"\t", b":", b"- ", b"{", b"]", b"&a ", b"*a", b"!!", b"\xff", b"\n  ", b"'", b"#"]
    path = tmp_path / "fuzz.yaml"
    for _ in range(400):
        data = bytearray(rng.choice(sources))
        for _ in range(rng.randint(1, 4)):
            where = rng.randrange(len(data) + 1)
            action = rng.randrange(3)
            if action == 0:
                data[where:where] = rng.choice(junk)
            elif action == 1:
                del data[where : where + rng.randint(1, 40)]
            else:
                data = data[:where]
        path.write_bytes(bytes(data))
        scenario, problems = load_scenario_file(path)
        assert (scenario is None) == any(p.severity == "error" for p in problems)
        for problem in problems:
            assert problem.line >= 1 and problem.column >= 1 and problem.message


def test_pure_python_loader_gives_the_same_positions() -> None:
    """Without libyaml the loader falls back to SafeLoader; the bad files report the same."""
    import subprocess
    import sys

    script = f"""
import re, yaml
del yaml.CSafeLoader
from pathlib import Path
from tutor.content import yaml_nodes
from tutor.content.loader import load_scenario_file
assert yaml_nodes._Loader.__mro__[1] is yaml.SafeLoader
for p in sorted(Path({str(BAD)!r}).glob('*.yaml')):
    m = re.search(rb"^# expect: (\\d+):(\\d+): (.+)$", p.read_bytes(), re.M)
    _, problems = load_scenario_file(p)
    assert [(x.line, x.column) for x in problems] == [(int(m[1]), int(m[2]))], p.name
    assert m[3].decode() in problems[0].message.lower(), p.name
print("ok")
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.stdout.strip() == "ok", result.stderr
