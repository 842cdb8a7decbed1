"""The idle garbage collector: full collections wait for a pause in input, then run once."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from waiting import pilot_wait_until

from tutor.content.loader import load_pack
from tutor.ui.app import create_app
from tutor.ui.garbage import FULL_VALVE, IdleCollector

UI_PACK = Path(__file__).parent / "data" / "ui-pack"


class FakeTimer:
    def __init__(self, callback) -> None:
        self.callback = callback
        self.stopped = False

    def stop(self) -> None:
        self.stopped = True


@pytest.fixture
def collector():
    timers: list[FakeTimer] = []

    def schedule(delay: float, callback) -> FakeTimer:
        timers.append(FakeTimer(callback))
        return timers[-1]

    before = gc.get_threshold()
    idle = IdleCollector(schedule)
    idle.start()
    yield idle, timers
    idle.stop()
    gc.unfreeze()
    assert gc.get_threshold() == before


def test_full_collections_are_held_back_and_thresholds_come_back(collector) -> None:
    idle, _ = collector
    assert idle.active and gc.get_threshold()[2] == FULL_VALVE
    idle.stop()
    assert not idle.active and gc.get_threshold()[2] != FULL_VALVE


def test_each_input_restarts_the_wait_and_a_pause_collects(collector) -> None:
    idle, timers = collector
    idle.input_seen()
    idle.input_seen()
    assert [t.stopped for t in timers] == [True, False]
    garbage = [[] for _ in range(1000)]
    for item in garbage:
        item.append(item)  # cycles, freed only by a collection
    del garbage, item
    while gc.get_count()[2] == 0:  # until something reaches the oldest generation
        gc.collect(1)
    timers[-1].callback()
    assert len(idle.pauses_ms) == 1
    assert idle.collect() == 0.0  # nothing new since: no second pause


async def test_the_app_starts_it_once_its_first_screen_is_up_and_stops_it_on_exit() -> None:
    before = gc.get_threshold()
    pack = load_pack(UI_PACK)
    app = create_app(pack, collect_when_idle=True)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot_wait_until(pilot, lambda: app.garbage.active, what="the collector to start")
            assert gc.get_freeze_count() > 0
            await pilot.press("down")
            assert app.garbage._timer is not None  # a key schedules a collection at the pause
        assert gc.get_threshold() == before
    finally:
        gc.unfreeze()
