"""Check MySQL: the learner's own connection settings, checked stage by stage, then explained.

The form is filled in from the same sources as `tutor check-db` (each value shows where it came
from). The check runs in a thread worker; each finished stage comes back as a message, so the
screen stays responsive, and Esc cancels (a second Esc goes back). The result ties the learner's
setup to the lessons: the diagnosis, the server, TLS, and internal or external with a diagram.
The password is only ever in the masked inputs: never in a label, a note, a log or the store.
"""

from __future__ import annotations

import threading

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from tutor.dbcheck.result import CheckResult, StageResult
from tutor.dbcheck.settings import ConfigError, Settings
from tutor.ui import check_form
from tutor.ui.interfaces import Checker
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.diagram_view import DiagramView
from tutor.ui.widgets.split import markdown

LESSON_CONFIG = "config-and-secrets"
LESSON_PLACEMENT = "best-practices"
PLACEHOLDERS = {
    "url": "mysql://USER:PASSWORD@HOST:PORT/DATABASE",
    "host": "127.0.0.1",
    "port": "3306",
    "user": "your login name",
    "password": "none",
    "database": "none",
    "socket": "none (e.g. /run/mysqld/mysqld.sock)",
    "timeout": "5",
}


def hidden(widget: Widget) -> Widget:
    """`widget`, not displayed until the screen shows it."""
    widget.display = False
    return widget


def server_label(version: str | None) -> str:
    """ "10.11.6-MariaDB-0+deb12u1" -> "MariaDB 10.11"; "8.0.36" -> "MySQL 8.0"."""
    if not version:
        return "MySQL server"
    number = ".".join(version.split("-", 1)[0].split(".")[:2])
    return f"{'MariaDB' if 'mariadb' in version.lower() else 'MySQL'} {number}"


class CheckMySQLScreen(TutorScreen):
    SUB_TITLE = "Check MySQL"
    CSS_PATH = "check_mysql.tcss"  # read when the screen first opens, not at start-up
    BINDINGS = [Binding("escape", "cancel_or_back", "Cancel / back")]

    class StageDone(Message):
        """A stage finished (posted from the checking thread)."""

        def __init__(self, run: int, stage: StageResult) -> None:
            super().__init__()
            self.run, self.stage = run, stage

    class CheckDone(Message):
        """The check finished (posted from the checking thread)."""

        def __init__(self, run: int, result: CheckResult) -> None:
            super().__init__()
            self.run, self.result = run, result

    def __init__(self) -> None:
        super().__init__()
        self.form = check_form.initial_form()
        self.run_id = 0
        self.running = False
        self.cancel_event: threading.Event | None = None
        self.stages: list[StageResult] = []
        self.result: CheckResult | None = None

    # -- layout ----------------------------------------------------------------------------------
    def compose_body(self):
        rows = [("url", "URL"), *check_form.FIELDS, ("timeout", "Timeout")]
        with VerticalScroll(id="ck-body"):
            yield Static(
                "Is your app's database reachable? The settings below come from where your app "
                "would find them: the environment (DATABASE_URL, MYSQL_*), ~/.my.cnf, defaults. "
                "Change any of them, then check.",
                id="ck-intro",
            )
            for key, label in rows:
                value = "" if key in ("url", "timeout") else self.form.values[key]
                with Horizontal(classes="ck-row"):
                    yield Label(label, classes="ck-label")
                    yield Input(
                        value,
                        placeholder=PLACEHOLDERS[key],
                        password=key in ("url", "password"),
                        compact=True,
                        id=f"ck-{key}",
                    )
                    note = "seconds in all" if key == "timeout" else ""
                    yield Static(note, id=f"ck-note-{key}", classes="ck-note", markup=False)
            yield Static("", id="ck-target", markup=False)
            with Horizontal(id="ck-actions"):
                yield Button("Check", id="ck-run", variant="primary", compact=True)
                yield Static("Enter checks · Esc cancels", id="ck-keys")
            yield Static("", id="ck-stages", markup=False)
            # Until a check has a result: the diagnosis, the facts, the diagram of the
            # learner's setup and the placement lesson stay hidden.
            yield hidden(Static("", id="ck-diagnosis", markup=False))
            yield hidden(Static("", id="ck-advice", markup=False))
            yield hidden(Static("", id="ck-facts", markup=False))
            from tutor.topology.examples import learner_setup

            yield hidden(DiagramView(learner_setup("internal", "MySQL server"), id="ck-diagram"))
            with Horizontal(id="ck-lessons"):
                for lesson_id, button_id in (
                    (LESSON_CONFIG, "ck-lesson-config"),
                    (LESSON_PLACEMENT, "ck-lesson-placement"),
                ):
                    lesson = self.tutor.pack.lesson(lesson_id)
                    if lesson is not None:
                        button = Button(f"Lesson: {lesson.title}", id=button_id, compact=True)
                        yield hidden(button) if lesson_id == LESSON_PLACEMENT else button

    def on_mount(self) -> None:
        self._refresh_form()
        if self.form.error is not None:
            self._show_result(CheckResult.from_config_error(self.form.error))
        self.query_one("#ck-run", Button).focus()

    # -- the form --------------------------------------------------------------------------------
    def _values(self) -> dict[str, str]:
        return {name: self.query_one(f"#ck-{name}", Input).value for name, _ in check_form.FIELDS}

    def _url(self) -> str:
        return self.query_one("#ck-url", Input).value

    def _refresh_form(self) -> None:
        """The source notes and the masked target line, from what the form holds now."""
        values, url = self._values(), self._url()
        for name, text in check_form.notes(url, values, self.form).items():
            self.query_one(f"#ck-note-{name}", Static).update(text)
            self.query_one(f"#ck-{name}", Input).set_class(text.startswith("URL: "), "-overridden")
        target = self.query_one("#ck-target", Static)
        try:
            settings = check_form.build_settings(url, values, self.form)
        except ConfigError as error:
            target.update(Text.assemble(("Target: ", "bold"), (str(error), "italic")))
        else:
            target.update(Text.assemble(("Target: ", "bold"), settings.display_url()))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._refresh_form()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.start_check()

    @on(Button.Pressed, "#ck-run")
    def _run_pressed(self) -> None:
        self.start_check()

    @on(Button.Pressed, "#ck-lesson-config")
    def _config_lesson_pressed(self) -> None:
        self.tutor.open(f"lesson:{LESSON_CONFIG}")

    @on(Button.Pressed, "#ck-lesson-placement")
    def _placement_lesson_pressed(self) -> None:
        self.tutor.open(f"lesson:{LESSON_PLACEMENT}")

    # -- the check -------------------------------------------------------------------------------
    def start_check(self) -> None:
        if self.running:
            self._status("A check is running: wait for it, or press Esc to cancel it.")
            return
        try:
            settings = check_form.build_settings(self._url(), self._values(), self.form)
        except ConfigError as error:
            self.stages = []
            self._show_result(CheckResult.from_config_error(error))
            return
        try:
            timeout = check_form.parse_timeout(self.query_one("#ck-timeout", Input).value)
        except ConfigError as error:
            self.stages = []
            hint = "Give the time allowed for the whole check in seconds, for example 5."
            message = f"The timeout cannot be used: {error.message}."
            self._show_result(CheckResult(False, "config", None, message=message, hint=hint))
            return
        self.run_id += 1
        self.running = True
        self.stages = []
        self.result = None
        self.cancel_event = threading.Event()
        self._hide_result()
        self._status(f"Checking (up to {timeout:g} s) · Esc cancels")
        self.query_one("#ck-run", Button).label = "Checking..."
        self.query_one("#ck-actions").scroll_visible(top=True)
        run, cancel = self.run_id, self.cancel_event
        checker = self.tutor.checker
        self.run_worker(
            lambda: self._check_in_thread(run, settings, timeout, cancel, checker),
            thread=True,
            exclusive=True,
            group="check-mysql",
            description="MySQL check",
            exit_on_error=False,
        )

    def _check_in_thread(
        self,
        run: int,
        settings: Settings,
        timeout: float,
        cancel: threading.Event,
        checker: Checker,
    ) -> None:
        """Runs in the worker thread: results come back to the screen as messages."""
        try:
            result = checker(
                settings,
                timeout=timeout,
                on_stage=lambda stage: self.post_message(self.StageDone(run, stage)),
                cancel=cancel,
            )
        except Exception as error:  # a broken checker must not take the app down
            message, hint = (
                f"The check itself failed ({type(error).__name__}).",
                "This is a bug in tutor: try `tutor check-db` in a terminal for the details.",
            )
            result = CheckResult(
                ok=False, category="other", settings=settings, message=message, hint=hint
            )
        self.post_message(self.CheckDone(run, result))

    @on(StageDone)
    def _stage_done(self, message: StageDone) -> None:
        if message.run == self.run_id:
            self.stages.append(message.stage)
            self._show_stages()
            self.call_after_refresh(self.query_one("#ck-stages").scroll_visible)

    @on(CheckDone)
    def _check_done(self, message: CheckDone) -> None:
        if message.run != self.run_id:
            return
        self.running = False
        self.query_one("#ck-run", Button).label = "Check"
        if len(message.result.stages) >= len(self.stages):
            self.stages = list(message.result.stages)
        self._show_result(message.result)

    def action_cancel_or_back(self) -> None:
        """Esc: cancel a running check; when none runs (or cancelling already), go back."""
        if self.running and self.cancel_event is not None and not self.cancel_event.is_set():
            self.cancel_event.set()
            self._status("Cancelling the check ... (Esc again goes back)")
            return
        self.app.pop_screen()

    def on_unmount(self) -> None:
        if self.cancel_event is not None:
            self.cancel_event.set()

    # -- showing what was found --------------------------------------------------------------
    def _status(self, text: str) -> None:
        self.query_one("#ck-keys", Static).update(Text(text, style="italic"))

    def _show_stages(self) -> None:
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True, style="bold")
        table.add_column(no_wrap=True, justify="right", style="dim")
        table.add_column(ratio=1)
        for stage in self.stages:
            mark = Text("✓", style="bold green") if stage.ok else Text("✗", style="bold red")
            table.add_row(mark, stage.name, f"{stage.ms} ms", Text(stage.detail))
        self.query_one("#ck-stages", Static).update(table if self.stages else "")

    def _hide_result(self) -> None:
        self._show_stages()
        hide = ("#ck-diagnosis", "#ck-advice", "#ck-facts", "#ck-diagram", "#ck-lesson-placement")
        for selector in hide:
            for widget in self.query(selector):
                widget.display = False

    def _show_result(self, result: CheckResult) -> None:
        self.result = result
        self._show_stages()
        self._status("Enter checks again · Esc goes back")
        diagnosis = self.query_one("#ck-diagnosis", Static)
        diagnosis.set_class(result.ok, "-ok")
        diagnosis.set_class(not result.ok, "-fail")
        title = "Cancelled" if result.cancelled else result.category
        diagnosis.border_title = "✓ ok" if result.ok else f"✗ {title}"
        message = result.message
        if result.ok and not message:
            from tutor.dbcheck import diagnose

            message = diagnose("ok")[0]
            if result.settings is not None:
                where = result.settings.display_url()
                message = f"{message} ({where}, {result.total_ms} ms)"
        # The message carries the server's own words: plain text. Hints and advice are the
        # diagnosis's Markdown (`code`, **bold**).
        body: RenderableType = Text(message or "", style="bold")
        if result.hint and not result.ok:
            body = Group(body, markdown(f"**Fix:** {result.hint}"))
        diagnosis.update(body)
        diagnosis.display = True
        self._show_advice(result)
        # With advice below it, the diagnosis goes to the top so the advice starts in view.
        self.call_after_refresh(diagnosis.scroll_visible, top=bool(result.advice))

        facts = self.query_one("#ck-facts", Static)
        facts.update(self._facts(result))
        facts.display = result.category != "config"

        diagram = self.query_one("#ck-diagram", DiagramView)
        placement_button = self.query("#ck-lesson-placement")
        if result.placement in ("internal", "external"):
            from tutor.topology.examples import learner_setup

            settings = result.settings
            host = settings.host if settings is not None else None
            topology = learner_setup(
                result.placement, server_label(result.server_version), host and f"{host}"
            )
            diagram.display = True
            diagram.show(topology)
            placement_button.set(display=True)
        else:
            diagram.display = False
            placement_button.set(display=False)

    def _show_advice(self, result: CheckResult) -> None:
        """What the check found worth teaching although it passed (e.g. logging in as root)."""
        box = self.query_one("#ck-advice", Static)
        parts: list[RenderableType] = []
        for advice in result.advice:
            parts += [Text(advice.title, style="bold"), markdown(advice.text)]
        box.border_title = "! Advice"
        box.update(Group(*parts))
        box.display = bool(parts)

    def _facts(self, result: CheckResult) -> Text:
        from tutor.dbcheck import PLACEMENT_WORDS

        text = Text()
        text.append("Server: ", style="bold")
        text.append(result.server_version or "not reached")
        text.append("   TLS: ", style="bold")
        tls = {True: "yes (encrypted)", False: "no (not encrypted)", None: "-"}[result.tls]
        text.append(tls)
        text.append("\nPlacement: ", style="bold")
        if result.placement in PLACEMENT_WORDS:
            text.append(result.placement, style="bold")
            text.append(f". You reached {PLACEMENT_WORDS[result.placement]}")
            if result.placement_reason:
                text.append(f"\nWhy: {result.placement_reason}.", style="dim")
        else:
            text.append("not known: the check did not reach a MySQL server.")
        text.append(
            "\nYour app should read these settings from its environment, never from its code:"
            " see the lesson below.",
            style="dim",
        )
        return text
