"""Whole-process start-up of `tutor` (to an interactive Home) against a minimal Textual app.

Each run is a fresh process in a pseudo-terminal of 80x24 with TUTOR_EXIT_WHEN_READY=1:
both apps exit right after their first screen is mounted and drawn. The two are
alternated, RUNS times each; we print medians, the ratio (target <= 1.15), and the
medians of peak resident memory (wait4's ru_maxrss, target <= 1.5x).

    .venv/bin/python bench/startup.py [RUNS]
"""

from __future__ import annotations

import fcntl
import os
import pty
import statistics
import struct
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_TIME, TARGET_RSS = 1.15, 1.5
BENCH_DATA_DIR = tempfile.mkdtemp(prefix="tutor-bench-startup-")


def run_once(argv: list[str]) -> tuple[float, int]:
    """(seconds until exit, peak RSS in KiB) of one process in a fresh pty."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    # A learner's usual start: their name already given (the first start asks once), and a
    # data folder of the bench's own, so the real progress is never touched.
    env.update(
        TUTOR_EXIT_WHEN_READY="1",
        TERM="xterm-256color",
        TUTOR_STUDENT="Bench",
        TUTOR_DATA_DIR=BENCH_DATA_DIR,
    )
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # child
        os.setsid()
        for fd in (0, 1, 2):
            os.dup2(slave, fd)
        os.execve(argv[0], argv, env)
    os.close(slave)

    def drain() -> None:
        try:
            while os.read(master, 65536):
                pass
        except OSError:
            pass

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - started
    os.close(master)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{argv} failed with status {status}")
    return elapsed, usage.ru_maxrss


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    python = sys.executable
    commands = {
        "tutor": [python, "-m", "tutor"],
        "baseline": [python, str(ROOT / "bench" / "baseline_app.py")],
    }
    for argv in commands.values():  # warm the file cache and .pyc files
        run_once(argv)
    times: dict[str, list[float]] = {name: [] for name in commands}
    rss: dict[str, list[int]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            seconds, peak = run_once(argv)
            times[name].append(seconds)
            rss[name].append(peak)
    t_tutor, t_base = (statistics.median(times[n]) for n in ("tutor", "baseline"))
    m_tutor, m_base = (statistics.median(rss[n]) for n in ("tutor", "baseline"))
    print(f"start-up, median of {runs} alternating runs each (80x24 pty)")
    for name, t, m in (("tutor", t_tutor, m_tutor), ("baseline", t_base, m_base)):
        fastest = min(times[name]) * 1000
        print(
            f"  {name:9} {t * 1000:7.0f} ms (fastest {fastest:.0f})   peak RSS {m / 1024:6.1f} MiB"
        )
    time_ratio, rss_ratio = t_tutor / t_base, m_tutor / m_base
    print(f"  ratio time {time_ratio:.2f} (target <= {TARGET_TIME})")
    print(f"  ratio RSS  {rss_ratio:.2f} (target <= {TARGET_RSS})")
    return 0 if time_ratio <= TARGET_TIME and rss_ratio <= TARGET_RSS else 1


if __name__ == "__main__":
    raise SystemExit(main())
