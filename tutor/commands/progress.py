"""`tutor progress`: show your progress."""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "progress", help="show your progress", description="Show your progress."
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--flags", action="store_true")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # TODO(owner of this command): replace with the real implementation.
    print("tutor: 'progress' is not built yet", file=sys.stderr)
    return 2
