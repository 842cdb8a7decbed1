"""The student's waiting records as class records: the local rows plus who sent them.

A record's id is `STUDENT_ID:KIND:KEY`, where KEY is an HMAC of the local key (the row's id,
or the lesson page or scenario) under the store's secret salt. It is stable, so a resend is
harmless; and it cannot be guessed, so nobody who knows a student's id can send records
under that student's next ids first and have the real ones ignored as repeats.
"""

from __future__ import annotations

import hashlib
import hmac

from tutor.classroom import records
from tutor.progress.outbox import OutboxRow
from tutor.progress.store import Attempt, Flag, LabAttempt, LessonRead, ScenarioCompleted


def keyed(salt: str, *parts: object) -> str:
    message = "\x1f".join(str(part) for part in parts).encode("utf-8")
    return hmac.new(salt.encode("utf-8"), message, hashlib.sha256).hexdigest()[:32]


def to_record(
    row: OutboxRow, student_id: str, name: str, salt: str, pack: tuple[str, str] = ("", "")
) -> records.Record:
    """One outbox row as the record the class server keeps; `pack` is (id, version)."""
    item = row.item

    def rid(kind: str, *local_key: object) -> str:
        return records.record_id(student_id, kind, keyed(salt, kind, *local_key))

    if isinstance(item, Attempt):
        return records.AnswerRecord(
            rid(records.KIND_ANSWER, row.local_id),
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
            rid(records.KIND_LAB, row.local_id),
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
            rid(records.KIND_FLAG, row.local_id),
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
            rid(records.KIND_LESSON, item.lesson_id, item.page),
            student_id,
            name,
            item.lesson_id,
            item.page,
            item.read_at,
        )
    assert isinstance(item, ScenarioCompleted)
    return records.ScenarioRecord(
        rid(records.KIND_SCENARIO, item.scenario_id),
        student_id,
        name,
        item.scenario_id,
        item.completed_at,
    )
