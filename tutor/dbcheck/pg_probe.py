"""The staged PostgreSQL check: dns, connect, greeting, tls, login, database, query; then placement.

`run_pg_check` works as tutor.dbcheck.probe.run_check does for MySQL, and shares its stage
bookkeeping, its dns and TCP connect stages and its time budget: each stage is timed and
handed to `on_stage` as it finishes, the first failure ends the check, the whole check keeps to
`timeout`, and a `cancel` event ends it within about 50 ms.

The greeting speaks the wire protocol itself: a PostgreSQL client opens with an SSLRequest
(8 bytes) and the server answers one byte, 'S' (it offers TLS) or 'N' (it does not). Anything
else is another service, which tutor.dbcheck.detect names when it can; a peer that stays silent
to the SSLRequest and to detect's probes is a timeout.

The driver, pg8000, is imported only at the login stage. In PostgreSQL the database is part of
the login, so a missing database arrives with the login's answer; it is reported at the
database stage, after the login that did succeed.
"""

from __future__ import annotations

import ssl
import struct
import threading
import time
from collections.abc import Callable
from typing import Any

from tutor.dbcheck import detect, wire
from tutor.dbcheck.diagnosis import diagnose_recognition
from tutor.dbcheck.pg_diagnosis import (
    driver_failure,
    parse_error_response,
    pg_diagnose,
    server_error,
)
from tutor.dbcheck.pg_settings import socket_path
from tutor.dbcheck.probe import DEFAULT_TIMEOUT, _Check, _Failed, _quiet_close
from tutor.dbcheck.result import CheckResult, StageResult
from tutor.dbcheck.settings import Settings

SSL_REQUEST = struct.pack("!ii", 8, 80877103)
TLS_REQUIRED = ("require", "verify-ca", "verify-full")
APPLICATION_NAME = "tutor check"


class _PgFailed(_Failed):
    """A failure with PostgreSQL's finer reason (an SQLSTATE, or a name such as "role")."""

    def __init__(self, category: str, detail: str, reason: str | None = None) -> None:
        super().__init__(category, detail)
        self.reason = reason


class _PgCheck(_Check):
    def __init__(
        self,
        settings: Settings,
        budget: wire.Budget,
        on_stage: Callable[[StageResult], Any] | None,
    ) -> None:
        super().__init__(settings, budget, on_stage)
        self.offers_tls = False
        self.database_failure: _PgFailed | None = None

    def _connect(self) -> str:
        if not self.settings.uses_socket:
            return super()._connect()
        path = socket_path(self.settings)
        try:
            self.sock = wire.open_unix(path, self.budget)
        except wire.OutOfTime:
            raise _Failed("timeout", f"no answer from {path} in time") from None
        except (FileNotFoundError, ConnectionRefusedError):
            raise _Failed("refused", f"no server listens on the socket {path}") from None
        except PermissionError:
            raise _Failed("other", f"no permission to open the socket {path}") from None
        except OSError as error:
            raise _Failed("other", f"{path}: {error.strerror or error}") from None
        return f"unix socket {path}"

    def _where(self) -> str:
        s = self.settings
        return socket_path(s) if s.uses_socket else f"{s.host} port {s.port}"

    def _greeting(self) -> str:
        self._wrong_port_first()
        try:
            reply = self._ask_ssl()
        finally:
            self.sock.close()
        if reply in (b"S", b"N"):
            self.greeted = True
            self.offers_tls = reply[:1] == b"S"
            offers = "S: it offers TLS" if self.offers_tls else "N: it has no TLS"
            return f"PostgreSQL answered the SSL request with {offers}"
        if reply[:1] == b"E" and len(reply) > 5:
            fields = parse_error_response(reply[5:])
            if "C" in fields:  # PostgreSQL, refusing before any login
                category, reason, detail = server_error(fields)
                raise _PgFailed(category, detail, reason)
        raise self._not_postgres(reply)

    def _wrong_port_first(self) -> None:
        """A well-known port of another service (6379...) is asked first: the commonest
        mistake then gets its answer at once, not after waiting out half the budget."""
        s = self.settings
        if s.uses_socket:
            return
        early = detect.hinted_service(
            s.host, s.port, self.budget, expected="postgresql", user=s.user, address=self.address
        )
        failed = self._found(early) if early is not None else None
        if failed is not None:
            self.sock.close()
            raise failed

    def _ask_ssl(self) -> bytes:
        """Send the SSLRequest; the answer, b"" when the peer closed. Half the time left is
        given to it; past that, tutor.dbcheck.detect's probes may learn what holds the port."""
        try:
            self.sock.sendall(SSL_REQUEST)
        except OSError:
            return b""
        started = time.monotonic()
        try:
            reply = wire.recv_some(self.sock, self.budget, started + self.budget.remaining() / 2)
        except wire.OutOfTime:
            reply = None
        if reply is None:
            raise self._silent(time.monotonic() - started)
        return reply

    def _silent(self, waited: float) -> _Failed:
        """No answer to the SSLRequest: a PostgreSQL server answers at once. Probe the port
        (over TCP) to name what is there; a peer silent to every probe is a timeout."""
        s = self.settings
        silent = (
            f"something accepts connections at {self._where()} but gave no answer to "
            f"PostgreSQL's opening request in {waited:.1f} s"
        )
        if s.uses_socket:
            return _Failed("timeout", silent)
        finding = detect.examine(
            s.host,
            s.port,
            self.budget,
            expected="postgresql",
            user=s.user,
            address=self.address,
        )
        return self._found(finding) or _Failed(
            "timeout", f"{silent}, nor to probes of other services: {finding.evidence}"
        )

    def _not_postgres(self, reply: bytes) -> _Failed:
        if not reply:
            return _Failed(
                "not-recognised",
                "the connection was closed without an answer to PostgreSQL's opening request",
            )
        s = self.settings
        finding = detect.examine_bytes(reply, s.host, s.port, s.user)
        return self._found(finding) or _Failed("not-recognised", finding.evidence)

    def _found(self, finding: detect.Finding) -> _Failed | None:
        found = finding.detected
        if found is None or found.service == "postgresql":
            return None
        self.result.detected = found
        message = detect.wrong_service_message(found, "postgresql", self.settings.port)
        return _Failed("wrong-service", f"{message} ({finding.evidence})")

    def _tls(self) -> str:
        mode = self.settings.ssl_mode or "prefer"
        if mode in TLS_REQUIRED:
            if not self.offers_tls:
                raise _PgFailed(
                    "tls",
                    f"sslmode={mode} requires TLS, but the server answered 'N' (its ssl is off)",
                    "tls-refused",
                )
            return f"sslmode={mode}: the server offers TLS"
        offered = "offers TLS" if self.offers_tls else "has no TLS"
        return f"not required (sslmode={mode}); the server {offered}"

    def _login(self) -> str:
        settings, address = self.settings, self.address
        context = _ssl_context(settings, self.offers_tls)
        timeout = max(0.1, self.budget.remaining())
        abandoned = threading.Event()

        def connect() -> Any:
            conn = _connect_driver(settings, address, timeout, context)
            if abandoned.is_set():
                _quiet_close(conn)
            return conn

        try:
            self.conn = wire.call_bounded(connect, self.budget)
        except wire.OutOfTime:
            abandoned.set()
            raise _Failed(
                "timeout", "the server answered but the login did not finish in time"
            ) from None
        except wire.Cancelled:
            abandoned.set()
            raise
        except Exception as error:
            failure = _from_driver(error, settings.password)
            if failure.category != "no-database":
                raise failure from None
            # PostgreSQL looks for the database only after it has accepted the login.
            self.database_failure = failure
            return f"the server accepted {settings.user}, then looked for the database"
        self.result.tls = context is not False
        encrypted = "encrypted (TLS)" if self.result.tls else "not encrypted"
        return f"logged in as {settings.user}; session {encrypted}"

    def _database(self) -> str:
        if self.database_failure is not None:
            raise self.database_failure
        (name,) = self._bounded_run("SELECT current_database()")[0]
        return f"opened {name}"

    def _query(self) -> str:
        one, version = self._bounded_run("SELECT 1, current_setting('server_version')")[0]
        self.result.server_version = str(version)
        return f"SELECT 1 returned {one}; server_version = {version}"

    def _bounded_run(self, sql: str) -> list[list[Any]]:
        conn = self.conn
        try:
            rows: list[list[Any]] = wire.call_bounded(lambda: conn.run(sql), self.budget)
        except wire.OutOfTime:
            raise _Failed("timeout", f"{sql} did not finish in time") from None
        except wire.Cancelled:
            raise
        except Exception as error:
            raise _from_driver(error, self.settings.password) from None
        return rows

    def _explain(self, failure: _Failed) -> tuple[str, str]:
        if failure.category in ("wrong-service", "not-recognised"):
            return diagnose_recognition(
                failure.category,
                expected="postgresql",
                port=self.settings.port,
                detected=self.result.detected,
                detail=failure.detail,
            )
        reason = failure.reason if isinstance(failure, _PgFailed) else None
        return pg_diagnose(failure.category, reason, failure.detail)


def _from_driver(error: BaseException, password: str | None) -> _PgFailed:
    category, reason, detail = driver_failure(error, password)
    return _PgFailed(category, detail, reason)


def _ssl_context(settings: Settings, offers_tls: bool) -> ssl.SSLContext | bool:
    """What pg8000 gets: False for a plain session, else the context libpq's sslmode implies."""
    mode = settings.ssl_mode or "prefer"
    if mode in ("disable", "allow") or (mode == "prefer" and not offers_tls):
        return False  # allow: libpq, too, tries without TLS first
    if mode in ("prefer", "require") and not settings.ssl_ca:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # libpq's prefer and require encrypt, not verify
        return context
    # verify-ca and verify-full; and require with a root certificate, which libpq verifies.
    context = ssl.create_default_context(cafile=settings.ssl_ca or None)
    context.check_hostname = mode == "verify-full"
    return context


def _connect_driver(
    settings: Settings, address: str | None, timeout: float, context: ssl.SSLContext | bool
) -> Any:
    import pg8000.native  # type: ignore[import-untyped]  # lazily: only the login needs it

    kwargs: dict[str, Any] = {
        "user": settings.user,
        "database": settings.database,
        "password": settings.password,
        "timeout": timeout,
        "ssl_context": context,
        "application_name": APPLICATION_NAME,
    }
    if settings.uses_socket:
        kwargs["unix_sock"] = socket_path(settings)
    else:
        verify_name = settings.ssl_mode == "verify-full"
        kwargs["host"] = settings.host if verify_name or address is None else address
        kwargs["port"] = settings.port
    return pg8000.native.Connection(**kwargs)


def run_pg_check(
    settings: Settings,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    on_stage: Callable[[StageResult], Any] | None = None,
    cancel: threading.Event | None = None,
) -> CheckResult:
    """Check the PostgreSQL server described by `settings` stage by stage, within `timeout`
    seconds in all. `on_stage(StageResult)` is called (in the calling thread) as each stage
    finishes; setting `cancel` from another thread ends the check promptly with
    `result.cancelled` true."""
    return _PgCheck(settings, wire.Budget.start(timeout, cancel), on_stage).run()
