"""`tutor preview FILE [--quiz]`: what it refuses, with exit code 2 and one line on stderr."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tutor.cli import main

LESSON = "---\nid: intro\ntitle: Intro\norder: 1\n---\n\n## One\n\nPage one.\n"
HANG_GUARD = 120  # seconds: a preview started into a pipe would wait for ever


@pytest.fixture
def lesson(tmp_path: Path) -> Path:
    (tmp_path / "lessons").mkdir()
    path = tmp_path / "lessons" / "01-intro.md"
    path.write_text(LESSON)
    return path


def refused(capsys, *args: str) -> str:
    """Run `tutor preview ARGS`: exit 2, nothing on stdout, one line on stderr (returned)."""
    assert main(["preview", *args]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.endswith("\n")
    return err


def test_a_file_neither_lesson_nor_scenario_is_refused(tmp_path: Path, capsys) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Some notes.\n")
    err = refused(capsys, str(path))
    assert err.startswith("tutor preview: ")
    assert "notes.txt is neither a lesson (.md) nor a scenario (.yaml)" in err


def test_quiz_with_a_lesson_is_refused(lesson: Path, capsys) -> None:
    err = refused(capsys, str(lesson), "--quiz")
    assert "--quiz shows a scenario's questions" in err and "01-intro.md is a lesson" in err
    assert "leave out --quiz" in err


@pytest.mark.parametrize("name", ["nope.md", "nope.yaml", "nope.txt"])
def test_a_missing_file_is_refused(tmp_path: Path, capsys, name: str) -> None:
    err = refused(capsys, str(tmp_path / name))
    assert err == f"tutor preview: no such file: {tmp_path / name}\n"


def test_a_lesson_preview_without_a_terminal_is_refused(lesson: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    result = subprocess.run(
        [sys.executable, "-m", "tutor", "preview", str(lesson)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
        env=env,
    )
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "tutor preview: needs a terminal, but stdin, stdout and stderr are not terminals; "
        "run it without < > or |"
    ]
