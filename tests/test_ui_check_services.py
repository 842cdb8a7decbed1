"""The Check screen's service picker: MySQL, PostgreSQL and Redis in one form.

The form logic per service (prefill and sources, PostgreSQL's password file and socket
directory, a Redis URL used whole), then pilots at 80x24 against this machine's Redis and
PostgreSQL, a MySQL check sent to PostgreSQL's port, and the lesson links per service. The
live tests skip with the reason when the server is not there (and fail under CI=true).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from dbcheck_support import finish, peer, require_or_skip, set_field, shown, silent, widget_text
from textual.widgets import Button, Input, Static
from waiting import pilot_wait_until

from tutor.content.loader import load_pack
from tutor.content.packs import builtin_pack_root
from tutor.dbcheck.result import CheckResult, StageResult
from tutor.dbcheck.services import resolve_service_settings, run_service_check
from tutor.dbcheck.settings import ConfigError
from tutor.ui import check_form
from tutor.ui.app import create_app
from tutor.ui.check_form import MAX_TIMEOUT
from tutor.ui.check_view import server_label
from tutor.ui.destinations import PALETTE
from tutor.ui.screens.check_mysql import CheckMySQLScreen
from tutor.ui.widgets.service_picker import ServiceOption, ServicePicker

REDIS_URL = "redis://127.0.0.1:6379"
PG_URL = "postgres://postgres@127.0.0.1:5432/postgres"
SETTINGS_VARIABLES = (
    "DATABASE_URL", "REDIS_URL", "PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE",
    "PGSSLMODE", "PGSSLROOTCERT", "PGPASSFILE", "MYSQL_HOST", "MYSQL_PORT", "MYSQL_TCP_PORT",
    "MYSQL_UNIX_PORT", "MYSQL_USER", "MYSQL_PASSWORD", "MYSQL_PWD", "MYSQL_DATABASE",
)  # fmt: skip


@pytest.fixture(scope="module")
def pack():
    return load_pack(builtin_pack_root())


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No settings from the machine running the tests: the screen opens on MySQL."""
    for name in SETTINGS_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


def live(url: str, service: str) -> None:
    """Skip (fail under CI=true) unless `url` passes the check."""
    settings = resolve_service_settings(service, url, {}, Path("/nonexistent-home"))
    assert not isinstance(settings, ConfigError), settings
    result = run_service_check(settings, timeout=3)
    if result.category == "auth":
        pytest.skip(f"{url} is refused here (this server is no test setup): {result.message}")
    if not result.ok:
        in_ci = os.environ.get("CI", "").lower() == "true"
        require_or_skip(in_ci, f"no {service} server at {url}: {result.message}")


def screen(app) -> CheckMySQLScreen:
    assert isinstance(app.screen, CheckMySQLScreen)
    return app.screen


def picked(app) -> list[str]:
    """The picker as drawn: each option's mark and name, "● Redis" for the one picked."""
    return [widget_text(option).strip() for option in app.screen.query(ServiceOption)]


def type_ahead(app, *keys: str) -> None:
    """Send keys as a fast typist does: all queued before the app handles the first (the
    pilot's press() waits for the app to settle after each key)."""
    from textual import events

    for key in keys:
        event = events.Key(key, None)
        event.set_sender(app)
        app._driver.send_message(event)


async def paste_url(pilot, url: str) -> None:
    field = screen(pilot.app).query_one("#ck-url", Input)
    field.focus()
    field.value = url  # as a paste would
    await pilot.pause()


# -- the form's logic per service -----------------------------------------------------------------


def test_a_url_scheme_names_its_service() -> None:
    assert check_form.service_of_url("postgres://u@h/db") == "postgresql"
    assert check_form.service_of_url("postgresql://h") == "postgresql"
    assert check_form.service_of_url(" rediss://h:6380") == "redis"
    assert check_form.service_of_url("mariadb://h") == "mysql"
    assert check_form.service_of_url("postg") is None  # still being typed
    assert check_form.service_of_url("http://h") is None
    assert check_form.fields_for("redis") == ("host", "port", "user", "password", "database")
    assert "socket" in check_form.fields_for("postgresql")


def test_postgres_form_reads_pg_variables_and_the_password_file_for_its_target(
    tmp_path: Path,
) -> None:
    pgpass = tmp_path / ".pgpass"
    pgpass.write_text("db.example:5432:*:app:pg-s3cret-one\nother.example:*:*:app:pg-s3cret-two\n")
    pgpass.chmod(0o600)
    env = {"PGHOST": "db.example", "PGUSER": "app", "MYSQL_HOST": "mysql.example"}
    form = check_form.initial_form(env, tmp_path, service="postgresql")
    assert form.values["host"] == "db.example" and form.values["port"] == "5432"
    # The password file's password never goes into a field; the database follows the user.
    assert form.values["password"] == "" and form.values["database"] == ""
    notes = check_form.notes("", form.values, form)
    assert notes["host"] == "from PGHOST" and notes["user"] == "from PGUSER"
    assert notes["password"] == "from ~/.pgpass" and notes["database"] == "default"
    settings = check_form.build_settings("", form.values, form)
    assert settings.service == "postgresql" and settings.database == "app"
    assert settings.password == "pg-s3cret-one"
    # A host typed here gets that host's line, as libpq reads it for the target it connects to.
    typed = {**form.values, "host": "other.example"}
    assert check_form.build_settings("", typed, form).password == "pg-s3cret-two"
    assert check_form.build_settings("", {**typed, "host": "third.example"}, form).password is None
    for text in (repr(form), str(notes), settings.display_url()):
        assert "pg-s3cret" not in text


def test_postgres_socket_is_a_directory_and_a_path_in_host_is_refused(tmp_path: Path) -> None:
    form = check_form.initial_form(
        {"PGHOST": "/var/run/postgresql"}, tmp_path, service="postgresql"
    )
    assert form.values["socket"] == "/var/run/postgresql"
    settings = check_form.build_settings("", form.values, form)
    assert settings.uses_socket and settings.socket == "/var/run/postgresql"
    notes = check_form.notes("", form.values, form)
    assert notes["host"].endswith("(unused: socket)")
    assert "unused" not in notes["port"]  # the socket file's name holds the port
    with pytest.raises(ConfigError) as caught:
        check_form.build_settings("", {**form.values, "socket": "", "host": "/tmp"}, form)
    assert "Socket" in str(caught.value)
    typed = check_form.build_settings("postgres:///db?host=/tmp", form.values, form)
    assert typed.uses_socket and typed.socket == "/tmp"


def test_redis_form_reads_redis_url_and_a_typed_url_is_used_whole(tmp_path: Path) -> None:
    env = {"REDIS_URL": "redis://:r3dis-s3cret@cache.example:6380/2", "DATABASE_URL": "mysql://x"}
    form = check_form.initial_form(env, tmp_path, service="redis")
    assert (form.values["host"], form.values["port"], form.values["database"]) == (
        "cache.example",
        "6380",
        "2",
    )
    assert form.values["password"] == "r3dis-s3cret"
    assert check_form.notes("", form.values, form)["host"] == "from REDIS_URL"
    settings = check_form.build_settings("", form.values, form)
    assert settings.service == "redis" and settings.password == "r3dis-s3cret"
    # The URL typed here is used whole: REDIS_URL's password is not sent to another server.
    typed = check_form.build_settings("redis://127.0.0.1", form.values, form)
    assert (typed.host, typed.port, typed.password, typed.database) == (
        "127.0.0.1",
        6379,
        None,
        "0",
    )
    notes = check_form.notes("redis://127.0.0.1", form.values, form)
    assert notes["host"] == "URL: 127.0.0.1" and notes["port"] == "URL: default"
    assert notes["password"] == "URL: none"
    with pytest.raises(ConfigError) as caught:
        check_form.build_settings("", {**form.values, "database": "two"}, form)
    assert "not a database number" in str(caught.value)
    assert check_form.build_settings("rediss://h", form.values, form).ssl_mode == "REQUIRED"
    assert "r3dis-s3cret" not in repr(form) + str(check_form.notes("", form.values, form))


def test_server_label_names_each_service() -> None:
    assert server_label("10.11.6-MariaDB-0+deb12u1") == "MariaDB 10.11"
    assert server_label("15.20 (Debian 15.20-0+deb12u1)", "postgresql") == "PostgreSQL 15.20"
    assert server_label("7.0.15", "redis") == "Redis 7.0"
    assert server_label(None, "redis") == "Redis server"


def test_the_menu_entry_and_the_palette_name_every_service() -> None:
    entry = next(d for d in PALETTE if d.action == "check_mysql")
    assert entry.title == "Check" and "backing service" in entry.note
    assert all(name in entry.help for name in ("MySQL", "PostgreSQL", "Redis"))
    assert all(name in entry.note for name in ("MySQL", "PostgreSQL", "Redis"))


# -- the picker, live -----------------------------------------------------------------------------


async def test_picking_redis_checks_this_machines_redis_as_internal(pack) -> None:
    live(REDIS_URL, "redis")
    app = create_app(pack, start="check_mysql")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        ck = screen(app)
        assert ck.service == "mysql" and picked(app)[0].startswith("▐●▌ MySQL")
        ck.query_one(ServicePicker).focus()
        await pilot.press("right", "right")  # MySQL -> PostgreSQL -> Redis
        await pilot.pause()
        assert ck.service == "redis"
        assert [text.split()[0] for text in picked(app)] == ["▐○▌", "▐○▌", "▐●▌"]
        assert ck.query_one("#ck-port", Input).value == "6379"
        assert not ck.query_one("#ck-row-socket").display  # Redis has no socket
        assert "REDIS_URL" in str(ck.query_one("#ck-intro", Static).render())
        await pilot.press("enter")  # Enter on the picker checks
        await app.workers.wait_for_complete()
        await pilot.pause()
        result = ck.result
        assert result is not None and result.ok, result and result.message
        assert result.service == "redis" and result.placement == "internal"
        text = shown(app)
        assert "✓ ok" in text and "Placement: internal" in text
        assert "[cache] Redis" in text  # drawn as a cache, on this machine
        kind = ck.query_one("#ck-lesson-kind", Button)
        assert kind.display and "caches" in str(kind.label)
        kind.press()
        await pilot.pause()
        reader = app.screen
        assert type(reader).__name__ == "LessonReaderScreen"
        assert reader.lesson.id == "what-is-a-backing-service"
        assert reader.lesson.pages[reader.page].title == "The usual kinds"


async def test_a_postgres_url_switches_the_picker_and_checks_ok(pack) -> None:
    live(PG_URL, "postgresql")
    app = create_app(pack, start="check_mysql")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        ck = screen(app)
        await paste_url(pilot, PG_URL)
        assert ck.service == "postgresql" and "▐●▌ PostgreSQL" in picked(app)
        assert "switched to PostgreSQL" in str(ck.query_one("#ck-keys", Static).render())
        assert str(ck.query_one("#ck-note-user", Static).render()) == "URL: postgres"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        result = ck.result
        assert result is not None and result.ok, result and result.message
        assert result.service == "postgresql" and result.placement == "internal"
        assert "✓ ok" in shown(app) and "PostgreSQL 1" in shown(app)  # the diagram's label
        kind = ck.query_one("#ck-lesson-kind", Button)
        assert kind.display and "relational databases" in str(kind.label)


async def test_mysql_sent_to_postgres_port_shows_what_answers_and_the_url_to_try(pack) -> None:
    live(PG_URL, "postgresql")
    app = create_app(pack, start="check_mysql")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        ck = screen(app)
        assert ck.service == "mysql"
        await set_field(pilot, "port", "5432", submit=True)
        await app.workers.wait_for_complete()
        await pilot.pause()
        result = ck.result
        assert result is not None and result.category == "wrong-service"
        assert result.detected is not None and result.detected.suggested_url
        text = shown(app)
        assert "✗ wrong-service" in text
        assert "Answers there: PostgreSQL, not MySQL" in text
        assert f"Try this URL: {result.detected.suggested_url}" in text
        assert "not known: the check did not reach a MySQL server" in text
        suggested = ck.query_one("#ck-suggested", Button)
        assert suggested.display
        suggested.press()
        await pilot.pause()
        # One press fills the form in for PostgreSQL: the fields from the suggested URL, the
        # database (its DATABASE placeholder) left for the learner, who types it in view.
        assert ck.service == "postgresql" and "▐●▌ PostgreSQL" in picked(app)
        assert ck.query_one("#ck-url", Input).value == ""
        values = {name: ck.query_one(f"#ck-{name}", Input).value for name in ("host", "port")}
        assert values == {"host": "127.0.0.1", "port": "5432"}
        database = ck.query_one("#ck-database", Input)
        assert database.value == "" and app.focused is database
        assert "give the database" in str(ck.query_one("#ck-keys", Static).render())
        assert ck.result is None and not ck.query_one("#ck-diagnosis").display
        await set_field(pilot, "user", "postgres")
        await set_field(pilot, "database", "postgres", submit=True)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert ck.result is not None and ck.result.ok, ck.result and ck.result.message


def test_a_suggested_url_gives_its_fields_without_placeholders() -> None:
    assert check_form.suggested_values("postgres://ann@db.example:5433/DATABASE") == (
        "postgresql",
        {"host": "db.example", "port": "5433", "user": "ann"},
    )
    assert check_form.suggested_values("mysql://USER@h:3306/DATABASE") == (
        "mysql",
        {"host": "h", "port": "3306"},
    )
    assert check_form.suggested_values("redis://h:6380/0") == (
        "redis",
        {"host": "h", "port": "6380", "database": "0"},
    )
    assert check_form.suggested_values("ftp://h") is None


# -- the picker, without a server -----------------------------------------------------------------


async def test_lesson_links_fit_each_service(pack) -> None:
    app = create_app(pack, start="check_mysql")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        ck = screen(app)
        kind = ck.query_one("#ck-lesson-kind", Button)
        config = ck.query_one("#ck-lesson-config", Button)
        placement = ck.query_one("#ck-lesson-placement", Button)
        seen = {}
        for service in ("mysql", "postgresql", "redis", "mysql"):
            ck.switch_service(service)
            await pilot.pause()
            seen[service] = (kind.display and str(kind.label), config.display, placement.display)
        # MySQL keeps its links; the placement lesson waits for a placement.
        assert seen["mysql"] == (False, True, False)
        assert seen["postgresql"] == ("Lesson: What is a backing service? (relational databases)",
                                      True, False)  # fmt: skip
        assert seen["redis"] == ("Lesson: What is a backing service? (caches)", True, False)


async def test_picking_another_service_by_hand_clears_a_url_of_the_first(pack) -> None:
    app = create_app(pack, start="check_mysql")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        ck = screen(app)
        await paste_url(pilot, "redis://:typed-s3cret@127.0.0.1:6379/1")
        assert ck.service == "redis"
        ck.query_one(ServicePicker).focus()
        await pilot.press("left")  # Redis -> PostgreSQL
        await pilot.pause()
        assert ck.service == "postgresql" and ck.query_one("#ck-url", Input).value == ""
        status = str(ck.query_one("#ck-keys", Static).render())
        assert "The URL was for Redis: cleared" in status
        assert ck.query_one("#ck-port", Input).value == "5432"
        assert "typed-s3cret" not in shown(app)


async def test_keys_typed_ahead_check_the_service_picked_last(pack) -> None:
    checked: list[str] = []

    def checker(settings, *, timeout, on_stage, cancel):
        checked.append(settings.service)
        stage = StageResult("connect", False, 1, "refused (a test checker)")
        on_stage(stage)
        return CheckResult(ok=False, category="refused", settings=settings, stages=[stage])

    app = create_app(pack, start="check_mysql", checker=checker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        ck = screen(app)
        ck.query_one(ServicePicker).focus()
        type_ahead(app, "right", "right", "left", "left", "left", "enter")
        await pilot_wait_until(pilot, lambda: bool(checked), what="the check to start")
        await finish(pilot)
        # MySQL -> PostgreSQL -> Redis -> PostgreSQL -> MySQL -> (wraps) Redis.
        assert checked == ["redis"] and ck.service == "redis"
        assert ck.result is not None and ck.result.category == "refused"
        assert "▐●▌ Redis" in picked(app) and "Target: redis://" in shown(app)


async def test_switching_service_drops_a_running_check(pack) -> None:
    stop = threading.Event()
    with peer(silent(stop)) as listener:
        app = create_app(pack, start="check_mysql")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            ck = screen(app)
            await set_field(pilot, "timeout", f"{MAX_TIMEOUT:g}")
            await set_field(pilot, "port", str(listener.port), submit=True)
            await pilot_wait_until(pilot, lambda: len(ck.stages) == 2, what="dns and connect")
            cancel = ck.cancel_event
            assert ck.running and cancel is not None
            ck.switch_service("redis")
            await pilot.pause()
            assert cancel.is_set() and not ck.running and ck.stages == []
            assert str(ck.query_one("#ck-run", Button).label) == "Check"
            await finish(pilot)  # only the cancel can end it within the hang guard
            assert ck.result is None and ck.service == "redis"  # the MySQL result is dropped
        stop.set()


async def test_a_postgres_database_url_opens_the_screen_on_postgres(
    pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://app@db.example:5433/shop")
    app = create_app(pack, start="check_mysql")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        ck = screen(app)
        assert ck.service == "postgresql" and "▐●▌ PostgreSQL" in picked(app)
        assert str(ck.query_one("#ck-note-host", Static).render()) == "from DATABASE_URL"
        ck.switch_service("mysql")  # MySQL does not read another service's DATABASE_URL
        await pilot.pause()
        assert ck.query_one("#ck-host", Input).value == "127.0.0.1"
        assert ck.form.error is None


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_picker_and_lesson_titles_fit_the_width(pack, size) -> None:
    app = create_app(pack, start="check_mysql")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        ck = screen(app)
        ck.switch_service("postgresql")
        await pilot.pause()
        picker = ck.query_one(ServicePicker)
        assert picker.region.right <= ck.query_one("#ck-body").region.right
        assert [text.split()[-1] for text in picked(app)] == ["MySQL", "PostgreSQL", "Redis"]
        kind = ck.query_one("#ck-lesson-kind", Button)
        # A long title wraps at 40 columns rather than losing its end.
        assert "(relational databases)" in " ".join(widget_text(kind).split())
