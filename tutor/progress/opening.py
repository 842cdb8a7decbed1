"""Find and open the learner's store: newer versions are refused, corrupt files are set aside.

`open_store()` is the one entry point the app and the commands use. It returns the store and,
when something had to be repaired, a notice to show the learner once.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from tutor.progress.sqlite_schema import SCHEMA_VERSION, connect, migrate
from tutor.progress.sqlite_store import SqliteStore
from tutor.progress.store import NewerSchemaError, StoreError

STORE_NAME = "progress.sqlite3"
_SIDE_FILES = ("-wal", "-shm")
# SQLite's primary result codes that mean "this file is not a usable database".
_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26


class OpenedStore(NamedTuple):
    """`store, notice = open_store()`: show `notice` (when not None) to the learner once."""

    store: SqliteStore
    notice: str | None = None


class _Corrupt(Exception):
    pass


def data_dir() -> Path:
    """TUTOR_DATA_DIR when set, else platformdirs' user data directory for tutor."""
    override = os.environ.get("TUTOR_DATA_DIR")
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("tutor", appauthor=False))


def store_path(directory: Path | None = None) -> Path:
    return (Path(directory) if directory is not None else data_dir()) / STORE_NAME


def timestamp(moment: datetime | None = None) -> str:
    return (moment or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S")


def open_store(directory: str | os.PathLike[str] | None = None) -> OpenedStore:
    """Open (creating when missing) the store in `directory` or `data_dir()`.

    Raises NewerSchemaError for a store from a newer tutor (the file is not changed) and
    StoreError when the folder or file cannot be used at all.
    """
    folder = Path(directory) if directory is not None else data_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"cannot create the data folder {folder}: {error.strerror}") from error
    path = folder / STORE_NAME
    with _lock(folder):
        try:
            return OpenedStore(_open(path))
        except _Corrupt as problem:
            aside = _move_aside(path)
            store = _open(path)  # a fresh, empty store
            notice = (
                f"Your saved progress could not be read ({problem}); it was moved to "
                f"{aside} and a new, empty store was started."
            )
            return OpenedStore(store, notice)


def _open(path: Path) -> SqliteStore:
    if path.exists():
        _refuse_newer(path)
    connection = None
    try:
        connection = connect(path)
        migrate(connection)
        result = connection.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise _Corrupt(f"integrity check: {result}")
        return SqliteStore(path, connection)
    except sqlite3.DatabaseError as error:
        if connection is not None:
            connection.close()
        if _is_corruption(error):
            raise _Corrupt(str(error)) from error
        raise StoreError(f"cannot open the progress store {path}: {error}") from error
    except BaseException:
        if connection is not None:
            connection.close()
        raise


def _refuse_newer(path: Path) -> None:
    """Read the schema version without writing anything, and refuse one newer than ours."""
    try:
        uri = path.resolve().as_uri() + "?mode=ro"
        connection = sqlite3.connect(uri, uri=True, timeout=5)
    except sqlite3.DatabaseError as error:
        if _is_corruption(error):
            raise _Corrupt(str(error)) from error
        raise StoreError(f"cannot read the progress store {path}: {error}") from error
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as error:
        if _is_corruption(error):
            raise _Corrupt(str(error)) from error
        raise StoreError(f"cannot read the progress store {path}: {error}") from error
    finally:
        connection.close()
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(
            f"the progress store {path} was written by a newer version of tutor "
            f"(schema {version}, this one reads up to {SCHEMA_VERSION}); "
            "upgrade tutor, or set TUTOR_DATA_DIR to use another folder. The file was not changed."
        )


def _is_corruption(error: sqlite3.DatabaseError) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    message = str(error).lower()
    return "not a database" in message or "malformed" in message


def _move_aside(path: Path) -> Path:
    stamp = timestamp()
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while aside.exists():
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        counter += 1
    # Side files keep SQLite's naming, so the set-aside copy still opens with its journal.
    for suffix in _SIDE_FILES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.replace(aside.with_name(aside.name + suffix))
    path.replace(aside)
    return aside


@contextlib.contextmanager
def _lock(folder: Path) -> Iterator[None]:
    """Serialise opening between processes, so two of them never repair the same file twice."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory lock; opening still works
        yield
        return
    with open(folder / "progress.lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
