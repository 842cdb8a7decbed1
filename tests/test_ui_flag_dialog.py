"""The flag dialog says which reason is chosen in text, not only by colour (NO_COLOR too)."""

from __future__ import annotations

import pytest
from progress_samples import make_pack
from textual.widgets import RadioButton

from tutor.ui.app import create_app


def marks(app) -> dict[str, str]:
    """Each reason's button as drawn, without its label: what tells chosen from not."""
    return {str(button.id): str(button.render())[:3] for button in app.screen.query(RadioButton)}


@pytest.mark.parametrize("no_color", [False, True])
async def test_the_chosen_reason_is_marked_in_text(monkeypatch, no_color: bool) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    pack = make_pack()
    scenario = pack.scenarios[0]
    app = create_app(pack)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.flag_question(scenario, scenario.questions[0])
        await pilot.pause()
        assert type(app.screen).__name__ == "FlagDialog"
        assert marks(app) == {"confusing": "(•)", "wrong": "( )"}
        await pilot.press("down", "space")
        await pilot.pause()
        assert marks(app) == {"confusing": "( )", "wrong": "(•)"}
        assert app.screen.reason() == "wrong"


async def test_enter_picks_the_highlighted_reason_then_flags_from_the_comment(store) -> None:
    pack = make_pack()
    scenario = pack.scenarios[0]
    question = scenario.questions[0]
    app = create_app(pack, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.flag_question(scenario, question)
        await pilot.pause()
        await pilot.press("down", "enter")  # Wrong, and on to the comment
        assert marks(app) == {"confusing": "( )", "wrong": "(•)"}
        await pilot.press(*"the key says 10", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ != "FlagDialog"
    (flag,) = store.flags()
    assert (flag.question_id, flag.reason, flag.comment) == (
        question.id,
        "wrong",
        "the key says 10",
    )
