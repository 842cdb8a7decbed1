"""The store wired into the app: answers stored before feedback, Continue, Home's glance, done
marks, the student name asked once, a corrupt store's notice once, a newer store refused."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from progress_samples import make_pack
from textual.widgets import OptionList, Static

from tutor.progress import open_store, store_path
from tutor.ui.app import create_app


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data: Path):
    opened = open_store(data)
    opened.store.set_student_name("Test Student")
    yield opened.store
    opened.store.close()


def screen_name(app) -> str:
    return type(app.screen).__name__


def glance(app) -> str:
    return str(app.screen.query_one("#glance", Static).render())


def continue_prompt(app) -> str:
    menu = app.screen.query_one("#menu", OptionList)
    return str(menu.get_option("continue").prompt)


async def test_answer_is_in_the_store_when_its_feedback_shows(store, data) -> None:
    pack = make_pack()
    app = create_app(pack, store=store, start="scenario:s-local")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter")
        await pilot.pause()
        seen: list[int] = []
        view = app.screen.query_one("QuestionView")
        show_feedback = view._show_feedback

        def spy(verdict) -> None:  # read by another connection just before the feedback is drawn
            with open_store(data).store as other:
                seen.append(len(other.attempts()))
            show_feedback(verdict)

        view._show_feedback = spy
        await pilot.press("i", "enter")
        await pilot.pause()
        assert seen == [1]
        with open_store(data).store as other:
            (attempt,) = other.attempts()
        assert (attempt.scenario_id, attempt.question_id, attempt.correct) == (
            "s-local",
            "p1",
            True,
        )
        assert attempt.answer_value() == "internal" and attempt.source == "walkthrough"


async def test_glance_done_marks_and_continue_follow_the_learner(store) -> None:
    pack = make_pack()
    app = create_app(pack, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Lessons read 0/2" in glance(app) and "Scenarios done 0/6" in glance(app)
        assert "nothing yet" in continue_prompt(app)
        # read both pages of the first lesson
        app.open("lesson:basics")
        await pilot.pause()
        await pilot.press("right")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert "Lessons read 1/2" in glance(app)
        assert "Environments, page 1" in continue_prompt(app)  # Basics is finished
        await pilot.press("enter")  # Continue
        await pilot.pause()
        assert screen_name(app) == "LessonReaderScreen"
        assert (app.screen.lesson.id, app.screen.page) == ("envs", 0)
        # walk a whole scenario
        app.action_home()
        app.open("scenario:s-local")
        await pilot.pause()
        await pilot.press("enter", "enter")
        await pilot.pause()
        await pilot.press("i", "enter")
        await pilot.pause()
        await pilot.press("enter")  # next: the choice question, half way
        await pilot.pause()
        app.action_home()
        await pilot.pause()
        assert "scenario S-Local" in continue_prompt(app)
        await pilot.press("enter")
        await pilot.pause()
        walkthrough = app.screen.walkthrough
        assert walkthrough.scenario.id == "s-local" and walkthrough.index == 2
        await pilot.press("enter")  # the first choice is the right one
        await pilot.pause()
        await pilot.press("enter")  # complete
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert "Scenarios done 1/6" in glance(app)
        assert "scenario S-Dev" in continue_prompt(app)  # on to the next one
        app.action_scenarios()
        await pilot.pause()
        options = app.screen.query_one("#scenario-list", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert "  ✓ S-Local" in prompts and "    S-Dev" in prompts
    assert [done.scenario_id for done in store.scenarios_completed()] == ["s-local"]


async def test_continue_survives_a_restart(store) -> None:
    pack = make_pack()
    store.set_position("lesson", "basics", 1)
    app = create_app(pack, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "LessonReaderScreen"
        assert (app.screen.lesson.id, app.screen.page) == ("basics", 1)


async def test_student_name_is_asked_once(data) -> None:
    pack = make_pack()
    with open_store(data).store as store:
        app = create_app(pack, store=store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert screen_name(app) == "NameDialog"
            await pilot.press(*"Ada  Lovelace", "enter")
            await pilot.pause()
            assert screen_name(app) == "HomeScreen"
        assert store.student_name() == "Ada Lovelace"
    from tutor.progress.export import export_document

    with open_store(data).store as store:
        assert export_document(store)["student"] == "Ada Lovelace"
        app = create_app(pack, store=store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert screen_name(app) == "HomeScreen"


async def test_skipping_the_name_is_remembered(data, monkeypatch) -> None:
    pack = make_pack()
    with open_store(data).store as store:
        app = create_app(pack, store=store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert screen_name(app) == "HomeScreen"
        assert store.student_name() == ""
        app = create_app(pack, store=store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert screen_name(app) == "HomeScreen"
    monkeypatch.setenv("TUTOR_STUDENT", "Grace")
    with open_store(data / "other").store as store:
        app = create_app(pack, store=store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert screen_name(app) == "HomeScreen"  # TUTOR_STUDENT is the name


async def test_corrupt_store_notice_shows_once(data) -> None:
    data.mkdir(parents=True)
    store_path(data).write_bytes(b"this is not a database" * 100)
    store, notice = open_store(data)
    assert notice and "moved to" in notice
    store.set_student_name("Test Student")
    app = create_app(make_pack(), store=store, notice=notice)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_lessons()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        notices = [n for n in app._notifications if "could not be read" in str(n.message)]
        assert len(notices) == 1
    store.close()
    again, notice = open_store(data)
    again.close()
    assert notice is None


def test_a_newer_store_is_refused_and_left_alone(data, tmp_path) -> None:
    data.mkdir(parents=True)
    path = store_path(data)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 99")
    connection.close()
    before = path.read_bytes()
    result = subprocess.run(
        [sys.executable, "-m", "tutor"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"TUTOR_DATA_DIR": str(data), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "newer version of tutor" in result.stderr
    assert path.read_bytes() == before
