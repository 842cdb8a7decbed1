"""Snapshots of the main screens at 80x24 and 120x40, from the fixed pack in tests/data/ui-pack.

The SVGs include the topology diagram: regenerate them (--snapshot-update, after reading
snapshot_report.html) when tutor/topology changes how it draws.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor.content.loader import load_pack
from tutor.ui.app import create_app

PACK = Path(__file__).resolve().parent / "data" / "ui-pack"
SIZES = [(80, 24), (120, 40)]


def app(start: str | None = None):
    return create_app(load_pack(PACK), start=start)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_home(snap_compare, size) -> None:
    assert snap_compare(app(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_lesson_page(snap_compare, size) -> None:
    assert snap_compare(app("lesson:intro:1"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_placement_before_answer(snap_compare, size) -> None:
    assert snap_compare(app("scenario:laptop"), press=["enter", "enter"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_placement_after_answer(snap_compare, size) -> None:
    keys = ["enter", "enter", "e", "enter"]
    assert snap_compare(app("scenario:laptop"), press=keys, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_choice_feedback(snap_compare, size) -> None:
    keys = ["enter", "enter", "i", "enter", "enter", "down", "enter"]
    assert snap_compare(app("scenario:laptop"), press=keys, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_question_with_its_context(snap_compare, size) -> None:
    # s: the summary and the text step before the question, above its prompt.
    keys = ["enter", "enter", "s"]
    assert snap_compare(app("scenario:laptop"), press=keys, terminal_size=size)


@pytest.mark.parametrize("tab", ["testing", "staging"])
def test_snapshot_environments(snap_compare, tab) -> None:
    keys = ["right"] * ["local", "development", "testing", "staging"].index(tab)
    assert snap_compare(app("environments"), press=keys, terminal_size=(80, 24))
