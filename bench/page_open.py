"""How long opening a lesson page or a scenario step takes, in-process.

For every page of every lesson and every step of every scenario (of the built-in pack and of
tests/data/ui-pack): the time from the action (open the screen, next page, Enter) until it
has been processed and the screen has refreshed. Between two actions the bench lets the app do
what it does while a learner reads (tutor/ui/garbage.py: a full garbage collection), and
reports those pauses apart. The first pass is "cold" (imports, CSS of
new widgets); the median over RUNS later passes is "warm". Targets: every page or step within
150 ms at its worst, cold included, and a warm median of at most 1.5x the minimal screen push.

    .venv/bin/python bench/page_open.py [RUNS]
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 150
TARGET_MEDIAN_RATIO = 1.5


async def refreshed(app) -> None:
    done = asyncio.Event()
    app.screen.call_after_refresh(done.set)
    await done.wait()


async def answered(screen) -> None:
    """Enter on a question (the QuestionView's): the answer travels to the screen as a
    message, is stored, and comes back as the verdict; wait until its feedback is up."""
    from tutor.ui.walkthrough_state import Phase

    screen.query_one("QuestionView").action_commit()
    while screen.walkthrough.phase is Phase.QUESTION:
        await asyncio.sleep(0.001)


async def measure(pack_root: Path, runs: int) -> dict[str, list[float]]:
    from tutor.content.loader import load_pack
    from tutor.ui.app import create_app
    from tutor.ui.screens.lesson_reader import LessonReaderScreen
    from tutor.ui.screens.walkthrough import WalkthroughScreen

    pack = load_pack(pack_root)
    timings: dict[str, list[float]] = {}
    reading: list[float] = []
    timings["__reading"] = reading

    async def timed(label: str, app, action: Callable[[], Awaitable[object]]) -> None:
        started = time.perf_counter()
        await action()
        await refreshed(app)
        timings.setdefault(label, []).append((time.perf_counter() - started) * 1000)
        # The learner now reads what they asked for: the app's idle collection runs here, as
        # it would after IDLE_SECONDS without input. Timed apart, as "reading".
        reading.append(app.garbage.collect())

    from textual.screen import Screen
    from textual.widgets import Footer, Header, Static

    class Minimal(Screen):
        """The baseline: a minimal screen (Header, Static, Footer), pushed the same way."""

        def compose(self):
            yield Header()
            yield Static("Hello")
            yield Footer()

    for _ in range(runs + 1):
        app = create_app(pack, collect_when_idle=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await timed("baseline minimal screen", app, partial(app.push_screen, Minimal()))
            await app.pop_screen()
            for lesson in pack.lessons:
                label = f"lesson {lesson.id} page"
                await timed(f"{label} 1", app, partial(app.push_screen, LessonReaderScreen(lesson)))
                for page in range(1, len(lesson.pages)):
                    await timed(f"{label} {page + 1}", app, partial(app.screen.action_page, 1))
                await app.pop_screen()
            for scenario in pack.scenarios:
                label = f"scenario {scenario.id}"
                await timed(
                    f"{label} summary", app, partial(app.push_screen, WalkthroughScreen(scenario))
                )
                screen = app.screen
                for n, step in enumerate(scenario.steps, 1):
                    await timed(f"{label} step {n}", app, screen.action_advance)
                    if hasattr(step, "question"):
                        view = screen.query_one("QuestionView")
                        if step.question.kind == "placement":
                            view.action_preview("internal")
                        else:
                            view.state.choose(0)
                        await timed(f"{label} step {n} feedback", app, partial(answered, screen))
                await app.pop_screen()
    return timings


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    sys.path.insert(0, str(ROOT))
    from tutor.content.packs import builtin_pack_root

    worst, worst_label, worst_ratio = 0.0, "", 0.0
    # The targets hold for the built-in pack, the one learners read; the test pack (three tiny
    # lesson pages, two of them a whole screen's push) is shown for comparison only.
    for root in (builtin_pack_root(), ROOT / "tests" / "data" / "ui-pack"):
        counted = root == builtin_pack_root()
        timings = asyncio.run(measure(root, runs))
        print(f"{root.name}: 80x24, cold = first pass, warm = median of the {runs} later passes")
        reading = [pause for pause in timings.pop("__reading") if pause]
        if reading:
            print(
                f"  while reading: {len(reading)} full collections, median "
                f"{statistics.median(reading):.0f} ms, worst {max(reading):.0f} ms"
            )
        base = timings["baseline minimal screen"]
        base_ms = statistics.median(base[1:])
        print(f"  baseline: pushing a minimal screen, warm median {base_ms:4.0f} ms")
        for kind in ("lesson", "scenario"):
            mine = {k: v for k, v in timings.items() if k.startswith(kind)}
            if not mine:
                continue
            cold = {k: v[0] for k, v in mine.items()}
            warm = {k: statistics.median(v[1:]) for k, v in mine.items()}
            median = statistics.median(warm.values())
            print(
                f"  {kind:8} {len(warm):3} pages/steps  warm median {median:4.0f} ms "
                f"({median / base_ms:.2f}x), worst {max(warm.values()):4.0f} ms;  "
                f"cold worst {max(cold.values()):4.0f} ms"
            )
            if not counted:
                continue
            worst_ratio = max(worst_ratio, median / base_ms)
            for label, ms in (*warm.items(), *cold.items()):
                if ms > worst:
                    worst, worst_label = ms, label
    print(f"built-in pack: worst {worst:.0f} ms, {worst_label} (target <= {TARGET_MS} ms)")
    print(
        f"warm median at most {worst_ratio:.2f}x the minimal push (target <= {TARGET_MEDIAN_RATIO})"
    )
    return 0 if worst <= TARGET_MS and worst_ratio <= TARGET_MEDIAN_RATIO else 1


if __name__ == "__main__":
    raise SystemExit(main())
