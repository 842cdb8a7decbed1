"""The `tutor` entry point.

Each command lives in tutor/commands/<name>.py with `register(subparsers)` and `run(args) -> int`.
Command modules import only what parsing needs at top level: textual and mysql.connector are
imported inside `run`, so `--version`, `validate`, `list`, `schema` and `new` stay fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from tutor import __version__

# Module names under tutor.commands, in the order `tutor --help` lists them.
COMMAND_MODULES = (
    "validate",
    "listing",
    "schema",
    "new",
    "diagram",
    "preview",
    "quiz",
    "progress",
    "export",
    "reset",
    "check_db",
)

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one line on stderr and exit 2, never a traceback."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (try '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="tutor",
        description="A teaching companion for backing services. With no command, starts the app.",
    )
    parser.add_argument("--version", action="version", version=f"tutor {__version__}")
    parser.add_argument(
        "--content",
        metavar="DIR",
        help="use the content pack in DIR (a folder with lessons/ and scenarios/); "
        "default: $TUTOR_CONTENT, else the built-in pack",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(f"tutor.commands.{name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    if (sys.argv[1:] if argv is None else argv) == ["--version"]:
        # Fast path: argparse's version action would import shutil, lzma, bz2... for nothing.
        print(f"tutor {__version__}")
        return EXIT_OK
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            from tutor.commands.app import run as run_app

            return run_app(args)
        return args.run(args)
    except KeyboardInterrupt:
        print("tutor: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
