"""The staged Redis check: dns, connect, greeting, tls, login, database, query; then the placement.

`run_redis_check` is the public entry point; it shares the MySQL check's budget, cancel and
stage reporting (`tutor.dbcheck.probe`, `tutor.dbcheck.wire`). Redis never speaks first, so the
greeting sends `PING` on a raw connection: `+PONG` is a Redis without a password, `-NOAUTH` one
that needs a password. For rediss:// the TLS handshake comes first and the PING goes inside
it, so those stages run dns, connect, tls, greeting. Login, database and query use redis-py
(imported only at the login stage) on a connection of its own: AUTH, SELECT n, then PING and
INFO server (read only).
"""

from __future__ import annotations

import select
import socket
import ssl
import threading
import time
from collections.abc import Callable
from typing import Any

from tutor.dbcheck import probe, wire
from tutor.dbcheck.diagnosis import diagnose_recognition
from tutor.dbcheck.redis_words import answer_line, identify_peer, redis_diagnose
from tutor.dbcheck.result import CheckResult, StageResult
from tutor.dbcheck.settings import Settings

DEFAULT_TIMEOUT = 5.0
PING = b"PING\r\n"
GRACE = 0.3  # seconds to wait for the rest of an answer that is not a Redis reply


class _Failed(probe._Failed):
    def __init__(self, category: str, detail: str, kind: str | None = None) -> None:
        super().__init__(category, detail)
        self.kind = kind


class _RedisCheck(probe._Check):
    """The MySQL check's bookkeeping, dns and connect stages, with Redis's own stages."""

    def __init__(self, settings: Settings, budget: wire.Budget, on_stage: Any) -> None:
        super().__init__(settings, budget, on_stage)
        self.requires_password = False
        self.uses_tls = settings.ssl_mode == "REQUIRED"

    # -- the raw connection ----------------------------------------------------------------------
    def _recv(self, sock: socket.socket, until: float) -> bytes | None:
        """Bytes; b"" when the peer closed; None when nothing came before `until`."""
        while True:
            if isinstance(sock, ssl.SSLSocket) and sock.pending():
                return sock.recv(4096)
            self.budget.check()
            now = time.monotonic()
            if now >= self.budget.deadline:
                raise wire.OutOfTime()
            if now >= until:
                return None
            readable, _, _ = select.select([sock], [], [], min(wire.SLICE, until - now))
            if readable:
                try:
                    return sock.recv(4096)
                except (ssl.SSLWantReadError, BlockingIOError):
                    continue
                except OSError:  # reset, or the TLS session ended: the peer is gone
                    return b""

    def _send(self, sock: socket.socket, data: bytes) -> None:
        while data:
            try:
                data = data[sock.send(data) :]
            except (ssl.SSLWantWriteError, ssl.SSLWantReadError, BlockingIOError):
                select.select([], [sock], [], self.budget.step())

    def _ping(self, sock: socket.socket, until: float) -> bytes:
        """Send PING and read the answer (b"" when the peer closed). OutOfTime on silence."""
        try:
            self._send(sock, PING)
        except OSError:
            return b""
        data = b""
        while b"\n" not in data:
            chunk = self._recv(sock, until)
            if chunk is None:
                break
            if not chunk:
                break
            data += chunk
            if data[:1] not in (b"+", b"-"):
                until = min(until, time.monotonic() + GRACE)
        return data

    def _understand(self, data: bytes) -> str:
        """What a PING's answer says: the stage detail, or a _Failed."""
        line = answer_line(data)
        if data.startswith(b"+PONG"):
            self.greeted = True
            return "PING -> +PONG: a Redis server, answering without a password"
        if data.startswith(b"-NOAUTH"):
            self.greeted, self.requires_password = True, True
            return "PING -> -NOAUTH: a Redis server that requires a password"
        if data.startswith(b"-DENIED"):
            self.greeted = True
            raise _Failed("host-not-allowed", line)
        if data.startswith(b"-") and b"\r\n" in data:
            self.greeted = True  # a Redis error line: LOADING, BUSY, max number of clients...
            raise _Failed("other", f"Redis answered PING with {line!r}")
        if data[:2] == b"\x15\x03":
            raise _Failed("tls", "a TLS alert came back", kind="tls-only")
        detected, words = identify_peer(self.settings, data, self.budget, self.address)
        if detected is not None and detected.service == "tls":
            raise _Failed("tls", words, kind="tls-only")
        if detected is not None:
            self.result.detected = detected
            raise _Failed("wrong-service", words)
        raise _Failed("not-recognised", words)

    # -- stages ----------------------------------------------------------------------------------
    def _greeting(self) -> str:
        started = time.monotonic()
        try:
            data = self._ping(self.sock, self.budget.deadline)
        except wire.OutOfTime:
            waited = time.monotonic() - started
            raise _Failed(
                "timeout",
                f"nothing answered PING within {waited:.1f} s: something accepts connections "
                "there but does not answer as Redis does",
            ) from None
        finally:
            self.sock.close()
        return self._understand(data)

    def _tls(self) -> str:
        if not self.uses_tls:
            self.result.tls = False
            return "not asked for (redis://): the connection is not encrypted"
        s = self.settings
        try:
            context = ssl.create_default_context(cafile=s.ssl_ca)
        except (OSError, ssl.SSLError) as error:
            self.sock.close()
            raise _Failed("tls", f"{s.ssl_ca}: {error}", kind="tls-ca") from None
        tls = context.wrap_socket(self.sock, server_hostname=s.host, do_handshake_on_connect=False)
        started = time.monotonic()
        until = started + self.budget.remaining() / 2  # then ask in plain text what is there
        try:
            while True:
                try:
                    tls.do_handshake()
                    break
                except ssl.SSLWantReadError:
                    select.select([tls], [], [], self._slice(until))
                except ssl.SSLWantWriteError:
                    select.select([], [tls], [], self._slice(until))
        except TimeoutError:
            tls.close()
            self._plain_ping_after_silence(time.monotonic() - started)
        except ssl.SSLCertVerificationError as error:
            tls.close()
            reason = error.verify_message or error.reason or str(error)
            raise _Failed("tls", f"certificate: {reason}", kind="tls-verify") from None
        except (ssl.SSLError, OSError) as error:
            tls.close()
            reason = getattr(error, "reason", None) or error.strerror or str(error)
            reason = reason.replace("_", " ").lower() if reason.isupper() else reason
            raise _Failed("tls", f"the TLS handshake failed: {reason}") from None
        except BaseException:
            tls.close()
            raise
        self.sock, self.result.tls = tls, True
        cipher = tls.cipher()
        suite = f", {cipher[0]}" if cipher else ""
        return f"{tls.version()}{suite}; certificate verified for {s.host}"

    def _slice(self, until: float) -> float:
        """A wait slice; TimeoutError once `until` passes (OutOfTime when the budget is spent)."""
        left = until - time.monotonic()
        step = self.budget.step()
        if left <= 0:
            raise TimeoutError()
        return min(step, left)

    def _plain_ping_after_silence(self, waited: float) -> None:
        """No TLS answer: does the port speak Redis in plain text? Raises _Failed either way."""
        try:
            sock, _ = wire.open_tcp(self.infos, self.budget)
        except OSError:
            raise _Failed("tls", f"no answer to the TLS handshake in {waited:.1f} s") from None
        try:
            data = self._ping(sock, self.budget.deadline)
        except wire.OutOfTime:
            raise _Failed(
                "timeout",
                f"nothing answered the TLS handshake, nor a plain PING, within the {waited:.1f} "
                "s and more allowed: something accepts connections there but does not answer",
            ) from None
        finally:
            sock.close()
        self._understand(data)  # raises for anything but Redis
        raise _Failed(
            "tls",
            f"no answer to the TLS handshake in {waited:.1f} s, but a plain PING got "
            f"{answer_line(data)!r}",
            kind="tls-plain",
        )

    def _login(self) -> str:
        s = self.settings
        if self.requires_password and not s.password:
            raise _Failed("auth", "the server answered PING with NOAUTH", kind="noauth")
        abandoned = threading.Event()
        timeout = max(0.1, self.budget.remaining())
        host = s.host if self.uses_tls or self.address is None else self.address

        def connect() -> Any:
            conn = _driver_connection(s, host, timeout)
            try:
                conn.connect()  # AUTH, when a password is given, is part of the connect
            except BaseException:
                probe._quiet_close(_Disconnect(conn))
                raise
            if abandoned.is_set():
                probe._quiet_close(_Disconnect(conn))
            return conn

        try:
            self.conn = _Disconnect(self._bounded(connect, "the login", abandoned))
        except probe._Failed:
            raise
        except Exception as error:
            raise _driver_failure(error) from None
        if not s.password:
            return "no password given, and none needed: the default user"
        if s.user:
            return f"AUTH as user {s.user} with its password: accepted"
        return "AUTH with a password alone (the default user): accepted"

    def _database(self) -> str:
        number = self.settings.database or "0"
        self._command("SELECT", number)
        return f"SELECT {number}: database {number} selected"

    def _query(self) -> str:
        pong = _text(self._command("PING"))
        try:
            info = _text(self._command("INFO", "server"))
        except probe._Failed:  # an ACL user may lack the right to INFO: no version, no failure
            info = ""
        fields = dict(line.partition(":")[::2] for line in info.splitlines() if ":" in line)
        version = fields.get("redis_version", "").strip() or None
        self.result.server_version = version
        return f"PING -> {pong}" + (f"; INFO server: redis_version {version}" if version else "")

    def _command(self, *args: str) -> Any:
        conn = self.conn.conn

        def send() -> Any:
            conn.send_command(*args)
            return conn.read_response()

        try:
            return self._bounded(send, args[0])
        except probe._Failed:
            raise
        except Exception as error:
            raise _driver_failure(error, args[0]) from None

    def _bounded(self, fn: Callable[[], Any], what: str, abandoned: Any = None) -> Any:
        try:
            return wire.call_bounded(fn, self.budget)
        except wire.OutOfTime:
            if abandoned is not None:
                abandoned.set()
            raise _Failed("timeout", f"{what} did not finish in time") from None
        except wire.Cancelled:
            if abandoned is not None:
                abandoned.set()
            raise

    # -- the whole check -------------------------------------------------------------------------
    def _handshake(self) -> list[tuple[str, Callable[[], str]]]:
        # rediss:// speaks TLS first; plain redis:// greets (PING) before any TLS is asked.
        if self.uses_tls:
            return [("tls", self._tls), ("greeting", self._greeting)]
        return [("greeting", self._greeting), ("tls", self._tls)]

    def _explain(self, failure: probe._Failed) -> tuple[str, str]:
        if failure.category in ("wrong-service", "not-recognised"):
            return diagnose_recognition(
                failure.category,
                expected="redis",
                port=self.settings.port,
                detected=self.result.detected,
                detail=failure.detail,
            )
        kind = getattr(failure, "kind", None)
        return redis_diagnose(failure.category, failure.detail, kind)


class _Disconnect:
    """A redis-py connection with the `close()` that probe's closing helpers call."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def close(self) -> None:
        self.conn.disconnect()


def _driver_connection(settings: Settings, host: str, timeout: float) -> Any:
    import redis  # lazily: only a check that reaches the login stage needs it

    kwargs: dict[str, Any] = {
        "host": host,
        "port": settings.port,
        "username": settings.user or None,
        "password": settings.password,
        "socket_timeout": timeout,
        "socket_connect_timeout": timeout,
        "protocol": 2,
    }
    connection: Any = redis.Connection  # redis-py's constructors are only partly typed
    if settings.ssl_mode == "REQUIRED":
        connection = redis.SSLConnection
        kwargs.update(ssl_cert_reqs="required", ssl_check_hostname=True)
        kwargs["ssl_ca_certs"] = settings.ssl_ca
    return connection(**kwargs)


def _driver_failure(error: Exception, command: str | None = None) -> _Failed:
    """Map a redis-py error by its class and the server's words (which say more)."""
    from redis import exceptions

    text = str(error) or type(error).__name__
    low = text.lower()
    if isinstance(error, exceptions.AuthenticationWrongNumberOfArgsError):
        return _Failed("auth", text, kind="old-redis")
    if isinstance(error, exceptions.AuthenticationError) or "noauth" in low:
        if "without any password configured" in low or "no password is set" in low:
            return _Failed("auth", text, kind="no-password-set")
        if "authentication required" in low:
            return _Failed("auth", text, kind="noauth")
        return _Failed("auth", text, kind="wrongpass")
    if command == "SELECT" and isinstance(error, exceptions.ResponseError):
        return _Failed("no-database", text)
    if isinstance(error, exceptions.TimeoutError):
        return _Failed("timeout", text)
    if "ssl" in low or "certificate" in low:
        return _Failed("tls", text, kind="tls-verify" if "certificate" in low else None)
    if isinstance(error, exceptions.ConnectionError) and "refused" in low:
        return _Failed("refused", text)
    return _Failed("other", f"{type(error).__name__}: {text}")


def _text(value: Any) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes | bytearray) else str(value)


def run_redis_check(
    settings: Settings,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    on_stage: Callable[[StageResult], Any] | None = None,
    cancel: threading.Event | None = None,
) -> CheckResult:
    """Check the Redis server described by `settings` stage by stage, within `timeout` s in all.

    `on_stage(StageResult)` is called (in the calling thread) as each stage finishes; setting
    `cancel` from another thread ends the check within about 50 ms with `result.cancelled`.
    """
    return _RedisCheck(settings, wire.Budget.start(timeout, cancel), on_stage).run()
