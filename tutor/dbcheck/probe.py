"""The staged check: dns, connect, greeting, tls, login, database, query; then the placement.

`run_check` is the public entry point. Each stage is timed and handed to `on_stage` as soon as it
finishes; the first failure ends the check. The whole check shares one budget (`timeout`), and
a `cancel` event set from another thread ends it within about 50 ms with a cancelled result.
mysql.connector is imported only when a check reaches the login stage, which also reads the
account's grants (read only) for advice such as least privilege.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from tutor.dbcheck import detect, wire
from tutor.dbcheck.advice import least_privilege
from tutor.dbcheck.diagnosis import category_for_code, diagnose, diagnose_recognition
from tutor.dbcheck.placement import classify
from tutor.dbcheck.result import CheckResult, Detected, StageResult
from tutor.dbcheck.settings import TLS_REQUIRED, Settings

DEFAULT_TIMEOUT = 5.0
_UNREACHABLE = {errno.ENETUNREACH, errno.EHOSTUNREACH, errno.EADDRNOTAVAIL, errno.ENETDOWN}
_AUTH_PLUGIN_CODE = 2059  # what the C client reports; the pure-Python driver gives no number
_WHO_SQL = "SELECT CURRENT_USER(), USER()"  # the account matched, and this client as seen


class _Failed(Exception):
    def __init__(
        self, category: str, detail: str, code: int | None = None, detected: Detected | None = None
    ) -> None:
        super().__init__(detail)
        self.category, self.detail, self.code = category, detail, code
        self.detected = detected


class _Check:
    def __init__(
        self,
        settings: Settings,
        budget: wire.Budget,
        on_stage: Callable[[StageResult], Any] | None,
    ) -> None:
        self.settings = settings
        self.budget = budget
        self.on_stage = on_stage
        self.result = CheckResult(ok=False, category="other", settings=settings)
        self.address: str | None = None
        self.greeted = False
        self.conn: Any = None

    # -- bookkeeping ---------------------------------------------------------------------------
    def _report(self, name: str, ok: bool, started: float, detail: str) -> None:
        ms = int(round((time.monotonic() - started) * 1000))
        stage = StageResult(name=name, ok=ok, ms=ms, detail=detail)
        self.result.stages.append(stage)
        if self.on_stage is not None:
            self.on_stage(stage)

    def _stage(self, name: str, action: Callable[[], str]) -> None:
        started = time.monotonic()
        try:
            self.budget.check()
            detail = action()
        except wire.OutOfTime:
            failure = _Failed("timeout", "the time allowed ran out")
            self._report(name, False, started, failure.detail)
            raise failure from None
        except _Failed as failure:
            self._report(name, False, started, failure.detail)
            raise
        except wire.Cancelled:
            self._report(name, False, started, "cancelled")
            raise
        self._report(name, True, started, detail)

    # -- stages ----------------------------------------------------------------------------------
    def _dns(self) -> str:
        s = self.settings
        try:
            self.infos = wire.resolve(s.host, s.port, self.budget)
        except socket.gaierror as error:
            raise _Failed("dns", f"{s.host!r}: {error.strerror or error}") from None
        except UnicodeError:
            raise _Failed("dns", f"{s.host!r} is not a valid host name") from None
        except wire.OutOfTime:
            raise _Failed("dns", f"no answer from the name server for {s.host!r} in time") from None
        addresses = list(dict.fromkeys(info[4][0] for info in self.infos))
        return f"{s.host} -> {', '.join(addresses[:3])}"

    def _connect(self) -> str:
        s = self.settings
        try:
            if s.uses_socket:
                self.sock = wire.open_unix(s.socket or "", self.budget)
                return f"unix socket {s.socket}"
            self.sock, self.address = wire.open_tcp(self.infos, self.budget)
            return f"TCP {self.address} port {s.port}"
        except wire.OutOfTime:
            where = s.socket if s.uses_socket else f"{s.host}:{s.port}"
            raise _Failed("timeout", f"no answer from {where} in time") from None
        except FileNotFoundError:
            raise _Failed("refused", f"no socket file at {s.socket}") from None
        except ConnectionRefusedError:
            where = f"unix socket {s.socket}" if s.uses_socket else f"{s.host} port {s.port}"
            raise _Failed("refused", f"connection refused by {where}") from None
        except PermissionError:
            raise _Failed("other", f"no permission to open the socket {s.socket}") from None
        except OSError as error:
            text = error.strerror or str(error)
            if error.errno == errno.ECONNREFUSED:
                raise _Failed("refused", text) from None
            if error.errno == errno.ETIMEDOUT:
                raise _Failed("timeout", text) from None
            if error.errno in _UNREACHABLE:
                raise _Failed("unreachable", f"{s.host}: {text}") from None
            if error.errno == errno.ENOENT:
                raise _Failed("refused", f"no socket file at {s.socket}") from None
            raise _Failed("other", text) from None

    def _greeting(self) -> str:
        self._wrong_port_first()
        try:
            greeting = wire.read_greeting(self.sock, self.budget)
        except wire.NotMySQL as error:
            self.sock.close()
            raise self._not_mysql(error) from None
        except wire.ServerRefused as error:
            raise _Failed(category_for_code(error.code), error.message, error.code) from None
        finally:
            self.sock.close()
        self.greeted = True
        self.greeting = greeting
        offers = "offers TLS" if greeting.offers_tls else "no TLS"
        return f"protocol 10, server {greeting.version}, {offers}"

    def _wrong_port_first(self) -> None:
        """A well-known port of another service (5432, 6379...) is asked first: the commonest
        mistake then gets its answer at once, not after waiting out half the budget."""
        s = self.settings
        if s.uses_socket:
            return
        early = detect.hinted_service(
            s.host, s.port, self.budget, expected="mysql", user=s.user, address=self.address
        )
        if early is None or early.detected is None:
            return
        self.sock.close()
        message = detect.wrong_service_message(early.detected, "mysql", s.port)
        raise _Failed("wrong-service", f"{message} ({early.evidence})", detected=early.detected)

    def _not_mysql(self, error: wire.NotMySQL) -> _Failed:
        """Name what answers instead (detect.py): wrong-service, or not-recognised."""
        s = self.settings
        if s.uses_socket and not error.data:
            return _Failed("not-recognised", str(error))  # probes need a TCP port
        if s.uses_socket:  # no URL to suggest: it would name a TCP port not tried
            finding = detect.examine_bytes(error.data, s.host, s.port, s.user)
            if finding.detected is not None:
                finding = replace(finding, detected=replace(finding.detected, suggested_url=None))
        else:
            finding = detect.examine(
                s.host,
                s.port,
                self.budget,
                expected="mysql",
                already_read=error.data,
                user=s.user,
                address=self.address,
            )
        found = finding.detected
        if found is not None and found.service != "mysql":
            message = detect.wrong_service_message(
                found, "mysql", s.port, socket=s.socket if s.uses_socket else None
            )
            return _Failed("wrong-service", f"{message} ({finding.evidence})", detected=found)
        if error.data or found is not None:
            return _Failed("not-recognised", str(error))
        return _Failed("not-recognised", f"{error}; probed as other services: {finding.evidence}")

    def _tls(self) -> str:
        mode = self.settings.ssl_mode or "PREFERRED"
        if self.settings.ssl_mode in TLS_REQUIRED:
            if not self.greeting.offers_tls:
                raise _Failed(
                    "tls",
                    f"ssl-mode {mode} requires TLS, but the server's greeting does not offer it",
                )
            return f"ssl-mode {mode}: the server offers TLS"
        offered = "offers TLS" if self.greeting.offers_tls else "has no TLS"
        return f"not required (ssl-mode {mode}); the server {offered}"

    def _login(self) -> str:
        abandoned = threading.Event()
        settings, address = self.settings, self.address
        timeout = max(0.1, self.budget.remaining())

        def connect() -> Any:
            conn = _connect_driver(settings, address, timeout)
            if abandoned.is_set():
                _quiet_close(conn)
            return conn

        try:
            self.conn = wire.call_bounded(connect, self.budget)
        except wire.OutOfTime:
            abandoned.set()
            raise _Failed(
                "timeout", "the server greeted but the login did not finish in time"
            ) from None
        except wire.Cancelled:
            abandoned.set()
            raise
        except Exception as error:
            raise _driver_failure(error) from None
        cipher = self._bounded_query("SHOW STATUS LIKE 'Ssl_cipher'")
        self.result.tls = bool(cipher and cipher[0][1])
        encrypted = f"encrypted ({cipher[0][1]})" if self.result.tls else "not encrypted"
        if settings.ssl_mode in TLS_REQUIRED and not self.result.tls:
            raise _Failed("tls", f"logged in, but the session is {encrypted}")
        self._account_advice()
        return f"logged in as {settings.user}; session {encrypted}"

    def _account_advice(self) -> None:
        """Read only, and best effort: what the account may do is advice, never a failure."""
        try:
            account, seen_as = (_text(v) for v in self._bounded_query(_WHO_SQL)[0])
            grants = [_text(row[0]) for row in self._bounded_query("SHOW GRANTS")]
        except (_Failed, IndexError, ValueError):
            return
        advice = least_privilege(
            account=account,
            client=seen_as.rpartition("@")[2],
            grants=grants,
            database=self.settings.database,
            password_given=bool(self.settings.password),
            via_socket=self.settings.uses_socket,
        )
        if advice is not None:
            self.result.advice.append(advice)

    def _database(self) -> str:
        database = self.settings.database
        if not database:
            return "no database given; none opened"
        try:
            wire.call_bounded(lambda: self.conn.cmd_init_db(database), self.budget)
        except wire.OutOfTime:
            raise _Failed("timeout", f"opening {database!r} did not finish in time") from None
        except wire.Cancelled:
            raise
        except Exception as error:
            raise _driver_failure(error) from None
        return f"opened {database}"

    def _query(self) -> str:
        rows = self._bounded_query("SELECT VERSION(), @@hostname")
        version, hostname = (str(v) for v in rows[0])
        self.result.server_version, self.result.server_hostname = version, hostname
        return f"VERSION() = {version}, @@hostname = {hostname}"

    def _bounded_query(self, sql: str) -> list[tuple[Any, ...]]:
        def query() -> list[tuple[Any, ...]]:
            cursor = self.conn.cursor()
            try:
                cursor.execute(sql)
                return list(cursor.fetchall())
            finally:
                cursor.close()

        try:
            return wire.call_bounded(query, self.budget)
        except wire.OutOfTime:
            raise _Failed("timeout", f"{sql} did not finish in time") from None
        except wire.Cancelled:
            raise
        except Exception as error:
            raise _driver_failure(error) from None

    # -- the whole check -------------------------------------------------------------------------
    # The pipeline below is every service's (pg_probe and redis_probe subclass this check): a
    # service changes the order of its handshake stages and how a failure is explained.
    def _handshake(self) -> list[tuple[str, Callable[[], str]]]:
        """The stages between connect and login, in the order the service speaks them."""
        return [("greeting", self._greeting), ("tls", self._tls)]

    def _explain(self, failure: _Failed) -> tuple[str, str]:
        """(message, hint) for a failure; MySQL's also keeps its error code and finding."""
        result = self.result
        result.error_code, result.detected = failure.code, failure.detected
        if failure.category in ("wrong-service", "not-recognised"):
            return diagnose_recognition(
                failure.category,
                expected="mysql",
                port=self.settings.port,
                detected=failure.detected,
                detail=failure.detail,
                socket=self.settings.socket if self.settings.uses_socket else None,
            )
        return diagnose(failure.category, failure.code, failure.detail)

    def run(self) -> CheckResult:
        started = time.monotonic()
        result = self.result
        try:
            if not self.settings.uses_socket:
                self._stage("dns", self._dns)
            self._stage("connect", self._connect)
            for name, action in self._handshake():
                self._stage(name, action)
            self._stage("login", self._login)
            self._stage("database", self._database)
            self._stage("query", self._query)
            result.ok, result.category = True, "ok"
        except _Failed as failure:
            result.category = failure.category
            result.message, result.hint = self._explain(failure)
        except wire.Cancelled:
            result.cancelled = True
            result.message, result.hint = "The check was cancelled.", "Run it again when ready."
        finally:
            if self.conn is not None:
                _close_soon(self.conn, self.budget)
        if self.greeted:
            result.placement, result.placement_reason = classify(
                via_socket=self.settings.uses_socket,
                address=self.address,
                server_hostname=result.server_hostname,
            )
        result.total_ms = int(round((time.monotonic() - started) * 1000))
        return result


def _connect_driver(settings: Settings, address: str | None, timeout: float) -> Any:
    import mysql.connector  # lazily: importing it costs about 0.2 s

    driver_log = logging.getLogger("mysql.connector")
    if not driver_log.handlers:  # keep its warnings off the learner's terminal
        driver_log.addHandler(logging.NullHandler())

    kwargs: dict[str, Any] = {
        "user": settings.user,
        "use_pure": True,
        "connection_timeout": timeout,
        "autocommit": True,
    }
    if settings.password is not None:
        kwargs["password"] = settings.password
    if settings.uses_socket:
        kwargs["unix_socket"] = settings.socket
    else:
        verify_name = settings.ssl_mode == "VERIFY_IDENTITY"
        kwargs["host"] = settings.host if verify_name or address is None else address
        kwargs["port"] = settings.port
    from tutor.dbcheck.mysql_tls import tls_kwargs

    return mysql.connector.connect(**kwargs, **tls_kwargs(settings))


def _driver_failure(error: Exception) -> _Failed:
    """Map a driver error by its errno (never its class, which differs between driver builds)."""
    import mysql.connector

    if not isinstance(error, mysql.connector.Error):
        return _Failed("other", f"{type(error).__name__}: {error}")
    code = error.errno if isinstance(error.errno, int) and error.errno > 0 else None
    text = error.msg or str(error)
    if code is None and "authentication plugin" in text.lower():
        code = _AUTH_PLUGIN_CODE
        text = text.split("Requested Module")[0].strip()
    if code in (2002, 2003, 2013, 2055) and "timed out" in text.lower():
        return _Failed("timeout", text, code)
    return _Failed(category_for_code(code), text, code)


def _text(value: Any) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, (bytes, bytearray)) else str(value)


def _quiet_close(conn: Any) -> None:
    with contextlib.suppress(Exception):  # the connection may already be broken
        conn.close()


def _close_soon(conn: Any, budget: wire.Budget) -> None:
    thread = threading.Thread(target=_quiet_close, args=(conn,), daemon=True)
    thread.start()
    thread.join(max(0.05, min(0.5, budget.remaining())))


def run_check(
    settings: Settings,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    on_stage: Callable[[StageResult], Any] | None = None,
    cancel: threading.Event | None = None,
) -> CheckResult:
    """Check the server described by `settings` stage by stage, within `timeout` seconds in all.

    `on_stage(StageResult)` is called (in the calling thread) as each stage finishes; setting
    `cancel` from another thread ends the check promptly with `result.cancelled` true.
    """
    return _Check(settings, wire.Budget.start(timeout, cancel), on_stage).run()
