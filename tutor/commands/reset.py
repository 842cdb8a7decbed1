"""`tutor reset`: clear your progress, keeping a backup copy."""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "reset",
        help="clear your progress, keeping a backup copy",
        description="Clear your progress, keeping a backup copy.",
    )
    parser.add_argument("--yes", action="store_true")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # TODO(owner of this command): replace with the real implementation.
    print("tutor: 'reset' is not built yet", file=sys.stderr)
    return 2
