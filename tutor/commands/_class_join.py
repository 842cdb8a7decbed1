"""`tutor class join URL` and `tutor class leave`: save or forget the class server's URL."""

from __future__ import annotations

import argparse
import sys

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def run(args: argparse.Namespace) -> int:
    from tutor.classroom.membership import ENV_VAR, class_setting, forget_url, save_url
    from tutor.classroom.server import ClassServerError, masked_url, parse_class_url

    if args.class_action == "leave":
        if forget_url():
            print("tutor class: the saved class URL is forgotten; progress stays on this machine")
        else:
            print("tutor class: no class URL was saved")
        setting = class_setting()
        if setting is not None:
            print(f"tutor class: note: {ENV_VAR} is still set, so class mode stays on")
        return EXIT_OK
    try:
        parse_class_url(args.url)
    except ClassServerError as error:
        print(f"tutor class: {error.message}", file=sys.stderr)
        return EXIT_USAGE
    try:
        path = save_url(args.url)
    except OSError as error:
        print(f"tutor class: cannot save the URL: {error}", file=sys.stderr)
        return EXIT_FAILED
    print(f"tutor class: joined {masked_url(args.url)}")
    print(f"  saved in {path} (readable by you only)")
    print("  Every answer is still saved here first, then sent in the background.")
    print("  'tutor class sync' sends what is waiting now.")
    return EXIT_OK
