"""Who answers Enter: one owner at a time, found by Textual's own binding resolution.

At an open question the QuestionView's priority Enter checks the answer; the screens' priority
Enter (continue, next question) steps aside by check_action until the verdict is in. Nothing
forwards the key by hand. And no tutor class redefines one of Textual's actions with other
parameters (as `action_toggle(index)` once shadowed `DOMNode.action_toggle(attribute_name)`).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

from textual.dom import DOMNode
from textual.widgets import Button, OptionList, Static

import tutor.ui
from tutor.content.loader import load_pack
from tutor.progress import QuizOptions
from tutor.ui.app import create_app
from tutor.ui.widgets.question_view import QuestionView

PACK = Path(__file__).resolve().parent / "data" / "ui-pack"


def enter_owner(app) -> tuple[str, str]:
    """Which node's binding Enter runs now, and what the footer calls it."""
    active = app.screen.active_bindings["enter"]
    return type(active.node).__name__, active.binding.description


def screen_steps_aside(app) -> bool:
    """The screen's own Enter binding is off, so Textual passes Enter on down the chain."""
    return not app.screen.check_action("advance", ())


def verdict(app) -> str:
    return str(app.screen.query_one(QuestionView).query_one(".qv-verdict", Static).render())


async def test_walkthrough_enter_continues_checks_and_moves_on() -> None:
    app = create_app(load_pack(PACK), start="scenario:laptop")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert enter_owner(app) == ("WalkthroughScreen", "Continue")  # the summary
        await pilot.press("enter")
        await pilot.pause()
        assert enter_owner(app) == ("WalkthroughScreen", "Continue")  # the text step
        await pilot.press("enter")
        await pilot.pause()

        # The placement question: focus is on the Internal button, whose own Enter would
        # press it. The view's Enter checks the previewed answer instead.
        assert enter_owner(app) == ("QuestionView", "Check answer") and screen_steps_aside(app)
        assert isinstance(screen.focused, Button) and screen.focused.id == "qv-internal"
        await pilot.press("e", "enter")
        await pilot.pause()
        assert "you chose external" in verdict(app)
        assert enter_owner(app) == ("WalkthroughScreen", "Continue")
        await pilot.press("enter")
        await pilot.pause()

        # The choice question: Enter checks the highlighted choice.
        assert enter_owner(app) == ("QuestionView", "Check answer")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.walkthrough.question_state.answered
        await pilot.press("enter")
        await pilot.pause()

        # The multi question: Space ticks; Enter checks, never ticks (the list's own Enter).
        assert isinstance(screen.focused, OptionList)
        await pilot.press("space", "enter")
        await pilot.pause()
        state = screen.walkthrough.question_state
        assert state.answered and len(state.verdict.answer) == 1
        await pilot.press("enter")
        await pilot.pause()
        assert enter_owner(app) == ("WalkthroughScreen", "Continue")  # the end
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


async def test_quiz_enter_checks_then_goes_to_the_next_question() -> None:
    options = QuizOptions(count=2, seed=3)
    app = create_app(load_pack(PACK), start="quiz", quiz_options=options)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        for number in (1, 2):
            assert screen.index == number - 1
            assert enter_owner(app) == ("QuestionView", "Check answer")
            assert screen_steps_aside(app)
            view = screen.query_one(QuestionView)
            await pilot.press("enter")  # nothing chosen yet: a warning, the question stays
            await pilot.pause()
            if view.question.kind == "placement":
                assert not view.state.closed
                await pilot.press("i", "enter")
            elif view.question.kind == "multi":
                assert not view.state.closed
                await pilot.press("space", "enter")
            await pilot.pause()
            assert view.state.answered
            assert enter_owner(app) == ("QuizScreen", "Check / next")
            await pilot.press("enter")
            await pilot.pause()
        assert type(app.screen).__name__ == "QuizResultsScreen"


def _tutor_classes() -> list[type]:
    classes = []
    for module in pkgutil.walk_packages(tutor.ui.__path__, "tutor.ui."):
        loaded = importlib.import_module(module.name)
        classes += [
            cls
            for cls in vars(loaded).values()
            if inspect.isclass(cls) and issubclass(cls, DOMNode) and cls.__module__ == module.name
        ]
    return classes


def test_no_textual_action_is_redefined_with_other_parameters() -> None:
    clashes = []
    for cls in _tutor_classes():
        for name in [name for name in vars(cls) if name.startswith("action_")]:
            textual = next(
                (base for base in cls.__mro__[1:] if name in vars(base)),
                None,
            )
            if textual is None or not textual.__module__.startswith("textual"):
                continue
            ours = list(inspect.signature(getattr(cls, name)).parameters)
            theirs = list(inspect.signature(getattr(textual, name)).parameters)
            if ours != theirs:
                clashes.append(f"{cls.__name__}.{name}{ours} vs {textual.__name__}{theirs}")
    assert clashes == []
