"""`tutor` with no command: start the app on the selected content pack."""

from __future__ import annotations

import argparse
import sys


def run(args: argparse.Namespace) -> int:
    from tutor.content.pack_cache import load_pack_cached
    from tutor.content.packs import selected_pack_root

    root = selected_pack_root(getattr(args, "content", None))
    if not root.is_dir():
        print(f"tutor: no content pack at {root}", file=sys.stderr)
        return 2
    pack = load_pack_cached(root)

    from tutor.ui.app import create_app

    create_app(pack).run()
    return 0
