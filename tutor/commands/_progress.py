"""What `tutor progress`, `export`, `reset` and `quiz` share: opening the store and the pack.

Imported only inside the commands' run(), so that `tutor --help` stays cheap.
"""

from __future__ import annotations

import argparse
import sys

from tutor.content.model import Pack
from tutor.progress import SqliteStore, StoreError, open_store
from tutor.progress.export import PackName


def open_store_for_command() -> SqliteStore | None:
    """The learner's store, or None after a one-line message on stderr (the caller exits 2).
    A repair notice (a corrupt store set aside) is printed once, on stderr."""
    try:
        store, notice = open_store()
    except StoreError as error:
        print(f"tutor: {error}", file=sys.stderr)
        return None
    if notice:
        print(f"tutor: {notice}", file=sys.stderr)
    return store


def load_selected_pack(args: argparse.Namespace) -> Pack:
    """The pack the app runs (--content, TUTOR_CONTENT or the built-in one); a --content that
    cannot be opened ends the command with exit 2 and one line."""
    from tutor.content.loader import load_pack
    from tutor.content.packs import PackChoiceError, selected_pack_root

    try:
        return load_pack(selected_pack_root(getattr(args, "content", None)))
    except PackChoiceError as error:
        print(f"tutor: {error}", file=sys.stderr)
        raise SystemExit(2) from None


def pack_name(args: argparse.Namespace) -> PackName | None:
    """The pack the app runs (--content, TUTOR_CONTENT or the built-in one), as pack.yaml
    names it; None when that pack cannot be opened (the export still goes ahead)."""
    from tutor.commands._pack import manifest_of
    from tutor.content.packs import PackChoiceError, locate_pack
    from tutor.progress.export import PackName

    try:
        location = locate_pack(getattr(args, "content", None), look_around=False)
    except PackChoiceError:
        return None
    manifest = manifest_of(location)
    return PackName(manifest.id, manifest.version)


def pack_identity(args: argparse.Namespace) -> tuple[str, str]:
    """(id, version) of the pack in use, or ("", "") when it cannot be opened."""
    name = pack_name(args)
    return ("", "") if name is None else (name.id, name.version)
