"""What every service check of a lab shares: the learner's settings read as `tutor check` reads
them, the `source:` rule, and the staged check of tutor.dbcheck with its own diagnosis.

The `source:` rule: the settings that say where and as whom to connect must all come from the
named source. Those are the host (or the unix socket), the user (not for Redis, where it is
optional), and the password when one is used; a PostgreSQL password from ~/.pgpass is
accepted whatever the source, as libpq reads that file for every app. The port and the
database may come from anywhere. A source is a label as `tutor check` shows it: DATABASE_URL,
REDIS_URL, ~/.my.cnf, or a family of variables written with a star (MYSQL_*, PG*).
"""

from __future__ import annotations

import re

from tutor.dbcheck.result import CheckResult
from tutor.dbcheck.services import SERVICE_NAMES, resolve_service_settings, run_service_check
from tutor.dbcheck.settings import ConfigError, Settings, resolve_settings
from tutor.dbcheck.wire import Budget, Cancelled
from tutor.labs.outcome import CheckOutcome, Context, failed

SOURCE_DEFAULT = "default"
PGPASS = "~/.pgpass"
URL_FORMS = {
    "mysql": "mysql://USER:PASSWORD@HOST:3306/DATABASE",
    "postgresql": "postgres://USER:PASSWORD@HOST:5432/DATABASE",
    "redis": "redis://:PASSWORD@HOST:6379/0",
}
_VARIABLES = {
    "mysql": "`MYSQL_HOST`, `MYSQL_USER` and `MYSQL_PASSWORD`",
    "postgresql": "`PGHOST`, `PGUSER` and `PGPASSWORD`",
    "redis": "`REDIS_URL`",
}
_VARIABLE = re.compile(r"^[A-Z_][A-Z0-9_]*\*?$")
RESTART = (
    " tutor reads its environment when it starts: set the variable in the terminal you start "
    "tutor from, then start it again there."
)


def resolve(kind: str, service: str, ctx: Context) -> Settings | CheckOutcome:
    """The learner's settings for `service`, or a failed outcome naming the setting at fault.

    MySQL's are read as `tutor check-db` reads them; the others as `tutor check` does.
    """
    if service == "mysql":
        found = resolve_settings(None, env=ctx.env, home=ctx.home)
    else:
        found = resolve_service_settings(service, None, ctx.env, ctx.home)
    if isinstance(found, ConfigError):
        words = CheckResult.from_config_error(found, service)
        name = SERVICE_NAMES[service]
        return failed(
            kind, f"reading the {name} settings: {words.message} ({found})", words.hint or ""
        )
    return found


def run_service(settings: Settings, budget: Budget) -> CheckResult:
    """The staged check of tutor.dbcheck within what is left of `budget`; raises Cancelled."""
    result = run_service_check(settings, timeout=budget.remaining(), cancel=budget.cancel)
    if result.cancelled:
        raise Cancelled()
    return result


def check_failure(kind: str, settings: Settings, result: CheckResult) -> CheckOutcome:
    """A failed staged check, in its own words: the category's message and its hint."""
    return failed(
        kind,
        f"checking {settings.display_url()}: {result.message or 'the check failed'}",
        result.hint or "Run `tutor check` to see each stage of the check.",
    )


def from_source(label: str | None, source: str) -> bool:
    """Does the setting's source `label` (as in Settings.sources) belong to `source`?"""
    if label is None:
        return False
    if label == source:
        return True
    if source.endswith("*"):
        return label.startswith(source[:-1]) and label != SOURCE_DEFAULT
    return label.startswith(source + " ")  # "~/.my.cnf" is "~/.my.cnf [client]"


def _needed(settings: Settings) -> list[str]:
    names = ["socket" if settings.service == "mysql" and settings.uses_socket else "host"]
    if settings.service != "redis" or settings.user:
        names.append("user")
    if settings.password and settings.sources.get("password") != PGPASS:
        names.append("password")
    return names


def and_list(words: list[str]) -> str:
    """["a", "b", "c"] -> "a, b and c"."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _said(label: str) -> str:
    return "the defaults" if label == SOURCE_DEFAULT else label


def source_problem(kind: str, settings: Settings, source: str, ctx: Context) -> CheckOutcome | None:
    """A failed outcome when the settings do not all come from `source`, else None."""
    elsewhere: dict[str, list[str]] = {}
    for name in _needed(settings):
        label = settings.sources.get(name, SOURCE_DEFAULT)
        if not from_source(label, source):
            elsewhere.setdefault(_said(label), []).append(f"the {name}")
    if not elsewhere:
        return None
    parts = [f"{and_list(names)} from {label}" for label, names in elsewhere.items()]
    came = parts[0].replace(" from ", " came from ", 1) + "".join(f", {p}" for p in parts[1:])
    if _VARIABLE.match(source) and not source.endswith("*") and not ctx.env.get(source):
        came = f"{source} is not set: {came}"
    else:
        came = came[:1].upper() + came[1:]
    return failed(
        kind,
        f"{came}, not from {source}, where the lab wants them",
        source_fix(settings.service, source),
    )


def source_fix(service: str, source: str) -> str:
    name = SERVICE_NAMES.get(service, service)
    if source.endswith("_URL"):
        return (
            f"Put the whole {name} connection in {source}: "
            f"`export {source}='{URL_FORMS[service]}'` with your own values." + RESTART
        )
    if source.endswith("*"):
        return f"Set {_VARIABLES[service]} with your own values." + RESTART
    if _VARIABLE.match(source):
        return f"Set {source} with your own values." + RESTART
    return f"Put the host, the user and the password in {source}."
