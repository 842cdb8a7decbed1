"""Class mode at scale and under faults, against this machine's MariaDB (issue 15).

1. Scale: 300 students x 100 answers, each student a real local store (bench/class_student.py),
   sent with sync_store by 50 concurrent processes; each sync run twice, then everything sent
   again with the outbox's marks forgotten. Each record id must be on the server once.
   Throughput: records / wall time from the first process start to the last exit.
2. Server killed mid-send: the same, while the student account's connections are killed
   (KILL CONNECTION, as root) every --kill-every seconds; then a later sync for everyone.
3. `tutor class report --url INSTRUCTOR_URL --json`, whole process, median of --runs, on 3,000
   / 30,000 / 300,000 attempts (30 / 300 / 3,000 students, filled as root), beside `python -c
   pass`. Target: 30,000 attempts <= 1 s.
4. bench/answer_feedback.py with TUTOR_CLASS_URL on a closed loopback port and without.
It makes a throwaway class database (init_class, root over the socket) and drops it and its
two accounts at the end, with every temporary folder.
Usage: .venv/bin/python bench/class.py [--students 300] [--answers 100] [--processes 50]
    [--runs 5] [--skip-scale] [--skip-faults] [--skip-report] [--skip-feedback]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

import class_student as sim  # noqa: E402

from tutor.classroom import server  # noqa: E402
from tutor.classroom.server_schema import SPEC_BY_TYPE  # noqa: E402
from tutor.content.loader import load_pack  # noqa: E402

SOCKET = "/run/mysqld/mysqld.sock"
ADMIN_URL = f"mysql://root@localhost/?socket={SOCKET}"
WORKER = BENCH / "class_student.py"
ROWS_PER_INSERT = 2000


def admin_sql(sql: str, params: tuple[Any, ...] = (), database: str = "") -> list[Any]:
    conn = server.connect(f"mysql://root@localhost/{database}?socket={SOCKET}", 10)
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


def empty_class(database: str) -> None:
    for table in server.CLASS_TABLES:
        admin_sql(f"TRUNCATE TABLE `{table}`", database=database)


def run_workers(mode: str, folder: Path, args: argparse.Namespace, url: str, *extra: str) -> Any:
    """The students split over args.processes worker processes; (their JSON, wall seconds from
    the first start to the last exit)."""
    per = math.ceil(args.students / args.processes)
    env = {**os.environ, sim.URL_VARIABLE: url, "PYTHONPATH": str(ROOT)}
    started = time.monotonic()
    workers = [
        subprocess.Popen(
            [sys.executable, str(WORKER), mode, str(folder), str(first)]
            + [str(min(per, args.students - first)), *extra],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for first in range(0, args.students, per)
    ]
    try:
        outputs = [worker.communicate() for worker in workers]
    finally:  # interrupted: stop the workers this started
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
    wall = time.monotonic() - started
    for worker, (_out, err) in zip(workers, outputs, strict=True):
        if worker.returncode != 0:
            raise SystemExit(f"a {mode} worker failed:\n{err[-2000:]}")
    return [json.loads(out.strip().splitlines()[-1]) for out, _err in outputs], wall


def prepare(folder: Path, args: argparse.Namespace, menu_file: Path) -> tuple[set[str], float]:
    """Every student's store, answers recorded; the record ids the server should end up with."""
    extra = ["--answers", str(args.answers), "--menu", str(menu_file), "--seed", str(args.seed)]
    done, wall = run_workers("prepare", folder, args, "", *extra)
    expected = {made_id for worker in done for ids in worker["students"] for made_id in ids}
    return expected, wall


def totals(done: list[Any], turn: str) -> dict[str, int]:
    students = [s[turn] for worker in done for s in worker["students"]]
    return {
        "sent": sum(s["sent"] for s in students),
        "new": sum(s["new"] for s in students),
        "waiting": sum(max(s["waiting"], 0) for s in students),
        "failed": sum(1 for s in students if s["error"]),
    }


def on_server(url: str, expected: set[str]) -> dict[str, int]:
    """What the server holds, read with the instructor's account: rows, missing and unexpected
    record ids, and rows doubled under another id (same student, question and time)."""
    conn = server.connect(url, 10)
    try:
        cursor = conn.cursor()
        cursor.execute("SELECT record_id FROM answers")
        ids = [str(row[0]) for row in cursor.fetchall()]
        cursor.execute(
            "SELECT COUNT(*) FROM (SELECT 1 FROM answers GROUP BY student_id, scenario_id,"
            " question_id, answered_at HAVING COUNT(*) > 1) AS twice"
        )
        doubled = int(cursor.fetchone()[0])
    finally:
        conn.close()
    got = set(ids)
    return {
        "rows": len(ids),
        "missing": len(expected - got),
        "unexpected": len(got - expected),
        "doubled": len(ids) - len(got) + doubled,
    }


def intact(found: dict[str, int], expected: set[str]) -> bool:
    return found["rows"] == len(expected) and not (
        found["missing"] or found["unexpected"] or found["doubled"]
    )


def phase_line(name: str, wall: float | None, count: int, sums: dict[str, int], found: Any) -> None:
    rate = f"{count / wall:>9.0f}" if count and wall else f"{'':>9}"
    shown = f"{wall:>7.2f} s" if wall is not None else f"{'':>9}"
    held = f"{found['rows']:>8}{found['missing']:>8}{found['doubled']:>8}" if found else ""
    print(
        f"{name:<26}{shown}{rate}{sums.get('sent', ''):>8}{sums.get('new', ''):>8}"
        f"{sums.get('waiting', ''):>8}{sums.get('failed', ''):>7}{held}"
    )


TABLE_HEAD = (
    f"{'phase':<26}{'wall':>9}{'recs/s':>9}{'sent':>8}{'new':>8}{'waiting':>8}{'failed':>7}"
    f"{'server':>8}{'missing':>8}{'doubled':>8}"
)


def scale(args: argparse.Namespace, made: Any, folder: Path, menu_file: Path) -> bool:
    print(
        f"\n1. scale: {args.students} students x {args.answers} answers, {args.processes} "
        f"processes, {os.cpu_count()} CPUs"
    )
    expected, wall = prepare(folder, args, menu_file)
    print(TABLE_HEAD)
    phase_line("record locally (SQLite)", wall, len(expected), {}, None)
    done, wall = run_workers("send", folder, args, made.student_url)
    first, second = totals(done, "first"), totals(done, "second")
    found = on_server(made.instructor_url, expected)
    phase_line("send (sync_store)", wall, len(expected), first, found)
    phase_line("  same sync run again", None, 0, second, None)
    window = max(w["ended"] for w in done) - min(w["started"] for w in done)
    print(
        f"  sending alone (first sync begun to last ended, interpreter starts left out): "
        f"{window:.2f} s, {len(expected) / window:.0f} records/s"
    )
    done, wall = run_workers("resend", folder, args, made.student_url)
    again = totals(done, "first")
    found_again = on_server(made.instructor_url, expected)
    phase_line("resend all, marks forgotten", wall, len(expected), again, found_again)
    ok = (
        intact(found, expected)
        and intact(found_again, expected)
        and first["sent"] == first["new"] == len(expected)
        and second["sent"] == 0
        and again["new"] == 0
        and again["sent"] == len(expected)
    )
    print(f"every record on the server once, resends added nothing: {'OK' if ok else 'FAILED'}")
    return ok


class Killer(threading.Thread):
    """Kills the student account's connections on the server, every `every` seconds."""

    def __init__(self, user: str, every: float) -> None:
        super().__init__(daemon=True)
        self.user, self.every = user, every
        self.stop = threading.Event()
        self.rounds = self.killed = 0

    def run(self) -> None:
        conn = server.connect(ADMIN_URL, 10)
        cursor = conn.cursor()
        while not self.stop.wait(self.every):
            cursor.execute(
                "SELECT ID FROM information_schema.PROCESSLIST WHERE USER = %s", (self.user,)
            )
            ids = [int(row[0]) for row in cursor.fetchall()]
            self.rounds += 1 if ids else 0
            for connection_id in ids:
                with contextlib.suppress(Exception):  # it may have ended meanwhile (1094)
                    cursor.execute(f"KILL CONNECTION {connection_id}")
                    self.killed += 1
        conn.close()


def faults(args: argparse.Namespace, made: Any, folder: Path, menu_file: Path) -> bool:
    print(
        f"\n2. server killed mid-send: {args.students} new students x {args.answers} answers, "
        f"sent {args.fault_limit} at a time, the student account's connections killed every "
        f"{args.kill_every} s"
    )
    empty_class(made.database)
    expected, wall = prepare(folder, args, menu_file)
    print(TABLE_HEAD)
    phase_line("record locally (SQLite)", wall, len(expected), {}, None)
    killer = Killer(server.account_names(made.database)[0], args.kill_every)
    killer.start()
    try:
        done, wall = run_workers(
            "send", folder, args, made.student_url, "--once", "--limit", str(args.fault_limit)
        )
    finally:
        killer.stop.set()
        killer.join()
    killed = totals(done, "first")
    found = on_server(made.instructor_url, expected)
    phase_line("send while killed", wall, 0, killed, found)
    print(f"  {killer.killed} connections killed in {killer.rounds} rounds")
    done, wall = run_workers("send", folder, args, made.student_url, "--once")
    later = totals(done, "first")
    found_later = on_server(made.instructor_url, expected)
    phase_line("later sync", wall, 0, later, found_later)
    print(f"  later sync: {later['sent'] - later['new']} records were already on the server")
    ok = intact(found_later, expected) and later["waiting"] == 0 and later["failed"] == 0
    print(f"nothing lost, nothing doubled, every outbox empty: {'OK' if ok else 'FAILED'}")
    if killer.killed == 0:
        print("no connection was killed: the send ended too soon (try a smaller --fault-limit)")
        ok = False
    return ok


def fill(database: str, records: list[Any]) -> None:
    """Add `records` to the class database as root, ROWS_PER_INSERT rows a statement."""
    conn = server.connect(f"mysql://root@localhost/{database}?socket={SOCKET}", 30)
    try:
        cursor = conn.cursor()
        for kind in SPEC_BY_TYPE.values():
            rows = [kind.row(r) for r in records if type(r) is kind.record_type]
            for at in range(0, len(rows), ROWS_PER_INSERT):
                cursor.executemany(kind.insert_sql(), rows[at : at + ROWS_PER_INSERT])
        conn.commit()
    finally:
        conn.close()


def median_run(command: list[str], env: dict[str, str], runs: int) -> tuple[float, str]:
    times, output = [], ""
    for _ in range(runs):
        started = time.monotonic()
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        times.append(time.monotonic() - started)
        if done.returncode != 0:
            raise SystemExit(f"{command[2:5]} failed ({done.returncode}):\n{done.stderr[-1500:]}")
        output = done.stdout
    return statistics.median(times), output


def report_times(args: argparse.Namespace, made: Any, menu: Any, pack: Any, data: Path) -> bool:
    env = {k: v for k, v in os.environ.items() if k != "TUTOR_CLASS_URL"}
    env.update(PYTHONPATH=str(ROOT), TUTOR_DATA_DIR=str(data))
    floor, _ = median_run([sys.executable, "-c", "pass"], env, args.runs)
    command = [sys.executable, "-m", "tutor", "class", "report", "--url", made.instructor_url]
    command.append("--json")
    print(f"\n3. tutor class report --json, whole process, median of {args.runs}")
    print(f"python -c pass: {floor * 1000:.0f} ms")
    print(f"{'attempts':>9}{'students':>10}{'fill':>9}{'report':>10}{'- floor':>10}{'x first':>9}")
    empty_class(made.database)
    students = 0
    first_time, ok = None, True
    for size in args.report_sizes:
        started = time.monotonic()
        fill(made.database, sim.class_records(menu, pack, students, size // 100, args.seed))
        filled = time.monotonic() - started
        students = size // 100
        median_run(command, env, 1)  # the first run after a fill warms the pack cache
        seconds, output = median_run(command, env, args.runs)
        attempts = sum(q["attempts"] for q in json.loads(output)["questions"])
        if attempts != size:
            print(f"the report counts {attempts} attempts, {size} were filled")
            ok = False
        first_time = first_time or seconds
        print(
            f"{size:>9,}{students:>10,}{filled:>7.1f} s{seconds * 1000:>7.0f} ms"
            f"{(seconds - floor) * 1000:>7.0f} ms{seconds / first_time:>8.1f}x"
        )
        if size == 30_000:
            print(f"{'':>28}target 30,000 <= 1 s: {'OK' if seconds <= 1 else 'OVER'}")
            ok = ok and seconds <= 1
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=300)
    parser.add_argument("--answers", type=int, default=100)
    parser.add_argument("--processes", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--fault-limit", type=int, default=10, help="records per send round")
    parser.add_argument("--kill-every", type=float, default=0.1)
    parser.add_argument("--report-sizes", default="3000,30000,300000")
    parser.add_argument("--feedback-answers", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    for part in ("scale", "faults", "report", "feedback"):
        parser.add_argument(f"--skip-{part}", action="store_true")
    args = parser.parse_args()
    args.report_sizes = sorted(int(size) for size in args.report_sizes.split(","))
    if any(size % 100 or size <= 0 for size in args.report_sizes):
        parser.error("--report-sizes: whole hundreds (100 answers per student)")
    pack = load_pack(ROOT)
    menu = sim.question_menu(pack, args.seed)
    database = f"tutor_class_bench_{secrets.token_hex(4)}"
    work = Path(tempfile.mkdtemp(prefix="tutor-bench-class-"))
    menu_file = work / "menu.json"
    menu_file.write_text(json.dumps(menu), encoding="utf-8")
    results = []
    try:
        if not (args.skip_scale and args.skip_faults and args.skip_report):
            made = server.init_class(ADMIN_URL, database)
        if not args.skip_scale:
            results.append(scale(args, made, work / "scale", menu_file))
        if not args.skip_faults:
            results.append(faults(args, made, work / "faults", menu_file))
        if not args.skip_report:
            results.append(report_times(args, made, menu, pack, work / "data"))
    finally:
        drop_class(database)
        shutil.rmtree(work, ignore_errors=True)
    if not args.skip_feedback:
        results.append(sim.feedback(args.runs, args.feedback_answers, pack))
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
