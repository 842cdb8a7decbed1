"""Crash test of the progress store: SIGKILL a learner's process at random moments.

A child process opens the store and answers questions in a loop, printing each attempt's id
and time on stdout after `record_answer` returns: the moment the answer counts as confirmed
to the learner.
The parent kills it with SIGKILL at a random moment, again and again (most kills land while it
is answering, some while it starts up and opens the store). Afterwards the store must open
without a repair notice, pass PRAGMA integrity_check, and hold every confirmed attempt.

    .venv/bin/python bench/crash_store.py [--kills 50] [--seed N] [--keep DIR]

Exit status 0 when every check holds, 1 otherwise. POSIX only (SIGKILL).
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass
class CrashFigures:
    kills: int = 0
    kills_while_starting: int = 0
    confirmed: set[tuple[int, str]] = field(default_factory=set)
    found: int = 0
    missing: list[tuple[int, str]] = field(default_factory=list)
    notice: str | None = None
    integrity: str = ""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.missing and self.notice is None and self.integrity == "ok"

    def report(self) -> str:
        return (
            f"crash test: {self.kills} SIGKILLs ({self.kills_while_starting} during start-up), "
            f"{len(self.confirmed)} attempts confirmed, {self.found} found in the store, "
            f"{len(self.missing)} missing, integrity_check={self.integrity!r}, "
            f"notice={'none' if self.notice is None else repr(self.notice)}, "
            f"{self.seconds:.1f} s -> {'OK' if self.ok else 'FAILED'}"
        )


def child(data_dir: str) -> None:
    """Answer the built-in pack's questions forever, confirming each one on stdout."""
    from tutor.content.loader import load_pack
    from tutor.content.packs import builtin_pack_root
    from tutor.progress import open_store, record_answer
    from tutor.progress.store import iso, utc_now

    pack = load_pack(builtin_pack_root())
    pairs = [(s, q) for s in pack.scenarios for q in s.questions]
    store, _notice = open_store(data_dir)
    print("ready", flush=True)
    n = 0
    while True:
        scenario, question = pairs[n % len(pairs)]
        answer = question.answer or "internal" if question.kind == "placement" else {n % 2}
        now = utc_now()
        result = record_answer(
            store, scenario, question, answer, source="quiz", hint_used=n % 3 == 0, now=now
        )
        # id and time together: an id alone could be reused after a lost (uncommitted) write
        sys.stdout.write(f"{result.attempt_id} {iso(now)}\n")
        sys.stdout.flush()
        n += 1


def _confirmed(output: bytes) -> set[tuple[int, str]]:
    """(id, answered_at) on complete lines only: a line cut short was never confirmed."""
    confirmed = set()
    for line in output.decode().split("\n")[:-1]:
        if line != "ready":
            attempt_id, answered_at = line.split(" ")
            confirmed.add((int(attempt_id), answered_at))
    return confirmed


def run(kills: int, data_dir: Path, seed: int | None = None) -> CrashFigures:
    rng = random.Random(seed)
    figures = CrashFigures()
    started = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    for round_ in range(kills):
        process = subprocess.Popen(
            [sys.executable, __file__, "--child", str(data_dir)],
            stdout=subprocess.PIPE,
            env=env,
        )
        assert process.stdout is not None
        if round_ % 5 == 0:  # now and then (the first time too), kill it while it starts up
            time.sleep(rng.uniform(0.0, 0.4))
            figures.kills_while_starting += 1
        else:
            ready = process.stdout.readline()
            if ready.strip() != b"ready":
                raise RuntimeError(f"the child did not start: {ready!r}")
            time.sleep(rng.uniform(0.0, 0.15))
        os.kill(process.pid, signal.SIGKILL)
        output = process.stdout.read()
        process.wait()
        figures.confirmed |= _confirmed(output)
        figures.kills += 1

    from tutor.progress import open_store

    store, figures.notice = open_store(data_dir)
    with store:
        figures.integrity = store.integrity_check()
        stored = {(attempt.id, attempt.answered_at) for attempt in store.attempts()}
    figures.found = len(stored)
    figures.missing = sorted(figures.confirmed - stored)
    figures.seconds = time.perf_counter() - started
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--keep", metavar="DIR", help="use (and keep) this data folder")
    parser.add_argument("--child", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    if args.keep:
        figures = run(args.kills, Path(args.keep), args.seed)
    else:
        with tempfile.TemporaryDirectory() as folder:
            figures = run(args.kills, Path(folder), args.seed)
    print(figures.report())
    return 0 if figures.ok else 1


if __name__ == "__main__":
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    raise SystemExit(main())
