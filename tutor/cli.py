"""The `tutor` entry point.

Each command lives in tutor/commands/<name>.py with `register(subparsers)` and `run(args) -> int`.
Command modules import only what parsing needs at top level: textual and mysql.connector are
imported inside `run`, so `--version`, `validate`, `list`, `schema` and `new` stay fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import NoReturn

from tutor import __version__

# Module names under tutor.commands, in the order `tutor --help` lists them.
COMMAND_MODULES = (
    "validate",
    "listing",
    "stats",
    "schema",
    "new",
    "diagram",
    "preview",
    "quiz",
    "progress",
    "export",
    "reset",
    "check",
    "lab",
    "check_db",
    "pack",
    "classroom",
)

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one line on stderr and exit 2, never a traceback."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (try '{self.prog} --help')\n")


def build_parser(*, with_commands: bool = True) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="tutor",
        description="A teaching companion for backing services. With no command, starts the app.",
    )
    parser.add_argument("--version", action="version", version=f"tutor {__version__}")
    parser.add_argument(
        "--content",
        metavar="DIR|ZIP",
        help="use this content pack: a folder with pack.yaml, lessons/ and scenarios/, or a "
        "zip made by 'tutor pack build' (read-only). Default: $TUTOR_CONTENT; then, for "
        "new, validate, list, preview, diagram, stats and pack, the pack around the current "
        "folder; else the built-in pack",
    )
    if not with_commands:
        return parser
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(f"tutor.commands.{name}").register(subparsers)
    return parser


def _starts_the_app(argv: list[str]) -> bool:
    """True when argv holds only global options: no command, no help, nothing else."""
    tokens = iter(argv)
    for token in tokens:
        if token == "--content":
            if next(tokens, None) is None:
                return False
        elif not token.startswith("--content="):
            return False
    return True


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv == ["--version"]:
        # Fast path: argparse's version action would import shutil, lzma, bz2... for nothing.
        print(f"tutor {__version__}")
        return EXIT_OK
    # Starting the app is the common case: don't import every command module to parse nothing.
    parser = build_parser(with_commands=not _starts_the_app(argv))
    args = parser.parse_args(argv)
    try:
        if getattr(args, "command", None) is None:
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
