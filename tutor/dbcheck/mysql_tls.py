"""MySQL's ssl-mode as mysql.connector's arguments: one mapping for `tutor check-db`, the labs
and class mode, so that a URL's ssl-mode means the same thing everywhere."""

from __future__ import annotations

from typing import Any

from tutor.dbcheck.settings import TLS_REQUIRED, Settings


def tls_kwargs(settings: Settings) -> dict[str, Any]:
    """DISABLED turns TLS off; REQUIRED and stricter turn it on, with the CA and the checks
    they name; no ssl-mode leaves the driver's default (TLS when the server offers it)."""
    mode = settings.ssl_mode
    if mode == "DISABLED":
        return {"ssl_disabled": True}
    if mode not in TLS_REQUIRED:
        return {}
    kwargs: dict[str, Any] = {"ssl_disabled": False}
    if settings.ssl_ca:
        kwargs["ssl_ca"] = settings.ssl_ca
    if mode in ("VERIFY_CA", "VERIFY_IDENTITY"):
        kwargs["ssl_verify_cert"] = True
    if mode == "VERIFY_IDENTITY":
        kwargs["ssl_verify_identity"] = True
    return kwargs
