"""The whole walkthrough of a scenario in the pilot: every question kind, right and wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

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
  - text: You reset the data often.
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


class Store:
    def __init__(self) -> None:
        self.answers: list[tuple[str, object, bool, bool]] = []
        self.completed: list[tuple[str, int, int]] = []

    def record_answer(self, scenario, question, answer, correct, hint_used):
        self.answers.append((question.id, answer, correct, hint_used))

    def record_scenario_completed(self, scenario, correct, total):
        self.completed.append((scenario.id, correct, total))


@pytest.fixture
def pack(tmp_path: Path):
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / "laptop.yaml").write_text(SCENARIO)
    return load_pack(tmp_path)


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
async def test_right_answers_with_hint_and_preview(pack, size) -> None:
    store = Store()
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
    assert store.answers == [
        ("where-db", "internal", True, True),
        ("why", frozenset({0}), True, False),
        ("which", frozenset({0, 1}), True, False),
    ]
    assert store.completed == [("laptop", 3, 3)]


async def click(pilot, selector: str) -> None:
    """A click, then a pause past the button's 0.2 s active effect, which ignores clicks."""
    await pilot.click(selector)
    await pilot.pause(0.25)


async def test_wrong_answers_with_the_mouse(pack) -> None:
    store = Store()
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
    assert [a[2] for a in store.answers] == [False, False, False]
