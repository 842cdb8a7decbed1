"""The Check screen with MySQL picked, against real peers: the live MariaDB, a closed port, a
silent listener. PostgreSQL, Redis and the picker: tests/test_ui_check_services.py.

No mocks of the driver: the screen's default checker (run_service_check) does the work.
The live tests skip with a reason when the server is unreachable, and fail under CI=true.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from dbcheck_support import (
    closed_port,
    finish,
    live_mysql_url,
    peer,
    set_field,
    shown,
    silent,
)
from textual.widgets import Button, Input, Static
from waiting import pilot_wait_until

from tutor.content.loader import load_pack
from tutor.content.packs import builtin_pack_root
from tutor.dbcheck import run_check
from tutor.dbcheck.settings import ConfigError
from tutor.ui import check_form
from tutor.ui.app import create_app
from tutor.ui.check_form import MAX_TIMEOUT
from tutor.ui.screens.check_mysql import CheckMySQLScreen, server_label
from tutor.ui.widgets.diagram_view import DiagramView

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def pack():
    return load_pack(builtin_pack_root())


@pytest.fixture(scope="module")
def live_url() -> str:
    return live_mysql_url()


def screen(app) -> CheckMySQLScreen:
    assert isinstance(app.screen, CheckMySQLScreen)
    return app.screen


async def greeting_awaited(pilot) -> CheckMySQLScreen:
    """Wait until a check against a silent peer has connected and waits for the greeting."""
    ck = screen(pilot.app)
    await pilot_wait_until(
        pilot, lambda: [s.name for s in ck.stages] == ["dns", "connect"], what="dns and connect"
    )
    assert ck.running
    return ck


# -- the form's logic ---------------------------------------------------------------------------


def test_form_prefills_from_the_environment_with_sources(tmp_path: Path) -> None:
    env = {"MYSQL_HOST": "db.example", "MYSQL_USER": "app", "MYSQL_PASSWORD": "s3cret-pw"}
    (tmp_path / ".my.cnf").write_text("[client]\nport = 3307\ndatabase = shop\n")
    form = check_form.initial_form(env, tmp_path)
    assert form.values["host"] == "db.example" and form.values["port"] == "3307"
    notes = check_form.notes("", form.values, form)
    assert notes["host"] == "from MYSQL_HOST"
    assert notes["port"] == "from ~/.my.cnf [client]"
    assert notes["password"] == "from MYSQL_PASSWORD"
    assert notes["socket"] == "none"
    assert "s3cret-pw" not in repr(form) and "s3cret-pw" not in str(notes)
    changed = {**form.values, "host": "other"}
    assert check_form.notes("", changed, form)["host"] == "typed here"
    settings = check_form.build_settings("mysql://u:p%40ss@h2:3310/d", changed, form)
    assert (settings.host, settings.port, settings.user, settings.password) == (
        "h2",
        3310,
        "u",
        "p@ss",
    )
    assert settings.sources["host"] == check_form.SOURCE_URL_TYPED
    assert "p@ss" not in settings.display_url()


def test_form_keeps_the_good_sources_when_one_is_broken(tmp_path: Path) -> None:
    form = check_form.initial_form({"MYSQL_PORT": "33o6", "MYSQL_USER": "app"}, tmp_path)
    assert form.error is not None and "MYSQL_PORT" in str(form.error)
    assert form.values["user"] == "app" and form.values["port"] == "3306"


def test_form_socket_rule_and_errors_never_echo_the_password(tmp_path: Path) -> None:
    form = check_form.initial_form({}, tmp_path)
    values = {**form.values, "socket": "/run/mysqld/mysqld.sock"}
    assert check_form.build_settings("", values, form).uses_socket  # typed beats the default host
    typed_host = {**values, "host": "db.example"}
    assert check_form.build_settings("", typed_host, form).uses_socket  # both typed: the socket
    with pytest.raises(ConfigError) as caught:
        check_form.build_settings("mysql://tutor:hunter2-pw", form.values, form)
    assert "hunter2-pw" not in str(caught.value)
    assert check_form.notes("mysql://tutor:hunter2-pw", form.values, form)["url"] == (
        "not a usable URL yet"
    )
    with pytest.raises(ConfigError):
        check_form.build_settings("", {**form.values, "port": "99999"}, form)
    assert check_form.parse_timeout("") == 5.0 and check_form.parse_timeout("2.5") == 2.5
    for bad in ("soon", "0", "-1", "1000"):
        with pytest.raises(ConfigError):
            check_form.parse_timeout(bad)


def test_server_label() -> None:
    assert server_label("10.11.6-MariaDB-0+deb12u1") == "MariaDB 10.11"
    assert server_label("8.0.36") == "MySQL 8.0"
    assert server_label(None) == "MySQL server"


def test_opening_the_app_and_the_screen_does_not_import_the_driver() -> None:
    code = (
        "import sys, tutor.ui.app, tutor.ui.screens.check_mysql, tutor.ui.check_form\n"
        "import tutor.ui.check_view, tutor.ui.widgets.service_picker\n"
        "assert 'mysql.connector' not in sys.modules, 'mysql.connector imported'\n"
        "assert 'mysql' not in sys.modules\n"
        "assert 'pg8000' not in sys.modules and 'redis' not in sys.modules\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_the_mysql_form_reads_no_other_services_settings(tmp_path: Path) -> None:
    env = {"REDIS_URL": "redis://:r-pw@cache.example:6380", "PGHOST": "pg.example",
           "DATABASE_URL": "postgres://app@pg.example/shop"}  # fmt: skip
    form = check_form.initial_form(env, tmp_path)
    assert form.service == "mysql" and form.error is None
    assert (form.values["host"], form.values["port"], form.values["password"]) == (
        "127.0.0.1",
        "3306",
        "",
    )
    assert check_form.notes("", form.values, form)["host"] == "default"
    assert check_form.build_settings("", form.values, form).service == "mysql"


# -- the screen against real peers ----------------------------------------------------------------


async def test_live_check_from_the_environment_is_internal_and_hides_the_password(
    pack, live_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    parts = urlsplit(live_url)
    password = parts.password or ""
    assert password
    monkeypatch.setenv("MYSQL_HOST", parts.hostname or "127.0.0.1")
    monkeypatch.setenv("MYSQL_PORT", str(parts.port or 3306))
    monkeypatch.setenv("MYSQL_USER", parts.username or "")
    monkeypatch.setenv("MYSQL_PASSWORD", password)
    monkeypatch.setenv("MYSQL_DATABASE", parts.path.lstrip("/"))
    app = create_app(pack)
    async with app.run_test(size=(100, 80)) as pilot:
        await pilot.pause()
        await pilot.press(*["down"] * 6, "enter")  # Home menu -> Check MySQL
        await pilot.pause()
        ck = screen(app)
        assert str(ck.query_one("#ck-note-user", Static).render()) == "from MYSQL_USER"
        assert str(ck.query_one("#ck-note-password", Static).render()) == "from MYSQL_PASSWORD"
        assert password not in shown(app)
        await pilot.click("#ck-run")
        await finish(pilot)
        result = ck.result
        assert result is not None and result.ok, result and result.message
        assert result.placement == "internal"
        text = shown(app)
        assert "internal" in text and "Placement" in text
        assert "✓ ok" in text and "login" in text and "query" in text
        assert result.server_version and result.server_version in text
        assert "TLS: " in text
        assert "Your app" in text and "same host" in text  # the learner's own setup, drawn
        assert parts.path.lstrip("/") in text  # the walk does see the form's values ...
        assert password not in text  # ... and never the password
        assert password not in "\n".join(ck.query_one("#ck-password", Input).render_line(0).text)
        # Sanity: the same walk would find the password if the input were not masked.
        field = ck.query_one("#ck-password", Input)
        field.password = False
        await pilot.pause()
        assert password in shown(app)
        field.password = True
        await pilot.pause()
        assert password not in shown(app)
        # The diagram follows the width; the lesson buttons open the lessons.
        diagram = ck.query_one("#ck-diagram", DiagramView)
        wide = diagram._drawn_width
        await pilot.resize_terminal(60, 40)
        await pilot.pause()
        assert 0 < diagram._drawn_width < wide
        assert ck.query_one("#ck-lesson-placement", Button).display
        ck.query_one("#ck-lesson-config", Button).press()
        await pilot.pause()
        assert type(app.screen).__name__ == "LessonReaderScreen"
        assert app.screen.lesson.id == "config-and-secrets"


async def test_live_check_with_a_typed_url_at_80x24(pack, live_url: str) -> None:
    password = urlsplit(live_url).password or ""
    app = create_app(pack, start="check_mysql")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        ck = screen(app)
        url_field = ck.query_one("#ck-url", Input)
        url_field.focus()
        url_field.value = live_url  # as a paste would (typing it key by key is slow in a pilot)
        await pilot.pause()
        host = urlsplit(live_url).hostname
        assert str(ck.query_one("#ck-note-host", Static).render()) == f"URL: {host}"
        assert str(ck.query_one("#ck-note-password", Static).render()) == "URL: ****"
        assert ck.query_one("#ck-host", Input).has_class("-overridden")
        assert "****@" in str(ck.query_one("#ck-target", Static).render())
        assert password not in shown(app)
        await pilot.press("enter")  # Enter in the form runs the check
        await finish(pilot)
        assert ck.result is not None and ck.result.ok and ck.result.placement == "internal"
        assert "internal" in shown(app)
        assert password not in shown(app)
        assert password not in app.export_screenshot()


async def test_closed_port_shows_refused(pack) -> None:
    port = closed_port()
    app = create_app(pack, start="check_mysql")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await set_field(pilot, "port", str(port), submit=True)
        await finish(pilot)
        ck = screen(app)
        assert ck.result is not None and ck.result.category == "refused"
        text = shown(app)
        assert "✗ refused" in text and "Nothing is listening" in text
        assert f"port {port}" in text  # the failing stage's detail
        assert "not known" in text  # no placement without a server
        assert not ck.query_one("#ck-diagram").display
        await pilot.press("escape")  # nothing runs: Esc goes back
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


async def test_keys_work_during_a_slow_check_and_esc_cancels(pack) -> None:
    stop = threading.Event()
    with peer(silent(stop)) as listener:
        app = create_app(pack, start="check_mysql")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            ck = screen(app)
            # Longer than any wait below: only Esc can end this check.
            await set_field(pilot, "timeout", f"{MAX_TIMEOUT:g}")
            await set_field(pilot, "port", str(listener.port), submit=True)
            assert await greeting_awaited(pilot) is ck
            # While the greeting waits: type in a field, open help and come back.
            await set_field(pilot, "database", "shop")
            assert ck.query_one("#ck-database", Input).value == "shop"
            assert "typed here" in str(ck.query_one("#ck-note-database", Static).render())
            ck.query_one("#ck-run", Button).focus()
            await pilot.press("question_mark")
            await pilot.pause()
            assert type(app.screen).__name__ == "HelpScreen"
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is ck and ck.running
            await pilot.press("escape")  # cancels, stays
            await finish(pilot)
            assert app.screen is ck and not ck.running
            assert ck.result is not None and ck.result.cancelled
            assert "Cancelled" in shown(app) and "cancelled" in shown(app)
            await pilot.press("escape")  # now Esc goes back
            await pilot.pause()
            assert type(app.screen).__name__ == "HomeScreen"
        stop.set()


async def test_a_silent_listener_is_not_mysql_within_the_timeout(pack) -> None:
    stop = threading.Event()
    with peer(silent(stop)) as listener:
        app = create_app(pack, start="check_mysql")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await set_field(pilot, "timeout", "1.5")
            await set_field(pilot, "port", str(listener.port))
            await pilot.click("#ck-run")
            await finish(pilot)
            ck = screen(app)
            assert ck.result is not None and ck.result.category == "not-recognised"
            # Its 1.5 s budget ended it, not the peer: that would read "then closed".
            assert "never speaks" in ck.result.message
            assert "✗ not-recognised" in shown(app)
        stop.set()


async def test_a_bad_setting_is_a_config_result_and_a_checker_can_be_given(pack) -> None:
    calls = []

    def checker(settings, *, timeout, on_stage, cancel):
        calls.append((settings.port, timeout))
        return run_check(settings, timeout=timeout, on_stage=on_stage, cancel=cancel)

    app = create_app(pack, start="check_mysql", checker=checker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await set_field(pilot, "port", "33o6", submit=True)
        await finish(pilot)
        assert screen(app).result.category == "config" and calls == []
        assert "'33o6' is not a number" in shown(app)
        port = closed_port()
        await set_field(pilot, "port", str(port))
        await set_field(pilot, "timeout", "2", submit=True)
        await finish(pilot)
        assert calls == [(port, 2.0)] and screen(app).result.category == "refused"


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_no_crash_when_resized_down_to_20x6(pack, size) -> None:
    app = create_app(pack, start="check_mysql")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await set_field(pilot, "port", str(closed_port()), submit=True)
        await finish(pilot)
        for width, height in [(40, 12), (20, 6), (120, 40), (20, 6)]:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            await pilot.press("tab", "pagedown")
            await pilot.pause()
        assert app.is_running and isinstance(app.screen, CheckMySQLScreen)


async def test_an_external_server_is_drawn_on_its_own_host(pack) -> None:
    """A checker (the create_app hook) reporting an external server: the words and the diagram."""
    from tutor.dbcheck import StageResult
    from tutor.dbcheck.result import CheckResult

    def checker(settings, *, timeout, on_stage, cancel):
        stage = StageResult("query", True, 3, "VERSION() = 8.0.36")
        on_stage(stage)
        return CheckResult(
            ok=True, category="ok", settings=settings, stages=[stage], placement="external",
            placement_reason="reached 10.0.0.7, which is not an address of this machine",
            server_version="8.0.36", tls=True,
        )  # fmt: skip

    app = create_app(pack, start="check_mysql", checker=checker)
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.pause()
        await set_field(pilot, "host", "db.example", submit=True)
        await finish(pilot)
        text = shown(app)
        assert "Placement: external" in text and "recommend for production" in text
        assert "db.example" in text and "MySQL 8.0" in text and "network" in text
        assert "TLS: yes" in text


async def test_esc_twice_leaves_and_stops_the_check(pack) -> None:
    stop = threading.Event()
    with peer(silent(stop)) as listener:
        app = create_app(pack, start="check_mysql")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await set_field(pilot, "timeout", f"{MAX_TIMEOUT:g}")
            await set_field(pilot, "port", str(listener.port), submit=True)
            ck = await greeting_awaited(pilot)
            assert ck.cancel_event is not None
            await pilot.press("escape", "escape")
            await pilot.pause()
            assert type(app.screen).__name__ == "HomeScreen"
            assert ck.cancel_event.is_set()
            await finish(pilot)  # only the cancel can end it within the hang guard
            assert ck.result is None or ck.result.cancelled
        stop.set()


async def test_a_failing_checker_is_reported_without_its_message(pack) -> None:
    def checker(settings, *, timeout, on_stage, cancel):
        raise RuntimeError(f"boom with {settings.password}")

    app = create_app(pack, start="check_mysql", checker=checker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await set_field(pilot, "password", "leak-me-pw", submit=True)
        await finish(pilot)
        assert app.is_running and screen(app).result.category == "other"
        text = shown(app)
        assert "RuntimeError" in text and "leak-me-pw" not in text
