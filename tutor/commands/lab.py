"""`tutor lab`: list a pack's labs, and verify them live (for learners, CI and autograding)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tutor.content.lab_spec import Lab
    from tutor.content.model import Pack, Scenario
    from tutor.labs import LabResult

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "lab",
        help="list the labs, or verify them live on this machine",
        description="Labs are tasks you carry out on your own machine; tutor verifies them "
        "live, one check at a time, each with its diagnosis. 'tutor lab verify' exits 0 when "
        "every check passes, 1 when any fails, 2 for a usage error or an unknown id: a class "
        "repository's CI can run it.",
    )
    actions = parser.add_subparsers(dest="lab_action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="list the labs of the pack")
    listing.add_argument("--json", action="store_true", help="print JSON")
    verify = actions.add_parser("verify", help="verify a scenario's labs, or one of them")
    verify.add_argument("scenario_id", metavar="SCENARIO_ID")
    verify.add_argument("lab_id", nargs="?", metavar="LAB_ID")
    verify.add_argument("--json", action="store_true", help="print one JSON object")
    verify.add_argument(
        "--timeout", type=float, default=5.0, metavar="S", help="time allowed per check"
    )
    verify.add_argument(
        "--no-record",
        action="store_true",
        help="don't keep the results in your progress (by default they count there as in the app)",
    )
    parser.set_defaults(run=run)


def _labs(scenario: Scenario) -> list[Lab]:
    from tutor.content.model import LabStep

    return [step.lab for step in scenario.steps if isinstance(step, LabStep)]


def run(args: argparse.Namespace) -> int:
    from tutor.commands._progress import load_selected_pack

    pack = load_selected_pack(args)
    if args.lab_action == "list":
        return _list(pack, args.json)
    return _verify(pack, args)


def _list(pack: Pack, as_json: bool) -> int:
    import json

    rows = [
        {"scenario": scenario.id, "id": lab.id, "title": lab.title, "checks": len(lab.checks)}
        for scenario in pack.scenarios
        for lab in _labs(scenario)
    ]
    if as_json:
        print(json.dumps(rows, indent=2))
    elif not rows:
        print("no labs in this pack")
    else:
        for row in rows:
            plural = "s" * (row["checks"] != 1)
            print(f"{row['scenario']} {row['id']}: {row['title']} ({row['checks']} check{plural})")
    return EXIT_OK


def _verify(pack: Pack, args: argparse.Namespace) -> int:
    import difflib
    import json
    import math

    if not (math.isfinite(args.timeout) and args.timeout > 0):
        print("tutor lab: error: --timeout must be a positive number", file=sys.stderr)
        return EXIT_USAGE
    scenario = pack.scenario(args.scenario_id)
    if scenario is None:
        close = difflib.get_close_matches(args.scenario_id, [s.id for s in pack.scenarios], 3)
        hint = f"; did you mean {', '.join(close)}?" if close else "; 'tutor lab list' shows them"
        print(f"tutor lab: no scenario '{args.scenario_id}'{hint}", file=sys.stderr)
        return EXIT_USAGE
    labs = _labs(scenario)
    if args.lab_id is not None:
        labs = [lab for lab in labs if lab.id == args.lab_id]
        if not labs:
            ids = ", ".join(lab.id for lab in _labs(scenario)) or "none"
            print(
                f"tutor lab: scenario '{scenario.id}' has no lab '{args.lab_id}' (its labs: {ids})",
                file=sys.stderr,
            )
            return EXIT_USAGE
    if not labs:
        print(f"tutor lab: scenario '{scenario.id}' has no labs", file=sys.stderr)
        return EXIT_USAGE
    from tutor.labs import verify_lab

    results = []
    for lab in labs:
        if not args.json:
            print(f"{lab.title} ({scenario.id} {lab.id})")
        result = verify_lab(lab, timeout=args.timeout, on_check=None if args.json else _show_check)
        results.append(result)
        if not args.json:
            print("  passed" if result.ok else "  not yet: fix the first ✗ and run it again")
    if not args.no_record:
        _record(scenario, results)
    if args.json:
        document: dict[str, Any] = {
            "scenario": scenario.id,
            "labs": [result.to_dict() for result in results],
        }
        print(json.dumps(document, indent=2, ensure_ascii=False))
    return EXIT_OK if all(result.ok for result in results) else EXIT_FAILED


def _record(scenario: Scenario, results: list[LabResult]) -> None:
    """Keep the verdicts in the learner's progress, as the app does. A store that cannot be
    opened or written costs a warning, never the verdict (CI may run with no writable home)."""
    import sqlite3

    from tutor.progress import StoreError, open_store
    from tutor.progress.labs import lab_attempt

    try:
        store, _notice = open_store()
        with store:
            for result in results:
                store.record_lab_attempt(lab_attempt(scenario.id, result, source="cli"))
    except (StoreError, OSError, sqlite3.Error) as error:
        print(f"tutor lab: warning: results not kept in your progress: {error}", file=sys.stderr)


def _show_check(outcome: Any) -> None:
    mark = {True: "✓", False: "✗", None: "·"}[outcome.ok]
    print(f"  {mark} {outcome.check}: {outcome.detail}")
    sys.stdout.flush()
    if outcome.ok is False and outcome.fix:
        from tutor.commands._check import print_markdown

        print_markdown(f"**Fix:** {outcome.fix}", sys.stdout)
