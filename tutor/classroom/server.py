"""The class server: a MySQL or MariaDB database that students add records to and the
instructor reads. Its public face, for `tutor class` and the app:

  init_class(admin_url, database)   the database, tables and two accounts (server_init.py)
  send_records(conn_or_url, recs)   add records, idempotently (the student account)
  fetch_records(url)                read every record (the instructor account)
  rights(url)                       "instructor", "student", or ClassServerError

Everything raises ClassServerError, whose message is safe to print and whose category says
what went wrong: "unreachable", "access", "schema", "config" or "other".

How a student's tutor learns of a newer schema: the student account may not SELECT anything,
not even schema_info, so send_records never reads the version. A newer schema that older
tutors can still write to (added columns with defaults) goes on working; one they cannot makes
their INSERT fail with an unknown column or table, which is reported as a "schema" error
telling the student to upgrade tutor. The instructor's reads check schema_info first.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

from tutor.classroom import records
from tutor.classroom.server_connect import (
    CATEGORIES,
    ClassServerError,
    c_extension_available,
    connect,
    driver_error,
    masked_url,
    parse_class_url,
)
from tutor.classroom.server_init import InitResult, account_names, init_class
from tutor.classroom.server_schema import (
    CLASS_TABLES,
    SCHEMA_VERSION,
    SCHEMA_VERSION_SQL,
    SPEC_BY_TYPE,
    TABLE_SPECS,
    add_to,
    newer_schema_message,
)
from tutor.dbcheck.settings import Settings

__all__ = [
    "CATEGORIES",
    "CLASS_TABLES",
    "SCHEMA_VERSION",
    "ClassServerError",
    "InitResult",
    "account_names",
    "c_extension_available",
    "connect",
    "fetch_records",
    "init_class",
    "masked_url",
    "parse_class_url",
    "rights",
    "send_records",
]

INSTRUCTOR, STUDENT = "instructor", "student"
# One statement's rough size cap, in characters: far below the server's max_allowed_packet
# (16 MiB by default on MariaDB) even when every character takes four bytes.
_BATCH_CHARS = 1_000_000
_RETRY_CODES = {1205, 1213}  # lock wait timeout, deadlock: the server rolled the batch back
_ATTEMPTS = 5
_DENIED = 1142  # "command denied to user for table"
_NO_TABLE = 1146


def send_records(
    connection_or_url: Any,
    records_to_send: Sequence[records.Record],
    *,
    batch: int = 500,
    timeout: float = 10.0,
) -> int:
    """Add `records_to_send` to the class server; returns how many rows were new there.

    Idempotent: each table's primary key is the record id and the writes are INSERT IGNORE,
    so a record sent twice is stored once (and not counted the second time). Rows go in one
    multi-row INSERT per table and batch, each committed on its own: after a failure the
    batches before it are on the server, and resending everything is harmless. Needs only
    the INSERT right: nothing is read. IGNORE also turns a value too long for its column into
    a warning, so such a value is cut rather than the record refused. Given a URL (or
    Settings), it connects within `timeout` and closes; given an open connection, it leaves
    it open.
    """
    grouped: dict[str, list[tuple[Any, ...]]] = {}
    for record in records_to_send:
        spec = SPEC_BY_TYPE.get(type(record))
        if spec is None:
            raise TypeError(f"not a class record: {type(record).__name__}")
        grouped.setdefault(spec.name, []).append(spec.row(record))
    if not grouped:
        return 0
    settings: Settings | None = None
    if isinstance(connection_or_url, (str, Settings)):
        settings = (
            connection_or_url
            if isinstance(connection_or_url, Settings)
            else parse_class_url(connection_or_url)
        )
        conn = connect(settings, timeout, autocommit=False)
    else:
        conn = connection_or_url
    try:
        return _insert(conn, grouped, batch)
    except Exception as error:
        with contextlib.suppress(Exception):  # the connection may be gone already
            conn.rollback()
        raise driver_error(error, settings) from None
    finally:
        if settings is not None:
            with contextlib.suppress(Exception):
                conn.close()


def _insert(conn: Any, grouped: dict[str, list[tuple[Any, ...]]], batch: int) -> int:
    new_rows = 0
    cursor = conn.cursor()
    try:
        for spec in TABLE_SPECS:
            rows = grouped.get(spec.name)
            if not rows:
                continue
            sql = spec.insert_sql()
            # Keys in one order for every sender make deadlocks between them rarer.
            rows.sort(key=lambda row: str(row[0]))
            for chunk in _chunks(rows, max(1, batch)):
                new_rows += _insert_batch(conn, cursor, sql, chunk)
    finally:
        with contextlib.suppress(Exception):
            cursor.close()
    return new_rows


def _insert_batch(conn: Any, cursor: Any, sql: str, chunk: list[tuple[Any, ...]]) -> int:
    """One committed multi-row INSERT IGNORE. Concurrent senders can deadlock on the key
    checks of duplicates; the server rolls one back, and since the batch is idempotent it
    is simply run again."""
    for attempt in range(1, _ATTEMPTS + 1):
        try:
            cursor.executemany(sql, chunk)
            added = max(cursor.rowcount, 0)
            conn.commit()
            return int(added)
        except Exception as error:
            if getattr(error, "errno", None) not in _RETRY_CODES or attempt == _ATTEMPTS:
                raise
            conn.rollback()
    raise AssertionError("unreachable")  # the loop returns or raises


def _chunks(rows: list[tuple[Any, ...]], batch: int) -> Iterator[list[tuple[Any, ...]]]:
    """Runs of at most `batch` rows and about _BATCH_CHARS characters (one row at least)."""
    chunk: list[tuple[Any, ...]] = []
    size = 0
    for row in rows:
        row_size = sum(len(value) for value in row if isinstance(value, str))
        if chunk and (len(chunk) >= batch or size + row_size > _BATCH_CHARS):
            yield chunk
            chunk, size = [], 0
        chunk.append(row)
        size += row_size
    if chunk:
        yield chunk


# What a class report reads of an answer: not its id, fingerprint, source or pack, which take
# about a third of its bytes and are never counted (tutor.classroom.analysis).
REPORT_ANSWER_COLUMNS = (
    "student_id",
    "student_name",
    "scenario_id",
    "question_id",
    "answer",
    "correct",
    "hint_used",
    "answered_at",
)


def fetch_records(
    url: str, *, timeout: float = 10.0, for_report: bool = False
) -> records.ClassRecords:
    """Every record on the class server, read with the instructor's account.

    Checks the schema version first: a newer one is refused ("schema"). Uses the driver's C
    extension when it loads here, which reads rows faster, else the pure-Python driver.
    `for_report` reads only what a report counts of each answer (the other fields are ""),
    unsorted: a large class is read in about a third less time.
    """
    settings = parse_class_url(url)
    conn = connect(settings, timeout, prefer_c_extension=True)
    try:
        cursor = conn.cursor()
        _check_schema_version(cursor)
        cursor.close()
        # Raw rows, decoded by the table spec: the driver's per-value conversion is half of
        # the time taken by a large class otherwise.
        cursor = conn.cursor(raw=True)
        collected = records.ClassRecords()
        for spec in TABLE_SPECS:
            columns = REPORT_ANSWER_COLUMNS if for_report and spec.name == "answers" else None
            cursor.execute(spec.select_sql(columns))
            add_to(collected, spec.kind, spec.records(cursor.fetchall(), columns))
        cursor.close()
        return collected
    except Exception as error:
        raise driver_error(error, settings) from None
    finally:
        with contextlib.suppress(Exception):
            conn.close()


def _check_schema_version(cursor: Any) -> None:
    try:
        cursor.execute(SCHEMA_VERSION_SQL)
    except Exception as error:
        if getattr(error, "errno", None) == _NO_TABLE:
            raise ClassServerError(
                "schema",
                "this database has no schema_info table: it is not a class database "
                "(run 'tutor class init')",
                _NO_TABLE,
            ) from None
        raise
    row = cursor.fetchone()
    version = row[0] if row else None
    if version is None:
        raise ClassServerError(
            "schema", "the class database records no schema version: run 'tutor class init'"
        )
    if int(version) > SCHEMA_VERSION:
        raise ClassServerError("schema", newer_schema_message(int(version)))


def rights(url: str, *, timeout: float = 5.0) -> str:
    """ "instructor" when the URL's account may read the class tables, "student" when it may
    only add to them; otherwise raises ClassServerError ("access" when it may do neither).

    Asks the server rather than parsing SHOW GRANTS (roles, wildcards and partial revokes
    make grants hard to read): a SELECT that returns no rows, then, if that is denied
    (error 1142), an INSERT ... SELECT that adds no row.
    """
    settings = parse_class_url(url)
    conn = connect(settings, timeout)
    spec = TABLE_SPECS[0]
    table = spec.name
    # Every column gets a value, else the server refuses a column without a default (1364)
    # even for no rows; WHERE 0 keeps it from adding any.
    names = ", ".join(f"`{c.name}`" for c in spec.columns)
    values = ", ".join(
        "0" if c.is_bool or c.sql_type.startswith("INT") else "''" for c in spec.columns
    )
    try:
        cursor = conn.cursor()
        try:
            cursor.execute(f"SELECT `record_id` FROM `{table}` LIMIT 0")
            cursor.fetchall()
            return INSTRUCTOR
        except Exception as error:
            if getattr(error, "errno", None) != _DENIED:
                raise
        try:
            cursor.execute(f"INSERT INTO `{table}` ({names}) SELECT {values} FROM DUAL WHERE 0")
            return STUDENT
        except Exception as error:
            if getattr(error, "errno", None) != _DENIED:
                raise
        raise ClassServerError(
            "access",
            f"the account {settings.user!r} may neither read nor add class records in "
            f"{settings.database}",
            _DENIED,
        )
    except Exception as error:
        raise driver_error(error, settings) from None
    finally:
        with contextlib.suppress(Exception):
            conn.close()
