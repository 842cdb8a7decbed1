"""`tutor export`: export every answer for handing in."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export every answer for handing in",
        description="Export every answer for handing in. The JSON form carries your name and a "
        "SHA-256 digest of its rows (`tutor export --verify FILE` checks one); the CSV form, "
        "for a spreadsheet, has no digest.",
    )
    parser.add_argument(
        "--format",
        choices=["csv", "json"],
        default="json",
        help="json (default): with a digest; csv: plain cells for a spreadsheet, no digest",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing FILE")
    parser.add_argument(
        "--student",
        metavar="NAME",
        help="the name to put in the export (default: "
        "$TUTOR_STUDENT, else the name given in the app)",
    )
    parser.add_argument(
        "--verify",
        metavar="FILE",
        help="check that an exported JSON file still matches its digest (exit 1 if not; "
        "a CSV export has no digest: exit 2)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.verify:
        return _verify(Path(args.verify))
    from tutor.commands._progress import open_store_for_command, pack_name
    from tutor.progress.export import export_document, student_name, to_csv, to_json

    output = Path(args.output) if args.output else None
    if output is not None and output.exists() and not args.force:
        print(f"tutor: {output} already exists; use --force to overwrite it", file=sys.stderr)
        return 2
    store = open_store_for_command()
    if store is None:
        return 2
    with store:
        if student_name(store, args.student) is None:
            print(_no_name_warning(store.student_name()), file=sys.stderr)
        pack = pack_name(args)
        if args.format == "json":
            text = to_json(export_document(store, student=args.student, pack=pack))
        else:
            text = to_csv(store, student=args.student, pack=pack)
    if output is None:
        sys.stdout.write(text)
        return 0
    temporary = output.with_name(f".{output.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8", newline="")
        temporary.replace(output)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        print(f"tutor: cannot write {output}: {error.strerror}", file=sys.stderr)
        return 2
    print(f"Exported to {output}", file=sys.stderr)
    return 0


def _no_name_warning(stored: str | None) -> str:
    """The app asks for the name on its first start and stores a skip as "", never asking
    again; so the way to a name depends on whether the app has asked yet."""
    if stored is None:
        return (
            "tutor export: warning: no student name; add --student "
            '"Your Name", set TUTOR_STUDENT, or start `tutor` once (it asks for your name)'
        )
    return (
        "tutor export: warning: no student name (skipped in the app); "
        'add --student "Your Name" or set TUTOR_STUDENT'
    )


def _verify(path: Path) -> int:
    from tutor.progress.export import looks_like_csv_export, verify_export

    try:
        data = path.read_bytes()
    except OSError as error:
        print(f"tutor: cannot read {path}: {error.strerror}", file=sys.stderr)
        return 2
    if verify_export(data):
        print(f"{path}: ok, the rows match their digest")
        return 0
    if looks_like_csv_export(data) or (path.suffix.lower() == ".csv" and not _is_json(data)):
        print(
            f"tutor export: {path} is a CSV export, and CSV exports carry no digest; "
            "verify the JSON export instead (tutor export -o FILE.json)",
            file=sys.stderr,
        )
        return 2
    print(f"{path}: NOT OK, the rows do not match their digest (edited, or not an export)")
    return 1


def _is_json(data: bytes) -> bool:
    import json

    try:
        json.loads(data)
    except ValueError:
        return False
    return True
