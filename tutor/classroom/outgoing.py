"""The student's waiting records as class records: the local rows plus who sent them."""

from __future__ import annotations

from tutor.classroom import records
from tutor.progress.outbox import OutboxRow
from tutor.progress.store import Attempt, Flag, LabAttempt, LessonRead, ScenarioCompleted


def to_record(
    row: OutboxRow, student_id: str, name: str, pack: tuple[str, str] = ("", "")
) -> records.Record:
    """One outbox row as the record the class server keeps; `pack` is (id, version)."""
    item = row.item
    if isinstance(item, Attempt):
        return records.AnswerRecord(
            records.record_id(student_id, records.KIND_ANSWER, row.local_id),
            student_id,
            name,
            item.scenario_id,
            item.question_id,
            item.answer,
            item.correct,
            item.hint_used,
            item.answered_at,
            item.fingerprint,
            item.source,
            pack[0],
            pack[1],
        )
    if isinstance(item, LabAttempt):
        return records.LabRecord(
            records.record_id(student_id, records.KIND_LAB, row.local_id),
            student_id,
            name,
            item.scenario_id,
            item.lab_id,
            item.passed,
            item.checks_passed,
            item.checks_total,
            item.failed_check,
            item.checked_at,
            item.source,
        )
    if isinstance(item, Flag):
        return records.FlagRecord(
            records.record_id(student_id, records.KIND_FLAG, row.local_id),
            student_id,
            name,
            item.scenario_id,
            item.question_id,
            item.reason,
            item.comment,
            item.fingerprint,
            item.flagged_at,
        )
    if isinstance(item, LessonRead):
        # The natural key, not the rowid: a page read again after `tutor reset` is one record.
        return records.LessonRecord(
            records.record_id(student_id, records.KIND_LESSON, item.lesson_id, item.page),
            student_id,
            name,
            item.lesson_id,
            item.page,
            item.read_at,
        )
    assert isinstance(item, ScenarioCompleted)
    return records.ScenarioRecord(
        records.record_id(student_id, records.KIND_SCENARIO, item.scenario_id),
        student_id,
        name,
        item.scenario_id,
        item.completed_at,
    )
