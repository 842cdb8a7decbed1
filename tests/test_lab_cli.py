"""`tutor lab list` and `tutor lab verify` on the built-in labs, done as a student would do them
on this machine's MariaDB and Redis: fail first, fix the server, pass."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from dbcheck_support import REPO_ROOT, root_sql_or_skip
from waiting import HANG_GUARD

APP_PASSWORD = "shop-lab-test-pw"


def lab(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("MYSQL", "PG")) and k not in ("DATABASE_URL", "REDIS_URL")
    }
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "tutor",
            "lab",
            *args,
            *(["--timeout", "5"] if "verify" in args else []),
        ],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**clean, "PYTHONPATH": str(REPO_ROOT), **env},
        timeout=60 + HANG_GUARD,
        check=False,
    )


def test_lab_list_names_the_five_builtin_labs(tmp_path: Path) -> None:
    done = lab("list", "--json", env={}, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert {(row["scenario"], row["id"]) for row in rows} >= {
        ("lab-your-own-mysql", "own-mysql"),
        ("lab-your-own-mysql", "app-user"),
        ("lab-your-own-mysql", "seed-data"),
        ("lab-config-and-cache", "config-not-code"),
        ("lab-config-and-cache", "local-cache"),
    }


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("verify", "no-such-scenario"), "no scenario 'no-such-scenario'"),
        (("verify", "lab-your-own-mysql", "no-such-lab"), "has no lab 'no-such-lab'"),
        (("verify", "laptop-local-mysql"), "has no labs"),
    ],
)
def test_unknown_ids_are_usage_errors(tmp_path: Path, args, words) -> None:
    done = lab(*args, env={}, cwd=tmp_path)
    assert done.returncode == 2 and words in done.stderr and done.stdout == ""


@pytest.fixture
def shop(request: pytest.FixtureRequest):
    """The lab's database and app account, made the wrong way first (as the test says)."""
    root_sql = root_sql_or_skip()
    if root_sql("SHOW DATABASES LIKE 'shop'").stdout.strip():
        pytest.skip("a database 'shop' already exists on this server: not touching it")
    yield root_sql
    root_sql("DROP DATABASE IF EXISTS shop; DROP USER IF EXISTS 'shop_app'@'127.0.0.1'")


def test_a_lab_fails_with_its_diagnosis_then_passes_once_the_server_is_fixed(
    shop, tmp_path: Path
) -> None:
    env = {"DATABASE_URL": f"mysql://shop_app:{APP_PASSWORD}@127.0.0.1:3306/shop"}
    # Nothing done yet: the login fails, and the later checks do not run.
    done = lab("verify", "lab-your-own-mysql", "app-user", "--json", env=env, cwd=tmp_path)
    assert done.returncode == 1
    document = json.loads(done.stdout)
    assert document["scenario"] == "lab-your-own-mysql"
    (result,) = document["labs"]
    assert result["id"] == "app-user" and result["ok"] is False
    assert [c["ok"] for c in result["checks"]] == [False, None, None, None]
    assert set(result["checks"][0]) == {"check", "ok", "detail", "fix"}
    # The database and a server-wide account: least privilege fails, with the reason.
    made = shop(
        "CREATE DATABASE shop;"
        f"CREATE USER 'shop_app'@'127.0.0.1' IDENTIFIED BY '{APP_PASSWORD}';"
        "GRANT ALL PRIVILEGES ON *.* TO 'shop_app'@'127.0.0.1';"
    )
    assert made.returncode == 0, made.stderr
    done = lab("verify", "lab-your-own-mysql", "app-user", "--json", env=env, cwd=tmp_path)
    checks = json.loads(done.stdout)["labs"][0]["checks"]
    assert [c["ok"] for c in checks] == [True, True, True, False]
    assert "every database" in checks[3]["detail"] and "REVOKE" in checks[3]["fix"]
    # Fixed as the task says: the lab passes, and the text output says so.
    fixed = shop(
        "REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'shop_app'@'127.0.0.1';"
        "GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP ON shop.* TO 'shop_app'@'127.0.0.1';"
    )
    assert fixed.returncode == 0, fixed.stderr
    done = lab("verify", "lab-your-own-mysql", "app-user", env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    assert "passed" in done.stdout
    assert APP_PASSWORD not in done.stdout + done.stderr


def test_the_cache_lab_passes_against_this_machine_s_redis(tmp_path: Path) -> None:
    env = {"REDIS_URL": "redis://127.0.0.1:6379/0"}
    done = lab("verify", "lab-config-and-cache", "local-cache", "--json", env=env, cwd=tmp_path)
    result = json.loads(done.stdout)["labs"][0]
    if result["checks"][0]["ok"] is False and "refused" in result["checks"][0]["detail"]:
        pytest.skip("no Redis on 127.0.0.1:6379")
    assert done.returncode == 0 and result["ok"] is True


def test_verdicts_count_in_the_learner_s_progress_unless_told_not_to(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {"TUTOR_DATA_DIR": str(data), "REDIS_URL": "redis://127.0.0.1:9/0"}
    done = lab("verify", "lab-config-and-cache", "local-cache", env=env, cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    done = lab(
        "verify", "lab-config-and-cache", "local-cache", "--no-record", env=env, cwd=tmp_path
    )
    assert done.returncode == 1
    progress = subprocess.run(
        [sys.executable, "-m", "tutor", "progress", "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT), "TUTOR_DATA_DIR": str(data)},
        timeout=60 + HANG_GUARD,
        check=True,
    )
    labs = json.loads(progress.stdout)["labs"]
    assert labs["runs"] == {"total": 1, "passed": 0} and labs["passed"] == 0


def test_a_store_that_cannot_be_opened_costs_a_warning_not_the_verdict(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    env = {"TUTOR_DATA_DIR": str(blocked / "data")}
    done = lab("verify", "lab-config-and-cache", "config-not-code", env=env, cwd=tmp_path)
    assert done.returncode == 1
    assert "warning: results not kept in your progress" in done.stderr
