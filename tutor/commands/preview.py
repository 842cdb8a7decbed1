"""`tutor preview`: open one scenario file's walkthrough; reloads when the file changes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "preview",
        help="open one scenario file's walkthrough; reloads when the file changes",
        description="Open one scenario file's walkthrough; reloads when the file changes. "
        "The content pack around the file supplies its lessons.",
    )
    parser.add_argument("file", metavar="FILE.yaml")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    path = Path(args.file).expanduser()
    if not path.is_file():
        print(f"tutor preview: no such file: {args.file}", file=sys.stderr)
        return 2
    path = path.resolve()
    from tutor.commands.app import terminal_problem

    problem = terminal_problem("tutor preview")
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2

    from tutor.content.model import Pack
    from tutor.ui.app import create_app

    # The preview screen loads the file with the pack around it, checked as `tutor validate`
    # checks it (tutor.content.loader.load_scenario_in_pack), and gives the app that pack:
    # until then, and outside a pack, the app has no lessons.
    create_app(Pack(root=path.parent), preview_path=path, collect_when_idle=True).run()
    return 0
