"""Helpers for the dbcheck tests: real peers on 127.0.0.1 ephemeral ports, and a CLI runner.

Not a test module (no test_ prefix); the dbcheck test modules import it by name.
"""

from __future__ import annotations

import asyncio
import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from waiting import HANG_GUARD

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LIVE_URL = "mysql://tutor:tutor-test-pw@127.0.0.1:3306/tutor_test"
CLI_TIMEOUT = 1.5
# Peers stay silent for longer than any wait of a test, so a check that ignored its own budget
# would be ended by a test's hang guard or tell by its message, never pass by luck.
SILENCE = 2 * HANG_GUARD


@dataclass
class CliRun:
    code: int
    stdout: str
    stderr: str

    @property
    def json(self) -> dict[str, Any]:
        return json.loads(self.stdout)


def run_cli(*args: str, timeout: float = CLI_TIMEOUT, env: dict[str, str] | None = None) -> CliRun:
    """Run `tutor check-db ARGS --timeout T` as a whole process.

    Nothing is timed: the process gets its budget plus a generous hang guard, and a test that
    needs to know the check ended by its budget reads that from the result's message.
    """
    command = [sys.executable, "-m", "tutor", "check-db", *args, "--timeout", str(timeout)]
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=REPO_ROOT,
            env=env if env is not None else dict(os.environ),
            timeout=timeout + HANG_GUARD,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise AssertionError(
            f"hung: `tutor check-db --timeout {timeout}` still running after "
            f"{timeout + HANG_GUARD} s"
        ) from None
    return CliRun(done.returncode, done.stdout, done.stderr)


def assert_no_secret(secret: str, *texts: str) -> None:
    for text in texts:
        assert secret not in text


class Peer:
    """A TCP listener on 127.0.0.1 whose `handle(conn)` runs in a thread per connection."""

    def __init__(self, handle: Callable[[socket.socket], None]) -> None:
        self.handle = handle
        self.stop = threading.Event()
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.server.settimeout(0.05)
        self.port = self.server.getsockname()[1]
        self.connections: list[socket.socket] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections.append(conn)
            threading.Thread(target=self._run, args=(conn,), daemon=True).start()

    def _run(self, conn: socket.socket) -> None:
        with suppress(OSError):
            self.handle(conn)

    def close(self) -> None:
        self.stop.set()
        self.thread.join(1)
        self.server.close()
        for conn in self.connections:
            conn.close()


@contextmanager
def peer(handle: Callable[[socket.socket], None]) -> Iterator[Peer]:
    p = Peer(handle)
    try:
        yield p
    finally:
        p.close()


def silent(stop: threading.Event) -> Callable[[socket.socket], None]:
    def handle(conn: socket.socket) -> None:
        stop.wait(SILENCE)  # accept, then never speak

    return handle


def speaks_when(go: threading.Event, data: bytes) -> Callable[[socket.socket], None]:
    """Silent until the test sets `go`, then sends `data`: the test decides when a stage ends."""

    def handle(conn: socket.socket) -> None:
        if go.wait(SILENCE):
            conn.sendall(data)

    return handle


def sends_then_closes(data: bytes) -> Callable[[socket.socket], None]:
    def handle(conn: socket.socket) -> None:
        conn.sendall(data)
        conn.close()

    return handle


def replies_to_anything(reply: bytes) -> Callable[[socket.socket], None]:
    """Silent until the client sends something (as Redis is), then replies once."""

    def handle(conn: socket.socket) -> None:
        conn.settimeout(10)
        if conn.recv(1024):
            conn.sendall(reply)

    return handle


def closed_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


class _QuietHandler(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self) -> None:  # noqa: N802 - the http.server naming
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()

    do_GET = do_HEAD  # noqa: N815

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@contextmanager
def http_server() -> Iterator[int]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _QuietHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def relay(upstream: tuple[str, int], source: str) -> Callable[[socket.socket], None]:
    """Forward a connection to `upstream` from the local address `source` (e.g. 127.0.0.2)."""

    def pump(a: socket.socket, b: socket.socket) -> None:
        try:
            while data := a.recv(65536):
                b.sendall(data)
        except OSError:
            pass
        finally:
            for s in (a, b):
                with suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def handle(conn: socket.socket) -> None:
        out = socket.socket()
        out.bind((source, 0))
        out.settimeout(5)
        out.connect(upstream)
        out.settimeout(None)
        threading.Thread(target=pump, args=(out, conn), daemon=True).start()
        pump(conn, out)

    return handle


def require_or_skip(in_ci: bool, reason: str) -> None:
    """Skip with a reason, except under CI=true, where a missing service is a failure."""
    if in_ci:
        pytest.fail(f"CI=true: {reason}")
    pytest.skip(reason)


def live_mysql_url() -> str:
    """The test server's URL (TUTOR_TEST_MYSQL_URL, or the one scripts/ensure-mysql sets up).

    Skips the calling test when no server answers there; under CI=true that is a failure.
    """
    from tutor.dbcheck import resolve_settings, run_check

    url = os.environ.get("TUTOR_TEST_MYSQL_URL", DEFAULT_LIVE_URL)
    settings = resolve_settings(url, env={})
    result = run_check(settings, timeout=3)
    if not result.ok:
        in_ci = os.environ.get("CI", "").lower() == "true"
        require_or_skip(
            in_ci, f"no test MySQL server at {settings.display_url()}: {result.message}"
        )
    return url


def root_sql_or_skip() -> Callable[[str], subprocess.CompletedProcess]:
    """A runner of SQL as root over the unix socket (the only way root logs in here), or skip."""
    client = shutil.which("mariadb") or shutil.which("mysql")
    if not client:
        pytest.skip("no mariadb/mysql client to reach root over the socket")

    def run(sql: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [client, "--protocol=SOCKET", "-u", "root", "-N", "-e", sql],
            capture_output=True, text=True, timeout=10, check=False,
        )  # fmt: skip

    if run("SELECT 1").returncode != 0:
        pytest.skip("root cannot log in over the unix socket here (needs running as root)")
    return run


# -- the Check MySQL screen in a pilot ------------------------------------------------------------


@contextmanager
def server_wide_account(
    root_sql: Callable[[str], subprocess.CompletedProcess], user: str, password: str
) -> Iterator[tuple[str, str]]:
    """An account with ALL PRIVILEGES on *.* (as many apps wrongly get), dropped afterwards."""
    made = root_sql(
        "".join(
            f"CREATE USER IF NOT EXISTS '{user}'@'{host}' IDENTIFIED BY '{password}';"
            f"GRANT ALL PRIVILEGES ON *.* TO '{user}'@'{host}';"
            for host in ("127.0.0.1", "localhost")
        )
    )
    assert made.returncode == 0, made.stderr
    try:
        yield user, password
    finally:
        root_sql(f"DROP USER IF EXISTS '{user}'@'127.0.0.1', '{user}'@'localhost'")


def rendered_texts(app: Any) -> list[str]:
    """Everything the app could show: the screenshot, and every widget's own rendering (also
    the ones scrolled out of view), titles and notifications."""
    from textual.geometry import Region

    texts = [app.export_screenshot(), str(app.title), str(app.sub_title)]
    for widget in app.screen.query("*"):
        texts.append(str(widget.render()))
        texts.append(str(getattr(widget, "border_title", "") or ""))
        width, height = widget.size
        if width and height:
            lines = widget.render_lines(Region(0, 0, width, height))
            texts.append("\n".join(line.text for line in lines))
    texts.extend(str(n.message) for n in app._notifications)
    return texts


def shown(app: Any) -> str:
    return "\n".join(rendered_texts(app))


def widget_text(widget: Any) -> str:
    """What a widget draws, line by line, at its current size (also when scrolled out of view)."""
    from textual.geometry import Region

    width, height = widget.size
    lines = widget.render_lines(Region(0, 0, width, height))
    return "\n".join(line.text.rstrip() for line in lines)


async def set_field(pilot: Any, name: str, value: str, *, submit: bool = False) -> None:
    from textual.widgets import Input

    field = pilot.app.screen.query_one(f"#ck-{name}", Input)
    field.focus()
    await pilot.pause()
    await pilot.press("end", "ctrl+u", *value)
    if submit:
        await pilot.press("enter")
    await pilot.pause()


async def finish(pilot: Any) -> None:
    """Wait for the check to end; the guard only ends a hang (no test times the check)."""
    try:
        await asyncio.wait_for(pilot.app.workers.wait_for_complete(), HANG_GUARD)
    except TimeoutError:
        raise AssertionError(f"hung: the check still runs after {HANG_GUARD} s") from None
    await pilot.pause()
