"""A lab step: the task, then its checks, verified live on the learner's machine.

The checks start unticked (`[ ]`). `run()` verifies the lab in a thread worker
(tutor.labs.verify_lab); each CheckOutcome comes back to the widget as a message, and its line
ticks (✓), fails (✗, with what was found and what to do under it) or says it did not run (·).
`cancel()` sets the cancel event of a running check. When every check passes, the lab's
`explain` shows. Every run that ends with a verdict posts `LabView.Verified`, for the screen to
store; `LabView.StateChanged` tells the screen that its bar should change (checking, failed,
passed).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual import on
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from tutor.content.lab_spec import CHECK_KINDS, Lab, LabCheck
from tutor.ui.prose import inline, markdown

if TYPE_CHECKING:
    from rich.console import RenderableType

    from tutor.labs import CheckOutcome, LabResult

MARKS = {None: ("[·]", "dim"), True: ("[✓]", "bold green"), False: ("[✗]", "bold red")}
READY = "Enter checks it on this machine."
RUNNING = "Checking ... · Esc cancels"
PASSED_BEFORE = "You passed this lab before. Enter checks it again, or n goes on."


def check_line(check: LabCheck, outcome: CheckOutcome | None = None) -> RenderableType:
    """`[ ] kind: what it verifies (its parameters)`, marked once its outcome is known; a
    failed check's detail and fix (short Markdown) below it."""
    mark, style = ("[ ]", "") if outcome is None else MARKS[outcome.ok]
    described = CHECK_KINDS[check.kind][1] if check.kind in CHECK_KINDS else check.kind
    line = Text.assemble((mark, style), " ", (f"{check.kind}:", "bold"), f" {described}")
    if check.params:
        line.append(" (" + ", ".join(f"{k}: {v}" for k, v in check.params.items()) + ")", "dim")
    if outcome is None or outcome.ok is not False:
        return line
    parts: list[RenderableType] = [line, Padding(Text(outcome.detail), (0, 0, 0, 4))]
    if outcome.fix:
        parts.append(Padding(markdown(outcome.fix), (0, 0, 0, 4)))
    return Group(*parts)


class LabView(VerticalScroll):
    """The text side of a lab step (a `.pane-text` for SplitPane)."""

    class CheckDone(Message):
        """One check's outcome (posted from the checking thread)."""

        def __init__(self, run: int, index: int, outcome: CheckOutcome) -> None:
            super().__init__()
            self.run, self.index, self.outcome = run, index, outcome

    class LabDone(Message):
        """The whole run's result (posted from the checking thread)."""

        def __init__(self, run: int, result: LabResult | None) -> None:
            super().__init__()
            self.run, self.result = run, result

    class StateChanged(Message):
        """Running, failed, cancelled or passed: the screen's bar and keys follow."""

        def __init__(self, lab_view: LabView) -> None:
            super().__init__()
            self.lab_view = lab_view

    class Verified(Message):
        """A run finished with a verdict (passed or failed, not cancelled): the screen keeps it."""

        def __init__(self, lab_view: LabView, result: LabResult) -> None:
            super().__init__()
            self.lab_view, self.result = lab_view, result

    def __init__(self, lab: Lab, *, passed_before: bool = False) -> None:
        super().__init__(classes="pane-text")
        self.lab = lab
        self.passed_before = passed_before
        self.outcomes: list[CheckOutcome | None] = [None] * len(lab.checks)
        self.run_id = 0
        self.running = False
        self.passed = False
        self.tried = False
        self.cancel_event: threading.Event | None = None

    def compose(self):
        yield Static(inline(f"Lab: {self.lab.title}", "bold"), classes="lab-title")
        yield Static(markdown(self.lab.task), classes="step-text lab-task")
        for index, check in enumerate(self.lab.checks):
            yield Static(check_line(check), id=f"lab-check-{index}", classes="lab-check")
        ready = PASSED_BEFORE if self.passed_before else READY
        yield Static(Text(ready, style="dim"), id="lab-status")
        explain = Static(markdown(self.lab.explain), id="lab-explain")
        explain.display = False
        yield explain

    # -- running ------------------------------------------------------------------------------

    def run(self) -> bool:
        """Verify the lab in a thread worker; False when a check is running already."""
        if self.running:
            return False
        from tutor.labs import verify_lab

        self.run_id += 1
        self.running, self.passed, self.tried = True, False, True
        self.cancel_event = cancel = threading.Event()
        self.outcomes = [None] * len(self.lab.checks)
        for index in range(len(self.lab.checks)):
            self._draw_check(index)
        self.query_one("#lab-explain").display = False
        self._status(Text(RUNNING, style="dim"))
        run, lab = self.run_id, self.lab
        counter = iter(range(len(lab.checks)))

        def on_check(outcome: CheckOutcome) -> None:  # in the worker thread
            self.post_message(self.CheckDone(run, next(counter), outcome))

        def verify() -> None:  # in the worker thread: widgets are never touched here
            result: LabResult | None
            try:
                result = verify_lab(lab, on_check=on_check, cancel=cancel)
            except Exception:  # a broken check must not take the app down
                result = None
            self.post_message(self.LabDone(run, result))

        self.run_worker(
            verify,
            thread=True,
            exclusive=True,
            group="lab-check",
            description=f"lab {lab.id}",
            exit_on_error=False,
        )
        self.post_message(self.StateChanged(self))
        return True

    def cancel(self) -> bool:
        """Esc: cancel a running check. False when there is none to cancel."""
        if self.running and self.cancel_event is not None and not self.cancel_event.is_set():
            self.cancel_event.set()
            self._status(Text("Cancelling the check ...", style="dim"))
            return True
        return False

    def on_unmount(self) -> None:
        if self.cancel_event is not None:
            self.cancel_event.set()  # the step is left: let the thread end soon

    @on(CheckDone)
    def _check_done(self, message: CheckDone) -> None:
        message.stop()
        if message.run == self.run_id and 0 <= message.index < len(self.outcomes):
            self.outcomes[message.index] = message.outcome
            self._draw_check(message.index)

    @on(LabDone)
    def _lab_done(self, message: LabDone) -> None:
        message.stop()
        if message.run != self.run_id:
            return
        self.running = False
        result = message.result
        if result is None:
            self._status(
                Text(
                    "The check itself failed: this is a bug in tutor. "
                    "`tutor lab verify` in a terminal shows the details.",
                    style="red",
                )
            )
        elif result.ok:
            self.passed = True
            self._status(Text("✓ Every check passed.", style="bold green"))
            explain = self.query_one("#lab-explain", Static)
            explain.display = True
            self.call_after_refresh(explain.scroll_visible)
        elif result.cancelled:
            self._status(Text("Cancelled. Enter checks again.", style="dim"))
        else:
            self._show_failure()
        if result is not None and not result.cancelled:
            self.post_message(self.Verified(self, result))
        self.post_message(self.StateChanged(self))

    # -- drawing ------------------------------------------------------------------------------

    def _draw_check(self, index: int) -> None:
        line = check_line(self.lab.checks[index], self.outcomes[index])
        self.query_one(f"#lab-check-{index}", Static).update(line)

    def _status(self, text: Text) -> None:
        self.query_one("#lab-status", Static).update(text)

    def _show_failure(self) -> None:
        status = Text("Fix what the ✗ says, then press Enter to check again.")
        if self.lab.hint:
            status.append("\nHint: ", style="bold").append_text(inline(self.lab.hint))
        self._status(status)
        failed = next((i for i, o in enumerate(self.outcomes) if o and o.ok is False), None)
        if failed is not None:
            self.call_after_refresh(self.query_one(f"#lab-check-{failed}").scroll_visible)
