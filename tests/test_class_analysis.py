"""The instructor's item analysis on a small hand-made class, every figure worked out by hand.

Eight students, A to H (their ids sort in that order), and three questions of the built-in
pack:

    Q1 laptop-local-mysql/where-db      placement, right: internal
    Q2 laptop-local-mysql/why-internal  choice, right: "Control: ..."
    Q3 prod-managed-mysql/where-db      placement, right: external

First attempts (R right, W wrong, - none):

    student  Q1  Q2            Q3   score (questions right at first try)
    A        R   R (Control)   W    2
    B        R   R (Control)   R    3
    C        R   W (Parity)    R    2
    D        R   W (Parity)    W    1
    E        W   W (Parity)    R    1
    F        R   W (Safety)    W    1
    G        W   W (Parity)    R    1
    H        W   R (Control)   -    1

Ranked by score, ties by student id: B, A, C, D, E, F, G, H. N = 8, so each Kelley group holds
n = max(1, round(0.27 * 8)) = round(2.16) = 2 students: upper {B, A} (A beats C on the id
tie-break), lower {G, H}.

Later attempts (never first): C answers Q2 right (listed BEFORE C's first attempt, to show that
time, not list order, decides what is first), E answers Q1 right with a hint, G answers Q2
wrong ("Scale"). A's first Q3 used a hint.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import REPO_ROOT

from tutor.classroom.analysis import (
    ChoiceCount,
    build_report,
    choice_counts,
    kelley_groups,
    question_lines,
)
from tutor.classroom.records import (
    KIND_ANSWER,
    KIND_FLAG,
    KIND_LAB,
    KIND_LESSON,
    KIND_SCENARIO,
    AnswerRecord,
    ClassRecords,
    FlagRecord,
    LabRecord,
    LessonRecord,
    ScenarioRecord,
    record_id,
)
from tutor.classroom.report_text import to_csv, to_json, to_text
from tutor.content.loader import load_pack
from tutor.progress.store import iso

LOCAL, PROD = "laptop-local-mysql", "prod-managed-mysql"
Q1, Q2, Q3 = (LOCAL, "where-db"), (LOCAL, "why-internal"), (PROD, "where-db")
CONTROL = "Control: wipe it and reseed it at will"
PARITY = "Parity: it is set up just like production's"
SAFETY = "Safety: it outlives a broken laptop"
SCALE = "Scale: it can serve the whole class at once"
RIGHT = {Q1: "internal", Q2: CONTROL, Q3: "external"}
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
IDS = {letter: letter.lower() * 32 for letter in "ABCDEFGH"}  # "aaaa...", "bbbb...": A < B < ...

FIRST = {
    "A": ("internal", CONTROL, "internal"),
    "B": ("internal", CONTROL, "external"),
    "C": ("internal", PARITY, "external"),
    "D": ("internal", PARITY, "internal"),
    "E": ("external", PARITY, "external"),
    "F": ("internal", SAFETY, "internal"),
    "G": ("external", PARITY, "external"),
    "H": ("external", CONTROL, None),
}


@pytest.fixture(scope="module")
def pack():
    return load_pack(REPO_ROOT)


def at(minutes: int) -> str:
    return iso(T0 + timedelta(minutes=minutes))


def answer(student: str, key, given: str, minute: int, *, hint: bool = False, name=None):
    stored = json.dumps(given) if key != Q2 else json.dumps([given])
    local = f"{key[0]}/{key[1]}/{minute}"
    return AnswerRecord(
        record_id=record_id(IDS[student], KIND_ANSWER, local),
        student_id=IDS[student],
        student_name=name or f"Student {student}",
        scenario_id=key[0],
        question_id=key[1],
        answer=stored,
        correct=given == RIGHT[key],
        hint_used=hint,
        answered_at=at(minute),
        fingerprint="f",
        source="walkthrough",
    )


def class_records() -> ClassRecords:
    answers = [answer("C", Q2, CONTROL, 50)]  # C's SECOND try at Q2, listed first
    for minute, (student, given) in enumerate(sorted(FIRST.items())):
        for key, value in zip((Q1, Q2, Q3), given, strict=True):
            if value is not None:
                hint = student == "A" and key == Q3
                name = "B. Student" if student == "B" else None
                answers.append(answer(student, key, value, minute, hint=hint, name=name))
    answers += [answer("E", Q1, "internal", 60, hint=True), answer("G", Q2, SCALE, 61)]
    b = IDS["B"]
    labs = [
        LabRecord(record_id(b, KIND_LAB, n), b, name, "lab-your-own-mysql", lab, ok, 2, 2, None,
                  at(minute), "app")
        for n, (lab, ok, minute, name) in enumerate(
            [("install", False, 70, "B. Student"), ("install", True, 71, "B. Student"),
             ("install", True, 72, "B. Student"), ("connect", False, 90, "Bea Student")]
        )
    ]  # fmt: skip
    h, a = IDS["H"], IDS["A"]
    lessons = [
        LessonRecord(record_id(h, KIND_LESSON, "internal-backing-services", p), h, "Student H",
                     "internal-backing-services", p, at(30 + p))
        for p in range(7)
    ] + [
        LessonRecord(record_id(a, KIND_LESSON, "internal-backing-services", p), a, "Student A",
                     "internal-backing-services", p, at(30 + p))
        for p in range(6)  # one page short of the lesson's seven
    ]  # fmt: skip
    scenarios = [
        ScenarioRecord(record_id(b, KIND_SCENARIO, s), b, "B. Student", s, at(40))
        for s in (LOCAL, PROD)
    ]
    d = IDS["D"]
    flags = [
        FlagRecord(record_id(d, KIND_FLAG, 1), d, "Student D", PROD, "where-db", "confusing",
                   "Which app's point of view?", None, at(45))
    ]  # fmt: skip
    return ClassRecords(answers, labs, flags, lessons, scenarios)


def by_key(report):
    return {(q.scenario, q.question): q for q in report.questions}


def test_the_kelley_groups_are_the_top_and_bottom_27_percent_ties_by_id() -> None:
    scores = {IDS[s]: n for s, n in zip("ABCDEFGH", (2, 3, 2, 1, 1, 1, 1, 1), strict=True)}
    upper, lower = kelley_groups(scores)
    assert upper == {IDS["B"], IDS["A"]}
    assert lower == {IDS["G"], IDS["H"]}
    assert kelley_groups({}) == (frozenset(), frozenset())
    assert kelley_groups({"x": 1}) == ({"x"}, {"x"})  # n = max(1, round(0.27)) = 1


def test_facility_discrimination_attempts_and_hints_worked_by_hand(pack) -> None:
    stats = by_key(build_report(class_records(), pack))
    q1, q2, q3 = stats[Q1], stats[Q2], stats[Q3]
    # Q1: right first A B C D F = 5 of 8. Upper A R, B R: 2/2; lower G W, H W: 0/2. D = 1 - 0.
    assert (q1.students, q1.facility, q1.discrimination) == (8, 5 / 8, 1.0)
    # 8 first attempts + E's second (right, with a hint): 9 attempts, 6 right, 1 hint.
    assert (q1.attempts, q1.accuracy, q1.hint_rate) == (9, 6 / 9, 1 / 9)
    # Q2: right first A B H = 3 of 8. Upper A R, B R: 1; lower G W, H R: 1/2. D = 0.5.
    assert (q2.students, q2.facility, q2.discrimination) == (8, 3 / 8, 0.5)
    # + C's later right and G's later wrong: 10 attempts, 4 right, no hint.
    assert (q2.attempts, q2.accuracy, q2.hint_rate) == (10, 4 / 10, 0.0)
    # Q3: 7 students (H never tried), right first B C E G = 4 of 7. Upper A W, B R: 1/2;
    # lower: only G tried, right: 1/1. D = 0.5 - 1 = -0.5.
    assert (q3.students, q3.facility, q3.discrimination) == (7, 4 / 7, -0.5)
    assert (q3.attempts, q3.hint_rate, q3.flags) == (7, 1 / 7, 1)
    assert [(q.scenario, q.question) for q in build_report(class_records(), pack).questions] == [
        Q1,
        Q2,
        Q3,
    ]  # in the pack's order


def test_choices_are_counted_at_first_attempt_with_the_right_ones_from_the_pack(pack) -> None:
    stats = by_key(build_report(class_records(), pack))
    # Neither C's later Control nor G's later Scale counts: first attempts only.
    assert stats[Q2].choices == (
        ChoiceCount(CONTROL, 3, True),
        ChoiceCount(PARITY, 4, False),
        ChoiceCount(SAFETY, 1, False),
        ChoiceCount(SCALE, 0, False),  # a distractor nobody picked still shows
    )
    assert stats[Q1].choices == (
        ChoiceCount("internal", 5, True),
        ChoiceCount("external", 3, False),
    )
    assert stats[Q3].choices == (
        ChoiceCount("internal", 3, False),
        ChoiceCount("external", 4, True),
    )


def test_a_multi_answer_counts_each_chosen_text_and_is_graded_as_a_whole(pack) -> None:
    question = pack.scenario(PROD).question("why-external")
    right = [c.text for c in question.choices if c.correct]
    wrong = next(c.text for c in question.choices if not c.correct)
    picks = {json.dumps(right): 2, json.dumps(right[:1] + [wrong]): 3, json.dumps(["gone"]): 1}
    choices, right_picks = choice_counts(question, picks)
    assert right_picks == 2  # only the exactly right set is right
    counted = {c.text: (c.picked, c.correct) for c in choices}
    assert counted[right[0]] == (5, True)
    assert counted[right[1]] == (2, True)
    assert counted[wrong] == (3, False)
    assert counted["gone"] == (1, None)  # a text the pack no longer has


def test_revision_marks_a_popular_wrong_choice_and_poor_discrimination_with_path_and_line(
    pack,
) -> None:
    report = build_report(class_records(), pack)
    stats = by_key(report)
    assert stats[Q1].revision is None  # D = 1.0, and the right placement is the most picked
    # Q2: D = 0.5 is fine, but Parity (4 first picks) beats the right answer (3).
    assert stats[Q2].revision == (
        f"wrong choice {PARITY!r} picked at first try by 4, the right answer by 3"
    )
    # Q3: D = -0.5 < 0.20 from 7 >= 5 students; the right placement leads 4 to 3.
    assert stats[Q3].revision == "discrimination -0.50 is below 0.20"
    assert [(r.scenario, r.question) for r in report.revision] == [Q2, Q3]
    for item in report.revision:
        path = Path(item.path)
        assert path == pack.scenario(item.scenario).path
        lines = path.read_text(encoding="utf-8").splitlines()
        expected = 1 + next(i for i, t in enumerate(lines) if t.strip() == f"id: {item.question}")
        assert item.line == expected
        assert lines[item.line - 1].strip() == f"id: {item.question}"


def test_few_students_are_never_marked_for_discrimination(pack) -> None:
    records = class_records()
    four = {IDS[s] for s in "ABCD"}
    records.answers = [a for a in records.answers if a.student_id in four]
    stats = by_key(build_report(records, pack))
    # Scores A 2, B 3, C 2, D 1: n = max(1, round(0.27 * 4)) = 1, upper {B}, lower {D}.
    # Q1: B R, D R: D = 1 - 1 = 0 < 0.20, but four students are too few to judge.
    assert (stats[Q1].students, stats[Q1].discrimination) == (4, 0.0)
    assert stats[Q1].revision is None


def test_per_student_figures(pack) -> None:
    students = {s.student_id: s for s in build_report(class_records(), pack).students}
    c = students[IDS["C"]]
    # C: Q1 R, Q2 W then R, Q3 R: 4 attempts, 3 right; score 2 (Q1, Q3 at first try).
    assert (c.name, c.attempts, c.accuracy, c.score) == ("Student C", 4, 0.75, 2)
    e = students[IDS["E"]]
    assert (e.attempts, e.accuracy, e.last_seen) == (4, 0.5, at(60))
    b = students[IDS["B"]]
    # B's latest record is the lab at minute 90, under a new name; "install" passed (twice),
    # "connect" did not: one lab done. Both scenarios completed.
    assert (b.name, b.last_seen, b.labs_done, b.scenarios_done) == ("Bea Student", at(90), 1, 2)
    assert (b.attempts, b.accuracy) == (3, 1.0)
    # H read all seven pages of a lesson; A read six of seven.
    assert students[IDS["H"]].lessons_read == 1
    assert students[IDS["A"]].lessons_read == 0
    assert students[IDS["H"]].last_seen == at(36)  # the last page, after the answers
    assert len(students) == 8


def test_where_the_class_is_weak_weakest_first(pack) -> None:
    report = build_report(class_records(), pack)
    # local: Q1 + Q2, 19 attempts, 6 + 4 right; first try (5 + 3) / (8 + 8).
    # production: Q3, 4 right of 7 attempts; first try 4 / 7.
    assert [
        (e.id, e.questions, e.attempts, e.accuracy, e.facility) for e in report.environments
    ] == [
        ("local", 2, 19, 10 / 19, 8 / 16),
        ("production", 1, 7, 4 / 7, 4 / 7),
    ]
    assert [(x.id, x.accuracy, x.read_by) for x in report.lessons] == [
        ("internal-backing-services", 10 / 19, 1),
        ("external-backing-services", 4 / 7, 0),
    ]
    assert report.lessons[0].title == pack.lesson("internal-backing-services").title


def test_flags_keep_their_comments(pack) -> None:
    report = build_report(class_records(), pack)
    assert report.flags == [
        {
            "scenario": PROD,
            "question": "where-db",
            "student": "Student D",
            "student_id": IDS["D"],
            "reason": "confusing",
            "comment": "Which app's point of view?",
            "flagged_at": at(45),
        }
    ]


def test_a_report_without_the_pack_still_has_the_figures() -> None:
    report = build_report(class_records())
    stats = by_key(report)
    assert (stats[Q1].facility, stats[Q1].discrimination) == (5 / 8, 1.0)
    assert (stats[Q3].facility, stats[Q3].discrimination) == (4 / 7, -0.5)
    # No key to say which choice is right: no popular-wrong-choice mark, counts by popularity.
    assert stats[Q2].revision is None
    assert stats[Q2].choices[0] == ChoiceCount(PARITY, 4, None)
    assert stats[Q3].revision == "discrimination -0.50 is below 0.20"
    assert (stats[Q3].path, stats[Q3].line) == (None, None)
    assert report.environments == [] and report.lessons == []
    students = {s.student_id: s for s in report.students}
    assert students[IDS["A"]].lessons_read == 1  # without the pack: lessons begun
    assert report.pack is None


def test_the_json_form_has_the_promised_keys(pack) -> None:
    data = json.loads(to_json(build_report(class_records(), pack)))
    assert {"questions", "students", "flags", "environments", "lessons", "revision"} <= set(data)
    first = data["questions"][0]
    assert {"scenario", "question", "attempts", "facility", "discrimination", "choices"} <= set(
        first
    )
    assert first["choices"][0] == {"text": "internal", "picked": 5, "correct": True}
    assert {"name", "attempts", "accuracy", "last_seen"} <= set(data["students"][0])
    assert data["flags"][0]["comment"] == "Which app's point of view?"


def test_the_csv_form_has_one_row_per_question(pack) -> None:
    lines = to_csv(build_report(class_records(), pack)).splitlines()
    assert lines[0] == (
        "scenario,question,attempts,students,facility,discrimination,hint_rate,flags,revision,"
        "choices"
    )
    assert len(lines) == 4
    assert lines[1] == ("laptop-local-mysql,where-db,9,8,0.625,1,0.1111,0,,internal=5; external=3")
    assert lines[3].startswith("prod-managed-mysql,where-db,7,7,0.5714,-0.5,0.1429,1,")


@pytest.mark.parametrize("width", [72, 100, 140])
def test_the_text_report_fits_its_width_and_names_what_to_revise(pack, width: int) -> None:
    report = build_report(class_records(), pack)
    text = to_text(report, width=width)
    # Every line fits but a file's path, which is never cut: it is what to open.
    assert all(len(line) <= width or ".yaml:" in line for line in text.splitlines())
    assert "Marked for revision" in text
    assert f"laptop-local-mysql.yaml:{report.revision[0].line}" in text
    assert "Which app's point of view?" in text
    assert "Bea Student" in text


def test_an_empty_class_has_an_empty_report() -> None:
    report = build_report(ClassRecords())
    assert report.questions == [] and report.students == []
    assert "Nothing to report yet" in to_text(report)
    assert to_csv(report).count("\n") == 1


def test_question_lines_of_an_unreadable_file_are_empty(tmp_path: Path) -> None:
    assert question_lines(tmp_path / "missing.yaml") == {}
    broken = tmp_path / "broken.yaml"
    broken.write_text("steps: [\n", encoding="utf-8")
    assert question_lines(broken) == {}


def test_a_scenario_with_labs_counts_as_done_only_once_its_labs_passed(pack) -> None:
    """The same rule as the learner's own progress (tutor.progress.position.done_scenarios)."""
    from tutor.classroom.records import LabRecord, ScenarioRecord

    sid = "c" * 32
    walked = ScenarioRecord(f"{sid}:s:x", sid, "Cleo", "lab-your-own-mysql", at(1))
    records = ClassRecords(scenarios=[walked])
    assert build_report(records, pack).students[0].scenarios_done == 0
    assert build_report(records, None).students[0].scenarios_done == 1  # labs unknown
    for n, lab_id in enumerate(("own-mysql", "app-user", "seed-data")):
        records.labs.append(
            LabRecord(
                f"{sid}:l:{n}",
                sid,
                "Cleo",
                "lab-your-own-mysql",
                lab_id,
                True,
                1,
                1,
                None,
                at(2),
                "app",
            )
        )
    report = build_report(records, pack)
    assert (report.students[0].scenarios_done, report.students[0].labs_done) == (1, 3)


def test_no_control_character_from_a_student_reaches_the_text_or_csv_report(pack) -> None:
    from tutor.classroom.records import FlagRecord

    nasty = "Eve\x1b]0;pwned\x07\x9b"
    records = class_records()
    records.flags.append(
        FlagRecord("x:f:9", "x" * 32, nasty, LOCAL, "q", "wrong", nasty, None, at(99))
    )
    report = build_report(records, pack)
    for text in (to_text(report), to_csv(report)):
        assert not any(char in text for char in "\x1b\x07\x9b")
    assert "Eve\ufffd]0;pwned\ufffd\ufffd" in to_text(report)
