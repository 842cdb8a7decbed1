"""`tutor new`: write a new scenario file from a commented template."""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "new",
        help="write a new scenario file from a commented template",
        description="Write a new scenario file from a commented template.",
    )
    parser.add_argument("what", choices=["scenario"], help="what to create")
    parser.add_argument("id", metavar="ID", help="the new scenario's id")
    parser.add_argument("--environment", default="local", help="its environment")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # TODO(owner of this command): replace with the real implementation.
    print("tutor: 'new' is not built yet", file=sys.stderr)
    return 2
