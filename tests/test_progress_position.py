"""Where Continue leads and which scenario comes next, without Textual."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from progress_samples import make_pack

from tutor.progress import continue_point, finish_scenario, next_scenario, open_store, step_of
from tutor.progress.position import clamp_position
from tutor.progress.store import Position

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path):
    with open_store(tmp_path).store as store:
        yield store


def position(kind: str, item_id: str, step: int) -> Position:
    return Position(kind, item_id, step, "2026-03-01T09:00:00.000000+00:00")


def test_a_position_is_clamped_to_the_pack_as_it_is_now() -> None:
    pack = make_pack()
    assert clamp_position(None, pack) is None
    assert clamp_position(position("lesson", "basics", 1), pack).step == 1
    assert clamp_position(position("lesson", "basics", 9), pack).step == 1  # two pages
    assert clamp_position(position("scenario", "s-local", 9), pack).step == 2  # three steps
    assert clamp_position(position("lesson", "gone", 0), pack) is None
    assert clamp_position(position("scenario", "gone", 0), pack) is None
    empty = replace(pack, lessons=[replace(pack.lessons[0], pages=())])
    assert clamp_position(position("lesson", "basics", 0), empty) is None


def test_the_next_scenario_is_the_first_not_done_after_this_one_going_round() -> None:
    pack = make_pack()  # s-local, s-dev, s-test, s-stage, s-prod, s-free
    assert next_scenario(pack, "s-local", {"s-local"}).id == "s-dev"
    assert next_scenario(pack, "s-local", {"s-local", "s-dev"}).id == "s-test"
    assert next_scenario(pack, "s-free", {"s-free"}).id == "s-local"  # round to the start
    assert next_scenario(pack, "gone", set()).id == "s-local"
    assert next_scenario(pack, "s-dev", {s.id for s in pack.scenarios}) is None


def test_finishing_a_scenario_moves_continue_on(store) -> None:
    pack = make_pack()
    assert continue_point(store, pack) is None
    store.set_position("scenario", "s-local", 2)
    finish_scenario(store, pack, "s-local", at=T0)
    point = continue_point(store, pack)
    assert (point.kind, point.id, point.step) == ("scenario", "s-dev", 0)
    assert [done.scenario_id for done in store.scenarios_completed()] == ["s-local"]
    for scenario in pack.scenarios[1:]:
        finish_scenario(store, pack, scenario.id, at=T0)
    point = continue_point(store, pack)  # all done: left where the last one moved it
    assert (point.id, point.step) == ("s-free", 0)


def test_step_of_finds_the_step_that_asks_a_question() -> None:
    scenario = make_pack().scenario("s-prod")  # a text step, then p1, c1, m2
    assert [step_of(scenario, q) for q in ("p1", "c1", "m2", "nope")] == [1, 2, 3, None]
