"""Whole-process time of `tutor check URL --json` per service and failure mode, beside
`pg_isready` and `redis-cli ping` against the same targets.

Peers (a closed port and a silent listener) run on 127.0.0.1 ephemeral ports in this process;
the live servers are this machine's PostgreSQL (127.0.0.1:5432, trust) and Redis (:6379).
Each figure is the median of 5 runs. Targets: the worst case within the timeout + 0.5 s; the
fast verdicts (refused, dns, wrong-service) within 150 ms, since no driver is imported before
the login stage.
Usage: .venv/bin/python bench/check.py [--timeout 3] [--runs 5]
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from dbcheck_support import closed_port, peer, silent  # noqa: E402

KILL_AFTER = 60.0
FAST_TARGET = 0.150
FAST_MODES = ("refused", "dns", "wrong-service")


def _median(command: list[str], runs: int) -> tuple[float, int | None]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("MYSQL", "PG")) and k not in ("DATABASE_URL", "REDIS_URL")
    }
    times, code = [], None
    for _ in range(runs):
        started = time.monotonic()
        try:
            done = subprocess.run(command, capture_output=True, env=env, timeout=KILL_AFTER)
            code = done.returncode
        except subprocess.TimeoutExpired:
            code = None
        times.append(time.monotonic() - started)
    return statistics.median(times), code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=3.0)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    tutor = [sys.executable, "-m", "tutor", "check", "--json", "--timeout", f"{args.timeout:g}"]
    pg_isready, redis_cli = shutil.which("pg_isready"), shutil.which("redis-cli")
    stop = threading.Event()
    failures = []
    with peer(silent(stop)) as quiet:
        closed = closed_port()
        q = quiet.port
        # (service, mode, URL, (host, port) for the native tool)
        modes = [
            ("postgresql", "ok", "postgres://postgres@127.0.0.1:5432/postgres", 5432),
            ("postgresql", "no-database", "postgres://postgres@127.0.0.1:5432/no_such_db", None),
            ("postgresql", "refused", f"postgres://postgres@127.0.0.1:{closed}/postgres", closed),
            ("postgresql", "dns", "postgres://postgres@no-such-host.invalid:5432/x", None),
            ("postgresql", "wrong-service", "postgres://postgres@127.0.0.1:6379/x", 6379),
            ("postgresql", "silent", f"postgres://postgres@127.0.0.1:{q}/postgres", q),
            ("redis", "ok", "redis://127.0.0.1:6379/0", 6379),
            ("redis", "no-database", "redis://127.0.0.1:6379/999", None),
            ("redis", "refused", f"redis://127.0.0.1:{closed}/0", closed),
            ("redis", "dns", "redis://no-such-host.invalid:6379/0", None),
            ("redis", "wrong-service", "redis://127.0.0.1:5432/0", 5432),
            ("redis", "silent", f"redis://127.0.0.1:{q}/0", q),
            ("mysql", "wrong-service", "mysql://root@127.0.0.1:5432/x", None),
        ]
        t = args.timeout
        print(f"tutor check --json --timeout {t:g}; median of {args.runs} whole-process runs")
        print(f"{'service':<11}{'mode':<15}{'tutor':>9}{'exit':>6}{'native':>10}{'exit':>6}")
        for service, mode, url, native_port in modes:
            seconds, code = _median([*tutor, url], args.runs)
            native = "-"
            native_code: object = "-"
            if native_port is not None:
                tool = None
                if service == "postgresql" and pg_isready:
                    tool = [
                        pg_isready,
                        "-h",
                        "127.0.0.1",
                        "-p",
                        str(native_port),
                        "-t",
                        str(int(t)),
                    ]
                elif service == "redis" and redis_cli:
                    # redis-cli 7.0 has no timeout option: on a silent peer it waits forever.
                    if mode != "silent":
                        tool = [redis_cli, "-h", "127.0.0.1", "-p", str(native_port), "ping"]
                    else:
                        native = "waits"
                if tool:
                    native_seconds, native_code = _median(tool, args.runs)
                    native = f"{native_seconds * 1000:.0f} ms"
            print(
                f"{service:<11}{mode:<15}{seconds * 1000:>6.0f} ms{code!s:>6}"
                f"{native:>10}{native_code!s:>6}"
            )
            if seconds > t + 0.5:
                failures.append(f"{service} {mode}: {seconds:.2f} s > timeout + 0.5 s")
            if mode in FAST_MODES and seconds > FAST_TARGET:
                failures.append(f"{service} {mode}: {seconds * 1000:.0f} ms > 150 ms")
    stop.set()
    for failure in failures:
        print("MISS", failure)
    print("PASS" if not failures else "FAIL")
    return 0 if not failures else 1


if __name__ == "__main__":
    raise SystemExit(main())
