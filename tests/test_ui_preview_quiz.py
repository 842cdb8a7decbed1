"""`tutor preview FILE.yaml --quiz`: a scenario's questions as the quiz asks them, reloaded on
save, and never recorded."""

from __future__ import annotations

import os
from pathlib import Path

from rich.console import Console
from textual.widgets import Static
from waiting import pilot_wait_until

from tutor.commands.preview import build_app
from tutor.progress import open_store
from tutor.ui.app import create_app

SCENARIO = """\
id: demo
title: Demo database
environment: production
summary: The shop runs on a VM in Azure.
hosts:
  - id: vm
    label: App VM
    kind: vm
    services:
      - {{id: app, label: App, kind: app}}
  - id: dbvm
    label: DB VM
    kind: vm
    services:
      - {{id: db, label: MySQL, kind: relational-database}}
links:
  - {{from: app, to: db}}
steps:
  - text: Before the first question.
  - question:
      id: first
      kind: placement
      prompt: {first}
      service: db
      answer: external
      explain: It runs on another host.
  - text: Between the two questions.
  - question:
      id: second
      kind: choice
      prompt: And the primary?
      choices:
        - text: On the DB VM
          correct: true
        - text: On the App VM
          feedback: The app's VM runs the app only.
      explain: The database has a host of its own.
"""


def write(path: Path, text: str) -> None:
    """Write and make sure the mtime moves, even on coarse file systems."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text)
    if path.stat().st_mtime_ns == before:
        os.utime(path, ns=(before + 10**9, before + 10**9))


def scenario(first: str = "Internal or external?") -> str:
    return SCENARIO.format(first=first)


def make_file(tmp_path: Path) -> Path:
    (tmp_path / "pack" / "scenarios").mkdir(parents=True)
    path = tmp_path / "pack" / "scenarios" / "demo.yaml"
    write(path, scenario())
    return path


def text_of(screen, selector: str) -> str:
    """What the widgets matching `selector` show, as plain words; "" when there are none."""
    console = Console(width=200, color_system=None)
    with console.capture() as capture:
        for widget in screen.query(selector):
            console.print(widget.content if isinstance(widget, Static) else widget.render())
    return " ".join(capture.get().split())


async def until(pilot, condition, what: str) -> None:
    """Until the preview has reloaded the file and shows what `condition` looks for."""
    await pilot_wait_until(pilot, condition, what=what)


async def test_questions_come_one_by_one_with_the_quiz_context(tmp_path: Path) -> None:
    path = make_file(tmp_path)
    app = build_app(path, quiz=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == "QuizPreviewScreen"
        assert "Preview: answers are not saved" in text_of(screen, ".screen-title")
        title = text_of(screen, "#round-title")
        assert "Question 1 of 2" in title and "Demo database" in title
        assert "Internal or external?" in text_of(screen, ".qv-prompt")
        # The context the real quiz shows above the prompt: the summary, the text before it.
        context = text_of(screen, ".qv-context")
        assert context == "The shop runs on a VM in Azure. Before the first question."
        # Not a walkthrough: no text step of its own, nothing from after the question.
        assert "Between the two questions." not in text_of(screen, "Static")

        await pilot.press("e", "enter")  # the placement, answered
        await pilot.pause()
        assert text_of(screen, ".qv-verdict").startswith("✓")
        await pilot.press("enter")
        await pilot.pause()
        assert "Question 2 of 2" in text_of(screen, "#round-title")
        assert "And the primary?" in text_of(screen, ".qv-prompt")
        assert "Between the two questions." in text_of(screen, ".qv-context")

        # A save starts again at the same question, as it now reads.
        write(path, scenario().replace("And the primary?", "Where does the primary run?"))
        await until(pilot, lambda: "run?" in text_of(screen, ".qv-prompt"), "the new prompt")
        assert screen.index == 1 and not screen.answered
        assert "Where does the primary run?" in text_of(screen, ".qv-prompt")
        await pilot.press("enter")  # the first choice, checked; then the end: start again
        await pilot.pause()
        assert text_of(screen, ".qv-verdict")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.index == 0 and "Question 1 of 2" in text_of(screen, "#round-title")


async def test_a_broken_file_shows_its_problems_then_recovers(tmp_path: Path) -> None:
    path = make_file(tmp_path)
    app = build_app(path, quiz=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("e", "enter", "enter")
        await pilot.pause()
        assert screen.index == 1

        write(path, "id: demo\ntitle: [unclosed\n")
        await until(pilot, lambda: screen.query("#panel-text"), "the problems")
        problems = text_of(screen, "#panel-text")
        assert "This file does not load" in problems and f"{path}:2:" in problems
        await pilot.press("enter", "e", "f")  # nothing to do, nothing breaks
        await pilot.pause()

        write(path, scenario(first="Fixed prompt?"))
        await until(pilot, lambda: screen.query(".qv-prompt"), "a question again")
        assert screen.index == 1 and "And the primary?" in text_of(screen, ".qv-prompt")


async def answer_both(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e", "enter", "enter", "enter")  # the placement, then the choice
        await pilot.pause()
        assert "Question 2 of 2" in text_of(app.screen, "#round-title")
        assert text_of(app.screen, ".qv-verdict")


async def test_answers_in_a_quiz_preview_are_not_recorded(tmp_path: Path) -> None:
    """Neither by the preview the command builds, nor by an app given the learner's store."""
    path = make_file(tmp_path)
    data = Path(os.environ["TUTOR_DATA_DIR"])  # the store `tutor` itself would open
    with open_store(data).store as store:
        store.set_student_name("Test Student")

    await answer_both(build_app(path, quiz=True))
    with open_store(data).store as store:
        await answer_both(
            create_app(build_app(path).pack, store=store, preview_path=path, preview_quiz=True)
        )

    with open_store(data).store as store:
        assert store.attempts() == [] and store.review_states() == []
