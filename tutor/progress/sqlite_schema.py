"""The SQLite store's schema, its migrations, and how a connection is opened and written.

Durability: WAL journal with synchronous=FULL, and every write is its own transaction committed
before the method returns. WAL alone makes a committed answer survive SIGKILL (the commit has
reached the operating system); FULL adds an fsync of the WAL per commit so that it also survives
a power cut. Two processes may write at once: writers take the lock up front (BEGIN IMMEDIATE)
and wait up to `BUSY_TIMEOUT_MS` for each other.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tutor.progress.store import StoreError

SCHEMA_VERSION = 2
BUSY_TIMEOUT_MS = 5000

_SCHEMA_V1 = """
CREATE TABLE attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    scenario_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    answer TEXT NOT NULL,
    correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
    hint_used INTEGER NOT NULL CHECK (hint_used IN (0, 1)),
    answered_at TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('walkthrough', 'quiz', 'review', 'practice'))
);
CREATE INDEX attempts_by_question ON attempts (scenario_id, question_id);
CREATE TABLE lessons_read (
    lesson_id TEXT NOT NULL,
    page INTEGER NOT NULL,
    read_at TEXT NOT NULL,
    PRIMARY KEY (lesson_id, page)
);
CREATE TABLE scenarios_completed (
    scenario_id TEXT PRIMARY KEY,
    completed_at TEXT NOT NULL
);
CREATE TABLE flags (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    scenario_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    comment TEXT NOT NULL,
    fingerprint TEXT,
    flagged_at TEXT NOT NULL
);
CREATE TABLE review (
    scenario_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    card TEXT NOT NULL,
    due TEXT NOT NULL,
    PRIMARY KEY (scenario_id, question_id)
);
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

# Version 2: lab results (each verification run, passed or not), like attempts for questions.
# Lesson and scenario rows are read in rowid order by class mode's outbox, so they keep theirs.
_SCHEMA_V2 = """
CREATE TABLE lab_attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    scenario_id TEXT NOT NULL,
    lab_id TEXT NOT NULL,
    passed INTEGER NOT NULL CHECK (passed IN (0, 1)),
    checks_passed INTEGER NOT NULL,
    checks_total INTEGER NOT NULL,
    failed_check TEXT,
    checked_at TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('app', 'cli'))
);
CREATE INDEX lab_attempts_by_lab ON lab_attempts (scenario_id, lab_id);
"""

# Index i holds the script that takes the schema from version i to i + 1.
MIGRATIONS = (_SCHEMA_V1, _SCHEMA_V2)
assert len(MIGRATIONS) == SCHEMA_VERSION


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode (we issue BEGIN ourselves) with WAL and a busy timeout."""
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        connection.close()
        raise StoreError(f"cannot switch {path} to WAL mode (got {mode})")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def migrate(connection: sqlite3.Connection) -> None:
    """Bring an older (or new, empty) store up to SCHEMA_VERSION, one transaction per step."""
    while True:
        with write(connection):
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version >= SCHEMA_VERSION:
                return
            for statement in MIGRATIONS[version].split(";"):
                if statement.strip():
                    connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {version + 1}")


@contextmanager
def write(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction, committed (durably) before the block's caller carries on."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
