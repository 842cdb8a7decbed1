"""Check a backing service: the learner's own MySQL, PostgreSQL or Redis, checked stage by stage.

A picker chooses the service and the form is filled in from that service's sources, as in
`tutor check`; a URL's scheme decides too (docs/check-screen.md has the rules). The check runs
in a thread worker whose stages come back as messages; Esc cancels (a second Esc goes back).
The result shows what tutor.dbcheck decided, and lessons that fit the service. The password is
only ever in the masked inputs: never in a label, a note, a log or the store.
"""

from __future__ import annotations

import os
import threading

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Label, RadioSet, Static

from tutor.dbcheck.result import CheckResult, StageResult
from tutor.dbcheck.services import SERVICE_NAMES
from tutor.dbcheck.settings import ConfigError, Settings
from tutor.ui import check_form, check_view
from tutor.ui.check_view import LESSON_CONFIG, LESSON_PLACEMENT, server_label
from tutor.ui.interfaces import Checker
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.diagram_view import DiagramView
from tutor.ui.widgets.service_picker import ServicePicker

__all__ = ["CheckMySQLScreen", "server_label"]
# What a result shows, hidden while a check runs (the lessons for every result stay).
RESULT_PARTS = "#ck-diagnosis, #ck-advice, #ck-facts, #ck-suggested, #ck-diagram"
RESULT_PARTS += ", #ck-lesson-placement"


def hidden(widget: Widget) -> Widget:
    """`widget`, not displayed until the screen shows it."""
    widget.display = False
    return widget


class CheckMySQLScreen(TutorScreen):
    SUB_TITLE = "Check a backing service"
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
        from tutor.dbcheck.services import service_for

        found = service_for(None, None, os.environ)  # DATABASE_URL's service, else MySQL
        self.service = found if isinstance(found, str) else "mysql"
        self.forms: dict[str, check_form.InitialForm] = {}
        self.form = self._form_for(self.service)
        self.run_id = 0
        self.running = False
        self.cancel_event: threading.Event | None = None
        self.stages: list[StageResult] = []
        self.result: CheckResult | None = None

    def _form_for(self, service: str) -> check_form.InitialForm:
        if service not in self.forms:
            self.forms[service] = check_form.initial_form(service=service)
        return self.forms[service]

    # -- layout ----------------------------------------------------------------------------------
    def compose_body(self):
        rows = [("url", "URL"), *check_form.FIELDS, ("timeout", "Timeout")]
        placeholders = check_view.PLACEHOLDERS[self.service]
        with VerticalScroll(id="ck-body"):
            yield Static(check_view.intro(self.service), id="ck-intro", markup=False)
            with Horizontal(id="ck-row-service"):
                yield ServicePicker.of(SERVICE_NAMES, self.service, id="ck-service")
            for key, label in rows:
                value = self.form.values.get(key, "")
                with Horizontal(classes="ck-row", id=f"ck-row-{key}"):
                    yield Label(label, classes="ck-label")
                    yield Input(
                        value,
                        placeholder=placeholders.get(key, check_view.TIMEOUT_PLACEHOLDER),
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
            yield hidden(Button("Use the suggestion", id="ck-suggested", compact=True))
            from tutor.topology.examples import learner_setup

            yield hidden(DiagramView(learner_setup("internal", "MySQL server"), id="ck-diagram"))
            with Vertical(id="ck-lessons"):
                yield hidden(Button("", id="ck-lesson-kind", compact=True))
                for lesson_id, button_id in (
                    (LESSON_CONFIG, "ck-lesson-config"),
                    (LESSON_PLACEMENT, "ck-lesson-placement"),
                ):
                    lesson = self.tutor.pack.lesson(lesson_id)
                    if lesson is not None:
                        button = Button(f"Lesson: {lesson.title}", id=button_id, compact=True)
                        yield hidden(button) if lesson_id == LESSON_PLACEMENT else button

    def on_mount(self) -> None:
        self._show_service()
        # The picker first: the arrows pick a service at once, and Enter checks from it too.
        self.query_one(ServicePicker).focus()

    # -- the service -----------------------------------------------------------------------------
    def _show_service(self) -> None:
        """The intro, the fields this service uses, its lesson; a broken source's error."""
        service = self.service
        self.query_one("#ck-intro", Static).update(check_view.intro(service))
        self.query_one("#ck-row-socket").display = "socket" in check_form.fields_for(service)
        for key, text in check_view.PLACEHOLDERS[service].items():
            self.query_one(f"#ck-{key}", Input).placeholder = text
        kind = check_view.kind_lesson(self.tutor.pack, service)
        button = self.query_one("#ck-lesson-kind", Button)
        button.display = kind is not None
        if kind is not None:
            button.label = kind[2]
        self._refresh_form()
        if self.form.error is not None:
            self._show_result(CheckResult.from_config_error(self.form.error, service))

    def switch_service(self, service: str, *, note: str | None = None) -> None:
        """Fill the form from `service`'s sources (the URL field stays as it is)."""
        if service == self.service:
            return
        self._drop_check()
        self.service = service
        self.form = self._form_for(service)
        picker = self.query_one(ServicePicker)
        if picker.service != service:  # switched by a URL: show it in the picker
            picker.pick(service)
        for name, _label in check_form.FIELDS:
            self.query_one(f"#ck-{name}", Input).value = self.form.values.get(name, "")
        self._show_service()
        if note is not None:
            self._status(note)

    def _drop_check(self) -> None:
        """Forget the check shown (or running): it was about the other service."""
        if self.cancel_event is not None:
            self.cancel_event.set()
        self.run_id += 1
        self.running = False
        self.query_one("#ck-run", Button).label = "Check"
        self.stages, self.result = [], None
        self._hide_result()
        self._status("Enter checks · Esc cancels")

    @on(RadioSet.Changed, "#ck-service")
    def _service_picked(self, event: RadioSet.Changed) -> None:
        event.stop()
        self._follow_picker()

    def _follow_picker(self) -> None:
        """Switch to the service pressed now (with keys typed ahead, a later pick, or Enter,
        may come before the picker's message)."""
        service = self.query_one(ServicePicker).service
        if service is None or service == self.service:
            return
        note = None
        url_service = check_form.service_of_url(self._url())
        if url_service is not None and url_service != service:
            self.query_one("#ck-url", Input).value = ""
            note = f"The URL was for {SERVICE_NAMES[url_service]}: cleared. Enter checks"
        self.switch_service(service, note=note)

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
        if event.input.id == "ck-url":
            service = check_form.service_of_url(event.value)
            if service is not None and service != self.service:
                scheme = event.value.strip().partition("://")[0].lower()
                name = SERVICE_NAMES[service]
                self.switch_service(service, note=f"A {scheme}:// URL: switched to {name}")
        self._refresh_form()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.start_check()

    @on(Button.Pressed, "#ck-run")
    def action_run_check(self) -> None:  # also Enter on the picker
        self.start_check()

    @on(Button.Pressed, "#ck-lessons Button")
    def _lesson_pressed(self, event: Button.Pressed) -> None:
        kind = check_view.kind_lesson(self.tutor.pack, self.service)
        targets = {"ck-lesson-config": LESSON_CONFIG, "ck-lesson-placement": LESSON_PLACEMENT}
        if kind is not None:
            targets["ck-lesson-kind"] = f"{kind[0].id}:{kind[1]}"
        target = targets.get(event.button.id or "")
        if target is not None:
            self.tutor.open(f"lesson:{target}")

    @on(Button.Pressed, "#ck-suggested")
    def _suggested_pressed(self) -> None:
        """Fill the form in for the service that answered, from the URL the check suggests;
        its DATABASE placeholder is left for the learner, in a field they can read."""
        detected = self.result.detected if self.result is not None else None
        found = check_form.suggested_values(detected.suggested_url or "") if detected else None
        if found is None:
            return
        service, values = found
        self.query_one("#ck-url", Input).value = ""
        self.switch_service(service)
        for name in ("host", "port", "user"):
            if name in values:
                self.query_one(f"#ck-{name}", Input).value = values[name]
        name = SERVICE_NAMES[service]
        if service == "redis":
            self.query_one("#ck-run", Button).focus()
            self._status(f"Filled in for {name}, as suggested: Enter checks")
        else:
            database = self.query_one("#ck-database", Input)
            database.value = values.get("database", "")
            database.focus()
            self._status(f"Filled in for {name}, as suggested: give the database, Enter checks")

    # -- the check -------------------------------------------------------------------------------
    def start_check(self) -> None:
        if self.running:
            self._status("A check is running: wait for it, or press Esc to cancel it.")
            return
        self._follow_picker()
        service = self.service
        try:
            settings = check_form.build_settings(self._url(), self._values(), self.form)
        except ConfigError as error:
            self.stages = []
            self._show_result(CheckResult.from_config_error(error, service))
            return
        try:
            timeout = check_form.parse_timeout(self.query_one("#ck-timeout", Input).value)
        except ConfigError as error:
            self.stages = []
            hint = "Give the time allowed for the whole check in seconds, for example 5."
            message = f"The timeout cannot be used: {error.message}."
            result = CheckResult(
                False, "config", None, message=message, hint=hint, requested_service=service
            )
            self._show_result(result)
            return
        self.run_id += 1
        self.running = True
        self.stages = []
        self.result = None
        self.cancel_event = threading.Event()
        self._hide_result()
        self._status(f"Checking {SERVICE_NAMES[service]} (up to {timeout:g} s) · Esc cancels")
        self.query_one("#ck-run", Button).label = "Checking..."
        self.query_one("#ck-actions").scroll_visible(top=True)
        run, cancel = self.run_id, self.cancel_event
        checker = self.tutor.checker
        self.run_worker(
            lambda: self._check_in_thread(run, settings, timeout, cancel, checker),
            thread=True,
            exclusive=True,
            group="check-service",
            description=f"{SERVICE_NAMES[service]} check",
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
                "This is a bug in tutor: try `tutor check` in a terminal for the details.",
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
        stages = check_view.stages_table(self.stages) if self.stages else ""
        self.query_one("#ck-stages", Static).update(stages)

    def _hide_result(self) -> None:
        self._show_stages()
        self.query(RESULT_PARTS).set(display=False)

    def _show_result(self, result: CheckResult) -> None:
        self.result = result
        self._show_stages()
        self._status("Enter checks again · Esc goes back")
        diagnosis = self.query_one("#ck-diagnosis", Static)
        diagnosis.set_class(result.ok, "-ok")
        diagnosis.set_class(not result.ok, "-fail")
        diagnosis.border_title, body = check_view.diagnosis(result)
        diagnosis.update(body)
        diagnosis.display = True
        advice = self.query_one("#ck-advice", Static)  # worth teaching, although it passed
        advice.border_title = "! Advice"
        advice.update(check_view.advice(result))
        advice.display = bool(result.advice)
        # With advice below it, the diagnosis goes to the top so the advice starts in view.
        self.call_after_refresh(diagnosis.scroll_visible, top=bool(result.advice))

        facts = self.query_one("#ck-facts", Static)
        facts.update(check_view.facts(result))
        facts.display = result.category != "config"
        suggested = result.detected.suggested_url if result.detected is not None else None
        self.query_one("#ck-suggested", Button).display = bool(suggested)

        placed = result.placement in ("internal", "external")
        diagram = self.query_one("#ck-diagram", DiagramView)
        diagram.display = placed
        if placed:
            diagram.show(check_view.result_topology(result))
        self.query("#ck-lesson-placement").set(display=placed)
