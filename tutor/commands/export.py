"""`tutor export`: export every answer for handing in."""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export every answer for handing in",
        description="Export every answer for handing in.",
    )
    parser.add_argument("--format", choices=["csv", "json"], default="json")
    parser.add_argument("-o", "--output", metavar="FILE")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # TODO(owner of this command): replace with the real implementation.
    print("tutor: 'export' is not built yet", file=sys.stderr)
    return 2
