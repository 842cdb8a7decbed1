"""docs/coverage.md maps every item of the course article to lessons and scenarios that exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tutor.content.loader import load_pack
from tutor.content.model import Pack

REPO_ROOT = Path(__file__).resolve().parent.parent
COVERAGE = REPO_ROOT / "docs" / "coverage.md"
TICKED = re.compile(r"`([^`]+)`")

# Items of the article that must each have their own row (matched case-insensitively).
REQUIRED_ITEMS = [
    "12-factor definition",
    "requirements decide",
    "relational databases",
    "non-relational databases",
    "caching services",
    "secrets management",
    "Section External Backing Services",
    "External table, Local row",
    "External table, Development row",
    "External table, Production row",
    "Section Internal Backing Services",
    "Internal table, Local row",
    "Internal table, Development row",
    "Internal table, Production row (education only)",
    "Section Application Environment Best Practices",
    "Best practice, Local",
    "Best practice, Development",
    "Development exception: data-heavy",
    "Best practice, Production",
    "Note: high parity",
    "Note: staging is usually",
    "Note: staging has an internal backing service only if production does",
    "Tip: every dedicated Azure offering is external",
    "Tip: a testing environment",
    "Tip: internal backing services are called sidecars",
    "Internal is not scalable -- what are other pros and cons",
    "tie back into external configs, or secrets",
    # The second edition's additions (issue 9), each with its source.
    "the five environments",
    "external is not managed",
    "127.0.0.1 is not always this machine",
    "requires TLS by default",
    "Cosmos DB for MongoDB is not MongoDB",
    "one `DATABASE_URL` per environment",
    "point-in-time restore",
    "reconnects and retries",
    "managed identity",
    "GitLab.com's 2017 database outage",
    "leaked credentials are found within minutes",
]


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def map_rows() -> list[dict]:
    """The article map: rows whose first cell is a number."""
    rows = []
    for number, line in enumerate(COVERAGE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.startswith("|"):
            continue
        cells = _cells(line)
        if len(cells) != 4 or not cells[0].isdigit():
            continue
        lessons = []
        for entry in filter(None, (part.strip() for part in cells[2].split(";"))):
            match = re.fullmatch(r"`([a-z0-9-]+)`\s*›\s*(.+)", entry)
            assert match, f"coverage.md line {number}: bad lesson entry {entry!r}"
            lessons.append((match.group(1), match.group(2).strip()))
        rows.append(
            {
                "line": number,
                "item": cells[1],
                "lessons": lessons,
                "scenarios": TICKED.findall(cells[3]),
            }
        )
    return rows


def checklist_scenarios() -> list[tuple[int, str]]:
    """Scenario ids named in the issue checklist table (rows whose first cell is not a number)."""
    found = []
    lines = COVERAGE.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("## Issue checklist"))
    for number, line in enumerate(lines[start:], start + 1):
        cells = _cells(line) if line.startswith("|") else []
        if len(cells) == 2 and not set(cells[1]) <= set("-"):
            found += [(number, scenario_id) for scenario_id in TICKED.findall(cells[1])]
    return found


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(REPO_ROOT)


def test_the_map_has_a_row_per_article_item() -> None:
    rows = map_rows()
    assert len(rows) >= 30
    assert [row["item"] for row in rows if not row["item"]] == []
    items = " ".join(row["item"] for row in rows).lower()
    missing = [item for item in REQUIRED_ITEMS if item.lower() not in items]
    assert missing == []


def test_every_row_names_at_least_one_lesson_and_one_scenario() -> None:
    empty = [row["line"] for row in map_rows() if not row["lessons"] or not row["scenarios"]]
    assert empty == []


def test_every_lesson_page_named_exists(pack: Pack) -> None:
    wrong = []
    for row in map_rows():
        for lesson_id, page_title in row["lessons"]:
            lesson = pack.lesson(lesson_id)
            if lesson is None:
                wrong.append((row["line"], lesson_id, "no such lesson"))
            elif page_title not in [page.title for page in lesson.pages]:
                wrong.append((row["line"], lesson_id, f"no page {page_title!r}"))
    assert wrong == []


def test_every_scenario_named_exists(pack: Pack) -> None:
    named = [(row["line"], sid) for row in map_rows() for sid in row["scenarios"]]
    named += checklist_scenarios()
    assert len(named) > 40
    missing = [(line, sid) for line, sid in named if pack.scenario(sid) is None]
    assert missing == []


def test_every_lesson_and_scenario_of_the_pack_is_on_the_map(pack: Pack) -> None:
    rows = map_rows()
    lessons_named = {lesson_id for row in rows for lesson_id, _ in row["lessons"]}
    scenarios_named = {sid for row in rows for sid in row["scenarios"]}
    assert {lesson.id for lesson in pack.lessons} - lessons_named == set()
    assert {scenario.id for scenario in pack.scenarios} - scenarios_named == set()
