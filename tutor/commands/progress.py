"""`tutor progress`: show your progress."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "progress",
        help="show your progress",
        description="Show your progress: lessons read, scenarios completed, labs passed, "
        "questions answered, accuracy overall and per environment, and what review has due.",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument(
        "--flags",
        action="store_true",
        help="list the questions flagged as confusing or wrong (for the instructor)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from tutor.commands._progress import load_selected_pack, open_store_for_command

    store = open_store_for_command()
    if store is None:
        return 2
    with store:
        if args.flags:
            return _print_flags(store, args.json)
        now = datetime.now(UTC)
        summary = store.summary(load_selected_pack(args), now)
        student = store.student_name()
        class_state = _class_state(store)
        if args.json:
            document = {
                "student": student,
                "student_id": store.student_id(),
                "store": str(store.path),
                **summary.to_dict(),
                "class": class_state,
            }
            print(json.dumps(document, indent=2, ensure_ascii=False))
            return 0
        print(f"Progress{f' for {student}' if student else ''} ({store.path})")
        for line in _lines(summary, now):
            print(line)
        if class_state is not None:
            waiting, sent = class_state["pending"], class_state["last_sent"] or "never"
            plural = "" if waiting == 1 else "s"
            print(
                f"  Class                {class_state['url']}: {waiting} record{plural}"
                f" waiting, last sent {sent}"
            )
    return 0


def _class_state(store) -> dict[str, object] | None:
    """Class mode as `tutor progress` shows it: the URL (password masked), what waits to be
    sent and when the server last confirmed a send; None when not in class mode."""
    from tutor.classroom.membership import class_setting

    setting = class_setting()
    if setting is None:
        return None
    from tutor.classroom.server import masked_url
    from tutor.progress.outbox import KIND_WORDS, last_sent, pending_counts

    counts = pending_counts(store)
    return {
        "url": masked_url(setting.url),
        "source": setting.source,
        "pending": sum(counts.values()),
        "pending_by_kind": {KIND_WORDS[kind][1]: count for kind, count in counts.items()},
        "last_sent": last_sent(store),
    }


def _percent(tally) -> str:
    if tally.total == 0:
        return "-"
    return f"{tally.percent:.0f}% ({tally.right} of {tally.total})"


def _when(moment: datetime, now: datetime) -> str:
    seconds = (moment - now).total_seconds()
    if seconds < 3600:
        span = f"{max(1, round(seconds / 60))} min"
    elif seconds < 2 * 86400:
        span = f"{round(seconds / 3600)} h"
    else:
        span = f"{round(seconds / 86400)} days"
    return f"{moment.astimezone().strftime('%Y-%m-%d %H:%M')} (in {span})"


def _lines(summary, now: datetime) -> list[str]:
    lines = [
        f"  Lessons read         {summary.lessons_read} of {summary.lessons_total}"
        f" ({summary.lessons_started} started)",
        f"  Scenarios completed  {summary.scenarios_completed} of {summary.scenarios_total}",
    ]
    if summary.labs_total:
        runs = summary.lab_runs.total
        lines.append(
            f"  Labs passed          {summary.labs_passed} of {summary.labs_total}"
            f" ({runs} verification{'' if runs == 1 else 's'}, {summary.lab_runs.right} passed)"
        )
    lines += [
        f"  Questions answered   {summary.questions_answered} of {summary.questions_total}"
        f" ({summary.attempts.total} answer{'' if summary.attempts.total == 1 else 's'})",
        f"  Accuracy             {_percent(summary.attempts)}",
    ]
    lines += [f"    {env:<18} {_percent(tally)}" for env, tally in summary.by_environment.items()]
    review = f"  Review               {summary.due_now} due now"
    if summary.next_due is not None:
        review += f"; next due {_when(summary.next_due, now)}"
    elif summary.due_now == 0 and summary.questions_answered == 0:
        review += " (answer some questions first)"
    lines.append(review)
    if summary.flags:
        lines.append(f"  Flags                {summary.flags} (see: tutor progress --flags)")
    return lines


def _print_flags(store, as_json: bool) -> int:
    flags = store.flags()
    if as_json:
        rows = [
            {
                "scenario_id": f.scenario_id,
                "question_id": f.question_id,
                "reason": f.reason,
                "comment": f.comment,
                "fingerprint": f.fingerprint,
                "flagged_at": f.flagged_at,
            }
            for f in flags
        ]
        print(json.dumps({"student": store.student_name(), "flags": rows}, indent=2))
        return 0
    if not flags:
        print("No flagged questions.")
        return 0
    for f in flags:
        comment = f"  {f.comment}" if f.comment else ""
        print(f"{f.flagged_at[:16].replace('T', ' ')}  {f.reason:<9} {f.key}{comment}")
    return 0
