"""Check a live MySQL connection stage by stage and explain what was found (never imports textual).

Public API (the Check MySQL screen and `tutor check-db` both use it):

    resolve_settings(url, env=os.environ, home=Path.home()) -> Settings | ConfigError
    run_check(settings, *, timeout=5.0, on_stage=None, cancel=None) -> CheckResult
    CheckResult.from_config_error(error) -> CheckResult
    CheckResult.advice: list[Advice]   (what a check teaches beyond pass/fail; tutor.dbcheck.advice)

mysql.connector is imported only while a check runs. The names below are imported when first
asked for (PEP 562): class mode and the labs use `tutor.dbcheck.settings` alone, and should not
pay for the probe and the diagnosis (about 40 ms) to parse a URL.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tutor.dbcheck.diagnosis import PLACEMENT_WORDS, diagnose
    from tutor.dbcheck.probe import DEFAULT_TIMEOUT, run_check
    from tutor.dbcheck.result import CATEGORIES, STAGE_NAMES, Advice, CheckResult, StageResult
    from tutor.dbcheck.settings import ConfigError, Settings, resolve_settings

_HOMES = {
    "PLACEMENT_WORDS": "diagnosis",
    "diagnose": "diagnosis",
    "DEFAULT_TIMEOUT": "probe",
    "run_check": "probe",
    "CATEGORIES": "result",
    "STAGE_NAMES": "result",
    "Advice": "result",
    "CheckResult": "result",
    "StageResult": "result",
    "ConfigError": "settings",
    "Settings": "settings",
    "resolve_settings": "settings",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'tutor.dbcheck' has no attribute {name!r}")
    return getattr(importlib.import_module(f"tutor.dbcheck.{home}"), name)


__all__ = [
    "Advice",
    "CATEGORIES",
    "DEFAULT_TIMEOUT",
    "PLACEMENT_WORDS",
    "STAGE_NAMES",
    "CheckResult",
    "ConfigError",
    "Settings",
    "StageResult",
    "diagnose",
    "resolve_settings",
    "run_check",
]
