"""Benchmark: `tutor validate` on N generated scenarios vs parsing them bare with CSafeLoader.

Both sides are whole processes (interpreter start-up included), medians of 5 runs, measured in
the same run. Targets (issue 2): 1,000 files in at most 1.0 s; ratio at most 2.0.
The in-process bare parse time is printed too, for reference.

    .venv/bin/python bench/validate.py [N]
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 5
TARGET_SECONDS, TARGET_RATIO = 1.0, 2.0

TEMPLATE = """\
id: bench-{n}
title: Scenario number {n}
environment: {environment}
summary: |
  A generated scenario for the validator benchmark, number {n}.
tags: [mysql, bench]
hosts:
  - id: app-host
    label: App host
    kind: vm
    services:
      - {{id: app, label: MVC app, kind: app}}
{internal}  - id: db-host
    label: Database host
    kind: managed-service
    services:
      - {{id: other-db, label: MongoDB, kind: document-database}}
links:
  - {{from: app, to: db}}
  - {{from: app, to: other-db}}
steps:
  - text: |
      Read the situation carefully. The app talks to two backing services.
  - question:
      id: where-db
      kind: placement
      prompt: Should the database be internal or external here?
      service: db
      answer: {answer}
      hint: Think about the environment.
      explain: |
        In {environment} the best practice is {answer}.
  - question:
      id: why
      kind: choice
      prompt: Which reason matters most?
      choices:
        - text: The reason that matters
          correct: true
        - text: A tempting wrong reason
          feedback: That is a misconception.
        - text: Another wrong reason
          feedback: Also a misconception.
      explain: Because of the environment.
  - question:
      id: which
      kind: multi
      prompt: Which are backing services?
      choices:
        - {{text: MySQL, correct: true}}
        - {{text: MongoDB, correct: true}}
        - {{text: The app itself, feedback: The app consumes backing services.}}
      explain: Both databases are consumed over the network.
"""

BARE = """\
import sys, yaml
from pathlib import Path
for path in sorted(Path(sys.argv[1]).rglob("*.yaml")):
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""


def generate(root: Path, count: int) -> None:
    folder = root / "scenarios"
    folder.mkdir(parents=True)
    for n in range(count):
        production = n % 2 == 0
        internal = (
            "" if production else "      - {id: db, label: MySQL, kind: relational-database}\n"
        )
        text = TEMPLATE.format(
            n=n,
            environment="production" if production else "local",
            answer="external" if production else "internal",
            internal=internal,
        )
        if production:
            text = text.replace(
                "      - {id: other-db,",
                "      - {id: db, label: MySQL, kind: relational-database}\n      - {id: other-db,",
            )
        (folder / f"bench-{n:05}.yaml").write_text(text, encoding="utf-8")


def median_seconds(command: list[str], expect: int = 0) -> tuple[float, float]:
    """Median wall time and median CPU time (user + sys) of a whole process."""
    walls, cpus = [], []
    for _ in range(RUNS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if result.returncode != expect:
            sys.exit(f"{command} exited {result.returncode}:\n{result.stdout[-2000:]}")
    return statistics.median(walls), statistics.median(cpus)


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    tutor = str(Path(sys.executable).with_name("tutor"))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generate(root, count)
        import yaml

        in_process = []
        for _ in range(RUNS):
            start = time.perf_counter()
            for path in sorted(root.rglob("*.yaml")):
                yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            in_process.append(time.perf_counter() - start)
        bare, bare_cpu = median_seconds([sys.executable, "-c", BARE, str(root)])
        check, check_cpu = median_seconds([tutor, "--content", str(root), "validate"])
    ratio = check / bare
    print(f"files:                         {count}")
    print(
        f"tutor validate (process):      {check:.3f} s wall, {check_cpu:.3f} s CPU"
        f"   target <= {TARGET_SECONDS:.1f} s"
    )
    print(f"bare CSafeLoader (process):    {bare:.3f} s wall, {bare_cpu:.3f} s CPU")
    print(f"bare CSafeLoader (in-process): {statistics.median(in_process):.3f} s")
    print(
        f"ratio validate / bare process: {ratio:.2f} wall, {check_cpu / bare_cpu:.2f} CPU"
        f"   target <= {TARGET_RATIO:.1f}"
    )
    print(f"load average: {os.getloadavg()[0]:.2f} (timings on a busy machine are inflated)")
    ok = ratio <= TARGET_RATIO and (count != 1000 or check <= TARGET_SECONDS)
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
