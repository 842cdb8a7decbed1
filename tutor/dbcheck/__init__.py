"""Check a live MySQL connection stage by stage and explain what was found (never imports textual).

Public API (the Check MySQL screen and `tutor check-db` both use it):

    resolve_settings(url, env=os.environ, home=Path.home()) -> Settings | ConfigError
    run_check(settings, *, timeout=5.0, on_stage=None, cancel=None) -> CheckResult
    CheckResult.from_config_error(error) -> CheckResult
    CheckResult.advice: list[Advice]   (what a check teaches beyond pass/fail; tutor.dbcheck.advice)

mysql.connector is imported only while a check runs.
"""

from tutor.dbcheck.diagnosis import PLACEMENT_WORDS, diagnose
from tutor.dbcheck.probe import DEFAULT_TIMEOUT, run_check
from tutor.dbcheck.result import CATEGORIES, STAGE_NAMES, Advice, CheckResult, StageResult
from tutor.dbcheck.settings import ConfigError, Settings, resolve_settings

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
