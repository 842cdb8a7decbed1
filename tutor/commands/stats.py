"""`tutor stats`: an overview of the pack, what an instructor reads before a term starts."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.content.stats import KindCounts, PackStats

WIDTH = 80

DESCRIPTION = """\
An overview of the pack: questions by environment, kind and lesson; lessons no
scenario practises and scenarios with no placement question; the item-writing
warnings by kind and the files that do not load ('tutor validate' lists each
one); the 5 longest question prompts and lesson pages as the app draws them at
80x24. Exit 0 (warnings and errors included: validate judges, stats reports),
2 when there is no pack.

--json prints one object: pack, lessons, scenarios, questions {total,
placement, choice, multi}, by_environment and by_lesson (lists of rows with
scenarios, questions and the three kinds), lessons_without_scenario,
scenarios_without_placement, warnings {total, by_kind}, errors {total, files},
longest_prompts and longest_pages {columns, fit, items}. Each field is
described in docs/stats.md."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "stats",
        help="an overview of the pack: questions, gaps, warnings, longest prompts and pages",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--json", action="store_true", help="print JSON (docs/stats.md)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import json

    from tutor.commands._pack import locate, manifest_of, pack_json, pack_line
    from tutor.content.stats import pack_stats
    from tutor.content.validator import load_pack, validate_pack

    location = locate(args, "stats")
    if location is None:
        return 2
    manifest = manifest_of(location)
    stats = pack_stats(load_pack(location.root), validate_pack(location.root).problems)
    if args.json:
        print(json.dumps({"pack": pack_json(location, manifest), **stats.to_json()}, indent=2))
    else:
        print("\n".join([pack_line(location, manifest), *text_lines(stats)]))
    return 0


def text_lines(stats: PackStats) -> list[str]:
    """The report as text, every line at most 80 columns."""
    from tutor.content.model import QUESTION_KINDS

    kinds = ", ".join(f"{kind} {stats.questions.questions.get(kind, 0)}" for kind in QUESTION_KINDS)
    lines = [
        f"Lessons: {stats.lessons}, scenarios: {stats.scenarios}, labs: {stats.labs}",
        f"Questions: {stats.questions.total} ({kinds})",
        "",
        *_table("By environment", [(env, c) for env, c in stats.by_environment.items()]),
        "",
        *_table("By lesson", [(lesson or "(no lesson)", c) for lesson, _, c in stats.by_lesson]),
        "",
        *_listing("Lessons with no scenario", stats.lessons_without_scenario),
        *_listing("Scenarios with no placement question", stats.scenarios_without_placement),
        "",
        *_problems(stats),
        "",
        *_longest(stats),
    ]
    return [_fit(line) for line in lines]


def _fit(line: str) -> str:
    return line if len(line) <= WIDTH else line[: WIDTH - 1] + "…"


def _table(heading: str, rows: list[tuple[str, KindCounts]]) -> list[str]:
    from tutor.content.model import QUESTION_KINDS

    columns = ("scenarios", "questions", *QUESTION_KINDS)
    numbers = sum(len(c) + 2 for c in columns)
    name_width = max(len(heading), *(len(name) + 2 for name, _ in rows))
    name_width = min(name_width, WIDTH - numbers)
    out = [heading.ljust(name_width) + "".join(f"  {c}" for c in columns)]
    for name, counts in rows:
        label = "  " + name
        if len(label) > name_width:
            label = label[: name_width - 1] + "…"
        values = (
            counts.scenarios,
            counts.total,
            *(counts.questions.get(k, 0) for k in QUESTION_KINDS),
        )
        out.append(
            label.ljust(name_width)
            + "".join(f"  {v:>{len(c)}}" for v, c in zip(values, columns, strict=True))
        )
    return out


def _wrapped(text: str) -> list[str]:
    import textwrap

    return textwrap.wrap(
        text, WIDTH, subsequent_indent="  ", break_long_words=True, break_on_hyphens=False
    )


def _listing(heading: str, ids: list[str]) -> list[str]:
    if not ids:
        return [f"{heading}: none"]
    return _wrapped(f"{heading} ({len(ids)}): {', '.join(ids)}")


def _problems(stats: PackStats) -> list[str]:
    total = sum(stats.warnings.values())
    if total:
        kinds = ", ".join(f"{kind} {n}" for kind, n in stats.warnings.items() if n)
        lines = _wrapped(f"Item-writing warnings: {total} ({kinds})")
    else:
        lines = ["Item-writing warnings: none"]
    if stats.errors:
        files = f"{stats.error_files} file{'s' * (stats.error_files != 1)}"
        lines += _wrapped(
            f"Errors: {stats.errors} in {files} that did not load and are left out above"
        )
    else:
        lines.append("Errors: none")
    if total or stats.errors:
        lines.append("  'tutor validate' lists each one at its line")
    return lines


def _longest(stats: PackStats) -> list[str]:
    from tutor.content.page_fit import READER_COLUMNS, READER_LINES
    from tutor.content.text_length import PROMPT_COLUMNS, PROMPT_LINES

    out = [
        f"Longest prompts (lines at {PROMPT_COLUMNS} columns, the question pane; "
        f"{PROMPT_LINES} fit)"
    ]
    for p in stats.longest_prompts:
        out.append(f"  {p.lines:>5}  {_where(p.path, p.line)}  {p.question}")
    if not stats.longest_prompts:
        out.append("  none: the pack has no questions")
    out.append(
        f"Longest pages (lines at {READER_COLUMNS} columns, + the links below a last page; "
        f"{READER_LINES} fit)"
    )
    for page in stats.longest_pages:
        lines = f"{page.lines}+{page.links}" if page.links else str(page.lines)
        out.append(f"  {lines:>5}  {_where(page.path, page.line)}  {page.title}")
    if not stats.longest_pages:
        out.append("  none: the pack has no lessons")
    return out


def _where(path: str | None, line: int | None) -> str:
    if path is None:
        return "(no file)"
    return f"{path}:{line}" if line is not None else path
