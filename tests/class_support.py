"""What the class-mode tests share: root over the socket as the admin, and a class database of
each test's own (tutor_class_t<random>), dropped with its two accounts afterwards. Without the
socket the tests skip, except under CI=true, where they fail."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tutor.classroom import server

SOCKET = Path("/run/mysqld/mysqld.sock")
ADMIN_URL = f"mysql://root@localhost/?socket={SOCKET}"
REPO_ROOT = Path(__file__).resolve().parent.parent
TUTOR = REPO_ROOT / ".venv" / "bin" / "tutor"
SECRET = "s3cret-Pa55"


def admin_sql(sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    conn = server.connect(ADMIN_URL, 5)
    try:
        cursor = conn.cursor()
        cursor.execute(sql, params)
        return list(cursor.fetchall()) if cursor.with_rows else []
    finally:
        conn.close()


def drop_class(database: str) -> None:
    admin_sql(f"DROP DATABASE IF EXISTS `{database}`")
    for user in server.account_names(database):
        admin_sql("DROP USER IF EXISTS %s@'%'", (user,))


def count_rows(url: str, table: str) -> int:
    conn = server.connect(url, 5)
    try:
        cursor = conn.cursor()
        cursor.execute(f"SELECT COUNT(*) FROM `{table}`")
        return int(cursor.fetchone()[0])
    finally:
        conn.close()
