"""A lab step in the walkthrough: its checks start unticked, Enter runs them live, a failure
shows what to do, Enter again retries, and passing shows the lab's explanation."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Button, Static

from tutor.content.loader import load_pack
from tutor.ui.app import create_app
from tutor.ui.walkthrough_state import Phase
from tutor.ui.widgets.lab_view import LabView

VAR = "TUTOR_LAB_TEST_VAR"

SCENARIO = f"""\
id: lab-env
title: A setting in the environment
environment: local
summary: The app reads its settings from the environment.
hosts:
  - id: laptop
    label: Laptop
    kind: workstation
    services:
      - {{id: app, label: App, kind: app}}
      - {{id: db, label: MySQL, kind: relational-database}}
links:
  - {{from: app, to: db}}
steps:
  - lab:
      id: set-the-var
      title: Set the variable
      task: |
        Set `{VAR}` in the terminal you start tutor from.
      hint: Did you export it?
      explain: |
        Now the **setting** lives outside the code.
      checks:
        - check: env-var
          name: {VAR}
  - text: After the lab.
"""


@pytest.fixture
def pack(tmp_path: Path):
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / "lab-env.yaml").write_text(SCENARIO)
    return load_pack(tmp_path)


def text_of(widget: Static) -> str:
    """What a Static shows, rendered as plain text (Markdown and Groups included)."""
    console = Console(width=200, file=io.StringIO(), color_system=None)
    with console.capture() as captured:
        console.print(widget.content)
    return captured.get()


async def enter(pilot) -> None:
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_lab_fails_with_the_fix_then_passes(pack, store, monkeypatch) -> None:
    monkeypatch.delenv(VAR, raising=False)
    app = create_app(pack, store=store, start="scenario:lab-env")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await enter(pilot)  # the summary, then the lab
        lab = screen.query_one(LabView)
        check = lab.query_one("#lab-check-0", Static)
        assert text_of(check).startswith(
            f"[ ] env-var: a variable is set and not empty (name: {VAR})"
        )
        assert "Set the variable" in text_of(lab.query_one(".lab-title", Static))
        assert f"Set {VAR} in the terminal" in text_of(lab.query_one(".lab-task", Static))
        assert "`" not in text_of(lab.query_one(".lab-task", Static))  # Markdown, rendered
        assert str(screen.query_one("#wt-continue", Button).label) == "Check ▶ (Enter)"
        assert screen.active_bindings["enter"].binding.description == "Check"  # the footer

        await enter(pilot)  # unset: ✗, what was found, what to do
        shown = text_of(check)
        assert shown.startswith("[✗] env-var:")
        assert f"{VAR} is not set" in shown
        assert f"export {VAR}=..." in shown and "`" not in shown
        assert "Did you export it?" in text_of(lab.query_one("#lab-status", Static))
        assert not lab.query_one("#lab-explain").display
        assert screen.walkthrough.phase is Phase.TEXT and screen.walkthrough.index == 0
        assert str(screen.query_one("#wt-continue", Button).label) == "Check again (Enter)"

        monkeypatch.setenv(VAR, "set")
        await enter(pilot)  # Enter again retries: ✓ and the explanation
        assert text_of(check).startswith("[✓] env-var:")
        explain = lab.query_one("#lab-explain", Static)
        assert explain.display
        assert "Now the setting lives outside the code." in text_of(explain)
        assert str(screen.query_one("#wt-continue", Button).label) == "Next ▶ (Enter)"
        assert screen.active_bindings["enter"].binding.description == "Continue"

        await enter(pilot)  # passed: Enter moves on
        assert screen.walkthrough.index == 1
        assert not screen.query(LabView)
    # Both verdicts are kept, the failure with the check that failed, like answers.
    runs = [(r.lab_id, r.passed, r.failed_check, r.source) for r in store.lab_attempts()]
    assert runs == [("set-the-var", False, "env-var", "app"), ("set-the-var", True, None, "app")]


async def test_checks_not_run_and_escape_goes_back(pack, store, monkeypatch) -> None:
    """A check after a failed one shows ·; with nothing running, Esc goes back as before."""
    two_checks = SCENARIO.replace(
        f"          name: {VAR}\n",
        f"          name: {VAR}\n        - check: env-var\n          name: {VAR}_TOO\n",
    )
    (pack.root / "scenarios" / "lab-env.yaml").write_text(two_checks)
    monkeypatch.delenv(VAR, raising=False)
    app = create_app(load_pack(pack.root), store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open("scenario:lab-env")
        await pilot.pause()
        screen = app.screen
        await enter(pilot)
        lab = screen.query_one(LabView)
        assert text_of(lab.query_one("#lab-check-1", Static)).startswith("[ ] env-var:")
        await enter(pilot)
        assert text_of(lab.query_one("#lab-check-0", Static)).startswith("[✗]")
        assert text_of(lab.query_one("#lab-check-1", Static)).startswith("[·] env-var:")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen


async def test_escape_cancels_a_running_check(pack, store, monkeypatch) -> None:
    """Esc while a check runs sets its cancel event: the check shows · and the step stays."""
    from tutor.dbcheck.wire import Cancelled
    from tutor.labs.checks import CHECKS

    def waits_for_cancel(params, ctx):
        if not ctx.cancel.wait(timeout=30):
            raise AssertionError("the cancel event was never set")
        raise Cancelled()

    monkeypatch.setitem(CHECKS, "env-var", waits_for_cancel)
    app = create_app(pack, store=store, start="scenario:lab-env")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await enter(pilot)
        lab = screen.query_one(LabView)
        await pilot.press("enter")
        await pilot.pause()
        assert lab.running
        assert str(screen.query_one("#wt-continue", Button).label) == "Checking ..."
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen and not lab.running
        assert text_of(lab.query_one("#lab-check-0", Static)).startswith("[·] env-var:")
        assert "Cancelled" in text_of(lab.query_one("#lab-status", Static))


async def test_n_skips_a_lab_that_cannot_be_done_here(pack, store, monkeypatch) -> None:
    monkeypatch.delenv(VAR, raising=False)
    app = create_app(pack, store=store, start="scenario:lab-env")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await enter(pilot)  # the summary, then the lab
        assert screen.query(LabView)
        await pilot.press("n")
        await pilot.pause()
        assert screen.walkthrough.index == 1 and not screen.query(LabView)


async def test_a_skipped_lab_leaves_the_scenario_not_done_until_it_passes(
    pack, store, monkeypatch
) -> None:
    from tutor.ui.screens.home import HomeScreen

    monkeypatch.delenv(VAR, raising=False)
    app = create_app(pack, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        glance = app.screen.query_one("#glance", Static)
        assert "Labs 0/1" in str(glance.render())
        app.open("scenario:lab-env")
        await pilot.pause()
        screen = app.screen
        await enter(pilot)  # the summary, then the lab
        await pilot.press("n")  # skipped
        await pilot.pause()
        await enter(pilot)  # the text step, then the end
        labs = text_of(screen.query_one("#wt-labs", Static))
        assert "– lab not yet passed Set the variable" in labs
        assert "tutor lab verify lab-env" in labs
        assert not app.progress.scenario_done(pack.scenario("lab-env"))
        await enter(pilot)  # back to Home
        assert isinstance(app.screen, HomeScreen)
        assert "Scenarios done 0/1" in str(app.screen.query_one("#glance", Static).render())

        monkeypatch.setenv(VAR, "set")
        app.open("scenario:lab-env")
        await pilot.pause()
        screen = app.screen
        await enter(pilot)
        lab = screen.query_one(LabView)
        await enter(pilot)  # checked: passed
        assert lab.passed
        await enter(pilot)
        await enter(pilot)
        assert "✓ lab passed Set the variable" in text_of(screen.query_one("#wt-labs", Static))
        assert app.progress.scenario_done(pack.scenario("lab-env"))
        await enter(pilot)
        shown = str(app.screen.query_one("#glance", Static).render())
        assert "Scenarios done 1/1" in shown and "Labs 1/1" in shown
        # Walking it again says it passed before.
        app.open("scenario:lab-env")
        await pilot.pause()
        await enter(pilot)
        status = text_of(app.screen.query_one(LabView).query_one("#lab-status", Static))
        assert "You passed this lab before" in status
