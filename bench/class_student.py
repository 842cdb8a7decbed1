"""bench/class.py's simulated students: what they answer, the records a class of them leaves
on the server (for the report's timing), their app with an unreachable server (answer ->
feedback), and the per-process worker.

A worker process stands for a few students' laptops. `prepare` makes each student a real local
store (tutor.progress.open_store) in its own folder and records their answers there with
store.record_attempt, as the app does; `send` sends each store's outbox to the class server
with tutor.classroom.sync.sync_store, as `tutor class sync` does; `resend` first forgets what
was confirmed (as after a reply lost on the way back) and sends everything again.

The class URL comes in $CLASS_BENCH_URL, never in argv, where `ps` would show its password.
Each worker prints one line of JSON.

Usage (by bench/class.py): class_student.py prepare|send|resend FOLDER FIRST COUNT
    [--answers N] [--menu FILE] [--seed N] [--limit N] [--once]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import random
import socket
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

URL_VARIABLE = "CLASS_BENCH_URL"
START = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)

# One question as the simulation sees it: ids, fingerprint, difficulty and the answers a
# student may give, each (stored answer, correct, how often it is picked among the wrong ones).
Menu = list[dict[str, Any]]


def question_menu(pack: Any, seed: int) -> Menu:
    """Every question of the pack with its right answer and plausible wrong ones, graded by
    tutor's own grader; one wrong choice per question is the popular distractor."""
    from tutor.progress.grading import grade

    rng = random.Random(seed)
    menu: Menu = []
    for scenario in pack.scenarios:
        for question in scenario.questions:
            if question.kind == "placement":
                right = question.answer or "internal"
                givens: list[Any] = [right, "external" if right == "internal" else "internal"]
            else:
                correct = sorted(question.correct_indexes())
                wrong = [i for i in range(len(question.choices)) if i not in correct]
                givens = [set(correct)] + [{i} for i in wrong]
                if question.kind == "multi" and len(correct) > 1:
                    givens.append(set(correct[1:]))  # one right choice left out
            options = []
            for n, given in enumerate(givens):
                verdict = grade(question, given)
                weight = 1.0 if n == 0 else (4.0 if n == 1 else 1.0)
                options.append([verdict.stored_answer(), verdict.correct, weight])
            menu.append(
                {
                    "scenario": scenario.id,
                    "question": question.id,
                    "fingerprint": question.fingerprint(),
                    "difficulty": rng.uniform(-1.5, 1.5),
                    "options": options,
                }
            )
    return menu


def student_answers(menu: Menu, student: int, count: int, seed: int) -> list[tuple[Any, ...]]:
    """`count` answers of student number `student`: (scenario, question, answer, correct,
    hint_used, answered_at, fingerprint). Questions in a shuffled round, again when the round
    ends; a more able student (a logistic model) is right more often."""
    rng = random.Random(seed * 1_000_003 + student)
    skill = rng.gauss(0.0, 1.0)
    order: list[dict[str, Any]] = []
    moment = START + timedelta(minutes=rng.randrange(600))
    made = []
    for _ in range(count):
        if not order:
            order = list(menu)
            rng.shuffle(order)
        item = order.pop()
        chance = 1.0 / (1.0 + math.exp(-1.7 * (skill - item["difficulty"])))
        options = item["options"]
        if rng.random() < chance:
            answer, correct, _weight = options[0]
        else:
            wrong = [o for o in options if not o[1]] or options
            answer, correct, _weight = rng.choices(wrong, weights=[o[2] for o in wrong])[0]
        moment += timedelta(seconds=rng.randrange(5, 90), microseconds=rng.randrange(10**6))
        made.append(
            (
                item["scenario"],
                item["question"],
                answer,
                bool(correct),
                rng.random() < 0.1,
                moment.isoformat(),
                item["fingerprint"],
            )
        )
    return made


def class_records(menu: Menu, pack: Any, first: int, last: int, seed: int) -> list[Any]:
    """Students first..last-1 as the class server would hold them, for a report: 100 answers
    each, the pages of the first few lessons read and a few scenarios done."""
    from tutor.classroom.records import AnswerRecord, LessonRecord, ScenarioRecord, record_id

    made: list[Any] = []
    for student in range(first, last):
        rng = random.Random(seed * 7919 + student)
        sid, name = f"{rng.getrandbits(128):032x}", f"Student {student:05d}"
        for n, answer in enumerate(student_answers(menu, student, 100, seed), start=1):
            made.append(AnswerRecord(record_id(sid, "a", n), sid, name, *answer, "quiz", "b", "1"))
        for lesson in pack.lessons[: rng.randrange(len(pack.lessons) + 1)]:
            for page in range(len(lesson.pages)):
                key = record_id(sid, "r", lesson.id, page)
                made.append(LessonRecord(key, sid, name, lesson.id, page, START.isoformat()))
        for scenario in rng.sample(pack.scenarios, rng.randrange(len(pack.scenarios) // 2)):
            key = record_id(sid, "s", scenario.id)
            made.append(ScenarioRecord(key, sid, name, scenario.id, START.isoformat()))
    return made


# -- the student's app, for bench/class.py's answer -> feedback part -------------------------


def closed_port_url() -> str:
    """A class URL whose port nothing listens on: bound, noted, closed."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"mysql://nobody:never@127.0.0.1:{port}/tutor_class_closed"


@contextlib.contextmanager
def class_url(url: str | None) -> Iterator[None]:
    """$TUTOR_CLASS_URL set to `url` (or unset for None) inside the block."""
    old = os.environ.pop("TUTOR_CLASS_URL", None)
    if url is not None:
        os.environ["TUTOR_CLASS_URL"] = url
    try:
        yield
    finally:
        os.environ.pop("TUTOR_CLASS_URL", None)
        if old is not None:
            os.environ["TUTOR_CLASS_URL"] = old


def link_starts(pack: Any, url: str) -> bool:
    """Whether the app as answer_feedback.py builds it (a SqliteStore) starts the class link."""
    from tutor.progress import open_store
    from tutor.ui.app import create_app

    with tempfile.TemporaryDirectory() as data, class_url(url), open_store(data).store as store:
        return create_app(pack, store=store).class_link is not None


def feedback(runs: int, answers: int, pack: Any) -> bool:
    """bench/answer_feedback.py's runs, in class mode with the server unreachable and outside
    class mode, interleaved; both medians and their ratio."""
    import answer_feedback

    url = closed_port_url()
    print(f"\n4. answer -> feedback, {runs} runs x {answers} answers each way")
    started = link_starts(pack, url)  # else the bench would measure nothing new
    print(f"class link started with the closed port: {started}")
    unreachable: list[float] = []
    alone: list[float] = []
    for run in range(runs):
        with class_url(url):
            unreachable += answer_feedback.run_child(answers, run, True)
        with class_url(None):
            alone += answer_feedback.run_child(answers, run, True)
    p95 = answer_feedback.percentile
    for name, times in (("class server unreachable", unreachable), ("no class mode", alone)):
        print(
            f"{name:<26}median {statistics.median(times):6.1f} ms  p95 {p95(times, 0.95):6.1f} ms"
            f"  max {max(times):6.1f} ms  (n={len(times)})"
        )
    ratio = statistics.median(unreachable) / statistics.median(alone)
    print(f"ratio (median unreachable / no class mode): {ratio:.2f}")
    return started


def student_folder(folder: Path, student: int) -> Path:
    return folder / f"student-{student:05d}"


def prepare(args: argparse.Namespace) -> dict[str, Any]:
    from tutor.progress import open_store
    from tutor.progress.store import Attempt

    menu = json.loads(Path(args.menu).read_text(encoding="utf-8"))
    students = []
    for student in range(args.first, args.first + args.count):
        with open_store(student_folder(Path(args.folder), student)).store as store:
            store.set_student_name(f"Student {student:05d}")
            for row in student_answers(menu, student, args.answers, args.seed):
                store.record_attempt(Attempt(*row, source="quiz"))
            students.append(expected_ids(store))
    return {"students": students}


def expected_ids(store: Any) -> list[str]:
    """The record ids the class server should end up with for this store: made by the very
    functions sync_store uses, from everything in the outbox."""
    from tutor.classroom.outgoing import to_record
    from tutor.progress.export import student_name
    from tutor.progress.outbox import record_salt, unsent

    student_id, name, salt = store.student_id(), student_name(store) or "", record_salt(store)
    rows = unsent(store, limit=1_000_000)
    return [to_record(row, student_id, name, salt).record_id for row in rows]


def forget_sent(store: Any) -> None:
    """Move the outbox's marks back to the start: every record waits again, as if the server's
    replies had all been lost after it committed."""
    from tutor.progress.sqlite_schema import write

    with write(store._db) as db:
        db.execute("DELETE FROM meta WHERE key LIKE 'class_sent_%'")


def send(args: argparse.Namespace, again: bool) -> dict[str, Any]:
    from tutor.classroom.sync import sync_store
    from tutor.progress import open_store

    url = os.environ[URL_VARIABLE]
    results = []
    started = time.time()
    for student in range(args.first, args.first + args.count):
        with open_store(student_folder(Path(args.folder), student)).store as store:
            if again:
                forget_sent(store)
            outcome: dict[str, Any] = {}
            turns = ("first",) if args.once else ("first", "second")  # the sync, run twice
            for turn in turns:
                try:
                    result = sync_store(store, url, limit=args.limit)
                except Exception as error:  # a bench reports everything, and goes on
                    outcome[turn] = {"sent": 0, "new": 0, "waiting": -1, "error": repr(error)}
                    continue
                error_text = result.error.category if result.error is not None else None
                outcome[turn] = {
                    "sent": result.sent,
                    "new": result.new,
                    "waiting": result.waiting_total,
                    "error": error_text,
                }
            results.append(outcome)
    return {"started": started, "ended": time.time(), "students": results}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("prepare", "send", "resend"))
    parser.add_argument("folder")
    parser.add_argument("first", type=int)
    parser.add_argument("count", type=int)
    parser.add_argument("--answers", type=int, default=100)
    parser.add_argument("--menu")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--once", action="store_true", help="sync each student once, not twice")
    args = parser.parse_args()
    done = prepare(args) if args.mode == "prepare" else send(args, args.mode == "resend")
    print(json.dumps(done))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
