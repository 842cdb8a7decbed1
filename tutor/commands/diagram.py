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


def _fail(message: str) -> int:
    print(f"tutor diagram: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    import difflib
    import shutil

    from rich.console import Console

    from tutor.content.loader import load_pack
    from tutor.content.packs import selected_pack_root
    from tutor.topology import MIN_DIAGRAM_WIDTH, describe, diagram

    if args.width is not None and args.width < MIN_DIAGRAM_WIDTH:
        # Below this the boxes no longer fit and the picture falls back to a bare list.
        return _fail(
            f"--width {args.width} is too narrow: a diagram needs at least "
            f"{MIN_DIAGRAM_WIDTH} columns"
        )
    pack = load_pack(selected_pack_root(getattr(args, "content", None)))
    scenario = pack.scenario(args.scenario_id)
    if scenario is None:
        ids = [s.id for s in pack.scenarios]
        close = difflib.get_close_matches(args.scenario_id, ids, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else "; 'tutor list' shows them"
        return _fail(f"no scenario '{args.scenario_id}'{hint}")
    placement = None
    if args.placement:
        service = next(
            (q.service for q in scenario.questions if q.kind == "placement" and q.service), None
        )
        if service is None:
            return _fail(f"scenario '{scenario.id}' has no placement question to preview")
        placement = {service: args.placement}
    if args.text:
        print(describe(scenario.topology, placement=placement))
        return 0
    width = args.width or max(shutil.get_terminal_size().columns, MIN_DIAGRAM_WIDTH)
    console = Console(width=width, soft_wrap=False, highlight=False)
    console.print(diagram(scenario.topology, width, placement=placement), crop=False)
    return 0
