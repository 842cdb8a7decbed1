"""`tutor class sync`: send the records waiting in the outbox now."""

from __future__ import annotations

import argparse
import math
import sys

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def run(args: argparse.Namespace) -> int:
    from tutor.classroom.membership import ENV_VAR, class_setting
    from tutor.classroom.server import masked_url
    from tutor.classroom.sync import status_line, sync_store
    from tutor.commands._progress import open_store_for_command, pack_identity

    if not (math.isfinite(args.timeout) and args.timeout > 0):
        print("tutor class: error: --timeout must be a positive number", file=sys.stderr)
        return EXIT_USAGE
    setting = class_setting()
    if setting is None:
        print(
            f"tutor class: not in class mode: set {ENV_VAR} or run 'tutor class join URL'",
            file=sys.stderr,
        )
        return EXIT_USAGE
    store = open_store_for_command()
    if store is None:
        return EXIT_USAGE
    with store:
        result = sync_store(store, setting.url, timeout=args.timeout, pack=pack_identity(args))
    where = masked_url(setting.url)
    if result.sent:
        print(f"tutor class: sent {result.sent} records to {where} ({result.new} new there)")
    line = status_line(result.waiting, result.error)
    if result.error is not None:
        print(f"tutor class: {line}", file=sys.stderr)
        print(f"  {result.error.message}", file=sys.stderr)
        return EXIT_FAILED
    print(f"tutor class: {line} ({where})")
    return EXIT_OK
