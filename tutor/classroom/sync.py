"""Sending the outbox to the class server, and the words a student sees about it.

Each round reads up to `limit` waiting records per kind, sends them (INSERT IGNORE, so a resend
is harmless) and only then moves the outbox's marks on. A failure anywhere leaves the marks
where they were: the records are sent again next time, never lost.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

from tutor.classroom.outgoing import to_record
from tutor.classroom.server import ClassServerError, connect, parse_class_url, send_records
from tutor.progress.export import student_name
from tutor.progress.outbox import (
    describe_pending,
    mark_sent,
    pending_counts,
    record_salt,
    sending_to,
    unsent,
)
from tutor.progress.sqlite_store import SqliteStore


@dataclass
class SyncResult:
    sent: int = 0  # records the server confirmed in this sync
    new: int = 0  # of those, how many it did not have yet
    waiting: dict[str, int] = field(default_factory=dict)  # per kind, after the sync
    error: ClassServerError | None = None

    @property
    def waiting_total(self) -> int:
        return sum(self.waiting.values())


def sync_store(
    store: SqliteStore,
    url: str,
    *,
    timeout: float = 10.0,
    pack: tuple[str, str] = ("", ""),
    limit: int = 2000,
) -> SyncResult:
    """Send everything waiting in `store` to the class server at `url`."""
    result = SyncResult()
    student_id = store.student_id()
    name = student_name(store) or ""
    salt = record_salt(store)
    try:
        sending_to(store, server_identity(url))
        rows = unsent(store, limit)
        if rows:
            connection = connect(url, timeout, autocommit=False)
            try:
                while rows:
                    batch = [to_record(row, student_id, name, salt, pack) for row in rows]
                    result.new += send_records(connection, batch)
                    mark_sent(store, rows)
                    result.sent += len(rows)
                    rows = unsent(store, limit)
            finally:
                with contextlib.suppress(Exception):
                    connection.close()
    except ClassServerError as error:
        result.error = error
    result.waiting = pending_counts(store)
    return result


def server_identity(url: str) -> str:
    """Which class database a URL reaches (host, port or socket, database): the same one
    under another account or TLS mode keeps the outbox's marks; another one resets them."""
    settings = parse_class_url(url)
    where = settings.socket if settings.uses_socket else f"{settings.host}:{settings.port}"
    return f"{where}/{settings.database}"


def status_line(waiting: dict[str, int], error: ClassServerError | None = None) -> str:
    """One line for Home and `tutor class sync`: what waits, and why."""
    what = describe_pending(waiting)
    if error is None:
        return f"{what} waiting to be sent" if what else "everything sent"
    problem = {
        "unreachable": "class server unreachable",
        "access": "the class server refused this account",
        "schema": "the class server needs a newer tutor",
        "config": "the class URL is not usable",
    }.get(error.category, "the class server failed")
    return f"{problem}, {what} waiting" if what else problem
