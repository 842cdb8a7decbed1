"""Whole-process time of `tutor lab verify SCENARIO LAB --json` for each built-in lab, done
(every check passes) and not done (nothing set up), median of 5 runs each.

It sets the labs up as a student would, on this machine's MariaDB (root over the socket) and
Redis, in a throwaway Git repository, and removes what it made afterwards. Beside it, the
bare interpreter start-up (`python -c pass`), the floor under every figure.
Usage: .venv/bin/python bench/labs.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "bench-lab-pw"
LABS = (
    ("lab-your-own-mysql", "own-mysql"),
    ("lab-your-own-mysql", "app-user"),
    ("lab-your-own-mysql", "seed-data"),
    ("lab-config-and-cache", "config-not-code"),
    ("lab-config-and-cache", "local-cache"),
)
SETUP = f"""
CREATE DATABASE shop;
CREATE USER 'shop_app'@'%' IDENTIFIED BY '{PASSWORD}';
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP ON shop.* TO 'shop_app'@'%';
CREATE TABLE shop.products (id INT PRIMARY KEY, name VARCHAR(80));
INSERT INTO shop.products VALUES (1, 'Mug'), (2, 'Shirt'), (3, 'Cap');
"""
TEARDOWN = "DROP DATABASE IF EXISTS shop; DROP USER IF EXISTS 'shop_app'@'%';"


def root_sql(sql: str) -> None:
    client = shutil.which("mariadb") or shutil.which("mysql") or "mariadb"
    subprocess.run([client, "--protocol=SOCKET", "-u", "root", "-e", sql], check=True)


def median(command: list[str], env: dict[str, str], cwd: Path, runs: int) -> tuple[float, int]:
    times, code = [], 0
    for _ in range(runs):
        started = time.monotonic()
        code = subprocess.run(command, env=env, cwd=cwd, capture_output=True).returncode
        times.append(time.monotonic() - started)
    return statistics.median(times), code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    # The verdicts are kept in a throwaway store, as a student's are kept in theirs: the cost of
    # keeping them is part of the figure, the learner's own progress is left alone.
    data = tempfile.mkdtemp(prefix="tutor-bench-labs-")
    base = {
        **{
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("MYSQL", "PG")) and k not in ("DATABASE_URL", "REDIS_URL")
        },
        "TUTOR_DATA_DIR": data,
    }
    done_env = {
        **base,
        "DATABASE_URL": f"mysql://shop_app:{PASSWORD}@127.0.0.1:3306/shop",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }
    floor, _ = median([sys.executable, "-c", "pass"], base, ROOT, args.runs)
    print(f"median of {args.runs} whole-process runs; python -c pass: {floor * 1000:.0f} ms")
    print(f"{'lab':<38}{'done':>10}{'exit':>6}{'not done':>10}{'exit':>6}")
    with tempfile.TemporaryDirectory() as folder:
        repo = Path(folder)
        subprocess.run(["git", "init", "-q", str(repo)], check=True)
        (repo / ".gitignore").write_text(".env\n")
        (repo / ".env").write_text("DATABASE_URL=...\n")
        commands = [
            [sys.executable, "-m", "tutor", "lab", "verify", scenario, lab, "--json"]
            for scenario, lab in LABS
        ]
        try:
            # Not done: no database, no account, no settings in the environment.
            root_sql(TEARDOWN)
            undone = [median(command, base, repo, args.runs) for command in commands]
            root_sql(SETUP)
            done = [median(command, done_env, repo, args.runs) for command in commands]
            for (scenario, lab), (done_s, done_code), (undone_s, undone_code) in zip(
                LABS, done, undone, strict=True
            ):
                print(
                    f"{scenario + ' ' + lab:<38}{done_s * 1000:>7.0f} ms{done_code:>6}"
                    f"{undone_s * 1000:>7.0f} ms{undone_code:>6}"
                )
        finally:
            root_sql(TEARDOWN)
            shutil.rmtree(data, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
