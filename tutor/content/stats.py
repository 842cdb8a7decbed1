"""An overview of a pack for its instructor: what `tutor stats` reports, computed, not printed.

`pack_stats(pack, problems)` counts a loaded pack's questions (by environment, kind and
lesson), finds lessons no scenario practises and scenarios without a placement question,
counts the validator's problems (warnings by kind, errors and the files they keep out), and
measures the longest question prompts and lesson pages as the app draws them at 80x24 (the
files of the five longest of each are read again, for the line each starts at).

Warnings carry no kind of their own: `warning_kind` sorts them by their message, with the
table below, one row per rule of the authors' guide (scenarios/README.md, "Item-writing
rules") and of the length checks (text_length.py, page_fit.py). A message no row matches
counts as "other", so nothing is dropped; tests/test_stats.py makes every warning the
checks can give land in a named kind.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tutor.content.lesson_loader import load_lesson
from tutor.content.model import ENVIRONMENTS, QUESTION_KINDS, LabStep, Pack, Problem
from tutor.content.page_fit import (
    READER_COLUMNS,
    READER_LINES,
    links_height,
    practice_links,
    rendered_height,
)
from tutor.content.scenario_loader import load_scenario
from tutor.content.text_length import PROMPT_COLUMNS, PROMPT_LINES, lines_at, shown_text

TOP = 5
OTHER = "other"

# (kind, where the rule is described, the start of its warnings' messages).
WARNING_KINDS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    (
        "longest-correct",
        "1. The right choice is not the longest",
        re.compile(r"^the right choice of question '.*' is its longest"),
    ),
    (
        "hint-repeats-answer",
        "2. The hint does not repeat the answer",
        re.compile(r"^the hint of question '.*' (names the answer|repeats the right choice)"),
    ),
    (
        "placement-cue",
        "3. Placement cues: labels do not name the answer",
        re.compile(
            r"^the (title|host label '.*'|service label '.*') contains '.*', which suggests"
        ),
    ),
    (
        "absolutes",
        "4. Absolute words are not only in wrong choices",
        re.compile(r"^'.*' appears in a wrong choice of question"),
    ),
    (
        "near-duplicate",
        "5. No two questions ask the same thing",
        re.compile(r"^question '.*' asks and answers nearly the same as"),
    ),
    (
        "page-too-long",
        "Lessons: a page taller than the reader at 80x24",
        re.compile(r"^page '.*' takes \d+ lines at \d+ columns"),
    ),
    (
        "prompt-too-long",
        "a prompt over two lines in the question pane at 80 columns (text_length.py)",
        re.compile(r"^the prompt of question '.*' takes \d+ lines"),
    ),
    (
        "title-too-long",
        "a scenario's or lesson's title cut off at 80 columns (text_length.py)",
        re.compile(r"^the title takes \d+ lines"),
    ),
)
KINDS = tuple(kind for kind, _, _ in WARNING_KINDS) + (OTHER,)


def warning_kind(problem: Problem) -> str:
    """The rule a warning comes from (one of KINDS), "other" when no known rule matches."""
    for kind, _, pattern in WARNING_KINDS:
        if pattern.search(problem.message):
            return kind
    return OTHER


@dataclass(frozen=True)
class KindCounts:
    """Scenarios and questions, the questions also by kind."""

    scenarios: int = 0
    questions: dict[str, int] = field(default_factory=lambda: dict.fromkeys(QUESTION_KINDS, 0))

    @property
    def total(self) -> int:
        return sum(self.questions.values())


@dataclass(frozen=True)
class LongPrompt:
    scenario: str
    question: str
    kind: str
    lines: int
    characters: int
    path: str | None
    line: int | None


@dataclass(frozen=True)
class LongPage:
    lesson: str
    page: int  # 1-based
    title: str
    lines: int  # the page's text
    links: int  # the links below a lesson's last page; 0 on the others
    path: str | None
    line: int | None

    @property
    def total(self) -> int:
        return self.lines + self.links


@dataclass(frozen=True)
class PackStats:
    lessons: int
    scenarios: int
    questions: KindCounts
    labs: int  # lab steps, in every scenario
    by_environment: dict[str, KindCounts]
    # (lesson id or None for scenarios that name no lesson, its title, counts)
    by_lesson: list[tuple[str | None, str | None, KindCounts]]
    lessons_without_scenario: list[str]
    scenarios_without_placement: list[str]
    warnings: dict[str, int]  # every kind of KINDS, in that order
    errors: int
    error_files: int
    longest_prompts: list[LongPrompt]
    longest_pages: list[LongPage]

    def to_json(self) -> dict[str, Any]:
        """What `tutor stats --json` prints after its "pack" field (docs/stats.md)."""

        def counts(c: KindCounts) -> dict[str, int]:
            return {"scenarios": c.scenarios, "questions": c.total, **c.questions}

        return {
            "lessons": self.lessons,
            "scenarios": self.scenarios,
            "questions": {"total": self.questions.total, **self.questions.questions},
            "labs": self.labs,
            "by_environment": [
                {"environment": env, **counts(c)} for env, c in self.by_environment.items()
            ],
            "by_lesson": [
                {"lesson": lesson, "title": title, **counts(c)}
                for lesson, title, c in self.by_lesson
            ],
            "lessons_without_scenario": self.lessons_without_scenario,
            "scenarios_without_placement": self.scenarios_without_placement,
            "warnings": {"total": sum(self.warnings.values()), "by_kind": self.warnings},
            "errors": {"total": self.errors, "files": self.error_files},
            "longest_prompts": {
                "columns": PROMPT_COLUMNS,
                "fit": PROMPT_LINES,
                "items": [vars(p) for p in self.longest_prompts],
            },
            "longest_pages": {
                "columns": READER_COLUMNS,
                "fit": READER_LINES,
                "items": [{**vars(p), "total": p.total} for p in self.longest_pages],
            },
        }


def _add(counts: KindCounts, kinds: Iterable[str]) -> KindCounts:
    questions = dict(counts.questions)
    for kind in kinds:
        questions[kind] = questions.get(kind, 0) + 1
    return KindCounts(counts.scenarios + 1, questions)


def _relative(path: Path | None, root: Path) -> str | None:
    """A file's path inside the pack (lessons/01-x.md), or as it is when outside it."""
    if path is None:
        return None
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def pack_stats(pack: Pack, problems: Iterable[Problem], *, top: int = TOP) -> PackStats:
    """The overview of a loaded pack; `problems` are what `validate_pack` found in it."""
    total = KindCounts(0)
    by_environment = {env: KindCounts(0) for env in ENVIRONMENTS}
    lesson_titles = {lesson.id: lesson.title for lesson in pack.lessons}
    by_lesson: dict[str | None, KindCounts] = {lesson.id: KindCounts(0) for lesson in pack.lessons}
    by_lesson[None] = KindCounts(0)
    for scenario in pack.scenarios:
        kinds = [q.kind for q in scenario.questions]
        total = _add(total, kinds)
        by_environment[scenario.environment] = _add(
            by_environment.get(scenario.environment, KindCounts(0)), kinds
        )
        by_lesson[scenario.lesson] = _add(by_lesson.get(scenario.lesson, KindCounts(0)), kinds)
    warnings: Counter[str] = Counter()
    errors: list[Problem] = []
    for problem in problems:
        if problem.severity == "error":
            errors.append(problem)
        else:
            warnings[warning_kind(problem)] += 1
    return PackStats(
        lessons=len(pack.lessons),
        scenarios=len(pack.scenarios),
        questions=total,
        labs=sum(1 for s in pack.scenarios for step in s.steps if isinstance(step, LabStep)),
        by_environment=by_environment,
        by_lesson=[(lesson, lesson_titles.get(lesson or ""), c) for lesson, c in by_lesson.items()],
        # The built-in course's lessons (builds-on: builtin) have their own scenarios there:
        # a gap in them is not this pack's to fill.
        lessons_without_scenario=[
            lesson.id
            for lesson in pack.lessons
            if not by_lesson[lesson.id].scenarios and lesson.id not in pack.builtin_lesson_ids
        ],
        # A scenario of labs only asks nothing: the learner places the service by doing it.
        scenarios_without_placement=[
            s.id
            for s in pack.scenarios
            if not any(q.kind == "placement" for q in s.questions)
            and not (not s.questions and any(isinstance(step, LabStep) for step in s.steps))
        ],
        warnings={kind: warnings[kind] for kind in KINDS},
        errors=len(errors),
        error_files=len({p.path for p in errors}),
        longest_prompts=_longest_prompts(pack, top),
        longest_pages=_longest_pages(pack, top),
    )


def _longest_prompts(pack: Pack, top: int) -> list[LongPrompt]:
    """The prompts that take the most lines in the question pane at 80 columns (the longer
    text first among equals), with the line each starts at in its file."""
    measured = [
        (lines_at(q.prompt, PROMPT_COLUMNS), len(shown_text(q.prompt)), scenario, q)
        for scenario in pack.scenarios
        for q in scenario.questions
    ]
    measured.sort(key=lambda row: (-row[0], -row[1]))  # stable: pack order among equals
    result = []
    for lines, characters, scenario, question in measured[:top]:
        line = None
        if scenario.path is not None:
            spots = load_scenario(scenario.path).spots
            where = spots.questions.get(question.id) if spots else None
            line = where.prompt[0] if where else None
        result.append(
            LongPrompt(
                scenario.id,
                question.id,
                question.kind,
                lines,
                characters,
                _relative(scenario.path, pack.root),
                line,
            )
        )
    return result


def _longest_pages(pack: Pack, top: int) -> list[LongPage]:
    """The lesson pages that take the most lines in the reader at 80x24, counting the links
    below a lesson's last page as the page-length rule does (page_fit.py)."""
    pages = []
    for lesson in pack.lessons:
        last = len(lesson.pages) - 1
        practice = practice_links(lesson, len(pack.scenarios_for_lesson(lesson.id)))
        next_lesson = lesson is not pack.lessons[-1]
        for index, page in enumerate(lesson.pages):
            links = links_height(practice, next_lesson=next_lesson) if index == last else 0
            pages.append((rendered_height(page.body), links, lesson, index))
    pages.sort(key=lambda row: -(row[0] + row[1]))
    result = []
    for lines, links, lesson, index in pages[:top]:
        line = None
        if lesson.path is not None:
            headings = load_lesson(lesson.path).page_lines
            line = headings[index] if index < len(headings) else None
        result.append(
            LongPage(
                lesson.id,
                index + 1,
                lesson.pages[index].title,
                lines,
                links,
                _relative(lesson.path, pack.root),
                line,
            )
        )
    return result
