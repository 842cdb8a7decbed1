"""`tutor` with no command: start the app on the selected content pack, with saved progress."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

# Textual reads keys from stdin and draws on stderr; stdout carries nothing, but a redirected
# stdout (`tutor quiz | cat`) says the caller expects text, not a full-screen app.
_STREAMS = (("stdin", 0), ("stdout", 1), ("stderr", 2))


def terminal_problem(command: str) -> str | None:
    """None when stdin, stdout and stderr are all terminals; otherwise the one line to print
    before exiting 2. Without this check the app starts into a pipe and waits for keys that
    never come, drawing where nobody looks."""
    missing = [name for name, fd in _STREAMS if not os.isatty(fd)]
    if not missing:
        return None
    if len(missing) == 1:
        which = f"{missing[0]} is not one"
    else:
        which = f"{', '.join(missing[:-1])} and {missing[-1]} are not terminals"
    return f"{command}: needs a terminal, but {which}; run it without < > or |"


def run(args: argparse.Namespace) -> int:
    from tutor.commands._pack import locate
    from tutor.content.pack_cache import load_pack_cached

    # The app runs --content, TUTOR_CONTENT or the built-in pack, wherever it is started:
    # a student's current folder never changes the course.
    location = locate(args, "", look_around=False)
    if location is None:
        return 2
    pack = load_pack_cached(location.root)
    return run_app(pack)


def run_app(pack, *, command: str = "tutor", notes: Sequence[str] = (), **options) -> int:
    """Open the learner's store (exit 2 with one line when it cannot be used), check that
    there is a terminal (exit 2 with one line when not), print `notes` on stderr, run the app
    on the store, and close it afterwards. `options` go to create_app (start, quiz_options)."""
    from tutor.progress import StoreError, open_store

    try:
        store, notice = open_store()
    except StoreError as error:
        print(f"tutor: {error}", file=sys.stderr)
        return 2
    problem = terminal_problem(command)
    if problem is not None:
        store.close()
        if notice:
            # open_store gives a repair notice only once: the app would have shown it.
            print(f"tutor: {notice}", file=sys.stderr)
        print(problem, file=sys.stderr)
        return 2
    for note in notes:
        print(f"{command}: {note}", file=sys.stderr)

    from tutor.ui.app import create_app

    try:
        create_app(pack, store=store, notice=notice, collect_when_idle=True, **options).run()
    finally:
        store.close()
    return 0
