"""`tutor preview`: open one scenario file's walkthrough; reloads when the file changes."""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "preview",
        help="open one scenario file's walkthrough; reloads when the file changes",
        description="Open one scenario file's walkthrough; reloads when the file changes.",
    )
    parser.add_argument("file", metavar="FILE.yaml")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # TODO(owner of this command): replace with the real implementation.
    print("tutor: 'preview' is not built yet", file=sys.stderr)
    return 2
