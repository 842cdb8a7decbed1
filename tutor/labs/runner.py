"""verify_lab: run a lab's checks in order, live, and say what each found.

The checks run one after another in the calling thread; `on_check(outcome)` is called there
once per check of the lab, in order, as soon as its outcome is known, so a screen can tick
them one by one. The first failure stops the run: the checks after it are reported (to
`on_check` as well) with `ok=None`, as not run, since they mostly depend on the earlier ones
(no login, no grants to read). The same goes when the cancel event is set: it is looked at
before each check and inside each wait of a service check; the check it interrupts and those
after it are reported as not run, and the result says `cancelled`.

`timeout` bounds each check on its own (a lab of four checks may take up to four times it).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from tutor.content.lab_spec import Lab, LabCheck
from tutor.dbcheck.wire import Cancelled
from tutor.labs.checks import CHECKS
from tutor.labs.outcome import CheckOutcome, Context, LabResult, failed

DEFAULT_TIMEOUT = 5.0
NOT_RUN_AFTER_FAILURE = "not run: an earlier check failed"
NOT_RUN_CANCELLED = "not run: the check was cancelled"


def verify_lab(
    lab: Lab,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    env: Mapping[str, str] = os.environ,
    home: Path | None = None,
    cwd: Path | None = None,
    on_check: Callable[[CheckOutcome], Any] | None = None,
    cancel: threading.Event | None = None,
) -> LabResult:
    """Verify `lab` live on this machine; `home` and `cwd` default to the user's home and the
    current directory, read when called."""
    ctx = Context(
        env=env,
        home=Path.home() if home is None else home,
        cwd=Path.cwd() if cwd is None else cwd,
        timeout=timeout,
        cancel=cancel,
    )
    result = LabResult(lab_id=lab.id, ok=False)
    stopped: str | None = None
    for check in lab.checks:
        if stopped is None and cancel is not None and cancel.is_set():
            stopped, result.cancelled = NOT_RUN_CANCELLED, True
        if stopped is not None:
            outcome = CheckOutcome(check.kind, None, stopped)
        else:
            try:
                outcome = run_check(check, ctx)
            except Cancelled:
                stopped, result.cancelled = NOT_RUN_CANCELLED, True
                outcome = CheckOutcome(check.kind, None, NOT_RUN_CANCELLED)
            else:
                if not outcome.ok:
                    stopped = NOT_RUN_AFTER_FAILURE
        result.checks.append(outcome)
        if on_check is not None:
            on_check(outcome)
    result.ok = bool(result.checks) and all(o.ok is True for o in result.checks)
    return result


def run_check(check: LabCheck, ctx: Context) -> CheckOutcome:
    """One check on its own; raises tutor.dbcheck.wire.Cancelled when cancelled."""
    function = CHECKS.get(check.kind)
    if function is None:
        return failed(
            check.kind,
            f"tutor has no check called {check.kind!r}",
            "The lab was written for another version of tutor: update tutor, or tell the "
            "lab's author.",
        )
    return function(check.params, ctx)
