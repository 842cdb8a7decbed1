"""Authored Markdown is rendered, never shown as written: `**` and backticks turn into bold
and code, and line breaks from a YAML block scalar reflow to the width (tutor/ui/prose.py)."""

from __future__ import annotations

from dataclasses import replace

from progress_samples import TOPOLOGY, choice, make_pack
from rich.console import Console
from textual.content import Content
from textual.widgets import Input, OptionList, Static

from tutor.content.model import Pack, QuestionStep, Scenario
from tutor.progress import RoundItem, RoundResult, score_quiz
from tutor.ui.app import create_app
from tutor.ui.interfaces import NullProgress
from tutor.ui.prose import inline, markdown

TITLE = "The **Café Ordering** app"
PROMPT = "Which host does `tutor check-db`\nconnect to?"  # broken as a `|` scalar breaks it


def markdown_pack() -> tuple[Pack, Scenario]:
    question = replace(choice("c1"), prompt=PROMPT)
    scenario = Scenario("cafe", TITLE, "local", "Summary.", TOPOLOGY, (QuestionStep(question),))
    pack = make_pack()
    pack.scenarios.append(scenario)
    return pack, scenario


def plain(renderable, width: int = 80) -> str:
    console = Console(width=width, color_system=None)
    with console.capture() as capture:
        console.print(renderable)
    return capture.get()


def test_inline_renders_code_and_bold_and_reflows_lines() -> None:
    text = inline("You run `tutor check-db`\nwith **no** argument, in `MYSQL_HOST`'s place.")
    assert text.plain == "You run tutor check-db with no argument, in MYSQL_HOST's place."
    styles = {text.plain[span.start : span.end]: span.style for span in text.spans}
    assert styles["tutor check-db"].bold and styles["tutor check-db"].bgcolor is not None
    assert styles["no"].bold
    # Plain text with underscores in a name is plain, and paragraphs stay apart.
    assert inline("snake_case and\n\nnext").plain == "snake_case and\n\nnext"


def test_block_prose_reflows_and_dedents() -> None:
    # Text indented four spaces (a Python string, say): the paragraph after the first would
    # be a code block, `**` and all.
    source = "\n    The app\n    runs on one VM.\n\n    The **Café Ordering** app\n    is next.\n"
    shown = [line.rstrip() for line in plain(markdown(source), width=60).splitlines()]
    assert shown == ["The app runs on one VM.", "", "The Café Ordering app is next."]


async def test_quiz_results_render_the_missed_prompt_and_title() -> None:
    from tutor.ui.screens.quiz_results import QuizResultsScreen

    pack, scenario = markdown_pack()
    item = RoundItem.stable(scenario, scenario.questions[0])
    score = score_quiz([RoundResult(item, False, False, True)])
    app = create_app(pack)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(QuizResultsScreen(score))
        await pilot.pause()
        missed = app.screen.query_one("#missed", OptionList)
        prompt = str(missed.get_option_at_index(0).prompt)
        assert prompt == "Which host does tutor check-db connect to?  (The Café Ordering app)"


async def test_home_continue_note_renders_a_markdown_title() -> None:
    class Where(NullProgress):
        def continue_label(self) -> str:
            return f"scenario {TITLE}"

    pack, _ = markdown_pack()
    app = create_app(pack, progress=Where())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        menu = app.screen.query_one("#menu", OptionList)
        assert str(menu.get_option_at_index(0).prompt).split(None, 1)[1] == (
            "scenario The Café Ordering app"
        )


async def test_the_welcome_toast_shows_code_not_backticks() -> None:
    class FirstStart(NullProgress):
        def should_ask_name(self) -> bool:
            return True

        def set_student_name(self, name: str) -> bool:
            return True

    app = create_app(make_pack(), progress=FirstStart())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "NameDialog"
        app.screen.query_one(Input).focus()
        # A name is the learner's own text: its Markdown and markup characters stay as typed.
        await pilot.press(*"Ann_*[x]", "enter")
        await pilot.pause()
        (notification,) = list(app._notifications)
        shown = Content.from_markup(notification.message)
        assert shown.plain == "Thanks, Ann_*[x]: your name goes on tutor export."
        code = shown.plain.index("tutor export")
        assert any(span.start <= code < span.end for span in shown.spans)


async def test_the_flag_dialog_renders_the_prompt() -> None:
    pack, scenario = markdown_pack()
    app = create_app(pack)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.flag_question(scenario, scenario.questions[0])
        await pilot.pause()
        prompt = app.screen.query_one(".flag-prompt", Static)
        assert str(prompt.render()) == "Which host does tutor check-db connect to?"
