"""Whole-process time of `tutor check-db --json` per failure mode, beside `mariadb-admin ping`.

Peers (closed port, silent listener, HTTP server, garbage sender) run on 127.0.0.1 ephemeral
ports in this process; the live server comes from TUTOR_TEST_MYSQL_URL. Each figure is the
median of 5 runs. Usage: .venv/bin/python bench/check_db.py [--timeout 5] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from dbcheck_support import (  # noqa: E402
    closed_port,
    http_server,
    peer,
    sends_then_closes,
    silent,
)

DEFAULT_URL = "mysql://tutor:tutor-test-pw@127.0.0.1:3306/tutor_test"
KILL_AFTER = 60.0


def _time(command: list[str], env: dict[str, str]) -> tuple[float, int | None]:
    started = time.monotonic()
    try:
        done = subprocess.run(
            command, capture_output=True, env=env, timeout=KILL_AFTER, check=False
        )
        code: int | None = done.returncode
    except subprocess.TimeoutExpired:
        code = None
    return time.monotonic() - started, code


def _median(command: list[str], env: dict[str, str], runs: int) -> tuple[float, int | None]:
    times, code = [], None
    for _ in range(runs):
        seconds, code = _time(command, env)
        times.append(seconds)
    return statistics.median(times), code


def _cancel_seconds(url: str) -> float:
    """From setting `cancel` to run_check returning, while it waits for a silent greeting."""
    from tutor.dbcheck import resolve_settings, run_check

    seen: list[object] = []
    cancel = threading.Event()
    settings = resolve_settings(url, env={})
    worker = threading.Thread(
        target=run_check,
        args=(settings,),
        kwargs={"timeout": KILL_AFTER, "on_stage": seen.append, "cancel": cancel},
    )
    worker.start()
    while len(seen) < 2 and worker.is_alive():  # dns and connect: now in the greeting
        time.sleep(0.005)
    started = time.monotonic()
    cancel.set()
    worker.join(KILL_AFTER)
    return time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=5.0)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    live = urlsplit(os.environ.get("TUTOR_TEST_MYSQL_URL", DEFAULT_URL))
    user, password = live.username or "tutor", live.password or ""
    host, port, database = live.hostname or "127.0.0.1", live.port or 3306, live.path.lstrip("/")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MYSQL") and k != "DATABASE_URL"}
    admin = shutil.which("mariadb-admin") or shutil.which("mysqladmin")
    stop = threading.Event()

    def url(h: str, p: int, pw: str = password, db: str = database) -> str:
        return f"mysql://{user}:{pw}@{h}:{p}/{db}"

    with (
        peer(silent(stop)) as quiet,
        http_server() as http_port,
        peer(sends_then_closes(b"\x00garbage\xff and then goodbye\r\n")) as garbage,
    ):
        refused = closed_port()
        # (label, URL for tutor, (host, port, password) for mariadb-admin or None)
        modes = [
            ("ok", url(host, port), (host, port, password)),
            ("refused", url("127.0.0.1", refused), ("127.0.0.1", refused, password)),
            ("silent listener", url("127.0.0.1", quiet.port), ("127.0.0.1", quiet.port, password)),
            ("http server", url("127.0.0.1", http_port), ("127.0.0.1", http_port, password)),
            ("garbage", url("127.0.0.1", garbage.port), ("127.0.0.1", garbage.port, password)),
            (
                "dns .invalid",
                url("no-such-host.invalid", port),
                ("no-such-host.invalid", port, password),
            ),
            ("auth", url(host, port, pw="wrong-pw"), (host, port, "wrong-pw")),
            ("no-database", url(host, port, db="tutor_scratch_missing"), None),
        ]
        t = args.timeout
        print(
            f"tutor check-db --json --timeout {t:g}  vs  mariadb-admin ping --connect-timeout={t:g}"
        )
        print(
            f"median of {args.runs} whole-process runs; "
            f"worst case allowed for tutor: {t + 0.5:.1f} s"
        )
        print()
        print(f"{'mode':<17}{'tutor s':>9}{'exit':>6}{'admin s':>10}{'exit':>6}{'ratio':>8}")
        for label, target, admin_target in modes:
            tutor_cmd = [
                sys.executable,
                "-m",
                "tutor",
                "check-db",
                target,
                "--json",
                "--timeout",
                str(t),
            ]
            tutor_s, tutor_code = _median(tutor_cmd, env, args.runs)
            admin_text, admin_code_text, ratio = "n/a", "", ""
            if admin and admin_target:
                h, p, pw = admin_target
                cmd = [admin, "--protocol=TCP", "-h", h, "-P", str(p), "-u", user,
                       f"--connect-timeout={int(t)}", "ping"]  # fmt: skip
                admin_s, admin_code = _median(cmd, dict(env, MYSQL_PWD=pw), args.runs)
                admin_text = f"{admin_s:.2f}" if admin_code is not None else f">{KILL_AFTER:.0f}"
                admin_code_text = "hang" if admin_code is None else str(admin_code)
                ratio = f"{tutor_s / admin_s:.2f}x"
            print(
                f"{label:<17}{tutor_s:>9.2f}{tutor_code!s:>6}{admin_text:>10}"
                f"{admin_code_text:>6}{ratio:>8}"
            )
        cancels = [_cancel_seconds(url("127.0.0.1", quiet.port)) for _ in range(args.runs)]
        print()
        print(
            f"cancel during the greeting (run_check in a thread): median "
            f"{statistics.median(cancels) * 1000:.0f} ms, worst {max(cancels) * 1000:.0f} ms "
            "(docs/check-db.md: about 50 ms)"
        )
        stop.set()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
