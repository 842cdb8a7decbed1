"""The raw-socket stages: resolve, connect, read the greeting; every wait bounded and cancellable.

Blocking waits are cut into short slices so a `cancel` event set from another thread (the
Check MySQL screen's Esc) is noticed within about SLICE seconds.
"""

from __future__ import annotations

import errno
import select
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")

SLICE = 0.05
CLIENT_SSL = 0x0800


class Cancelled(Exception):
    """The check was cancelled from another thread."""


class OutOfTime(Exception):
    """The total budget ran out during a stage."""


class NotMySQL(Exception):
    """Something answered, but not with a MySQL handshake; the message says what it was.

    `data` holds the bytes that came (empty when none did), for tutor.dbcheck.detect.
    """

    def __init__(self, message: str, data: bytes = b"") -> None:
        super().__init__(message)
        self.data = data


class ServerRefused(Exception):
    """The server sent an error packet instead of a greeting (e.g. 1130 host not allowed)."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Budget:
    deadline: float
    cancel: threading.Event | None = None

    @classmethod
    def start(cls, timeout: float, cancel: threading.Event | None) -> Budget:
        return cls(time.monotonic() + max(0.0, timeout), cancel)

    def remaining(self) -> float:
        return max(0.0, self.deadline - time.monotonic())

    def check(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise Cancelled()

    def step(self, until: float | None = None) -> float:
        """Check for cancel and the deadline, then return the next wait slice (> 0)."""
        self.check()
        end = self.deadline if until is None else min(until, self.deadline)
        left = end - time.monotonic()
        if left <= 0:
            raise OutOfTime()
        return min(SLICE, left)


def call_bounded(fn: Callable[[], T], budget: Budget) -> T:
    """Run fn() in a daemon thread; wait for it in slices. Raises OutOfTime or Cancelled."""
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = fn()
        except BaseException as error:  # noqa: BLE001 - handed back to the caller's thread
            box["error"] = error

    thread = threading.Thread(target=target, name="tutor-dbcheck", daemon=True)
    thread.start()
    while thread.is_alive():
        thread.join(budget.step())
    if "error" in box:
        raise box["error"]
    value: T = box["value"]
    return value


def resolve(host: str, port: int, budget: Budget) -> list[tuple[Any, ...]]:
    """getaddrinfo for TCP, bounded by the budget (the call itself cannot be interrupted)."""
    return call_bounded(lambda: socket.getaddrinfo(host, port, type=socket.SOCK_STREAM), budget)


def _connect(sock: socket.socket, address: Any, budget: Budget) -> None:
    sock.setblocking(False)
    code = sock.connect_ex(address)
    if code not in (0, errno.EINPROGRESS, errno.EAGAIN, errno.EWOULDBLOCK):
        raise OSError(code, errno.errorcode.get(code, str(code)))
    if code == 0:
        return
    while True:
        _, writable, _ = select.select([], [sock], [], budget.step())
        if writable:
            code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if code:
                raise OSError(code, errno.errorcode.get(code, str(code)))
            return


def open_tcp(infos: list[tuple[Any, ...]], budget: Budget) -> tuple[socket.socket, str]:
    """Connect to the first address that accepts; returns the socket and the address reached."""
    last: Exception | None = None
    for family, kind, proto, _, address in infos:
        sock = socket.socket(family, kind, proto)
        try:
            _connect(sock, address, budget)
            return sock, address[0]
        except (OSError, OutOfTime, Cancelled) as error:
            sock.close()
            if isinstance(error, (OutOfTime, Cancelled)):
                raise
            last = error
    assert last is not None
    raise last


def open_unix(path: str, budget: Budget) -> socket.socket:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        _connect(sock, path, budget)
    except BaseException:
        sock.close()
        raise
    return sock


@dataclass(frozen=True)
class Greeting:
    protocol: int
    version: str
    connection_id: int
    capabilities: int

    @property
    def offers_tls(self) -> bool:
        return bool(self.capabilities & CLIENT_SSL)


def recv_some(sock: socket.socket, budget: Budget, until: float) -> bytes | None:
    """Bytes, b"" when the peer closed, None when nothing came before `until`."""
    while time.monotonic() < until:
        readable, _, _ = select.select([sock], [], [], budget.step(until))
        if readable:
            try:
                return sock.recv(4096)
            except (ConnectionResetError, BrokenPipeError):
                return b""
    budget.step()  # raises OutOfTime when the budget, not just `until`, is spent
    return None


def read_greeting(sock: socket.socket, budget: Budget) -> Greeting:
    """Read and parse the server's first packet. Raises NotMySQL, ServerRefused, Cancelled.

    A MySQL server speaks first; half the time left is given to it. Whatever else answers (or
    stays silent) is for tutor.dbcheck.detect to name, on connections of its own.
    """
    started = time.monotonic()
    silence_until = started + budget.remaining() / 2
    try:
        chunk = recv_some(sock, budget, silence_until)
    except OutOfTime:
        chunk = None
    if chunk is None:
        raise NotMySQL(
            f"nothing arrived within {time.monotonic() - started:.1f} s: something accepts "
            "connections there but never speaks first, as a MySQL server does"
        )
    if chunk == b"":
        raise NotMySQL("the connection was closed before any greeting arrived")
    data = chunk
    # Gather a whole packet if it came in pieces.
    while (
        len(data) >= 4
        and data[3] == 0
        and len(data) < 4 + int.from_bytes(data[:3], "little") < 1 << 16
    ):
        try:
            more = recv_some(sock, budget, budget.deadline)
        except OutOfTime:
            break
        if not more:
            break
        data += more
    return parse_greeting(data)


def parse_greeting(data: bytes) -> Greeting:
    if len(data) >= 5 and data[3] == 0:
        length = int.from_bytes(data[:3], "little")
        payload = data[4 : 4 + length]
        if payload[:1] == b"\xff" and len(payload) >= 3:
            code = int.from_bytes(payload[1:3], "little")
            raw = payload[3:]
            if raw[:1] == b"#":
                raw = raw[6:]  # the SQL state marker and its five characters
            raise ServerRefused(code, raw.decode("utf-8", "replace"))
        if payload[:1] == b"\x0a" and b"\x00" in payload[1:] and len(payload) == length:
            version, _, rest = payload[1:].partition(b"\x00")
            if len(rest) >= 15:
                connection_id = int.from_bytes(rest[0:4], "little")
                capabilities = int.from_bytes(rest[13:15], "little")
                if len(rest) >= 18:
                    capabilities |= int.from_bytes(rest[16:18], "little") << 16
                text = version.decode("utf-8", "replace")
                if text.startswith("5.5.5-") and "mariadb" in text.lower():
                    text = text[len("5.5.5-") :]  # MariaDB's prefix for old clients
                return Greeting(10, text, connection_id, capabilities)
        if payload[:1] == b"\x09":
            raise NotMySQL(
                "a MySQL server older than 3.21 (protocol 9), which is not supported", data
            )
    raise NotMySQL(recognise(data), data)


def recognise(data: bytes) -> str:
    """Say what answered, when tutor.dbcheck.detect recognises the first bytes."""
    from tutor.dbcheck.detect import classify  # lazily: detect itself uses this module

    found = classify(data)
    if found is not None:
        _service, name, evidence = found
        return f"{name} answered ({evidence})"
    return f"it sent {len(data)} bytes that are not a MySQL handshake: {data[:24]!r}"
