"""`tutor class report`: item analysis and the class's progress, from the class server (the
instructor's URL) or from students' JSON exports."""

from __future__ import annotations

import argparse
import math
import sys

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def run(args: argparse.Namespace) -> int:
    from tutor.classroom.analysis import build_report
    from tutor.classroom.report_text import to_csv, to_json, to_text
    from tutor.commands._progress import load_selected_pack

    if not (math.isfinite(args.timeout) and args.timeout > 0):
        print("tutor class: error: --timeout must be a positive number", file=sys.stderr)
        return EXIT_USAGE
    if args.files and args.url:
        print("tutor class report: give FILEs or --url, not both", file=sys.stderr)
        return EXIT_USAGE
    refused: list[str] = []
    if args.files:
        from tutor.classroom.exports import read_exports

        records, refused = read_exports(args.files)
        for problem in refused:
            print(f"tutor class report: refused {problem}", file=sys.stderr)
        if len(refused) == len(args.files):
            print("tutor class report: no export could be read", file=sys.stderr)
            return EXIT_FAILED
    else:
        from tutor.classroom.membership import ENV_VAR, class_setting
        from tutor.classroom.server import ClassServerError, fetch_records

        url = args.url
        if url is None:
            setting = class_setting()
            if setting is None:
                print(
                    f"tutor class report: give --url (the instructor URL), set {ENV_VAR}, "
                    "or give students' export FILEs",
                    file=sys.stderr,
                )
                return EXIT_USAGE
            url = setting.url
        try:
            records = fetch_records(url, timeout=args.timeout, for_report=True)
        except ClassServerError as error:
            print(f"tutor class report: {error.message}", file=sys.stderr)
            return EXIT_USAGE if error.category == "config" else EXIT_FAILED
    report = build_report(records, load_selected_pack(args))
    if args.json:
        sys.stdout.write(to_json(report))
    elif args.csv:
        sys.stdout.write(to_csv(report))
    else:
        sys.stdout.write(to_text(report))
    # Some exports refused: the report of the others is printed, and the exit code says so.
    return EXIT_FAILED if refused else EXIT_OK
