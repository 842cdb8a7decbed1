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

    from tutor.content.loader import load_pack
    from tutor.content.model import Pack
    from tutor.content.packs import pack_root_containing

    root = pack_root_containing(path)
    pack = load_pack(root) if root is not None else Pack(root=path.parent)

    from tutor.ui.app import create_app

    create_app(pack, preview_path=path, freeze_start_up=True).run()
    return 0
