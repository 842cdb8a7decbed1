"""What verifying a lab found: one CheckOutcome per check, the LabResult, and the Context a check
runs in (the learner's environment, home and working directory, the time bound, the cancel event).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tutor.dbcheck.wire import Budget


@dataclass(frozen=True)
class CheckOutcome:
    """One check's verdict. `ok` is None when the check did not run (an earlier one failed, or
    the lab was cancelled). `detail` is plain text: what the check looked for and what it found.
    `fix` is short Markdown (`code` spans, a fenced block) saying what to do; None when passed
    or not run. Neither ever holds a password or an environment variable's value.
    """

    check: str  # the kind, e.g. "mysql-login"
    ok: bool | None
    detail: str
    fix: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"check": self.check, "ok": self.ok, "detail": self.detail, "fix": self.fix}


@dataclass
class LabResult:
    """The lab passes when every check passed. `checks` has one outcome per check of the lab, in
    order. `cancelled` is true when the cancel event ended the run (then `ok` is false)."""

    lab_id: str
    ok: bool
    checks: list[CheckOutcome] = field(default_factory=list)
    cancelled: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.lab_id, "ok": self.ok, "checks": [c.to_dict() for c in self.checks]}


@dataclass(frozen=True)
class Context:
    """Where the checks look. `timeout` bounds each check on its own."""

    env: Mapping[str, str]
    home: Path
    cwd: Path
    timeout: float
    cancel: threading.Event | None = None

    def budget(self) -> Budget:
        """A fresh time budget for one check, tied to the cancel event."""
        return Budget.start(self.timeout, self.cancel)


def passed(kind: str, detail: str) -> CheckOutcome:
    return CheckOutcome(kind, True, detail, None)


def failed(kind: str, detail: str, fix: str) -> CheckOutcome:
    return CheckOutcome(kind, False, detail, fix)
