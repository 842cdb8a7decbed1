"""`tutor class init`: the class database, its tables and its two accounts, made idempotently.

Running it again is safe. What exists is kept and reported in `existed`; what is missing is
made and reported in `created`. A database whose schema is newer than this tutor's is refused
before anything is changed. Existing tables are checked for the columns this tutor writes.

Passwords: the server keeps only a hash, so the URLs of accounts that already exist cannot be
printed again as they were. An instructor runs init a second time to get the URLs back (or to
check the set-up), so init gives each existing account a new password with ALTER USER and
says so in `notes` ("password reset for ..."). Anyone who joined with an old URL must join
again with the new one; until then their records wait, unlost, in their own outbox.
"""

from __future__ import annotations

import re
import secrets
import string
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import quote

from tutor.classroom.server_connect import (
    ClassServerError,
    connect,
    driver_error,
    parse_class_url,
)
from tutor.classroom.server_schema import (
    CLASS_TABLES,
    SCHEMA_INFO_SQL,
    SCHEMA_TABLE,
    SCHEMA_VERSION,
    SCHEMA_VERSION_SQL,
    TABLE_SPECS,
    newer_schema_message,
)
from tutor.dbcheck.settings import Settings

STUDENT_SUFFIX, TEACHER_SUFFIX = "_student", "_teacher"
_DATABASE_NAME = re.compile(r"[A-Za-z0-9_]{1,64}")
_HOST_PATTERN = re.compile(r"[A-Za-z0-9._%:\-]{1,255}")
_SYSTEM_DATABASES = {"mysql", "information_schema", "performance_schema", "sys"}
_USER_NAME_MAX = {"mariadb": 80, "mysql": 32}
_LOOPBACK = {"localhost", "127.0.0.1", "::1"}
_DB_EXISTS, _TABLE_EXISTS, _USER_OP_FAILED = 1007, 1050, 1396


@dataclass
class InitResult:
    """What `init_class` made. The URLs hold the accounts' passwords: hand them out, print
    them once, never log them."""

    database: str
    student_url: str
    instructor_url: str
    created: list[str] = field(default_factory=list)
    existed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "database": self.database,
            "student_url": self.student_url,
            "instructor_url": self.instructor_url,
            "created": list(self.created),
            "existed": list(self.existed),
            "notes": list(self.notes),
        }


def account_names(database: str) -> tuple[str, str]:
    """The student's and the instructor's account names for a class database."""
    return database + STUDENT_SUFFIX, database + TEACHER_SUFFIX


def check_database_name(database: str) -> None:
    if not _DATABASE_NAME.fullmatch(database):
        raise ClassServerError(
            "config",
            f"database name {database[:70]!r}: use 1 to 64 letters, digits and underscores",
        )
    if database.lower() in _SYSTEM_DATABASES:
        raise ClassServerError("config", f"{database!r} is the server's own database: pick another")


def init_class(
    admin_url: str, database: str = "tutor_class", *, host_pattern: str = "%", timeout: float = 10
) -> InitResult:
    """Create (or complete) the class database, its tables, its schema version, a student
    account `<database>_student` that may only INSERT into the class tables (no SELECT, so
    no student reads another's answers), and an instructor account `<database>_teacher` that
    may SELECT the database and nothing else. Both may log in from `host_pattern`.

    The URLs use the admin URL's host, port and ssl-mode with the class database. An admin
    URL through a unix socket gives URLs for 127.0.0.1 and its port (3306 unless it names
    one), with a note: students on other machines need the server's network address there.
    Raises ClassServerError; "schema" when the database has a newer schema than this tutor.
    """
    check_database_name(database)
    if not _HOST_PATTERN.fullmatch(host_pattern):
        raise ClassServerError("config", f"host pattern {host_pattern[:70]!r} is not valid")
    admin = parse_class_url(admin_url, require_database=False)
    admin = replace(admin, database=None)
    conn = connect(admin, timeout)
    try:
        return _Init(conn, admin, database, host_pattern).run()
    except ClassServerError:
        raise
    except Exception as error:
        raise driver_error(error, admin) from None
    finally:
        conn.close()


class _Init:
    def __init__(self, conn: Any, admin: Settings, database: str, host_pattern: str) -> None:
        self.conn, self.admin, self.database, self.host = conn, admin, database, host_pattern
        self.created: list[str] = []
        self.existed: list[str] = []
        self.notes: list[str] = []

    def run(self) -> InitResult:
        student, teacher = account_names(self.database)
        self._check_user_name_length(teacher)
        cursor = self.conn.cursor()
        db = self.database
        if self._try(cursor, f"CREATE DATABASE `{db}` CHARACTER SET utf8mb4", _DB_EXISTS):
            self.created.append(f"database {db}")
        else:
            self.existed.append(f"database {db}")
        cursor.execute(f"USE `{db}`")
        self._refuse_newer_schema(cursor)
        existing_columns = self._existing_columns(cursor)
        for spec in TABLE_SPECS:
            if self._try(cursor, spec.create_sql(), _TABLE_EXISTS):
                self.created.append(f"table {db}.{spec.name}")
                continue
            missing = [c for c in spec.column_names if c not in existing_columns.get(spec.name, ())]
            if missing:
                raise ClassServerError(
                    "schema",
                    f"table {db}.{spec.name} exists but lacks the columns {', '.join(missing)}: "
                    "it was not made by tutor; use another --database",
                )
            self.existed.append(f"table {db}.{spec.name}")
        self._record_schema_version(cursor)
        student_pw = self._account(
            cursor,
            student,
            "students who joined with its old URL must join again with this one "
            "(their records wait in their outbox meanwhile)",
        )
        teacher_pw = self._account(cursor, teacher, "its old URL no longer works")
        for table in CLASS_TABLES:
            cursor.execute(f"GRANT INSERT ON `{db}`.`{table}` TO %s@%s", (student, self.host))
        # A database-level grant takes _ and % as wildcards: escape them to mean this one only.
        pattern = db.replace("_", "\\_")
        cursor.execute(f"GRANT SELECT ON `{pattern}`.* TO %s@%s", (teacher, self.host))
        cursor.close()
        return InitResult(
            database=db,
            student_url=self._url(student, student_pw),
            instructor_url=self._url(teacher, teacher_pw),
            created=self.created,
            existed=self.existed,
            notes=self.notes + self._host_notes(),
        )

    def _try(self, cursor: Any, sql: str, exists_code: int) -> bool:
        """Run a CREATE; False when the server says what it creates already exists."""
        try:
            cursor.execute(sql)
        except Exception as error:
            if getattr(error, "errno", None) == exists_code:
                return False
            raise
        return True

    def _check_user_name_length(self, longest: str) -> None:
        server = "mariadb" if "mariadb" in str(self.conn.server_info).lower() else "mysql"
        limit = _USER_NAME_MAX[server]
        if len(longest) > limit:
            keep = limit - len(TEACHER_SUFFIX)
            raise ClassServerError(
                "config",
                f"the account name {longest!r} would be {len(longest)} characters and this "
                f"server allows {limit}: use a database name of at most {keep} characters",
            )

    def _refuse_newer_schema(self, cursor: Any) -> None:
        try:
            cursor.execute(SCHEMA_VERSION_SQL)
        except Exception as error:
            if getattr(error, "errno", None) == 1146:  # no schema_info yet
                return
            raise
        row = cursor.fetchone()
        version = row[0] if row else None
        if version is not None and int(version) > SCHEMA_VERSION:
            raise ClassServerError("schema", newer_schema_message(int(version)))

    def _existing_columns(self, cursor: Any) -> dict[str, set[str]]:
        cursor.execute(
            "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS "
            "WHERE TABLE_SCHEMA = %s",
            (self.database,),
        )
        columns: dict[str, set[str]] = {}
        for table, column in cursor.fetchall():
            columns.setdefault(_text(table), set()).add(_text(column))
        return columns

    def _record_schema_version(self, cursor: Any) -> None:
        if self._try(cursor, SCHEMA_INFO_SQL, _TABLE_EXISTS):
            self.created.append(f"table {self.database}.{SCHEMA_TABLE}")
        else:
            self.existed.append(f"table {self.database}.{SCHEMA_TABLE}")
        cursor.execute(
            f"INSERT IGNORE INTO `{SCHEMA_TABLE}` (`version`) VALUES (%s)", (SCHEMA_VERSION,)
        )
        what = f"schema version {SCHEMA_VERSION}"
        (self.created if cursor.rowcount == 1 else self.existed).append(what)

    def _account(self, cursor: Any, user: str, after_reset: str) -> str:
        """Create the account, or give the existing one a new password; returns the password."""
        password = new_password()
        shown = f"account '{user}'@'{self.host}'"
        try:
            cursor.execute("CREATE USER %s@%s IDENTIFIED BY %s", (user, self.host, password))
        except Exception as error:
            if getattr(error, "errno", None) != _USER_OP_FAILED:
                raise
            cursor.execute("ALTER USER %s@%s IDENTIFIED BY %s", (user, self.host, password))
            self.existed.append(f"{shown} (password reset)")
            self.notes.append(f"password reset for {shown}: {after_reset}")
            return password
        self.created.append(shown)
        return password

    def _url(self, user: str, password: str) -> str:
        host, port = self.admin.host, self.admin.port
        if self.admin.uses_socket:
            host = "127.0.0.1"
        shown_host = f"[{host}]" if ":" in host else host
        url = f"mysql://{quote(user, safe='')}:{quote(password, safe='')}@{shown_host}:{port}/"
        url += quote(self.database)
        if self.admin.ssl_mode:
            url += f"?ssl-mode={self.admin.ssl_mode}"
        return url

    def _host_notes(self) -> list[str]:
        if self.admin.uses_socket:
            return [
                "the admin URL used a unix socket, so the URLs name 127.0.0.1: students on "
                "other machines need this server's network address in its place"
            ]
        if self.admin.host.lower() in _LOOPBACK:
            return [
                f"the URLs name {self.admin.host}, which only this machine reaches: students on "
                "other machines need this server's network address in its place"
            ]
        return []


def new_password() -> str:
    """A URL-safe random password that also meets common password policies (MySQL's
    validate_password: lower and upper case, a digit and a non-alphanumeric character)."""
    while True:
        password = secrets.token_urlsafe(24)
        if (
            any(c in string.ascii_lowercase for c in password)
            and any(c in string.ascii_uppercase for c in password)
            and any(c in string.digits for c in password)
            and any(c in "-_" for c in password)
        ):
            return password


def _text(value: Any) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, (bytes, bytearray)) else str(value)
