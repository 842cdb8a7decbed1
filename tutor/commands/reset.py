"""`tutor reset`: clear your progress, keeping a backup copy."""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "reset",
        help="clear your progress, keeping a backup copy",
        description="Clear your progress (answers, lessons read, review schedule, flags), "
        "keeping a backup copy next to the store. Your name is kept.",
    )
    parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from tutor.progress.opening import store_path, timestamp

    path = store_path()
    if not path.exists():
        print(f"Nothing to reset: there is no progress store at {path}.")
        return 0
    unsent = _unsent_to_class()
    if unsent:
        print(
            f"tutor: note: {unsent} not sent to the class server yet; after the reset they are "
            "only in the backup copy ('tutor class sync' sends them first)",
            file=sys.stderr,
        )
    if not args.yes:
        if not sys.stdin.isatty():
            print(
                "tutor: refusing to reset without --yes when input is not a terminal",
                file=sys.stderr,
            )
            return 2
        reply = input(f"Clear all progress in {path}? A backup copy is kept. [y/N] ")
        if reply.strip().lower() not in ("y", "yes"):
            print("Nothing was changed.")
            return 1
    from tutor.commands._progress import open_store_for_command

    store = open_store_for_command()
    if store is None:
        return 2
    with store:
        stamp = timestamp()
        backup = path.with_name(f"{path.name}.backup-{stamp}")
        counter = 1
        while backup.exists():
            backup = path.with_name(f"{path.name}.backup-{stamp}-{counter}")
            counter += 1
        store.backup(backup)
        store.clear()
    print(f"Progress cleared. A backup copy is in {backup}")
    return 0


def _unsent_to_class() -> str:
    """What waits in the class outbox, in words ("3 answers, 1 flag"); "" outside class mode."""
    from tutor.classroom.membership import class_setting

    if class_setting() is None:
        return ""
    from tutor.commands._progress import open_store_for_command
    from tutor.progress.outbox import describe_pending, pending_counts

    store = open_store_for_command()
    if store is None:
        return ""
    with store:
        return describe_pending(pending_counts(store))
