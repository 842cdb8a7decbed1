"""One real terminal: `tutor` in tmux, driven with send-keys, read back with capture-pane."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from waiting import wait_until

PACK = Path(__file__).resolve().parent / "data" / "ui-pack"

pytestmark = pytest.mark.tmux


@pytest.fixture
def tmux(in_ci: bool):
    if shutil.which("tmux") is None:
        if in_ci:
            pytest.fail("tmux is missing under CI=true (scripts/ensure-tmux installs it)")
        pytest.skip("tmux is not installed")
    server = f"tutor-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"

    def run(*args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", server, *args], capture_output=True, text=True, timeout=10
        )
        return result.stdout

    try:
        yield run
    finally:
        subprocess.run(["tmux", "-L", server, "kill-server"], capture_output=True, timeout=10)


def wait_for(tmux, text: str | None = None, *, test=None) -> str:
    """The pane once it shows `text` and passes `test`; a hang fails with the last screen."""
    screens = [""]

    def shows() -> bool:
        screens.append(tmux("capture-pane", "-p"))
        return (text is None or text in screens[-1]) and (test is None or test(screens[-1]))

    try:
        wait_until(shows, what=repr(text or test))
    except AssertionError as hung:
        raise AssertionError(f"{hung}; the screen was:\n{screens[-1]}") from None
    return screens[-1]


def unplaced_mysql(screen: str) -> bool:
    """The diagram draws MySQL, not yet placed: marked "?" on its line."""
    return any("MySQL" in line and "?" in line for line in screen.splitlines())


def internal_mysql(screen: str) -> bool:
    """The diagram previews MySQL as internal: on the app's host, linked "same host"."""
    return any("same host" in line and "MySQL" in line for line in screen.splitlines())


def test_walk_into_a_scenario_in_a_real_terminal(tmux) -> None:
    # COLUMNS / LINES from the test runner would override the pane's real size.
    # TUTOR_STUDENT: no first-start name question in the way.
    command = (
        f"env -u COLUMNS -u LINES TUTOR_STUDENT=Tester {sys.executable} -m tutor --content {PACK}"
    )
    tmux("new-session", "-d", "-x", "100", "-y", "30", command)
    wait_for(tmux, "Lessons read 0/2")
    tmux("send-keys", "Down", "Down", "Enter")
    wait_for(tmux, "Laptop database")
    tmux("send-keys", "Enter")
    wait_for(tmux, "You build the app on your laptop.")
    tmux("send-keys", "Enter")
    wait_for(tmux, "step 1 of 4")
    tmux("send-keys", "Enter")
    # The diagram sits beside the question at 100 columns, with MySQL not yet placed.
    screen = wait_for(tmux, "Internal or external?", test=unplaced_mysql)
    question_line = next(line for line in screen.splitlines() if "Internal or external?" in line)
    assert len(question_line.rstrip()) > 50  # side by side: the diagram pane on the same row
    assert not internal_mysql(screen)
    tmux("send-keys", "i")
    wait_for(tmux, test=internal_mysql)  # the preview has redrawn: the answer is chosen
    tmux("send-keys", "Enter")
    wait_for(tmux, "Right: the service is internal here.")
    wait_for(tmux, "Locally you want control.")
    tmux("send-keys", "q")


def test_tutor_quiz_starts_straight_on_the_quiz(tmux, tmp_path: Path) -> None:
    data = tmp_path / "data"
    command = (
        f"env -u COLUMNS -u LINES TUTOR_STUDENT=Tester TUTOR_DATA_DIR={data} "
        f"{sys.executable} -m tutor --content {PACK} quiz --count 2 --seed 3"
    )
    tmux("new-session", "-d", "-x", "80", "-y", "24", command)
    wait_for(tmux, "1 of 2")
    tmux("send-keys", "q")
