"""`tutor class`: class mode. The progress store stays local; a class server receives a copy.

init ADMIN_URL      (instructor) create the class database, its tables and two accounts
join URL / leave    (student) save or forget the class server's URL
sync                (student) send what is waiting now
report [FILE ...]   (instructor) item analysis, from the class server or from exports
"""

from __future__ import annotations

import argparse
import importlib

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

# action -> module under tutor.commands that holds its run(args) -> int
_ACTIONS = {
    "init": "_class_init",
    "join": "_class_join",
    "leave": "_class_join",
    "sync": "_class_sync",
    "report": "_class_report",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "class",
        help="class mode: send progress to a class server; reports for the instructor",
        description="Class mode keeps every answer in your own progress store first, then "
        "sends a copy to the class's MySQL or MariaDB server, chosen by one URL "
        "($TUTOR_CLASS_URL, or saved with 'tutor class join URL'). See docs/class.md.",
    )
    actions = parser.add_subparsers(dest="class_action", metavar="ACTION", required=True)

    init = actions.add_parser(
        "init",
        help="(instructor) create the class database, its tables and two accounts",
        description="Creates the class database, its tables, a student account that can only "
        "add records and an instructor account that can read them, and prints the two URLs "
        "to hand out. Safe to run twice: it says what already exists.",
    )
    init.add_argument(
        "admin_url", metavar="ADMIN_URL", help="an account that may create databases and users"
    )
    init.add_argument(
        "--database", default="tutor_class", metavar="NAME", help="default: tutor_class"
    )
    init.add_argument("--json", action="store_true", help="print one JSON object")

    join = actions.add_parser("join", help="(student) save the class server's URL")
    join.add_argument("url", metavar="URL", help="the student URL your instructor handed out")
    actions.add_parser("leave", help="(student) forget the saved class URL")

    sync = actions.add_parser("sync", help="(student) send the records that are waiting")
    sync.add_argument(
        "--timeout", type=float, default=10.0, metavar="S", help="time allowed to connect"
    )

    report = actions.add_parser(
        "report",
        help="(instructor) item analysis and the class's progress",
        description="Reads the class server with the instructor's URL ($TUTOR_CLASS_URL by "
        "default), or students' JSON exports given as FILEs, checking each file's digest.",
    )
    report.add_argument("files", nargs="*", metavar="FILE", help="students' JSON exports")
    report.add_argument("--url", metavar="URL", help="the instructor URL")
    form = report.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print one JSON object")
    form.add_argument("--csv", action="store_true", help="print the per-question table as CSV")
    report.add_argument(
        "--timeout", type=float, default=10.0, metavar="S", help="time allowed to connect"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    module = importlib.import_module(f"tutor.commands.{_ACTIONS[args.class_action]}")
    result: int = module.run(args)
    return result
