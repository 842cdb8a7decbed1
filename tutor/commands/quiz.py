"""`tutor quiz`: start a quiz straight away."""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "quiz", help="start a quiz straight away", description="Start a quiz straight away."
    )
    parser.add_argument("--count", type=int, default=10)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # TODO(owner of this command): replace with the real implementation.
    print("tutor: 'quiz' is not built yet", file=sys.stderr)
    return 2
