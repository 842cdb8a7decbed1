"""`tutor list`: list the pack's lessons and scenarios."""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "list",
        help="list the pack's lessons and scenarios",
        description="List the pack's lessons and scenarios.",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # TODO(owner of this command): replace with the real implementation.
    print("tutor: 'list' is not built yet", file=sys.stderr)
    return 2
