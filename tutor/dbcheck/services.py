"""One entry point for every service `tutor check` covers: which service a check is about,
its settings, and the staged check itself.

    service_for(url, requested, env) -> "mysql" | "postgresql" | "redis"   (or ConfigError)
    resolve_service_settings(service, url, env, home) -> Settings | ConfigError
    run_service_check(settings, timeout=..., on_stage=..., cancel=...) -> CheckResult

The service comes from the URL's scheme; else from `requested` (--service, or the screen's
picker); else from DATABASE_URL's scheme when it is set; else MySQL, as `tutor check-db`.
Each service's module is imported only when a check of that service runs.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from tutor.dbcheck.result import CheckResult, StageResult
from tutor.dbcheck.settings import SERVICES, ConfigError, Settings

SCHEME_SERVICES = {
    "mysql": "mysql",
    "mariadb": "mysql",
    "postgres": "postgresql",
    "postgresql": "postgresql",
    "redis": "redis",
    "rediss": "redis",
}
SERVICE_NAMES = {"mysql": "MySQL", "postgresql": "PostgreSQL", "redis": "Redis"}


def scheme_of(url: str) -> str | None:
    scheme, sep, _ = url.strip().partition("://")
    return scheme.lower() if sep else None


def service_for(
    url: str | None, requested: str | None = None, env: Mapping[str, str] = os.environ
) -> str | ConfigError:
    """Which service to check. A URL's scheme decides, and must agree with `requested`."""
    if requested is not None and requested not in SERVICES:
        return ConfigError("service", f"'{requested}' is not one of {', '.join(SERVICES)}")
    if url:
        scheme = scheme_of(url)
        if scheme is None:
            return ConfigError(
                "URL argument",
                "it has no scheme: start it with mysql://, postgres:// or redis://",
            )
        service = SCHEME_SERVICES.get(scheme)
        if service is None:
            return ConfigError(
                "scheme in URL argument",
                f"'{scheme}://' is not a service tutor checks: use mysql://, mariadb://, "
                "postgres://, postgresql://, redis:// or rediss://",
            )
        if requested is not None and requested != service:
            return ConfigError(
                "URL argument",
                f"a {scheme}:// URL is {SERVICE_NAMES[service]}, but --service says "
                f"{requested}: drop one of them",
            )
        return service
    if requested is not None:
        return requested
    database_url = env.get("DATABASE_URL")
    if database_url:
        service = SCHEME_SERVICES.get(scheme_of(database_url) or "")
        if service is not None:
            return service
    return "mysql"


def _without_foreign_database_url(service: str, env: Mapping[str, str]) -> Mapping[str, str]:
    """DATABASE_URL names one service; the others' settings must not read it."""
    database_url = env.get("DATABASE_URL")
    if not database_url:
        return env
    if SCHEME_SERVICES.get(scheme_of(database_url) or "") in (service, None):
        return env
    return {name: value for name, value in env.items() if name != "DATABASE_URL"}


def resolve_service_settings(
    service: str,
    url: str | None,
    env: Mapping[str, str] = os.environ,
    home: Path | None = None,
) -> Settings | ConfigError:
    home = Path.home() if home is None else home
    env = _without_foreign_database_url(service, env)
    if service == "postgresql":
        from tutor.dbcheck.pg_settings import resolve_pg_settings

        return resolve_pg_settings(url, env=env, home=home)
    if service == "redis":
        from tutor.dbcheck.redis_settings import resolve_redis_settings

        return resolve_redis_settings(url, env=env)
    from tutor.dbcheck.settings import resolve_settings

    return resolve_settings(url, env=env, home=home)


def run_service_check(
    settings: Settings,
    *,
    timeout: float,
    on_stage: Callable[[StageResult], Any] | None = None,
    cancel: threading.Event | None = None,
) -> CheckResult:
    if settings.service == "postgresql":
        from tutor.dbcheck.pg_probe import run_pg_check

        return run_pg_check(settings, timeout=timeout, on_stage=on_stage, cancel=cancel)
    if settings.service == "redis":
        from tutor.dbcheck.redis_probe import run_redis_check

        return run_redis_check(settings, timeout=timeout, on_stage=on_stage, cancel=cancel)
    from tutor.dbcheck.probe import run_check

    return run_check(settings, timeout=timeout, on_stage=on_stage, cancel=cancel)
