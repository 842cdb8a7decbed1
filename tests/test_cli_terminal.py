"""Commands that start the full-screen app refuse to start without a terminal, and `tutor quiz`
says when the pack has fewer questions than asked. The real CLI runs as a subprocess; the
subprocess timeouts only guard against a hang (an app started into a pipe waits for ever)."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from waiting import wait_until

REPO = Path(__file__).resolve().parent.parent
PACK = Path(__file__).resolve().parent / "data" / "ui-pack"
SCENARIO_FILE = next((PACK / "scenarios").rglob("*.yaml"))
HANG_GUARD = 120  # seconds

APP_COMMANDS = {
    "app": ("tutor", ["--content", str(PACK)]),
    "quiz": ("tutor quiz", ["--content", str(PACK), "quiz"]),
    "preview": ("tutor preview", ["preview", str(SCENARIO_FILE)]),
}


def environment() -> dict[str, str]:
    # COLUMNS / LINES from the test runner would override the pty's size; TUTOR_STUDENT keeps
    # the first-start name question out of the way.
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    return env | {"TUTOR_STUDENT": "Tester", "TERM": "xterm-256color"}


@pytest.mark.parametrize("command", APP_COMMANDS)
def test_the_app_commands_refuse_a_pipe_with_one_line(command: str) -> None:
    name, args = APP_COMMANDS[command]
    result = subprocess.run(
        [sys.executable, "-m", "tutor", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
        env=environment(),
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{name}: needs a terminal, but stdin, stdout and stderr are not terminals; "
        "run it without < > or |"
    ]


class PtyRun:
    """A `tutor` process with some of stdin, stdout and stderr on an 80x24 pseudo-terminal
    and the others on /dev/null (stdin) or a pipe; the terminal's output is collected."""

    def __init__(self, args: list[str], off_terminal: str | None) -> None:
        leader, follower = pty.openpty()
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.leader = leader
        self.screen = b""
        streams = {
            "stdin": subprocess.DEVNULL if off_terminal == "stdin" else follower,
            "stdout": subprocess.PIPE if off_terminal == "stdout" else follower,
            "stderr": subprocess.PIPE if off_terminal == "stderr" else follower,
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tutor", *args], env=environment(), **streams
        )
        os.close(follower)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.leader, 65536)
            except OSError:  # the last holder of the terminal has gone
                return
            if not chunk:
                return
            self.screen += chunk

    def text(self) -> str:
        return self.screen.decode("utf-8", "replace")

    def finish(self) -> tuple[int, bytes, bytes]:
        """Exit status and the piped output; a process still running after the guard fails."""
        out, err = self.process.communicate(timeout=HANG_GUARD)
        self.reader.join(timeout=HANG_GUARD)
        return self.process.returncode, out or b"", err or b""

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=HANG_GUARD)
        self.reader.join(timeout=HANG_GUARD)
        os.close(self.leader)


@contextmanager
def pty_run(args: list[str], off_terminal: str | None = None) -> Iterator[PtyRun]:
    run = PtyRun(args, off_terminal)
    try:
        yield run
    finally:
        run.close()


@pytest.mark.parametrize("stream", ["stdin", "stdout", "stderr"])
@pytest.mark.parametrize("command", ["quiz", "app"])
def test_the_message_names_the_stream_that_is_not_a_terminal(command: str, stream: str) -> None:
    name, args = APP_COMMANDS[command]
    with pty_run(args, off_terminal=stream) as run:
        code, _, err = run.finish()
        message = err.decode() if stream == "stderr" else run.text()
    assert code == 2
    assert f"{name}: needs a terminal, but {stream} is not one" in message


ALTERNATE_SCREEN = "\x1b[?1049h"  # what Textual writes first when it takes the terminal


def test_quiz_says_when_the_pack_has_fewer_questions_than_asked() -> None:
    with pty_run(["--content", str(PACK), "quiz", "--count", "1000"]) as run:
        # The app starting in the pty (the bench's case) shows the terminal check passes.
        wait_until(lambda: ALTERNATE_SCREEN in run.text(), what="the app to start")
        before_the_app = run.text().split(ALTERNATE_SCREEN)[0]
    [line] = before_the_app.strip().splitlines()
    assert line.startswith("tutor quiz: asked for 1000 questions; the pack has ")
    drawn = int(line.split("the pack has ")[1].split()[0])
    assert 0 < drawn < 1000 and line.endswith(f"matching, using all {drawn}")

    with pty_run(["--content", str(PACK), "quiz", "--count", str(drawn)]) as run:
        wait_until(lambda: ALTERNATE_SCREEN in run.text(), what="the app to start")
        assert run.text().split(ALTERNATE_SCREEN)[0].strip() == "", "enough: no note"


def test_quiz_names_the_filters_the_count_was_short_for() -> None:
    from tutor.content.loader import load_pack

    pack = load_pack(PACK)
    environment = pack.scenarios[0].environment
    matching = sum(len(s.questions) for s in pack.scenarios if s.environment == environment)
    args = ["--content", str(PACK), "quiz", "--count", "50", "--environment", environment]
    with pty_run(args) as run:
        wait_until(lambda: ALTERNATE_SCREEN in run.text(), what="the app to start")
        before_the_app = run.text().split(ALTERNATE_SCREEN)[0]
    using = "using that one" if matching == 1 else f"using all {matching}"
    assert before_the_app.strip() == (
        f"tutor quiz: asked for 50 questions; the pack has {matching} matching "
        f"--environment {environment}, {using}"
    )
