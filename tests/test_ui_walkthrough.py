"""The whole walkthrough of a scenario in the pilot: every question kind, right and wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Button, OptionList, Static
from waiting import pilot_wait_until

from tutor.content.loader import load_pack
from tutor.ui.app import create_app
from tutor.ui.walkthrough_state import Phase
from tutor.ui.widgets.diagram_view import DiagramView
from tutor.ui.widgets.question_view import QuestionView

SCENARIO = """\
id: laptop
title: Laptop database
environment: local
summary: You build the app on your laptop.
hosts:
  - id: laptop
    label: Laptop
    kind: workstation
    services:
      - {id: app, label: App, kind: app}
      - {id: db, label: MySQL, kind: relational-database}
links:
  - {from: app, to: db}
steps:
  - text: "You reset the data often. Your `DATABASE_URL` is `mysql://127.0.0.1:3306/shop`."
  - question:
      id: where-db
      kind: placement
      prompt: Internal or external?
      service: db
      answer: internal
      hint: Who resets it?
      explain: Locally you want control.
  - question:
      id: why
      kind: choice
      prompt: What does it give you?
      choices:
        - text: Control
          correct: true
          feedback: Yes, you can reset it.
        - text: Safety
          feedback: Not on a laptop.
      explain: You own the data.
  - question:
      id: which
      kind: multi
      prompt: Which are backing services?
      choices:
        - text: MySQL
          correct: true
        - text: Redis
          correct: true
        - text: A text editor
          feedback: It is not used over a network.
      explain: Both are used over the network.
"""


@pytest.fixture
def pack(tmp_path: Path):
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / "laptop.yaml").write_text(SCENARIO)
    return load_pack(tmp_path)


def answers(store) -> list[tuple[str, object, bool, bool]]:
    """(question, answer as stored, correct, hint used) for every stored answer."""
    return [(a.question_id, a.answer_value(), a.correct, a.hint_used) for a in store.attempts()]


def text_of(widget) -> str:
    return str(widget.render())


def shown(screen, text: str) -> int:
    """Where a choice is on screen: the walkthrough shows choices shuffled."""
    choices = screen.walkthrough.question_state.question.choices
    return next(i for i, choice in enumerate(choices) if choice.text == text)


def feedback(screen) -> str:
    view = screen.query_one(QuestionView)
    return " ".join(text_of(widget) for widget in view.query(".qv-verdict, .qv-chosen"))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_right_answers_with_hint_and_preview(pack, store, size) -> None:
    app = create_app(pack, store=store, start="scenario:laptop")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        walk = screen.walkthrough
        assert walk.phase is Phase.SUMMARY
        assert screen.has_class("-wide") == (size[0] >= 100)
        await pilot.press("enter")
        await pilot.pause()
        assert walk.phase is Phase.TEXT
        await pilot.press("enter")
        await pilot.pause()
        # Placement: detached and unknown, then previewed, then the truth.
        diagram = screen.query_one(QuestionView).query_one(DiagramView)
        assert (diagram.placement, diagram.unknown) == (None, "db")
        assert "?" in text_of(diagram.query_one(Static))
        await pilot.press("enter")  # nothing chosen yet: stays
        await pilot.pause()
        assert walk.phase is Phase.QUESTION
        await pilot.press("e")
        await pilot.pause()
        assert (diagram.placement, diagram.unknown) == ({"db": "external"}, None)
        await pilot.press("i")
        await pilot.pause()
        assert diagram.placement == {"db": "internal"}
        await pilot.press("h")
        await pilot.pause()
        assert "Who resets it?" in text_of(screen.query_one(".qv-hint", Static))
        await pilot.press("enter")
        await pilot.pause()
        assert walk.phase is Phase.FEEDBACK
        assert "✓ Right" in feedback(screen)
        assert (diagram.placement, diagram.unknown) == (None, None)
        await pilot.press("enter")
        await pilot.pause()
        # Choice: the right one, with its feedback.
        assert walk.question_state.question.id == "why"
        screen.query_one(OptionList).highlighted = shown(screen, "Control")
        await pilot.press("enter")
        await pilot.pause()
        assert "✓ Control" in feedback(screen) and "Yes, you can reset it." in feedback(screen)
        await pilot.press("enter")
        await pilot.pause()
        # Multi: Space toggles, Enter checks.
        options = screen.query_one(OptionList)
        for text in ("MySQL", "Redis"):
            options.highlighted = shown(screen, text)
            await pilot.press("space")
        await pilot.press("enter")
        await pilot.pause()
        assert "✓ Right." in feedback(screen)
        await pilot.press("enter")
        await pilot.pause()
        assert walk.phase is Phase.COMPLETE
        assert "3 of 3" in text_of(screen.query_one("#wt-body Static"))
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
    assert answers(store) == [
        ("where-db", "internal", True, True),
        ("why", ["Control"], True, False),
        ("which", ["MySQL", "Redis"], True, False),
    ]
    assert [done.scenario_id for done in store.scenarios_completed()] == ["laptop"]


async def click(pilot, selector: str) -> None:
    """A click on a button, then a wait until it takes clicks again: while it shows that it
    was pressed (Textual's `-active` look), a button ignores clicks."""
    button = pilot.app.screen.query_one(selector, Button)
    await pilot.click(selector)
    await pilot_wait_until(
        pilot, lambda: not button.has_class("-active"), what=f"{selector} to take clicks again"
    )


async def test_wrong_answers_with_the_mouse(pack, store) -> None:
    app = create_app(pack, store=store, start="scenario:laptop")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await click(pilot, "#wt-continue")
        await click(pilot, "#wt-continue")
        await click(pilot, "#qv-external")
        assert screen.query_one(DiagramView).placement == {"db": "external"}
        await click(pilot, "#qv-check")
        text = feedback(screen)
        assert "✗ Not quite" in text and "you chose external" in text
        await click(pilot, "#wt-continue")
        options = screen.query_one(OptionList)
        options.highlighted = shown(screen, "Safety")
        options.action_select()
        await pilot.pause()
        text = feedback(screen)
        assert "✗ Safety" in text and "Not on a laptop." in text
        assert "The right answer: Control" in text
        await click(pilot, "#wt-continue")
        options = screen.query_one(OptionList)
        for text in ("MySQL", "A text editor", "Redis", "Redis"):  # Redis twice: unticked
            options.highlighted = shown(screen, text)
            options.action_select()
        await pilot.pause()
        assert "[x] A text editor" in str(
            options.get_option_at_index(shown(screen, "A text editor")).prompt
        )
        assert "[ ] Redis" in str(options.get_option_at_index(shown(screen, "Redis")).prompt)
        await click(pilot, "#qv-check")
        text = feedback(screen)
        assert "✗ A text editor" in text and "Also right: Redis" in text
        assert screen.walkthrough.score == (0, 3)
    assert [correct for _, _, correct, _ in answers(store)] == [False, False, False]


def plain(static: Static, width: int = 80) -> str:
    """What a Static draws, as plain text (its Markdown rendered, not its source)."""
    console = Console(width=width, color_system=None)
    with console.capture() as capture:
        console.print(static.content)
    return " ".join(capture.get().split())


async def until(pilot, condition) -> None:
    """Let the app run until `condition()` holds (scrolls land after a refresh)."""
    for _ in range(50):
        if condition():
            return
        await pilot.pause()
    assert condition()


def context_shown(screen) -> bool:
    widgets = screen.query_one(QuestionView).query(".qv-context")
    return bool(widgets) and widgets.first().display


async def test_s_shows_and_hides_the_summary_and_earlier_steps(pack) -> None:
    app = create_app(pack, start="scenario:laptop")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        # The summary and the text steps are on screen: nothing to bring back yet.
        assert "s" not in screen.active_bindings
        await pilot.press("s", "enter")
        await pilot.pause()
        assert screen.walkthrough.phase is Phase.TEXT
        assert "s" not in screen.active_bindings
        await pilot.press("enter")
        await pilot.pause()
        # At the question they have left the screen; s brings them back, above the prompt.
        assert screen.active_bindings["s"].binding.description == "Summary"
        assert not context_shown(screen)
        await pilot.press("s")
        await pilot.pause()
        assert context_shown(screen)
        view = screen.query_one(QuestionView)
        context = view.query_one(".qv-context", Static)
        assert plain(context) == (
            "You build the app on your laptop. "
            "You reset the data often. Your DATABASE_URL is mysql://127.0.0.1:3306/shop."
        )  # Markdown drawn, not its backticks
        assert context.region.y < view.query_one(".qv-prompt").region.y
        await pilot.press("s")
        await pilot.pause()
        assert not context_shown(screen)
        # After the answer too.
        await pilot.press("i", "enter")
        await pilot.pause()
        assert screen.walkthrough.phase is Phase.FEEDBACK
        await pilot.press("s")
        await pilot.pause()
        assert context_shown(screen)
        await pilot.press("s")
        await pilot.pause()
        assert not context_shown(screen)
        # The next question starts with it hidden; s works while the choices have the focus.
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.focused, OptionList)
        assert not context_shown(screen)
        await pilot.press("s")
        await pilot.pause()
        assert context_shown(screen)
        assert screen.walkthrough.phase is Phase.QUESTION  # s did not answer


async def test_the_context_scrolls_with_the_question_on_a_small_screen(pack) -> None:
    app = create_app(pack, start="scenario:laptop")
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter", "i", "enter")
        await pilot.pause()
        screen = app.screen
        pane = screen.query_one(QuestionView).query_one(".pane-text")
        feedback = screen.query_one(".qv-feedback")
        await until(pilot, lambda: pane.scroll_y > 0)  # the feedback brought into view
        await pilot.press("s")
        context = screen.query_one(".qv-context", Static)
        # Inside the scrolling pane, read from its top.
        assert context.parent is pane
        await until(pilot, lambda: pane.scroll_y == 0)
        assert pane.max_scroll_y > 0
        assert context.region.y == pane.content_region.y
        pane.scroll_end(animate=False)
        await until(pilot, lambda: pane.scroll_y == pane.max_scroll_y)
        assert pane.scroll_y > 0
        # Hidden again: back to the feedback, where the learner was.
        await pilot.press("s")
        await until(pilot, lambda: not context.display)
        await until(pilot, lambda: feedback.region.y == pane.content_region.y)


async def test_opened_straight_at_a_question_it_shows_the_context_first(pack) -> None:
    # Continue and a missed quiz question open here: the learner has not read the steps.
    app = create_app(pack, start="scenario:laptop:1")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.walkthrough.phase is Phase.QUESTION
        assert context_shown(screen)
        await pilot.press("s")
        await pilot.pause()
        assert not context_shown(screen)
        await pilot.press("i", "enter", "enter")  # on to the next question, read in order
        await pilot.pause()
        assert screen.walkthrough.question_state.question.id == "why"
        assert not context_shown(screen)


async def test_a_scenario_opened_twice_at_once_replaces_the_first_without_a_crash(
    builtin_pack_root: Path,
) -> None:
    """Two quick Enters in the Scenarios list (seen in tmux at 40x12): the second open replaces
    a walkthrough that is still drawing, and that one must not look for its vanished bar."""
    from tutor.ui.screens.walkthrough import WalkthroughScreen

    app = create_app(load_pack(builtin_pack_root), store=None)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        app.open("scenario:lab-your-own-mysql")
        app.open("scenario:lab-your-own-mysql")
        await pilot.pause()
        await pilot.pause()
        assert app._exception is None
        assert isinstance(app.screen, WalkthroughScreen)
        assert sum(isinstance(s, WalkthroughScreen) for s in app.screen_stack) == 1
