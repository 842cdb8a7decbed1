"""A lab verification as the progress store keeps it: passed, or which check failed first."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from tutor.progress.store import LabAttempt, iso

if TYPE_CHECKING:
    from tutor.labs.outcome import LabResult


def lab_attempt(
    scenario_id: str, result: LabResult, *, source: str, at: datetime | None = None
) -> LabAttempt:
    """The record of one finished run of a lab's checks (a cancelled run is not a verdict: the
    callers do not record it)."""
    ran = [outcome for outcome in result.checks if outcome.ok is not None]
    failed = next((outcome.check for outcome in ran if outcome.ok is False), None)
    return LabAttempt(
        scenario_id=scenario_id,
        lab_id=result.lab_id,
        passed=result.ok,
        checks_passed=sum(1 for outcome in ran if outcome.ok),
        checks_total=len(result.checks),
        failed_check=None if result.ok else failed,
        checked_at=iso(at),
        source=source,
    )
