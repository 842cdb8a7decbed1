"""Scenario.context_before: what a question shows so that it can be answered where it is asked."""

from __future__ import annotations

import pytest

from tutor.content.model import Question, QuestionStep, Scenario, TextStep, Topology


def question(question_id: str) -> QuestionStep:
    return QuestionStep(Question(question_id, "choice", f"{question_id}?", "Because."))


def scenario(*steps, summary: str = "The shop goes live.") -> Scenario:
    return Scenario("shop", "Shop", "production", summary, Topology(()), tuple(steps))


def test_the_summary_then_every_text_step_before_the_question_in_order() -> None:
    shop = scenario(
        TextStep("The app runs on **one VM**."),
        TextStep("`DATABASE_URL=mysql://db.lab:3306/shop`"),
        question("first"),
        TextStep("Then the VM is deleted."),
        question("second"),
        TextStep("Afterwards."),
    )
    assert shop.context_before("first") == (
        "The shop goes live.",
        "The app runs on **one VM**.",
        "`DATABASE_URL=mysql://db.lab:3306/shop`",
    )
    assert shop.context_before("second") == (
        "The shop goes live.",
        "The app runs on **one VM**.",
        "`DATABASE_URL=mysql://db.lab:3306/shop`",
        "Then the VM is deleted.",
    )


def test_a_question_first_gets_the_summary_alone() -> None:
    assert scenario(question("only")).context_before("only") == ("The shop goes live.",)


def test_blank_pieces_are_left_out() -> None:
    shop = scenario(TextStep("  \n"), question("q"), summary="")
    assert shop.context_before("q") == ()


def test_an_unknown_question_is_an_error() -> None:
    with pytest.raises(KeyError, match="no question 'missing'"):
        scenario(question("q")).context_before("missing")


def test_a_loaded_scenario_keeps_its_steps_markdown() -> None:
    from pathlib import Path

    from tutor.content.loader import load_scenario_file

    laptop, problems = load_scenario_file(
        Path(__file__).parent / "data" / "ui-pack" / "scenarios" / "laptop.yaml"
    )
    assert problems == [] and laptop is not None
    assert laptop.context_before("where-db") == (
        "You build the app on your laptop.",
        "You reset the data often. Your `DATABASE_URL` is `mysql://127.0.0.1:3306/shop`.",
    )
