"""`tutor preview FILE`: a lesson or a scenario as students see it; reloads when it changes.

lessons/x.md: the lesson page by page; FILE.yaml: the scenario's walkthrough; FILE.yaml --quiz:
its questions as the quiz asks them. Nothing is saved to the learner's progress.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.ui.app import TutorApp

LESSON_SUFFIX = ".md"
SCENARIO_SUFFIXES = (".yaml", ".yml")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "preview",
        help="show a lesson or a scenario as students see it; reloads when the file changes",
        description="Show one file as students see it, and reload it each time it is saved: "
        "a lesson (.md) page by page, a scenario (.yaml) as its walkthrough, or with --quiz "
        "its questions as the quiz asks them. The content pack around the file supplies its "
        "links. Nothing is saved to your progress.",
    )
    parser.add_argument("file", metavar="FILE", help="a lesson (.md) or a scenario (.yaml)")
    parser.add_argument(
        "--quiz",
        action="store_true",
        help="a scenario's questions one by one, as the quiz shows them, without its text steps",
    )
    parser.set_defaults(run=run)


def usage_problem(path: Path, given: str, quiz: bool) -> str | None:
    """The one line to print before exiting 2, or None when the file can be previewed."""
    if not path.is_file():
        return f"tutor preview: no such file: {given}"
    if path.suffix == LESSON_SUFFIX:
        if quiz:
            return (
                f"tutor preview: --quiz shows a scenario's questions, and {given} is a lesson: "
                "leave out --quiz, or give a scenario's .yaml file"
            )
        return None
    if path.suffix not in SCENARIO_SUFFIXES:
        return (
            f"tutor preview: {given} is neither a lesson (.md) nor a scenario (.yaml): "
            "give one of those"
        )
    return None


def build_app(path: Path, *, quiz: bool = False, collect_when_idle: bool = False) -> TutorApp:
    """The preview's app: no progress store at all (nothing it shows is saved). The first
    screen loads the file with the pack around it and gives the app that pack; until then,
    and outside a pack, the app has no lessons or scenarios. `collect_when_idle` as in
    create_app: the CLI turns it on, tests leave it off."""
    from tutor.content.model import Pack
    from tutor.ui.app import create_app

    return create_app(
        Pack(root=path.parent),
        preview_path=path,
        preview_quiz=quiz,
        collect_when_idle=collect_when_idle,
    )


def run(args: argparse.Namespace) -> int:
    path = Path(args.file).expanduser()
    problem = usage_problem(path, args.file, args.quiz)
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2
    from tutor.commands.app import terminal_problem

    problem = terminal_problem("tutor preview")
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2
    build_app(path.resolve(), quiz=args.quiz, collect_when_idle=True).run()
    return 0
