"""The class report as the instructor reads it: plain text tables, JSON, or CSV (one row per
question, for a spreadsheet)."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import textwrap
from collections.abc import Sequence
from pathlib import Path

from tutor.classroom.analysis import (
    MIN_STUDENTS,
    POOR_DISCRIMINATION,
    ChoiceCount,
    ClassReport,
    QuestionStats,
)
from tutor.classroom.printable import printable
from tutor.classroom.roster import AreaStats

CSV_HEADER = (
    "scenario",
    "question",
    "attempts",
    "students",
    "facility",
    "discrimination",
    "hint_rate",
    "flags",
    "revision",
    "choices",
)
MARK = "*"  # beside a question marked for revision
MIN_WIDTH = 72  # narrower asks are drawn this wide: the terminal wraps them
MIN_LABEL = 24  # a name column narrower than this goes on a line of its own


def to_json(report: ClassReport) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"


def to_csv(report: ClassReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for q in report.questions:
        writer.writerow(
            (
                q.scenario,
                q.question,
                q.attempts,
                q.students,
                _number(q.facility),
                _number(q.discrimination),
                _number(q.hint_rate),
                q.flags,
                q.revision or "",
                "; ".join(f"{c.text}={c.picked}" for c in q.choices),
            )
        )
    return printable(buffer.getvalue(), keep="\n")


def _number(value: float | None) -> str:
    return "" if value is None else f"{round(value, 4):g}"


def to_text(report: ClassReport, width: int = 100) -> str:
    width = max(width, MIN_WIDTH)
    students = len(report.students)
    attempts = sum(q.attempts for q in report.questions)
    title = f"Class report: {_plural(students, 'student')}, {_plural(attempts, 'attempt')}"
    title += f" at {_plural(len(report.questions), 'question')}"
    if report.pack:
        title += f" (pack {report.pack})"
    parts = [_wrap(title, width)]
    if not report.questions and not report.students:
        return parts[0] + "\n\nNothing to report yet: no answers, labs or reading.\n"
    if report.questions:
        parts.append(_questions(report.questions, width))
    if report.revision:
        parts.append(_revision(report, width))
    if report.students:
        parts.append(_students(report, width))
    if report.environments or report.lessons:
        parts.append(_weak(report, width))
    if report.flags:
        parts.append(_flags(report, width))
    # Names, comments and ids are whatever students sent: no escape sequence reaches the
    # instructor's terminal.
    return printable("\n\n".join(parts) + "\n", keep="\n")


Row = tuple[str, Sequence[str], str]  # (label, cells, a mark after the cells)


def _table(
    indent: int, label: str, columns: Sequence[str], rows: Sequence[Row], width: int
) -> list[str]:
    """A table with a text column then right-aligned cells. When the text would get less than
    MIN_LABEL characters, each row's text goes on a line of its own, above its cells."""
    sizes = [max([len(c), *(len(row[1][i]) for row in rows)]) for i, c in enumerate(columns)]
    marks = max((len(row[2]) for row in rows), default=0)
    cells_width = sum(size + 2 for size in sizes) + (marks + 2 if marks else 0)
    room = width - indent - cells_width
    pad = " " * indent

    def cells(values: Sequence[str], mark: str) -> str:
        text = "".join(f"  {v.rjust(size)}" for v, size in zip(values, sizes, strict=True))
        return (text + (f"  {mark}" if mark else "")).rstrip()

    if room >= MIN_LABEL:
        lines = [(pad + label.ljust(room) + cells(columns, "")).rstrip()]
        lines += [
            pad + _fit(text, room).ljust(room) + cells(values, mark) for text, values, mark in rows
        ]
        return [line.rstrip() for line in lines]
    lines = [pad + label, pad + cells(columns, "")]
    for text, values, mark in rows:
        lines += [pad + _fit(text, width - indent), pad + cells(values, mark)]
    return lines


def _questions(questions: Sequence[QuestionStats], width: int) -> str:
    rows = [
        (
            f"{q.scenario}/{q.question}",
            (
                str(q.attempts),
                str(q.students),
                f"{q.facility:.2f}",
                "-" if q.discrimination is None else f"{q.discrimination:.2f}",
                f"{q.hint_rate:.0%}",
                str(q.flags),
            ),
            MARK if q.revision else "",
        )
        for q in questions
    ]
    columns = ("attempts", "students", "facility", "discrim.", "hints", "flags")
    lines = [
        _wrap(
            "Questions (facility: share right at first try; discrim.: the upper 27% of the "
            "class against the lower 27%)",
            width,
        ),
        *_table(2, "question", columns, rows, width),
    ]
    if any(q.revision for q in questions):
        lines.append(f"  {MARK} marked for revision, below")
    return "\n".join(lines)


def _revision(report: ClassReport, width: int) -> str:
    heading = (
        f"Marked for revision (discrimination below {POOR_DISCRIMINATION:.2f} from "
        f"{MIN_STUDENTS} students, or a wrong choice more popular than the right answer)"
    )
    lines = [_wrap(heading, width)]
    for q in report.revision:
        lines.append("  " + _fit(f"{q.scenario}/{q.question}", width - 2))
        if q.path:  # never cut: it is what the instructor opens
            lines.append(f"    at {_near(q.path)}" + (f":{q.line}" if q.line else ""))
        lines.append(_wrap(q.revision or "", width, "    "))
        lines.extend("    " + _fit(_choice(choice), width - 4) for choice in q.choices)
    return "\n".join(lines)


def _choice(choice: ChoiceCount) -> str:
    mark = {True: "right", False: "wrong", None: "?"}[choice.correct]
    return f"{choice.picked:>4}x  {mark:<5}  {choice.text}"


def _students(report: ClassReport, width: int) -> str:
    rows = [
        (
            s.name,
            (
                str(s.attempts),
                "-" if s.accuracy is None else f"{s.accuracy:.0%}",
                str(s.lessons_read),
                str(s.scenarios_done),
                str(s.labs_done),
                _when(s.last_seen),
            ),
            "",
        )
        for s in report.students
    ]
    columns = ("attempts", "accuracy", "lessons", "scenarios", "labs", "last seen")
    heading = "Students (lessons: every page read; labs: passed; last seen: UTC)"
    return "\n".join([_wrap(heading, width), *_table(2, "name", columns, rows, width)])


def _weak(report: ClassReport, width: int) -> str:
    lines = ["Where the class is weak (weakest first)"]
    for heading, areas in (("environment", report.environments), ("lesson", report.lessons)):
        if areas:
            lines.extend(_areas(heading, areas, width))
    return "\n".join(lines)


def _areas(heading: str, areas: Sequence[AreaStats], width: int) -> list[str]:
    columns: tuple[str, ...] = ("questions", "attempts", "accuracy", "first try")
    if heading == "lesson":
        columns += ("read by",)
    rows = []
    for area in areas:
        cells = [str(area.questions), str(area.attempts), f"{area.accuracy:.0%}"]
        cells.append(f"{area.facility:.0%}")
        if heading == "lesson":
            cells.append(str(area.read_by or 0))
        name = area.title if area.title == area.id else f"{area.title} ({area.id})"
        rows.append((name, cells, ""))
    return _table(2, heading, columns, rows, width)


def _flags(report: ClassReport, width: int) -> str:
    lines = [f"Flags ({len(report.flags)})"]
    for flag in report.flags:
        head = f"{_when(flag['flagged_at'])}  {flag['scenario']}/{flag['question']}"
        lines.append("  " + _fit(f"{head}  {flag['reason']}  by {flag['student']}", width - 2))
        if flag["comment"]:
            lines.append(
                "    " + _fit(f"\u201c{' '.join(flag['comment'].split())}\u201d", width - 4)
            )
    return "\n".join(lines)


def _near(path: str) -> str:
    """The path from the current folder when it is under it: shorter to read and to type."""
    with contextlib.suppress(ValueError, OSError):
        return str(Path(path).resolve().relative_to(Path.cwd()))
    return path


def _when(stamp: str | None) -> str:
    """ISO UTC text to minutes: "2026-03-01 09:00"."""
    return "-" if not stamp else f"{stamp[:10]} {stamp[11:16]}".strip()


def _wrap(text: str, width: int, indent: str = "") -> str:
    return textwrap.fill(
        text, width, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False
    )


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "\u2026"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
