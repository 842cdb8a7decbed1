"""Waiting in tests: for a condition, never for a fixed time, and never timing anything.

A test waits until what it needs has happened. The deadline only guards against a hang, so it
is generous; reaching it fails with what was awaited. How long things take is measured by the
scripts in bench/, never asserted here.

Not a test module (no test_ prefix); test modules import it by name.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

HANG_GUARD = 30.0  # seconds: far beyond any normal wait, only there so a hang ends the test
POLL = 0.02  # seconds between two looks at the condition


def _hung(predicate: Callable[[], object], what: str | None, timeout: float) -> AssertionError:
    awaited = what or getattr(predicate, "__name__", repr(predicate))
    return AssertionError(f"hung: still waiting for {awaited} after {timeout} s")


def wait_until(
    predicate: Callable[[], object], *, timeout: float = HANG_GUARD, what: str | None = None
) -> None:
    """Poll `predicate` from a plain (non-async) test until it is true."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise _hung(predicate, what, timeout)
        time.sleep(POLL)


async def pilot_wait_until(
    pilot: Any,
    predicate: Callable[[], object],
    *,
    timeout: float = HANG_GUARD,
    what: str | None = None,
) -> None:
    """Poll `predicate` in a Textual pilot test, letting the app run between two looks."""

    async def poll() -> None:
        while not predicate():
            await pilot.pause(POLL)

    try:
        await asyncio.wait_for(poll(), timeout)
    except TimeoutError:
        raise _hung(predicate, what, timeout) from None
