"""Lesson files: Markdown with a YAML front-matter block; each `## ` heading starts a page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tutor.content.fields import FileCheck, Key, check_mapping
from tutor.content.model import Lesson, LessonPage, Problem
from tutor.content.template import TEMPLATE_PLACEHOLDER
from tutor.content.yaml_nodes import compose, pos, read_text

LESSON_KEYS = (
    Key("id", "id", True, example="id: what-is-a-backing-service"),
    Key(
        "title",
        "text",
        True,
        purpose="write the lesson's title (for example 'title: What is a backing service?')",
    ),
    Key("order", "int"),
)


@dataclass
class LessonResult:
    lesson: Lesson | None
    problems: list[Problem]
    id_pos: tuple[int, int] = (1, 1)
    id: str | None = None  # known even when the lesson has other errors
    # The line of each page's heading (1-based), where the page-length rule reports
    # (tutor/content/page_fit.py; it needs the pack, so the validator runs it).
    page_lines: tuple[int, ...] = ()


def load_lesson(path: Path) -> LessonResult:
    """Read and check one lesson file. The lesson is None when it has errors."""
    text, problems = read_text(path)
    if text is None:
        return LessonResult(None, problems)
    lines = text.splitlines()
    check = FileCheck(path)
    if not lines or lines[0].rstrip() != "---":
        check.at(
            1,
            1,
            "a lesson starts with a front-matter block: a '---' line, 'id: ...' and "
            "'title: ...' lines, then another '---' line",
        )
        return LessonResult(None, check.problems)
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        check.at(1, 1, "the front matter never ends: add a '---' line after its last key")
        return LessonResult(None, check.problems)
    front = "\n".join(lines[1:end]) + "\n"
    # A syntax error in the front matter still lets the pages below it be checked.
    root, problems = compose(front, path, line_offset=1)
    check.problems.extend(problems)
    meta_check = FileCheck(path, line_offset=1)
    values: dict[str, object] = {}
    id_pos = (1, 1)
    if root is None and not problems:
        check.at(1, 1, "the front matter is empty: it needs 'id' and 'title'")
    elif root is not None:
        fields = check_mapping(meta_check, root, LESSON_KEYS, "the lesson's front matter")
        if fields is not None:
            values = fields.values
            if "id" in fields.nodes:
                line, column = pos(fields.nodes["id"])
                id_pos = (line + 1, column)
    check.problems.extend(meta_check.problems)
    pages, page_lines = _pages(check, lines, end + 1)
    # The front matter too (a template's title), but not a comment line there.
    for number in range(1, len(lines)):
        if number < end and lines[number].lstrip().startswith("#"):
            continue
        if match := TEMPLATE_PLACEHOLDER.search(lines[number]):
            check.at(
                number + 1,
                match.start() + 1,
                "this text is still a template's placeholder ('TODO'): write your own text here",
            )
    if check.has_errors:
        return LessonResult(None, check.problems, id_pos, _str(values.get("id")))
    lesson = Lesson(
        id=str(values["id"]),
        title=str(values["title"]),
        order=order if isinstance(order := values.get("order"), int) else None,
        pages=tuple(pages),
        path=path,
    )
    return LessonResult(lesson, check.problems, id_pos, lesson.id, tuple(page_lines))


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _pages(check: FileCheck, lines: list[str], start: int) -> tuple[list[LessonPage], list[int]]:
    """Split the body at `## ` headings outside fenced code blocks: the pages, and the line
    (1-based) of each one's heading."""
    chunks: list[tuple[int, list[str]]] = []  # (0-based line of the heading, its lines)
    fence: str | None = None
    stray: int | None = None
    for index in range(start, len(lines)):
        line = lines[index]
        marker = line.lstrip()[:3]
        if marker in ("```", "~~~"):
            fence = None if fence == marker else (fence or marker)
        if fence is None and line.startswith("## "):
            chunks.append((index, [line]))
        elif chunks:
            chunks[-1][1].append(line)
        elif line.strip() and stray is None:
            stray = index
    if not chunks:
        where = stray + 1 if stray is not None else min(start + 1, max(len(lines), 1))
        check.at(where, 1, "the lesson has no pages: start each page with a '## ' heading")
    elif stray is not None:
        check.at(
            stray + 1,
            1,
            "text before the first '## ' heading is never shown: every page starts with a "
            "'## ' heading; move it under one",
        )
    pages = []
    page_lines = []
    for index, chunk in chunks:
        title = chunk[0][3:].strip()
        body = "\n".join(chunk).strip()
        if not title:
            check.at(index + 1, 1, "a page heading needs a title after '## '")
            continue
        if not "\n".join(chunk[1:]).strip():
            check.at(index + 1, 1, f"page '{title}' has no text under its heading")
            continue
        pages.append(LessonPage(title, body))
        page_lines.append(index + 1)
    return pages, page_lines
