"""`tutor validate`: check scenario and lesson files; one line per problem."""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check scenario and lesson files; one line per problem",
        description="Check scenario and lesson files; one line per problem.",
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders (default: the pack)"
    )
    parser.add_argument("--json", action="store_true", help="print the problems as JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # TODO(owner of this command): replace with the real implementation.
    print("tutor: 'validate' is not built yet", file=sys.stderr)
    return 2
