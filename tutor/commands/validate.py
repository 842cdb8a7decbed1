"""`tutor validate`: check scenario and lesson files; one line per problem."""

from __future__ import annotations

import argparse
import functools
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check scenario and lesson files; one line per problem",
        description="Check scenario and lesson files; one line per problem, then a summary. "
        "Warnings point at questions a test-wise learner could answer unread, and at pages "
        "too long for a small screen. Exit 0 when there is no error (warnings are printed "
        "but allowed; with --strict they fail too), 1 when there is.",
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders (default: the pack)"
    )
    parser.add_argument("--json", action="store_true", help="print the problems as JSON")
    parser.add_argument(
        "--strict", action="store_true", help="fail (exit 1) on warnings as well as errors"
    )
    parser.set_defaults(run=run)


def display_path(path: object) -> str:
    """Relative to the working directory when the file lies below it."""
    import os

    return _relative_to(str(path), os.getcwd())


@functools.lru_cache(maxsize=4096)
def _relative_to(path: str, cwd: str) -> str:
    # Cached, and textual when it can be: resolving a path takes system calls, and a pack
    # with many warnings would resolve its paths once per line (0.6 s for 2,000 lines).
    import contextlib
    import os
    from pathlib import Path

    if path.startswith(cwd.rstrip(os.sep) + os.sep) and os.sep + ".." not in path:
        return path[len(cwd.rstrip(os.sep)) + 1 :]
    with contextlib.suppress(ValueError):
        return str(Path(path).resolve().relative_to(Path(cwd).resolve()))
    return path


def run(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from tutor.commands._pack import locate, manifest_of, pack_json, pack_line
    from tutor.content.packs import PackLocation
    from tutor.content.paths import UsageError
    from tutor.content.validator import pack_of, validate_pack, validate_paths

    location: PackLocation | None
    try:
        if args.paths:
            report = validate_paths([Path(p) for p in args.paths])
            # The files' own pack names the run; files outside any pack have none.
            around = pack_of(Path(args.paths[0]))
            location = PackLocation(around, "named files") if around else None
        else:
            location = locate(args, "validate")
            if location is None:
                return 2
            report = validate_pack(location.root)
    except UsageError as error:
        print(f"tutor: validate: {error}", file=sys.stderr)
        return 2
    manifest = manifest_of(location) if location else None
    if args.json:
        rows = [
            {
                "path": display_path(p.path),
                "line": p.line,
                "column": p.column,
                "severity": p.severity,
                "message": p.message,
            }
            for p in report.problems
        ]
        pack = pack_json(location, manifest) if location and manifest else None
        print(json.dumps({"pack": pack, "problems": rows}, indent=2))
    else:
        first_line = (
            pack_line(location, manifest)
            if location and manifest
            else "pack: none (files outside any pack: lesson references are not checked)"
        )
        out = [first_line]
        out += [
            f"{display_path(p.path)}:{p.line}:{p.column}: {p.severity}: {p.message}"
            for p in report.problems
        ]
        files, count = len(report.files), len(report.problems)
        warnings = count - len(report.errors)
        summary = f"{files} file{'s' * (files != 1)}, {count} problem{'s' * (count != 1)}"
        if warnings:
            summary += f" ({warnings} warning{'s' * (warnings != 1)})"
        out.append(summary)
        print("\n".join(out))
    failed = report.problems if args.strict else report.errors
    return 1 if failed else 0
