"""What a student's tutor sends to the class server, and what a class report reads.

Every record carries a stable `record_id` made from the student's random id and the record's
local key (see `record_id`). Sending the same record twice writes it once (the server's primary
key is the record id and writes are INSERT IGNORE), so a resend after a lost reply is harmless.

Times are ISO 8601 text in UTC, as the local store keeps them. `answer` is the local store's
JSON text: the placement ("internal"/"external") or the list of chosen choice texts.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

# Record kinds, as the letter in a record id and as the class server's table names.
KIND_ANSWER, KIND_LAB, KIND_FLAG, KIND_LESSON, KIND_SCENARIO = "a", "l", "f", "r", "s"
TABLES = {
    KIND_ANSWER: "answers",
    KIND_LAB: "lab_results",
    KIND_FLAG: "flags",
    KIND_LESSON: "lessons_read",
    KIND_SCENARIO: "scenarios_completed",
}
RECORD_ID_MAX = 191  # the longest key a utf8mb4 InnoDB index takes on old MySQL versions


def record_id(student_id: str, kind: str, *parts: object) -> str:
    """`STUDENT:KIND:PART:...`, or its SHA-256 when that would be too long for the key."""
    text = ":".join([student_id, kind, *(str(part) for part in parts)])
    if len(text) <= RECORD_ID_MAX:
        return text
    return f"{student_id}:{kind}:sha256:{hashlib.sha256(text.encode('utf-8')).hexdigest()}"


@dataclass(frozen=True)
class AnswerRecord:
    record_id: str
    student_id: str
    student_name: str
    scenario_id: str
    question_id: str
    answer: str
    correct: bool
    hint_used: bool
    answered_at: str
    fingerprint: str
    source: str
    pack_id: str = ""
    pack_version: str = ""


@dataclass(frozen=True)
class LabRecord:
    record_id: str
    student_id: str
    student_name: str
    scenario_id: str
    lab_id: str
    passed: bool
    checks_passed: int
    checks_total: int
    failed_check: str | None
    checked_at: str
    source: str


@dataclass(frozen=True)
class FlagRecord:
    record_id: str
    student_id: str
    student_name: str
    scenario_id: str
    question_id: str
    reason: str
    comment: str
    fingerprint: str | None
    flagged_at: str


@dataclass(frozen=True)
class LessonRecord:
    record_id: str
    student_id: str
    student_name: str
    lesson_id: str
    page: int
    read_at: str


@dataclass(frozen=True)
class ScenarioRecord:
    record_id: str
    student_id: str
    student_name: str
    scenario_id: str
    completed_at: str


Record = AnswerRecord | LabRecord | FlagRecord | LessonRecord | ScenarioRecord


@dataclass
class ClassRecords:
    """Everything a class report reads: from the class server, or from students' exports."""

    answers: list[AnswerRecord] = field(default_factory=list)
    labs: list[LabRecord] = field(default_factory=list)
    flags: list[FlagRecord] = field(default_factory=list)
    lessons: list[LessonRecord] = field(default_factory=list)
    scenarios: list[ScenarioRecord] = field(default_factory=list)

    def extend(self, other: ClassRecords) -> None:
        self.answers.extend(other.answers)
        self.labs.extend(other.labs)
        self.flags.extend(other.flags)
        self.lessons.extend(other.lessons)
        self.scenarios.extend(other.scenarios)
