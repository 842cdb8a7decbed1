"""The Check MySQL screen shows what tutor.dbcheck decided: advice, the 1698 ambiguity, fixes
rendered from Markdown, and a form whose notes wrap instead of being clipped (80x24, 40x12).

Live tests use the MariaDB from scripts/ensure-mysql and skip (fail under CI=true) without it.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import pytest
from dbcheck_support import (
    closed_port,
    finish,
    live_mysql_url,
    root_sql_or_skip,
    server_wide_account,
    set_field,
    shown,
    widget_text,
)
from textual.widgets import Input, Static

from tutor.content.loader import load_pack
from tutor.content.packs import builtin_pack_root
from tutor.ui.app import create_app
from tutor.ui.screens.check_mysql import CheckMySQLScreen

SQL = Callable[[str], subprocess.CompletedProcess]
SIZES = [(80, 24), (40, 12)]


@pytest.fixture(scope="module")
def pack():
    return load_pack(builtin_pack_root())


@pytest.fixture(scope="module")
def live() -> dict:
    parts = urlsplit(live_mysql_url())
    return {"host": parts.hostname, "port": parts.port or 3306, "db": parts.path.lstrip("/")}


@pytest.fixture(scope="module")
def root_sql() -> SQL:
    return root_sql_or_skip()


def flat(text: str) -> str:
    """Words as read, whatever the wrapping (border characters removed)."""
    return " ".join(text.replace("│", " ").split())


def screen(app) -> CheckMySQLScreen:
    assert isinstance(app.screen, CheckMySQLScreen)
    return app.screen


async def check_url(pilot, url: str) -> CheckMySQLScreen:
    ck = screen(pilot.app)
    field = ck.query_one("#ck-url", Input)
    field.focus()
    field.value = url  # as a paste would
    await pilot.pause()
    await pilot.press("enter")
    await finish(pilot)
    return ck


@pytest.fixture
def admin(root_sql: SQL) -> Iterator[tuple[str, str]]:
    with server_wide_account(root_sql, "tutor_adv_ui_admin", "Admin-ui-pw-4") as account:
        yield account


@pytest.mark.parametrize("size", SIZES)
async def test_a_server_wide_account_passes_with_advice_in_view(
    pack, live: dict, admin: tuple[str, str], size: tuple[int, int]
) -> None:
    user, password = admin
    url = f"mysql://{user}:{password}@{live['host']}:{live['port']}/{live['db']}"
    app = create_app(pack, start="check_mysql")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        ck = await check_url(pilot, url)
        assert ck.result is not None and ck.result.ok
        assert ck.query_one("#ck-diagnosis", Static).border_title == "✓ ok"
        box = ck.query_one("#ck-advice", Static)
        assert box.display and box.border_title == "! Advice"
        words = flat(widget_text(box))
        assert "rights over the whole server" in words
        assert "(least privilege)" in words and "drop every database" in words
        assert f"GRANT ALL PRIVILEGES ON `{live['db']}`.* TO 'app'@" in words
        assert "**" not in words
        await pilot.pause()
        body = ck.query_one("#ck-body")
        top = box.virtual_region.y - body.scroll_offset.y
        assert 0 <= top < body.size.height  # the advice starts on screen, not below the fold
        assert password not in shown(app)


async def test_the_app_account_shows_no_advice(pack) -> None:
    app = create_app(pack, start="check_mysql")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        ck = await check_url(pilot, live_mysql_url())
        assert ck.result is not None and ck.result.ok
        assert not ck.query_one("#ck-advice").display


async def test_1698_in_the_screen_names_both_causes(pack, live: dict, root_sql: SQL) -> None:
    made = root_sql(
        "CREATE USER IF NOT EXISTS 'tutor_adv_ui_sock'@'127.0.0.1' IDENTIFIED VIA unix_socket;"
        "CREATE USER IF NOT EXISTS 'tutor_adv_ui_sock'@'localhost' IDENTIFIED VIA unix_socket;"
    )
    if made.returncode != 0:
        pytest.skip(f"cannot create a unix_socket account: {made.stderr.strip()}")
    try:
        app = create_app(pack, start="check_mysql")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            url = f"mysql://tutor_adv_ui_sock:pw@{live['host']}:{live['port']}/"
            ck = await check_url(pilot, url)
            assert ck.result is not None and ck.result.error_code == 1698
            words = flat(widget_text(ck.query_one("#ck-diagnosis", Static)))
            assert "unix socket" in words and "no account of that name" in words
            assert "Fix: To tell which, run SELECT user, host, plugin FROM mysql.user;" in words
            assert "`" not in words and "**" not in words
            assert not ck.query_one("#ck-advice").display
    finally:
        root_sql(
            "DROP USER IF EXISTS 'tutor_adv_ui_sock'@'127.0.0.1', 'tutor_adv_ui_sock'@'localhost'"
        )


@pytest.mark.parametrize("size", SIZES)
async def test_the_fix_is_rendered_markdown(pack, size: tuple[int, int]) -> None:
    app = create_app(pack, start="check_mysql")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await set_field(pilot, "port", str(closed_port()), submit=True)
        await finish(pilot)
        words = flat(widget_text(screen(app).query_one("#ck-diagnosis", Static)))
        assert "Fix: Start the server (for example sudo systemctl start mariadb)" in words
        assert "`" not in words and "**" not in words


@pytest.mark.parametrize("size", SIZES)
async def test_form_notes_wrap_instead_of_being_clipped(pack, size: tuple[int, int]) -> None:
    app = create_app(pack, start="check_mysql")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        ck = screen(app)
        for note_id, words in (
            ("#ck-note-url", "optional; overrides below"),
            ("#ck-keys", "Enter checks · Esc cancels"),
        ):
            note = ck.query_one(note_id, Static)
            assert flat(widget_text(note)) == words
            row = note.parent
            assert row is not None and note.size.height <= row.size.height, note_id
            assert note.region.right <= row.region.right, note_id
