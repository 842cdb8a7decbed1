"""`tutor list`: list the pack's lessons and scenarios."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "list",
        help="list the pack's lessons and scenarios",
        description="List the pack's lessons and scenarios (files with errors are left out; "
        "'tutor validate' shows why).",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import json

    from tutor.commands._pack import locate, manifest_of, pack_json, pack_line
    from tutor.content.validator import load_pack

    location = locate(args, "list")
    if location is None:
        return 2
    root = location.root
    manifest = manifest_of(location)
    pack = load_pack(root)

    def rel(path: Path | None) -> str:
        if path is None:
            return ""
        try:
            return pack_relative(path, root)
        except ValueError:
            return str(path)

    data = {
        "pack": pack_json(location, manifest),
        "lessons": [
            {
                "id": lesson.id,
                "title": lesson.title,
                "order": lesson.order,
                "path": rel(lesson.path),
                "pages": len(lesson.pages),
            }
            for lesson in pack.lessons
        ],
        "scenarios": [
            {
                "id": s.id,
                "title": s.title,
                "environment": s.environment,
                "lesson": s.lesson,
                "tags": list(s.tags),
                "path": rel(s.path),
                "questions": [
                    {"id": q.id, "kind": q.kind, **({"answer": q.answer} if q.answer else {})}
                    for q in s.questions
                ],
            }
            for s in pack.scenarios
        ],
    }
    if args.json:
        print(json.dumps(data, indent=2))
    else:
        lines = [pack_line(location, manifest), f"Lessons ({len(pack.lessons)})"]
        lines += [
            f"  {lesson.id:<34} {lesson.title} ({len(lesson.pages)} pages)"
            for lesson in pack.lessons
        ]
        lines.append(f"Scenarios ({len(pack.scenarios)})")
        lines += [
            f"  {s.id:<34} {s.environment:<12} {s.title} ({len(s.questions)} questions)"
            for s in pack.scenarios
        ]
        print("\n".join(lines))
    errors = [p for p in pack.problems if p.severity == "error"]
    if errors:
        print(
            f"tutor: {len(errors)} problem(s) kept some files out of the list; "
            "run 'tutor validate' to see them",
            file=sys.stderr,
        )
    return 0


def pack_relative(path: str | os.PathLike[str], root: str | os.PathLike[str]) -> str:
    """A file's path inside its pack, e.g. scenarios/local/laptop.yaml."""
    from pathlib import Path

    return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
