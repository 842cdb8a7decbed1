"""Class mode in the app, against the real MariaDB: answers go to the class server in the
background, Home says what waits when the server is unreachable, and the instructor's URL
brings the Instructor screen, whose Enter opens a question in its scenario."""

from __future__ import annotations

import socket

import pytest
from class_support import REPO_ROOT, SECRET, count_rows
from dbcheck_support import closed_port
from textual.widgets import DataTable, OptionList, Static
from waiting import pilot_wait_until

from tutor.classroom import server
from tutor.ui.app import create_app

pytestmark = pytest.mark.live_mysql


@pytest.fixture(scope="module")
def builtin_pack():
    from tutor.content.loader import load_pack

    return load_pack(REPO_ROOT)


def status(app) -> str:
    return str(app.screen.query_one("#class-status", Static).render())


async def test_unreachable_server_shows_what_waits_and_never_blocks(
    builtin_pack, store, monkeypatch
) -> None:
    monkeypatch.setenv("TUTOR_CLASS_URL", f"mysql://s:{SECRET}@127.0.0.1:{closed_port()}/c")
    app = create_app(builtin_pack, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot_wait_until(pilot, lambda: "class server unreachable" in status(app))
        lesson = builtin_pack.lessons[0]
        app.progress.record_lesson_page(lesson, 0)  # saved locally at once, sent later
        assert [read.lesson_id for read in store.lessons_read()] == [lesson.id]
        await pilot_wait_until(
            pilot, lambda: status(app) == "Class: class server unreachable, 1 page read waiting"
        )
        assert SECRET not in status(app)


async def test_answers_reach_the_class_server_in_the_background(
    builtin_pack, store, made_class, monkeypatch
) -> None:
    monkeypatch.setenv("TUTOR_CLASS_URL", made_class.student_url)
    app = create_app(builtin_pack, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot_wait_until(pilot, lambda: status(app) == "Class: everything sent")
        scenario = next(s for s in builtin_pack.scenarios if s.questions)
        question = scenario.questions[0]
        app.progress.record(scenario, question, "internal", source="quiz", hint_used=False)
        app.progress.record_lesson_page(builtin_pack.lessons[0], 0)
        await pilot_wait_until(pilot, lambda: count_rows(made_class.instructor_url, "answers") == 1)
        await pilot_wait_until(pilot, lambda: status(app) == "Class: everything sent")
        menu = app.screen.query_one("#menu", OptionList)
        assert "instructor" not in [
            menu.get_option_at_index(i).id for i in range(menu.option_count)
        ]
    records = server.fetch_records(made_class.instructor_url)
    assert [(a.scenario_id, a.question_id) for a in records.answers] == [(scenario.id, question.id)]
    assert len(records.lessons) == 1


async def test_the_instructor_url_brings_the_instructor_screen(
    builtin_pack, store, made_class, monkeypatch
) -> None:
    from tutor.classroom.records import AnswerRecord, record_id
    from tutor.ui.screens.instructor import InstructorScreen
    from tutor.ui.screens.walkthrough import WalkthroughScreen

    scenario = next(s for s in builtin_pack.scenarios if len(s.questions) >= 2)
    question = scenario.questions[1]
    sent = [
        AnswerRecord(
            record_id(f"student{n}", "a", 1),
            f"student{n}",
            f"Student {n}",
            scenario.id,
            question.id,
            '"internal"',
            n % 2 == 0,
            False,
            "2026-12-02T09:00",
            "fp",
            "quiz",
        )
        for n in range(4)
    ]
    server.send_records(made_class.student_url, sent)
    monkeypatch.setenv("TUTOR_CLASS_URL", made_class.instructor_url)
    app = create_app(builtin_pack, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        menu = app.screen.query_one("#menu", OptionList)

        def has_instructor() -> bool:
            ids = [menu.get_option_at_index(i).id for i in range(menu.option_count)]
            return "instructor" in ids

        await pilot_wait_until(pilot, has_instructor)
        assert "instructor" in status(app)
        app.open("instructor")
        await pilot.pause()
        assert isinstance(app.screen, InstructorScreen)
        table = app.screen.query_one("#questions", DataTable)
        await pilot_wait_until(pilot, lambda: table.row_count == 1)
        row = [str(cell) for cell in table.get_row_at(0)]
        assert row[:3] == [f"{scenario.id}/{question.id}", "4", "0.50"]
        students = app.screen.query_one("#students", DataTable)
        assert students.row_count == 4
        table.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WalkthroughScreen)
        assert app.screen.walkthrough.step.question.id == question.id
    # Nothing was sent with the instructor's URL: it can only read.
    assert count_rows(made_class.instructor_url, "answers") == 4


async def test_s_on_home_sends_at_once_when_the_server_is_back(
    builtin_pack, store, made_class, monkeypatch
) -> None:
    """Down first (a listener that hangs up), then up (it relays to MariaDB): `s` sends what
    waited without waiting for the back-off."""
    import threading

    from dbcheck_support import peer, relay

    up = threading.Event()
    forward = relay(("127.0.0.1", 3306), "127.0.0.1")

    def flaky(conn: socket.socket) -> None:
        if up.is_set():
            forward(conn)
        else:
            conn.close()

    student_url = made_class.student_url
    with peer(flaky) as listener:
        monkeypatch.setenv(
            "TUTOR_CLASS_URL", student_url.replace("127.0.0.1:3306", f"127.0.0.1:{listener.port}")
        )
        app = create_app(builtin_pack, store=store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot_wait_until(pilot, lambda: "class server unreachable" in status(app))
            app.progress.record_lesson_page(builtin_pack.lessons[0], 0)
            await pilot_wait_until(pilot, lambda: "1 page read waiting" in status(app))
            up.set()
            await pilot.press("s")
            await pilot_wait_until(pilot, lambda: status(app) == "Class: everything sent")
    assert count_rows(made_class.instructor_url, "lessons_read") == 1


async def test_names_and_comments_from_students_are_shown_as_plain_text(
    builtin_pack, store, made_class, monkeypatch
) -> None:
    """Anyone may send any name: markup and escape sequences must neither crash the screen nor
    reach the instructor's terminal."""
    from tutor.classroom.records import FlagRecord

    nasty = "[/x]\x1b]0;pwned\x07 [bold]Eve"
    flag = FlagRecord("e:f:1", "e" * 32, nasty, "s", "q", "wrong", nasty, None, "2026-12-02")
    server.send_records(made_class.student_url, [flag])
    monkeypatch.setenv("TUTOR_CLASS_URL", made_class.instructor_url)
    app = create_app(builtin_pack, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot_wait_until(pilot, lambda: app.is_instructor)
        app.open("instructor")
        await pilot.pause()
        flags = app.screen.query_one("#flags", DataTable)
        await pilot_wait_until(pilot, lambda: flags.row_count == 1)
        shown = [str(cell) for cell in flags.get_row_at(0)]
        assert shown[2] == shown[3] == "[/x]\ufffd]0;pwned\ufffd [bold]Eve"
        assert app._exception is None
