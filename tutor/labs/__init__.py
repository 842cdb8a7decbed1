"""Labs, verified live: run the checks of a `lab:` step (tutor.content.lab_spec) on the
learner's machine and say, check by check, what was found and what to do (never imports
textual, tutor.ui or tutor.commands).

Public API:

    verify_lab(lab, *, timeout=5.0, env=os.environ, home=None, cwd=None,
               on_check=None, cancel=None) -> LabResult
    LabResult(lab_id, ok, checks, cancelled).to_dict() -> {"id", "ok", "checks": [...]}
    CheckOutcome(check, ok, detail, fix).to_dict() -> {"check", "ok", "detail", "fix"}
        ok is None for a check that did not run (after a failure, or cancelled)
    CHECKS: kind -> the function that runs it, one per kind of lab_spec.CHECK_KINDS

Every check only reads. Drivers are imported only while a check runs.
"""

from tutor.labs.checks import CHECKS
from tutor.labs.outcome import CheckOutcome, LabResult
from tutor.labs.runner import (
    DEFAULT_TIMEOUT,
    NOT_RUN_AFTER_FAILURE,
    NOT_RUN_CANCELLED,
    run_check,
    verify_lab,
)

__all__ = [
    "CHECKS",
    "DEFAULT_TIMEOUT",
    "NOT_RUN_AFTER_FAILURE",
    "NOT_RUN_CANCELLED",
    "CheckOutcome",
    "LabResult",
    "run_check",
    "verify_lab",
]
