"""`tutor` with no command: start the app on the selected content pack, with saved progress."""

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
    return run_app(pack)


def run_app(pack, **options) -> int:
    """Open the learner's store (exit 2 with one line when it cannot be used), run the app
    on it, and close it afterwards. `options` go to create_app (start, quiz_options)."""
    from tutor.progress import StoreError, open_store

    try:
        store, notice = open_store()
    except StoreError as error:
        print(f"tutor: {error}", file=sys.stderr)
        return 2

    from tutor.ui.app import create_app

    try:
        create_app(pack, store=store, notice=notice, collect_when_idle=True, **options).run()
    finally:
        store.close()
    return 0
