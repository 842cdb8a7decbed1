"""Time from the key press that commits an answer to its feedback on screen, answer stored.

Each run is a fresh process: the app on the course pack, a seeded 30-question quiz driven
with Textual's Pilot at 80x24. The clock starts when Enter is sent and stops at the first
screen update that carries the verdict (App._display, which a real terminal would write);
by then the answer is in the SQLite store (checked afterwards with a second connection).
The baseline is the same quiz with no store, in the same run. Target: <= 50 ms.

Usage: .venv/bin/python bench/answer_feedback.py [--runs 5] [--answers 30]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


async def child(answers: int, seed: int, with_store: bool) -> list[float]:
    from textual.widgets import Static

    from tutor.content.loader import load_pack
    from tutor.content.packs import selected_pack_root
    from tutor.progress import QuizOptions, open_store
    from tutor.ui.app import create_app

    pack = load_pack(selected_pack_root(None))
    store = None
    if with_store:
        store = open_store().store
        store.set_student_name("Bench")
    options = QuizOptions(count=answers, seed=seed)
    items = options.draw(pack)
    app = create_app(pack, store=store, start="quiz", quiz_options=options, collect_when_idle=True)
    shown: list[float] = []
    waiting = {"on": False}
    display = app._display

    def spy(screen, renderable) -> None:
        display(screen, renderable)
        if waiting["on"] and renderable is not None:
            verdicts = screen.query(".qv-verdict")
            if verdicts and str(verdicts.first(Static).render()).strip():
                shown.append(time.perf_counter())
                waiting["on"] = False

    app._display = spy
    timings: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for n, item in enumerate(items):
            question = item.question
            if question.kind == "placement":
                await pilot.press(("internal", "external")[n % 2][0])
            elif question.kind == "choice":
                await pilot.press(*["down"] * (n % len(question.choices)))
            else:
                await pilot.press("space")
            await pilot.pause()
            waiting["on"] = True
            started = time.perf_counter()
            await pilot.press("enter")
            deadline = started + 5
            while waiting["on"] and time.perf_counter() < deadline:
                await asyncio.sleep(0.0005)
            if waiting["on"]:
                raise SystemExit(f"no feedback on screen for answer {n + 1}")
            timings.append((shown[-1] - started) * 1000)
            await pilot.press("enter")  # next question
            await pilot.pause()
    if store is not None:
        with open_store().store as other:
            stored = len(other.attempts())
        if stored != len(items):
            raise SystemExit(f"{stored} answers stored, {len(items)} given")
        store.close()
    return timings


def run_child(answers: int, seed: int, with_store: bool) -> list[float]:
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "TUTOR_DATA_DIR": data}
        args = [sys.executable, __file__, "--child", str(answers), str(seed)]
        args += ["store"] if with_store else ["none"]
        done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300)
        if done.returncode != 0:
            raise SystemExit(f"child failed:\n{done.stderr[-2000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        answers, seed, mode = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
        print(json.dumps(asyncio.run(child(answers, seed, mode == "store"))))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--answers", type=int, default=30)
    args = parser.parse_args()
    stored: list[float] = []
    bare: list[float] = []
    print(f"{args.runs} runs x {args.answers} answers, 80x24, course pack")
    for run in range(args.runs):
        with_store = run_child(args.answers, run, True)
        without = run_child(args.answers, run, False)
        stored += with_store
        bare += without
        print(
            f"run {run + 1}: median {statistics.median(with_store):6.1f} ms stored, "
            f"{statistics.median(without):6.1f} ms without a store"
        )
    median, p95 = statistics.median(stored), percentile(stored, 0.95)
    base = statistics.median(bare)
    print(
        f"stored:      median {median:.1f} ms  p95 {p95:.1f} ms  max {max(stored):.1f} ms"
        f"  (n={len(stored)})"
    )
    print(f"no store:    median {base:.1f} ms  p95 {percentile(bare, 0.95):.1f} ms")
    print(f"ratio (median stored / no store): {median / base:.2f}")
    judged = {"median": median, "p95": p95}
    print(
        "target <= 50 ms: "
        + ", ".join(f"{k} {'OK' if v <= 50 else 'OVER'}" for k, v in judged.items())
    )
    return 0 if median <= 50 else 1


if __name__ == "__main__":
    raise SystemExit(main())
