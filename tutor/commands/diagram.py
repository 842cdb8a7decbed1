"""`tutor diagram`: print a scenario's topology diagram, or its description."""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "diagram",
        help="print a scenario's topology diagram, or its description",
        description="Print a scenario's topology diagram, or its description.",
    )
    parser.add_argument("scenario_id", metavar="SCENARIO_ID")
    parser.add_argument("--placement", choices=["internal", "external"])
    parser.add_argument("--width", type=int, default=None)
    parser.add_argument("--text", action="store_true", help="print the plain-text description")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # TODO(owner of this command): replace with the real implementation.
    print("tutor: 'diagram' is not built yet", file=sys.stderr)
    return 2
