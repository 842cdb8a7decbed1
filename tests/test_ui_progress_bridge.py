"""The bridge and the null object, without Textual: both implement the Progress protocol, a
failed write is reported and never raised, and an answer that could not be saved is still
graded by the one grader."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from progress_samples import make_pack

from tutor.progress import grade, open_store
from tutor.ui.interfaces import NullProgress, Progress
from tutor.ui.progress_bridge import ProgressBridge

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_every_protocol_method_is_implemented_by_both() -> None:
    members = {name for name in vars(Progress) if not name.startswith("_")}
    assert members <= set(dir(ProgressBridge)) and members <= set(dir(NullProgress))


def test_a_fake_with_a_name_the_protocol_lacks_is_refused() -> None:
    with pytest.raises(TypeError, match="record_answer"):

        class Stale(NullProgress):
            def record_answer(self, scenario, question, answer, correct, hint_used):
                pass


def test_without_a_store_answers_are_graded_and_nothing_is_kept() -> None:
    scenario = make_pack().scenario("s-stage")  # p1: external
    progress = NullProgress()
    recorded = progress.record(
        scenario, scenario.question("p1"), "External", source="quiz", hint_used=False
    )
    assert recorded.correct and not recorded.saved
    assert progress.due_questions() == [] and progress.continue_target() is None
    assert not progress.flag(scenario, scenario.question("p1"), "wrong", "")


def test_a_failed_write_is_reported_and_the_answer_still_graded(tmp_path: Path) -> None:
    pack = make_pack()
    scenario = pack.scenario("s-local")
    question = scenario.question("c1")  # option 0 is right
    errors: list[str] = []
    store = open_store(tmp_path).store
    bridge = ProgressBridge(store, pack, clock=lambda: T0, on_error=errors.append)
    assert bridge.record(scenario, question, {0}, source="quiz", hint_used=False).saved
    store.close()  # every write from now on fails inside sqlite3
    recorded = bridge.record(scenario, question, {0}, source="quiz", hint_used=False)
    assert not recorded.saved and recorded.verdict == grade(question, {0})
    bridge.record_lesson_page(pack.lessons[0], 0)
    bridge.record_scenario_completed(scenario)
    assert not bridge.flag(scenario, question, "wrong", "")
    assert not bridge.set_student_name("Ada")
    assert len(errors) == 5 and all(e.startswith("Could not save your progress") for e in errors)


def test_the_bridge_reports_continue_and_review_from_the_core(tmp_path: Path) -> None:
    pack = make_pack()
    with open_store(tmp_path).store as store:
        bridge = ProgressBridge(store, pack, clock=lambda: T0)
        assert bridge.continue_target() is None
        assert bridge.continue_label().startswith("nothing yet")
        bridge.record_lesson_page(pack.lessons[0], 1)
        assert (bridge.continue_target(), bridge.continue_label()) == (
            "lesson:basics:1",
            "Basics, page 2",
        )
        local = pack.scenario("s-local")
        bridge.record_scenario_completed(local)
        assert bridge.scenario_done(local) and bridge.continue_target() == "scenario:s-dev:0"
        bridge.record(local, local.question("p1"), "external", source="quiz", hint_used=False)
        assert bridge.answered_keys() == {("s-local", "p1")}
        assert bridge.next_due() is not None and bridge.summary() == (0, 1, 0, 0)
        assert bridge.weakest_questions(5) == [(local, local.question("p1"))]
