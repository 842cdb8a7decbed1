"""Shared test setup: every test gets its own data folder and a colour terminal."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from class_support import ADMIN_URL, SOCKET, drop_class

from tutor.classroom import server as class_server

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TEST_MYSQL_URL = "mysql://tutor:tutor-test-pw@127.0.0.1:3306/tutor_test"


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test reads or writes the real user's progress, config or MySQL settings."""
    data_dir = tmp_path / "tutor-data"
    monkeypatch.setenv("TUTOR_DATA_DIR", str(data_dir))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TUTOR_CONTENT", raising=False)
    monkeypatch.delenv("TUTOR_STUDENT", raising=False)
    monkeypatch.delenv("TUTOR_CLASS_URL", raising=False)
    for name in (
        "DATABASE_URL",
        "MYSQL_HOST",
        "MYSQL_PORT",
        "MYSQL_TCP_PORT",
        "MYSQL_USER",
        "MYSQL_PASSWORD",
        "MYSQL_PWD",
        "MYSQL_DATABASE",
        "MYSQL_UNIX_PORT",
        "PGHOST",
        "PGPORT",
        "PGUSER",
        "PGPASSWORD",
        "PGDATABASE",
        "PGSSLMODE",
        "PGSSLROOTCERT",
        "PGPASSFILE",
        "REDIS_URL",
    ):
        monkeypatch.delenv(name, raising=False)
    # ~/.my.cnf is part of the settings chain: keep the real one out of the tests.
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir(exist_ok=True)
    return data_dir


@pytest.fixture
def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


@pytest.fixture
def builtin_pack_root() -> Path:
    return REPO_ROOT


@pytest.fixture
def store(tmp_path: Path):
    """A progress store of the test's own, with a student name (no name dialog on top)."""
    from tutor.progress import open_store

    opened = open_store(tmp_path / "data")
    opened.store.set_student_name("Test Student")
    yield opened.store
    opened.store.close()


# -- class mode: root over the socket as the admin, a class database of each test's own -------


@pytest.fixture(scope="module")
def admin_ready() -> str:
    """Root can log in through the socket; otherwise skip (or fail under CI=true)."""
    ci = os.environ.get("CI", "").lower() == "true"
    problem = None
    if not SOCKET.exists():
        problem = f"no MariaDB socket at {SOCKET} (run scripts/ensure-mysql)"
    else:
        try:
            class_server.connect(ADMIN_URL, 5).close()
        except class_server.ClassServerError as error:
            problem = f"root cannot log in through {SOCKET}: {error}"
    if problem:
        if ci:
            pytest.fail(problem)
        pytest.skip(problem)
    return ADMIN_URL


@pytest.fixture
def class_db(admin_ready: str) -> Iterator[str]:
    """A unique, unused class database name; dropped with its accounts afterwards."""
    name = f"tutor_class_t{secrets.token_hex(4)}"
    try:
        yield name
    finally:
        drop_class(name)


@pytest.fixture
def made_class(class_db: str) -> class_server.InitResult:
    return class_server.init_class(ADMIN_URL, class_db)
