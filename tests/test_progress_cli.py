"""`tutor progress`, `export`, `reset` and `quiz` as a learner runs them (real subprocesses)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tutor.content.loader import load_pack
from tutor.content.packs import builtin_pack_root
from tutor.progress import QuestionKey, open_store, record_answer, store_path


def tutor(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tutor", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env=os.environ.copy(),
    )


@pytest.fixture
def answered(isolated_environment: Path) -> Path:
    """Two answers to the built-in pack (one wrong), a lesson page read and a flag."""
    pack = load_pack(builtin_pack_root())
    scenario = pack.scenarios[0]
    placement = next(q for q in scenario.questions if q.kind == "placement")
    other = next(q for q in scenario.questions if q.kind != "placement")
    wrong = "external" if placement.answer == "internal" else "internal"
    earlier = datetime.now(UTC) - timedelta(days=3)
    with open_store().store as store:
        record_answer(store, scenario, placement, wrong, source="walkthrough", now=earlier)
        record_answer(store, scenario, other, other.correct_indexes(), source="quiz")
        store.record_lesson_read(pack.lessons[0].id, 0)
        store.flag(QuestionKey(scenario.id, placement.id), "confusing", "which host is which?")
        store.set_student_name("Ada Lovelace")
    return isolated_environment


def test_progress_shows_the_totals(answered: Path) -> None:
    result = tutor("progress")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Progress for Ada Lovelace" in out
    pack = load_pack(builtin_pack_root())
    total = sum(len(s.questions) for s in pack.scenarios)
    environment = pack.scenarios[0].environment
    assert f"Questions answered   2 of {total} (2 answers)" in out
    assert "Accuracy             50% (1 of 2)" in out
    assert f"{environment:<18} 50% (1 of 2)" in out
    assert "1 due now; next due" in out
    assert "Flags                1" in out
    assert result.stderr == ""


def test_progress_json(answered: Path) -> None:
    result = tutor("progress", "--json")
    data = json.loads(result.stdout)
    assert data["student"] == "Ada Lovelace"
    total = sum(len(s.questions) for s in load_pack(builtin_pack_root()).scenarios)
    assert data["questions"] == {"total": total, "answered": 2}
    assert data["attempts"] == {"right": 1, "total": 2, "percent": 50.0}
    assert data["lessons"]["started"] == 1
    assert data["review"]["due_now"] == 1 and data["review"]["next_due"]


def test_progress_flags_for_the_instructor(answered: Path) -> None:
    out = tutor("progress", "--flags").stdout
    assert (
        "confusing" in out
        and f"{load_pack(builtin_pack_root()).scenarios[0].id}/" in out
        and "which host is which?" in out
    )
    data = json.loads(tutor("progress", "--flags", "--json").stdout)
    assert data["flags"][0]["reason"] == "confusing"
    assert data["flags"][0]["comment"] == "which host is which?"


def test_export_json_verifies_and_refuses_to_overwrite(answered: Path, tmp_path: Path) -> None:
    target = tmp_path / "handin.json"
    result = tutor("export", "-o", str(target))
    assert result.returncode == 0, result.stderr
    document = json.loads(target.read_text())
    assert document["student"] == "Ada Lovelace" and len(document["rows"]) == 2
    assert tutor("export", "--verify", str(target)).returncode == 0

    again = tutor("export", "-o", str(target))
    assert again.returncode == 2 and "--force" in again.stderr and "Traceback" not in again.stderr
    assert json.loads(target.read_text()) == document
    assert tutor("export", "-o", str(target), "--force").returncode == 0

    document["rows"][0]["correct"] = True
    target.write_text(json.dumps(document))
    checked = tutor("export", "--verify", str(target))
    assert checked.returncode == 1 and "NOT OK" in checked.stdout


def test_export_to_stdout_as_csv_with_the_student_from_the_environment(
    answered: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TUTOR_STUDENT", "Grace Hopper")
    lines = tutor("export", "--format", "csv").stdout.splitlines()
    assert lines[0].startswith("student,id,scenario_id,question_id")
    assert len(lines) == 3 and all(line.startswith("Grace Hopper,") for line in lines[1:])


def test_reset_refuses_without_yes_when_not_on_a_terminal(answered: Path) -> None:
    result = tutor("reset")
    assert result.returncode == 2 and "--yes" in result.stderr
    with open_store().store as store:
        assert len(store.attempts()) == 2


def test_reset_keeps_a_backup(answered: Path) -> None:
    result = tutor("reset", "--yes")
    assert result.returncode == 0, result.stderr
    [backup] = answered.glob("progress.sqlite3.backup-*")
    assert str(backup) in result.stdout
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT count(*) FROM attempts").fetchone() == (2,)
    with open_store().store as store:
        assert store.attempts() == [] and store.flags() == []
        assert store.student_name() == "Ada Lovelace"


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_reset_asks_on_a_terminal(answered: Path) -> None:
    import pty

    def run_with_tty(reply: bytes) -> tuple[int, bytes]:
        leader, follower = pty.openpty()
        process = subprocess.Popen(
            [sys.executable, "-m", "tutor", "reset"],
            stdin=follower,
            stdout=follower,
            stderr=follower,
            env=os.environ.copy(),
        )
        os.close(follower)
        os.write(leader, reply)
        output = b""
        while True:
            try:
                chunk = os.read(leader, 1024)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
        os.close(leader)
        return process.wait(timeout=30), output

    code, output = run_with_tty(b"n\n")
    assert code == 1 and b"[y/N]" in output and b"Nothing was changed" in output
    assert not list(answered.glob("progress.sqlite3.backup-*"))
    code, output = run_with_tty(b"y\n")
    assert code == 0 and b"Progress cleared" in output
    assert len(list(answered.glob("progress.sqlite3.backup-*"))) == 1


def test_reset_with_no_store_does_nothing(isolated_environment: Path) -> None:
    result = tutor("reset", "--yes")
    assert result.returncode == 0 and "Nothing to reset" in result.stdout
    assert not store_path().exists()


def test_a_corrupt_store_is_reported_once(isolated_environment: Path) -> None:
    isolated_environment.mkdir(parents=True)
    store_path().write_bytes(b"garbage" * 1000)
    first = tutor("progress")
    assert first.returncode == 0
    assert "could not be read" in first.stderr and "corrupt-" in first.stderr
    second = tutor("progress")
    assert second.returncode == 0 and second.stderr == ""


def test_a_newer_store_is_a_one_line_error(isolated_environment: Path) -> None:
    isolated_environment.mkdir(parents=True)
    with sqlite3.connect(store_path()) as raw:
        raw.execute("PRAGMA user_version = 99")
    before = store_path().read_bytes()
    for command in (["progress"], ["export"], ["reset", "--yes"]):
        result = tutor(*command)
        assert result.returncode == 2, command
        assert "newer version of tutor" in result.stderr and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert store_path().read_bytes() == before


def test_quiz_validates_its_filters(isolated_environment: Path) -> None:
    empty = tutor("quiz", "--tag", "no-such-tag")
    assert empty.returncode == 2 and "no scenario is tagged 'no-such-tag'" in empty.stderr
    bad = tutor("quiz", "--environment", "moon")
    assert bad.returncode == 2 and "invalid choice" in bad.stderr
    count = tutor("quiz", "--count", "0")
    assert count.returncode == 2 and "at least 1" in count.stderr
