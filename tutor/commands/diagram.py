"""`tutor diagram`: print a scenario's topology diagram, or its description."""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "diagram",
        help="print a scenario's topology diagram, or its description",
        description="Print a scenario's topology diagram, or its description.",
    )
    parser.add_argument("scenario_id", metavar="SCENARIO_ID")
    parser.add_argument("--placement", choices=["internal", "external"])
    parser.add_argument(
        "--width",
        type=int,
        default=None,
        metavar="N",
        help="columns to fit (at least 40; default: the terminal's width)",
    )
    parser.add_argument("--text", action="store_true", help="print the plain-text description")
    parser.set_defaults(run=run)


def _fail(message: str, code: int = 2) -> int:
    print(f"tutor diagram: {message}", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    import difflib
    import shutil

    from rich.console import Console

    from tutor.commands._pack import locate
    from tutor.commands.validate import display_path
    from tutor.content.loader import load_pack
    from tutor.topology import MIN_DIAGRAM_WIDTH, describe, diagram

    if args.width is not None and args.width < MIN_DIAGRAM_WIDTH:
        # Below this the boxes no longer fit and the picture falls back to a bare list.
        return _fail(
            f"--width {args.width} is too narrow: a diagram needs at least "
            f"{MIN_DIAGRAM_WIDTH} columns"
        )
    location = locate(args, "diagram")
    if location is None:
        return 2
    pack = load_pack(location.root)
    scenario = pack.scenario(args.scenario_id)
    failed = pack.failed_scenarios.get(args.scenario_id)
    if scenario is None and failed is not None:
        problem = pack.first_problem_of(failed)
        first = (
            f"\n  {display_path(failed)}:{problem.line}:{problem.column}: {problem.message}"
            if problem
            else ""
        )
        return _fail(
            f"scenario '{args.scenario_id}' did not load, so it has no diagram; its first "
            f"problem:{first}\n'tutor validate {display_path(failed)}' lists them all",
            code=1,
        )
    if scenario is None:
        ids = [*(s.id for s in pack.scenarios), *pack.failed_scenarios]
        close = difflib.get_close_matches(args.scenario_id, ids, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else "; 'tutor list' shows them"
        return _fail(f"no scenario '{args.scenario_id}'{hint}")
    placement, app = None, None
    if args.placement:
        question = next(
            (q for q in scenario.questions if q.kind == "placement" and q.service), None
        )
        if question is None or question.service is None:
            return _fail(f"scenario '{scenario.id}' has no placement question to preview")
        # From the question's point of view: its `app:`, for a service shared across hosts.
        placement, app = {question.service: args.placement}, question.app
    if args.text:
        print(describe(scenario.topology, placement=placement, app=app))
        return 0
    width = args.width or max(shutil.get_terminal_size().columns, MIN_DIAGRAM_WIDTH)
    console = Console(width=width, soft_wrap=False, highlight=False)
    console.print(diagram(scenario.topology, width, placement=placement, app=app), crop=False)
    return 0
