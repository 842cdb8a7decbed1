"""`tutor check-db`: check a live MySQL connection and explain what it found.

`tutor check` does the same for PostgreSQL and Redis too; check-db stays, meaning MySQL, with
the settings and output it always had.
"""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    from tutor.commands._check import add_check_options

    parser = subparsers.add_parser(
        "check-db",
        help="check a live MySQL connection and explain what it found",
        description=(
            "Check a live MySQL connection stage by stage, explain any failure with its fix, "
            "and say whether the server is an internal or an external backing service. "
            "Settings come from URL, then DATABASE_URL, MYSQL_* variables, ~/.my.cnf [client], "
            "then defaults."
        ),
    )
    parser.add_argument(
        "url",
        nargs="?",
        metavar="URL",
        help="mysql://USER:PASSWORD@HOST:PORT/DATABASE[?ssl-mode=REQUIRED&unix_socket=/path]",
    )
    add_check_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from tutor.commands._check import EXIT_USAGE, run_check_command, timeout_problem
    from tutor.dbcheck import resolve_settings

    if timeout_problem(args, "check-db"):
        return EXIT_USAGE
    return run_check_command(args, "check-db", resolve_settings(args.url), "mysql")
