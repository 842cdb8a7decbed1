"""`tutor check-db`: check a live MySQL connection and explain what it found."""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check-db",
        help="check a live MySQL connection and explain what it found",
        description="Check a live MySQL connection and explain what it found.",
    )
    parser.add_argument("url", nargs="?", metavar="URL")
    parser.add_argument("--timeout", type=float, default=5.0)
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # TODO(owner of this command): replace with the real implementation.
    print("tutor: 'check-db' is not built yet", file=sys.stderr)
    return 2
