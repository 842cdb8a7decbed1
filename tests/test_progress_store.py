"""The SQLite progress store: round trips, two writers at once, corrupt and newer files."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tutor.progress import (
    SCHEMA_VERSION,
    Attempt,
    NewerSchemaError,
    QuestionKey,
    ReviewState,
    SqliteStore,
    StoreError,
    open_store,
    store_path,
)
from tutor.progress.opening import data_dir

T0 = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def attempt(n: int = 0, correct: bool = True, source: str = "quiz") -> Attempt:
    return Attempt(
        "s-local", f"q{n}", json.dumps(["A ünïcode choice"]), correct, n % 2 == 1,
        "2026-03-01T09:30:00.000000+00:00", "abc123", source,
    )  # fmt: skip


@pytest.fixture
def store(isolated_environment: Path):
    opened = open_store()
    assert opened.notice is None
    yield opened.store
    opened.store.close()


def test_the_store_lives_in_tutor_data_dir(isolated_environment: Path) -> None:
    assert data_dir() == isolated_environment
    store, notice = open_store()
    store.close()
    assert notice is None
    assert store_path() == isolated_environment / "progress.sqlite3"
    assert store_path().is_file()


def test_data_dir_defaults_to_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv("TUTOR_DATA_DIR")
    assert data_dir() == Path(platformdirs.user_data_dir("tutor", appauthor=False))


def test_attempts_round_trip_in_order(store: SqliteStore) -> None:
    ids = [store.record_attempt(attempt(n, correct=n != 2)) for n in range(4)]
    assert ids == sorted(ids) and len(set(ids)) == 4
    got = store.attempts()
    assert [a.id for a in got] == ids
    assert got[2] == Attempt(**{**attempt(2, correct=False).__dict__, "id": ids[2]})
    assert got[0].answer_value() == ["A ünïcode choice"]
    assert store.attempts(QuestionKey("s-local", "q1")) == [got[1]]
    assert store.attempts(scenario_id="nope") == []
    assert store.answered_keys() == {QuestionKey("s-local", f"q{n}") for n in range(4)}


def test_an_unknown_source_is_refused(store: SqliteStore) -> None:
    with pytest.raises(ValueError, match="source"):
        store.record_attempt(attempt(source="homework"))
    assert store.attempts() == []


def test_reading_completion_position_name_and_flags_round_trip(store: SqliteStore) -> None:
    store.record_lesson_read("basics", 0, at=T0)
    store.record_lesson_read("basics", 0)  # re-reading keeps the first time
    store.record_lesson_read("basics", 1, at=T0)
    assert [(r.lesson_id, r.page, r.read_at[:19]) for r in store.lessons_read()] == [
        ("basics", 0, "2026-03-01T09:30:00"),
        ("basics", 1, "2026-03-01T09:30:00"),
    ]
    store.record_scenario_completed("s-dev", at=T0)
    assert [c.scenario_id for c in store.scenarios_completed()] == ["s-dev"]

    assert store.position() is None
    store.set_position("lesson", "basics", 1)
    store.set_position("scenario", "s-dev", 3)
    position = store.position()
    assert (position.kind, position.id, position.step) == ("scenario", "s-dev", 3)
    with pytest.raises(ValueError):
        store.set_position("quiz", "x", 0)

    assert store.student_name() is None
    store.set_student_name("  Ada   Lovelace ")
    assert store.student_name() == "Ada Lovelace"

    key = QuestionKey("s-dev", "p1")
    store.flag(key, "wrong", "the answer\nlooks wrong", fingerprint="f1", at=T0)
    store.flag(key, "confusing")
    flags = store.flags()
    assert [(f.key, f.reason, f.comment, f.fingerprint) for f in flags] == [
        (key, "wrong", "the answer looks wrong", "f1"),
        (key, "confusing", "", None),
    ]
    with pytest.raises(ValueError):
        store.flag(key, "boring")


def test_review_state_is_stored_with_its_attempt(store: SqliteStore) -> None:
    key = QuestionKey("s-local", "q0")
    state = ReviewState("s-local", "q0", "abc123", '{"card": 1}', "2026-03-01T09:31:00+00:00")
    store.record_attempt(attempt(0), review=state)
    assert store.review_state(key) == state
    newer = ReviewState("s-local", "q0", "def", "{}", "2026-03-02T00:00:00+00:00")
    store.put_review_state(newer)
    assert store.review_states() == [newer]
    assert store.review_state(QuestionKey("s-local", "other")) is None


def test_progress_survives_reopening(isolated_environment: Path) -> None:
    with open_store().store as store:
        store.record_attempt(attempt(1))
        store.set_student_name("Ada")
    with open_store().store as store:
        assert len(store.attempts()) == 1
        assert store.student_name() == "Ada"


def test_clear_keeps_the_name_and_backup_keeps_everything(
    store: SqliteStore, tmp_path: Path
) -> None:
    store.set_student_name("Ada")
    store.record_attempt(attempt(1))
    store.record_lesson_read("basics", 0)
    store.flag(QuestionKey("s", "q"), "wrong")
    backup = store.backup(tmp_path / "copy.sqlite3")
    store.clear()
    assert store.attempts() == [] and store.lessons_read() == [] and store.flags() == []
    assert store.student_name() == "Ada"
    with SqliteStore(backup) as copy:
        assert len(copy.attempts()) == 1 and len(copy.flags()) == 1
    with pytest.raises(FileExistsError):
        store.backup(backup)


_WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from tutor.progress import open_store, Attempt
    name, go = sys.argv[1], Path(sys.argv[2])
    store, notice = open_store()
    while not go.exists():
        time.sleep(0.001)
    for n in range(200):
        store.record_attempt(Attempt(name, f"q{n}", '"internal"', True, False,
                                     "2026-03-01T09:30:00+00:00", "f", "quiz"))
    print("done", flush=True)
    """
)


def test_two_processes_writing_at_once_keep_every_answer(
    isolated_environment: Path, tmp_path: Path
) -> None:
    open_store().store.close()  # created up front, so that both writers race on writing only
    go = tmp_path / "go"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, name, str(go)], stdout=subprocess.PIPE, text=True
        )
        for name in ("first", "second")
    ]
    go.touch()
    for writer in writers:
        out, _ = writer.communicate(timeout=60)
        assert writer.returncode == 0 and out.strip() == "done"
    with open_store().store as store:
        got = store.attempts()
    assert len(got) == 400
    for name in ("first", "second"):
        assert sorted(a.question_id for a in got if a.scenario_id == name) == sorted(
            f"q{n}" for n in range(200)
        )
    # interleaved, not one after the other: they really wrote at the same time
    owners = [a.scenario_id for a in got]
    switches = sum(1 for a, b in zip(owners, owners[1:], strict=False) if a != b)
    assert switches >= 1


def test_a_corrupt_store_is_moved_aside_once_with_a_notice(isolated_environment: Path) -> None:
    isolated_environment.mkdir(parents=True)
    path = isolated_environment / "progress.sqlite3"
    garbage = b"this is not a database, just garbage " * 100
    path.write_bytes(garbage)
    (isolated_environment / "progress.sqlite3-wal").write_bytes(b"stray wal")

    store, notice = open_store()
    assert notice is not None and "moved to" in notice and "corrupt-" in notice
    store.record_attempt(attempt(1))
    store.close()
    aside = sorted(isolated_environment.glob("progress.sqlite3.corrupt-*"))
    names = [p.name for p in aside if not p.name.endswith("-shm")]
    assert len(names) == 2, names
    main = next(p for p in aside if not p.name.endswith("-wal"))
    assert main.read_bytes() == garbage
    assert (main.parent / (main.name + "-wal")).read_bytes() == b"stray wal"

    store, notice = open_store()  # said once: the fresh store opens quietly
    assert notice is None and len(store.attempts()) == 1
    store.close()


def test_a_malformed_database_is_moved_aside(isolated_environment: Path) -> None:
    with open_store().store as store:
        for n in range(300):
            store.record_attempt(attempt(n))
    path = store_path()
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 3 * page
    data[page + 8 : 3 * page] = os.urandom(2 * page - 8)  # scribble over the b-tree pages
    path.write_bytes(bytes(data))

    store, notice = open_store()
    assert notice is not None and "corrupt-" in notice
    assert store.attempts() == [] and store.integrity_check() == "ok"
    store.close()


def test_a_store_from_a_newer_tutor_is_refused_and_left_untouched(
    isolated_environment: Path,
) -> None:
    isolated_environment.mkdir(parents=True)
    path = isolated_environment / "progress.sqlite3"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE future (x)")
    raw.execute("INSERT INTO future VALUES (1)")
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.commit()
    raw.close()
    before = path.read_bytes()
    listing = sorted(p.name for p in isolated_environment.iterdir())

    with pytest.raises(NewerSchemaError, match="newer version of tutor"):
        open_store()
    assert path.read_bytes() == before
    assert sorted(p.name for p in isolated_environment.iterdir() if p.name != "progress.lock") == [
        n for n in listing if n != "progress.lock"
    ]


def test_an_unusable_data_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot create the data folder"):
        open_store(blocker / "sub")


def test_a_review_update_sees_the_previous_state_inside_the_write(store: SqliteStore) -> None:
    seen = []

    def update(previous: ReviewState | None) -> ReviewState:
        seen.append(previous)
        count = 0 if previous is None else int(previous.card)
        return ReviewState("s-local", "q0", "f", str(count + 1), f"2026-03-0{count + 1}")

    for _ in range(3):
        store.record_attempt(attempt(0), review=update)
    assert seen[0] is None and [s.card for s in seen[1:]] == ["1", "2"]
    assert store.review_state(QuestionKey("s-local", "q0")).card == "3"
