"""`tutor quiz`: start a quiz straight away."""

from __future__ import annotations

import argparse
import sys

from tutor.content.model import ENVIRONMENTS


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "quiz",
        help="start a quiz straight away",
        description="Start a quiz straight away: questions drawn from the pack's scenarios, "
        "with their choices shuffled.",
    )
    parser.add_argument("--count", type=int, default=10, help="how many questions (default 10)")
    parser.add_argument("--environment", choices=ENVIRONMENTS, help="only this environment")
    parser.add_argument("--lesson", metavar="LESSON_ID", help="only this lesson's scenarios")
    parser.add_argument("--tag", metavar="TAG", help="only scenarios with this tag")
    parser.add_argument("--seed", type=int, help="reproduce a question and choice order")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from tutor.commands._progress import load_selected_pack
    from tutor.progress.quiz import QuizOptions, QuizSelectionError

    pack = load_selected_pack(args)
    options = QuizOptions(args.count, args.environment, args.lesson, args.tag, args.seed)
    try:
        options.draw(pack)
    except QuizSelectionError as error:
        print(f"tutor quiz: {error}", file=sys.stderr)
        return 2
    from tutor.commands.app import run_app

    return run_app(pack, start="quiz", quiz_options=options)
