"""The app's side of class mode: sending in the background, and the status line Home shows.

Every record is saved locally first (the ProgressBridge, on the UI thread, as always); then
`saved()` asks for a send. Sends run in a thread worker with its own connection to the store
(sqlite3 connections stay in their thread) and a bounded connect timeout, so a class server
that is down, slow or refusing never blocks or slows the app. After a failure the next try
waits (RETRY_DELAYS); records saved meanwhile are only counted, locally.

At start-up the worker also asks the server which account the URL holds: an instructor's URL
can only read, so the app sends nothing with it and offers the Instructor screen instead.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from textual.app import App

    from tutor.classroom.server import ClassServerError

SEND_DELAY = 1.0  # seconds after a save: answers in quick succession go together
CONNECT_TIMEOUT = 5.0
RETRY_DELAYS = (15.0, 30.0, 60.0, 120.0, 300.0)


@dataclass(frozen=True)
class ClassStatus:
    role: str  # "student", "instructor" or "" (not known yet, or the server is unreachable)
    line: str  # for Home: "everything sent", "class server unreachable, 3 answers waiting"
    waiting: int
    failing: bool = False  # the last try failed: records wait for a reason, not for a send


class ClassStatusChanged(Message):
    def __init__(self, status: ClassStatus) -> None:
        super().__init__()
        self.status = status


class ClassLink:
    """One per app in class mode. `saved()` after each kept write; `status` for Home."""

    def __init__(self, app: App[Any], url: str, store_path: Path, pack: tuple[str, str]):
        self.app = app
        self.url = url
        self.store_path = store_path
        self.pack = pack
        self.status = ClassStatus("", "connecting to the class server ...", 0)
        self._running = False
        self._again = False
        self._failures = 0
        self._retry_at = 0.0  # time.monotonic() before which no connection is tried
        self._last_error: ClassServerError | None = None  # why the last try failed
        self._timer: object | None = None

    def start(self) -> None:
        self._run()

    def saved(self) -> None:
        """A record was kept locally: send it soon (debounced)."""
        if self._timer is None:
            self._timer = self.app.set_timer(SEND_DELAY, self._timer_fired)

    def sync_now(self) -> None:
        """Try the server now, whatever the back-off says (Home's `s`)."""
        self._retry_at = 0.0
        self._run()

    def _timer_fired(self) -> None:
        self._timer = None
        self._run()

    def _run(self) -> None:
        if self._running:
            self._again = True
            return
        self._running, self._again = True, False
        self.app.run_worker(
            self._work,
            thread=True,
            group="class-sync",
            description="class sync",
            exit_on_error=False,
        )

    def _work(self) -> None:  # in the worker thread
        status = self._sync_once()
        self.app.call_from_thread(self._done, status)

    def _sync_once(self) -> ClassStatus:
        from tutor.classroom.server import ClassServerError, rights
        from tutor.classroom.sync import status_line, sync_store
        from tutor.progress.outbox import pending_counts
        from tutor.progress.sqlite_store import SqliteStore

        store = SqliteStore(self.store_path)
        try:
            role = self.status.role
            if time.monotonic() < self._retry_at:  # backing off: count locally, and say why
                waiting = pending_counts(store)
                line = status_line(waiting, self._last_error)
                return ClassStatus(role, line, sum(waiting.values()), failing=True)
            try:
                if not role:
                    role = rights(self.url, timeout=CONNECT_TIMEOUT)
            except ClassServerError as error:
                self._failed(error)
                waiting = pending_counts(store)
                line = status_line(waiting, error)
                return ClassStatus("", line, sum(waiting.values()), failing=True)
            if role == "instructor":
                return ClassStatus(role, "instructor: you read the class's results", 0)
            result = sync_store(store, self.url, timeout=CONNECT_TIMEOUT, pack=self.pack)
            if result.error is not None:
                self._failed(result.error)
            else:
                self._failures, self._retry_at, self._last_error = 0, 0.0, None
            line = status_line(result.waiting, result.error)
            return ClassStatus(role, line, result.waiting_total, failing=result.error is not None)
        finally:
            store.close()

    def _failed(self, error: ClassServerError) -> None:
        self._last_error = error
        delay = RETRY_DELAYS[min(self._failures, len(RETRY_DELAYS) - 1)]
        self._failures += 1
        self._retry_at = time.monotonic() + delay
        self.app.call_from_thread(self._schedule_retry, delay)

    def _schedule_retry(self, delay: float) -> None:
        self.app.set_timer(delay + 0.1, self._run)

    def _done(self, status: ClassStatus) -> None:
        self._running = False
        self.status = status
        self.app.post_message(ClassStatusChanged(status))
        if self._again:
            self._run()
