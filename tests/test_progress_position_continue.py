"""Continue past a finished lesson, which lessons are read, and the lesson after, no Textual."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from progress_samples import make_pack

from tutor.content.model import Lesson, LessonPage
from tutor.progress import continue_point, finish_scenario, open_store
from tutor.progress.position import lesson_after, lessons_finished

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path):
    with open_store(tmp_path).store as store:
        yield store


def three_lessons():
    """basics (2 pages), envs (1 page), more (3 pages), in that order."""
    pack = make_pack()
    pages = tuple(LessonPage(f"P{n}", f"## P{n}") for n in range(3))
    return replace(pack, lessons=[*pack.lessons, Lesson("more", "More", 3, pages)])


def read(store, lesson_id: str, *pages: int) -> None:
    """Read these pages in turn, as the reader records them (the position moves too)."""
    for page in pages:
        store.record_lesson_read(lesson_id, page, at=T0)
        store.set_position("lesson", lesson_id, page)


def where(store, pack) -> tuple[str, str, int] | None:
    point = continue_point(store, pack)
    return None if point is None else (point.kind, point.id, point.step)


def test_continue_after_the_last_page_of_a_finished_lesson_opens_the_next_lesson(store) -> None:
    pack = three_lessons()
    read(store, "basics", 1)  # the last page, but page 0 was never read: still reading
    assert where(store, pack) == ("lesson", "basics", 1)
    read(store, "basics", 0, 1)
    assert where(store, pack) == ("lesson", "envs", 0)
    read(store, "basics", 0)  # finished, then went back to page 0: back there
    assert where(store, pack) == ("lesson", "basics", 0)


def test_continue_opens_the_next_lesson_at_its_first_unread_page(store) -> None:
    pack = three_lessons()
    read(store, "more", 0)
    read(store, "envs", 0)
    read(store, "basics", 0, 1)
    assert where(store, pack) == ("lesson", "more", 1)  # envs is read: skipped


def test_continue_goes_round_to_an_earlier_lesson_not_read(store) -> None:
    pack = three_lessons()
    read(store, "envs", 0)
    read(store, "more", 0, 1, 2)
    assert where(store, pack) == ("lesson", "basics", 0)


def test_with_every_lesson_read_continue_opens_the_first_scenario_not_done(store) -> None:
    pack = three_lessons()
    finish_scenario(store, pack, "s-local", at=T0)
    read(store, "basics", 0, 1)
    read(store, "more", 0, 1, 2)
    read(store, "envs", 0)
    assert where(store, pack) == ("scenario", "s-dev", 0)
    for scenario in pack.scenarios:
        finish_scenario(store, pack, scenario.id, at=T0)
    read(store, "envs", 0)
    assert where(store, pack) == ("lesson", "envs", 0)  # all done: where the learner left off


def test_lessons_finished_counts_every_page_read(store) -> None:
    pack = three_lessons()
    read(store, "basics", 1)
    read(store, "envs", 0)
    read(store, "more", 0, 2)
    assert lessons_finished(store, pack) == {"envs"}
    read(store, "basics", 0)
    assert lessons_finished(store, pack) == {"envs", "basics"}
    assert len(lessons_finished(store, pack)) == store.summary(pack, T0).lessons_read


def test_the_lesson_after_follows_the_pack_order() -> None:
    pack = three_lessons()
    assert lesson_after(pack, "basics").id == "envs"
    assert lesson_after(pack, "envs").id == "more"
    assert lesson_after(pack, "more") is None
    assert lesson_after(pack, "gone") is None
