"""What a check found: one StageResult per stage, and the CheckResult with its JSON form."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from tutor.dbcheck.settings import ConfigError, Settings

CATEGORIES = (
    "ok",
    "config",
    "dns",
    "refused",
    "timeout",
    "unreachable",
    "wrong-service",  # something else answers there; `detected` names it
    "not-recognised",  # something answers, but nothing tutor knows
    "tls",
    "auth",
    "host-not-allowed",
    "auth-plugin",
    "no-database",
    "other",
)
STAGE_NAMES = ("dns", "connect", "greeting", "tls", "login", "database", "query")


@dataclass(frozen=True)
class StageResult:
    name: str
    ok: bool
    ms: int
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "ok": self.ok, "ms": self.ms, "detail": self.detail}


@dataclass(frozen=True)
class Advice:
    """Something a check found worth teaching that is not a failure (the check still passes).

    `kind` is a stable id for scripts (e.g. "least-privilege"); `title` is one line of plain
    text; `text` is short Markdown prose (`code`, **bold**, a fenced block) that the CLI and the
    Check MySQL screen render, and that stays readable as it is in JSON.
    """

    kind: str
    title: str
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "title": self.title, "text": self.text}


@dataclass(frozen=True)
class Detected:
    """What answered at the address when it was not the service asked for."""

    service: str  # a stable id: "postgresql", "redis", "http", "ssh", ...
    name: str  # for people: "PostgreSQL", "Redis", "an HTTP server", ...
    suggested_url: str | None = None  # the URL to try instead, for services tutor checks

    def to_dict(self) -> dict[str, Any]:
        return {"service": self.service, "name": self.name, "suggested_url": self.suggested_url}


@dataclass
class CheckResult:
    """The outcome of one check. `to_json()` gives the shape documented in docs/check-db.md."""

    ok: bool
    category: str
    settings: Settings | None
    stages: list[StageResult] = field(default_factory=list)
    placement: str | None = None
    placement_reason: str | None = None
    server_version: str | None = None
    server_hostname: str | None = None
    tls: bool | None = None
    error_code: int | None = None
    message: str | None = None
    hint: str | None = None
    cancelled: bool = False
    total_ms: int = 0
    advice: list[Advice] = field(default_factory=list)
    detected: Detected | None = None
    requested_service: str = "mysql"  # the service asked for, when there are no settings

    @property
    def service(self) -> str:
        return self.settings.service if self.settings is not None else self.requested_service

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"unknown category {self.category!r}")

    @classmethod
    def from_config_error(cls, error: ConfigError, service: str = "mysql") -> CheckResult:
        """Settings that cannot be used, with the fix in the service's own words."""
        if service == "postgresql":
            from tutor.dbcheck.pg_diagnosis import pg_diagnose

            message, hint = pg_diagnose("config", None, str(error))
        elif service == "redis":
            from tutor.dbcheck.redis_words import redis_diagnose

            message, hint = redis_diagnose("config", str(error))
        else:
            from tutor.dbcheck.diagnosis import diagnose

            message, hint = diagnose("config", None, str(error))
        return cls(
            ok=False,
            category="config",
            settings=None,
            message=message,
            hint=hint,
            requested_service=service,
        )

    def target(self) -> dict[str, Any]:
        s = self.settings
        if s is None:
            return {
                "host": None,
                "port": None,
                "socket": None,
                "user": None,
                "database": None,
                "sources": {},
            }
        return {
            "host": s.host,
            "port": s.port,
            "socket": s.socket if s.uses_socket else None,
            "user": s.user,
            "database": s.database,
            "sources": dict(s.sources),
        }

    def to_dict(self) -> dict[str, Any]:
        error = None
        if not self.ok:
            error = {
                "code": self.error_code,
                "message": self.message or "",
                "hint": self.hint or "",
            }
        return {
            "ok": self.ok,
            "service": self.service,
            "category": self.category,
            "detected": self.detected.to_dict() if self.detected else None,
            "placement": self.placement,
            "target": self.target(),
            "server_version": self.server_version,
            "tls": self.tls,
            "stages": [stage.to_dict() for stage in self.stages],
            "error": error,
            "advice": [item.to_dict() for item in self.advice],
        }

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)
