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
    parser.add_argument(
        "--count",
        type=int,
        default=10,
        help="how many questions (default 10; every match when fewer match)",
    )
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
        items = options.draw(pack)
    except QuizSelectionError as error:
        print(f"tutor quiz: {error}", file=sys.stderr)
        return 2
    from tutor.commands.app import run_app

    # The core decides how many are drawn (every match when fewer than asked); say so here,
    # since the quiz itself only shows "question 1 of N".
    notes = [] if len(items) >= options.count else [_fewer(options, len(items))]
    return run_app(pack, command="tutor quiz", notes=notes, start="quiz", quiz_options=options)


def _fewer(options, drawn: int) -> str:
    filters = "".join(
        f" --{name} {value}"
        for name, value in (
            ("environment", options.environment),
            ("lesson", options.lesson),
            ("tag", options.tag),
        )
        if value is not None
    )
    using = "using that one" if drawn == 1 else f"using all {drawn}"
    return f"asked for {options.count} questions; the pack has {drawn} matching{filters}, {using}"
