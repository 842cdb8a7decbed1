"""When the garbage collector may pause the app: while the learner reads, not after a key.

What we measured (bench/page_open.py's walk through the course pack at 80x24, counted with
`gc.callbacks`): every page turn and answer leaves the previous view's widgets behind as
cyclic garbage (Textual's DOM links parents and children both ways), 20,000 to 35,000
objects a time. CPython frees cycles only in full collections; they came every few page
turns, took 90 to 400 ms each, and landed on whichever key the learner pressed next.

So, in the real app (and the benches), not in tests:
- what start-up built is frozen once the first screen is up (never scanned again);
- automatic full collections are held back, and one runs instead when input has paused for
  `IDLE_SECONDS`, while the learner reads what they asked for; a key that arrives during it
  waits, which is rarer than every fifth key;
- a learner who never pauses still gets automatic full collections, `FULL_VALVE` times rarer
  than CPython's default, so memory stays bounded.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import Protocol

IDLE_SECONDS = 0.4
# CPython runs a full collection after 10 younger ones by default; this holds it back.
FULL_VALVE = 100


class _Timer(Protocol):
    def stop(self) -> None: ...


class IdleCollector:
    """Runs full collections when input pauses. `schedule(delay, callback)` is the app's
    `set_timer`; `input_seen()` is called on every key and mouse event."""

    def __init__(self, schedule: Callable[[float, Callable[[], None]], _Timer]) -> None:
        self._schedule = schedule
        self._timer: _Timer | None = None
        self._thresholds: tuple[int, int, int] | None = None
        self.pauses_ms: list[float] = []  # what each collection took, for the benches

    @property
    def active(self) -> bool:
        return self._thresholds is not None

    def start(self) -> None:
        """Freeze what exists now and hold back automatic full collections."""
        if self.active:
            return
        gc.collect()
        gc.freeze()
        self._thresholds = gc.get_threshold()
        young, middle, _ = self._thresholds
        gc.set_threshold(young, middle, FULL_VALVE)

    def stop(self) -> None:
        """Put CPython's thresholds back (the app is closing)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None

    def input_seen(self) -> None:
        """The learner pressed a key or used the mouse: collect once they pause."""
        if not self.active:
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self._schedule(IDLE_SECONDS, self._on_idle)

    def _on_idle(self) -> None:
        self._timer = None
        self.collect()

    def collect(self) -> float:
        """A full collection now, if anything reached the oldest generation since the last
        one; its duration in milliseconds (0 when there was nothing to do)."""
        if gc.get_count()[2] == 0:
            return 0.0
        started = time.perf_counter()
        gc.collect()
        pause = (time.perf_counter() - started) * 1000
        self.pauses_ms.append(pause)
        return pause
