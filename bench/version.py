"""Benchmark: `tutor --version` as a whole process vs `python -c pass`, medians of 5.

Target (issue 2): at most 3x. Run: .venv/bin/python bench/version.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 5
TARGET_RATIO = 3.0


def median_seconds(command: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    tutor = str(Path(sys.executable).with_name("tutor"))
    median_seconds([sys.executable, "-c", "pass"])  # warm the file cache
    baseline = median_seconds([sys.executable, "-c", "pass"])
    version = median_seconds([tutor, "--version"])
    ratio = version / baseline
    print(f"python -c pass:  {baseline * 1000:.1f} ms")
    print(f"tutor --version: {version * 1000:.1f} ms")
    print(f"ratio:           {ratio:.2f}   target <= {TARGET_RATIO:.1f}")
    print("PASS" if ratio <= TARGET_RATIO else "FAIL")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    raise SystemExit(main())
