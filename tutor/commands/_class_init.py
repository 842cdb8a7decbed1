"""`tutor class init ADMIN_URL [--database NAME] [--json]`: set up a class server.

Prints the two URLs to hand out: the only place tutor shows a password, on purpose, since the
instructor must pass them on. Errors are one line on stderr: exit 1 for a server problem,
2 for a bad URL or name.
"""

from __future__ import annotations

import argparse
import json
import sys

from tutor.commands.classroom import EXIT_FAILED, EXIT_OK, EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    from tutor.classroom.server import ClassServerError, init_class, masked_url

    try:
        result = init_class(args.admin_url, args.database)
    except ClassServerError as error:
        print(f"tutor class init: {error}", file=sys.stderr)
        return EXIT_USAGE if error.category == "config" else EXIT_FAILED
    if args.json:
        print(json.dumps(result.as_json(), indent=2))
        return EXIT_OK
    print(f"Class database {result.database} is ready on {masked_url(args.admin_url)}.")
    print()
    print("Hand this URL to the students. It may only add records, never read them, so no")
    print("student can see another's answers. Each student runs 'tutor class join URL'")
    print("(or sets TUTOR_CLASS_URL):")
    print(f"  {result.student_url}")
    print()
    print("Keep this URL for yourself. It may read every record and change none; use it with")
    print("'tutor class report --url URL' (or set TUTOR_CLASS_URL):")
    print(f"  {result.instructor_url}")
    print()
    _list("Created", result.created)
    _list("Already there", result.existed)
    for note in result.notes:
        print(f"Note: {note}.")
    return EXIT_OK


def _list(title: str, items: list[str]) -> None:
    if items:
        print(f"{title}:")
        for item in items:
            print(f"  - {item}")
