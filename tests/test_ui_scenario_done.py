"""A scenario's end: the score and each question's outcome from the stored verdicts, no keys
that do nothing, and the truth about where Enter goes."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from textual.widgets import Button, Static

from tutor.content.loader import load_pack
from tutor.progress import RecordedAnswer, grade
from tutor.ui.app import create_app
from tutor.ui.interfaces import NullProgress
from tutor.ui.walkthrough_state import Phase

PACK = Path(__file__).resolve().parent / "data" / "ui-pack"  # laptop goes with lesson intro


def text(app, selector: str) -> str:
    """What a Static draws (Rich text or a table), as plain words."""
    console = Console(width=78, color_system=None)
    with console.capture() as capture:
        console.print(app.screen.query_one(selector, Static).content)
    return " ".join(capture.get().split())


def bar(app) -> str:
    return str(app.screen.query_one("#wt-continue", Button).label)


def footer_actions(app) -> list[str]:
    return [key.description for key in app.screen.query_one("TutorFooter")._keys]


async def answer_all(pilot, app, placement: str = "i") -> None:
    """Through the laptop scenario: the placement, then the first choice of each question."""
    screen = app.screen
    while screen.walkthrough.phase is not Phase.COMPLETE:
        phase = screen.walkthrough.phase
        if phase is Phase.QUESTION:
            state = screen.walkthrough.question_state
            if state.question.kind == "placement":
                await pilot.press(placement)
            elif state.question.kind == "multi":
                await pilot.press("space")
        await pilot.press("enter")
        await pilot.pause()


async def test_the_end_says_it_goes_back_to_the_lesson_it_was_opened_from() -> None:
    pack = load_pack(PACK)
    app = create_app(pack, start="lesson:intro:1")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one(".scenario-link", Button).press()
        await pilot.pause()
        await answer_all(pilot, app)
        assert bar(app) == "Back to the lesson (Enter)"
        assert "Press Enter to go back to the lesson “Backing services”." in text(app, "#wt-where")
        assert "It goes with" not in text(app, "#wt-score")  # the last line names it
        assert app.screen.query_one("#wt-continue", Button).size.width == len(bar(app)) + 2
        assert "Flag question" not in footer_actions(app)
        assert "Summary" not in footer_actions(app)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "LessonReaderScreen"


async def test_the_end_says_it_goes_back_to_the_scenarios() -> None:
    pack = load_pack(PACK)
    app = create_app(pack, start="scenarios")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # Local: Laptop database
        await pilot.pause()
        await answer_all(pilot, app)
        assert bar(app) == "Back to Scenarios (Enter)"
        assert "It goes with the lesson “Backing services”." in text(app, "#wt-score")
        assert text(app, "#wt-where") == "Press Enter to go back to Scenarios."
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ScenariosScreen"


async def test_the_score_lists_each_question_from_the_verdicts_returned() -> None:
    """The fake store judges every answer wrong but the multi one: the end shows its verdicts,
    not a grading of its own."""

    class Progress(NullProgress):
        def record(self, scenario, question, answer, *, source, hint_used):
            verdict = grade(question, answer)
            if question.kind != "multi":
                verdict = type(verdict)(verdict.question, verdict.answer, False)
            return RecordedAnswer(verdict)

    pack = load_pack(PACK)
    app = create_app(pack, progress=Progress(), start="scenario:laptop")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter", "h")  # the hint at the placement question
        await answer_all(pilot, app)
        assert text(app, "#wt-score") == (
            "Scenario complete. 0 of 3 right. It goes with the lesson “Backing services”."
        )
        outcomes = text(app, "#wt-outcomes")
        assert outcomes == (
            "✗ missed Internal or external? (hint used) The answer: Internal "
            "✗ missed What does it give you? The answer: Control "
            "✗ missed Which are backing services? The answer: MySQL; Redis"
        )


async def test_questions_not_reached_in_this_walkthrough_are_not_scored() -> None:
    pack = load_pack(PACK)
    app = create_app(pack, start="scenario:laptop:3")  # straight to the last question
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await answer_all(pilot, app)
        assert text(app, "#wt-score").startswith(
            "Scenario complete. 0 of 1 right (2 not answered this time)."
        )
        outcomes = text(app, "#wt-outcomes")
        assert outcomes.startswith("– Internal or external? (not answered)")
        assert "✗ missed Which are backing services?" in outcomes
