"""Number keys answer quickly: 1-9 pick that choice (choice) or tick it (multi), only for the
choices a question has, and they stay out of the footer."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList
from waiting import pilot_wait_until

from tutor.content.loader import load_pack
from tutor.progress import RoundItem
from tutor.ui.app import create_app
from tutor.ui.question_state import QuestionState
from tutor.ui.widgets.footer import TutorFooter

SCENARIO = """\
id: keys
title: Quick keys
environment: local
summary: The app and MySQL both run on your laptop.
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
  - question:
      id: where-db
      kind: placement
      prompt: Internal or external?
      service: db
      answer: internal
      explain: Same laptop.
  - question:
      id: why
      kind: choice
      prompt: What does it give you?
      choices:
        - text: Control
          correct: true
        - text: Safety
          feedback: Not on a laptop.
        - text: Parity
          feedback: Not with production.
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
    (tmp_path / "pack" / "scenarios").mkdir(parents=True)
    (tmp_path / "pack" / "scenarios" / "keys.yaml").write_text(SCENARIO)
    return load_pack(tmp_path / "pack")


def state_for(pack, question_id: str) -> QuestionState:
    scenario = pack.scenario("keys")
    return QuestionState(RoundItem.stable(scenario, scenario.question(question_id)))


def prompts(app) -> list[str]:
    choices = app.screen.query_one(".qv-choices", OptionList)
    return [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)]


def test_pick_chooses_or_toggles_only_choices_that_exist(pack) -> None:
    choice = state_for(pack, "why")
    assert choice.pick(3) == 2 and choice.selected == {2}
    assert choice.pick(1) == 0 and choice.selected == {0}
    assert choice.pick(4) is None and choice.pick(0) is None and choice.selected == {0}
    multi = state_for(pack, "which")
    assert multi.pick(1) == 0 and multi.pick(3) == 2 and multi.selected == {0, 2}
    assert multi.pick(1) == 0 and multi.selected == {2}
    assert state_for(pack, "where-db").pick(1) is None
    multi.submit()
    assert multi.pick(2) is None and multi.selected == {2}


async def test_a_number_picks_a_single_choice_and_enter_checks_it(pack, store) -> None:
    app = create_app(pack, store=store, start="scenario:keys:0")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("1", "2", "enter")  # a placement question has no numbered choices
        await pilot.pause()
        assert app.screen.walkthrough.question_state.preview is None and not store.attempts()
        await pilot.press("i", "enter")
        await pilot.pause()
        await pilot.press("enter")  # on to the single-choice question
        await pilot.pause()
        state = app.screen.walkthrough.question_state
        assert state.question.id == "why"
        choices = app.screen.query_one(".qv-choices", OptionList)
        await pilot.press("3")
        await pilot.pause()
        assert choices.highlighted == 2
        assert prompts(app)[2].startswith("❯ 3.") and not prompts(app)[0].startswith("❯")
        await pilot.press("9")  # there is no ninth choice: nothing changes
        await pilot.pause()
        assert choices.highlighted == 2
        await pilot.press("enter")
        await pilot.pause()
        attempt = store.attempts()[-1]
        assert attempt.answer_value() == [state.question.choices[2].text]


async def test_numbers_tick_and_untick_in_multi(pack, store) -> None:
    app = create_app(pack, store=store, start="scenario:keys:2")
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        state = app.screen.walkthrough.question_state
        choices = app.screen.query_one(".qv-choices", OptionList)
        await pilot.press("1", "3", "1", "2")
        await pilot.pause()
        assert state.selected == {1, 2} and choices.highlighted == 1
        assert ["[x]" in prompt for prompt in prompts(app)] == [False, True, True]
        await pilot.press("4")  # no fourth choice
        await pilot.pause()
        assert state.selected == {1, 2}
        await pilot.press("enter")
        await pilot.pause()
        (attempt,) = store.attempts()
        shown = state.question.choices
        assert sorted(attempt.answer_value()) == sorted([shown[1].text, shown[2].text])
        await pilot.press("1")  # answered: the keys do nothing any more
        await pilot.pause()
        assert state.selected == {1, 2}


async def test_number_keys_stay_out_of_the_footer(pack) -> None:
    app = create_app(pack, start="scenario:keys:2")
    async with app.run_test(size=(200, 30)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(TutorFooter)
        await pilot_wait_until(pilot, lambda: "Tick" in [k.description for k in footer.shown])
        assert not [k for k in footer.shown if k.description.startswith("Choice")]
        # Bound all the same: the binding exists, hidden.
        assert "1" in app.screen.active_bindings
