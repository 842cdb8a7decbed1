"""Saved progress: the store, review scheduling (fsrs) and quiz drawing. No textual here.

The names other parts use are importable from `tutor.progress` directly; fsrs is only imported
when a schedule is computed.
"""

from tutor.progress.opening import OpenedStore, data_dir, open_store, store_path
from tutor.progress.quiz import (
    QuizItem,
    QuizResult,
    QuizScore,
    QuizSelectionError,
    Tally,
    answer_json,
    check_answer,
    draw_quiz,
    score_quiz,
)
from tutor.progress.review import (
    DueQuestion,
    RecordedAnswer,
    due_count,
    due_questions,
    next_due,
    record_answer,
    weakest_questions,
)
from tutor.progress.sqlite_store import SCHEMA_VERSION, SqliteStore
from tutor.progress.store import (
    FLAG_REASONS,
    SOURCES,
    Attempt,
    Flag,
    LessonRead,
    NewerSchemaError,
    Position,
    ProgressStore,
    QuestionKey,
    ReviewState,
    ScenarioCompleted,
    StoreError,
)
from tutor.progress.summary import Summary, summarize

__all__ = [
    "FLAG_REASONS",
    "SCHEMA_VERSION",
    "SOURCES",
    "Attempt",
    "DueQuestion",
    "Flag",
    "LessonRead",
    "NewerSchemaError",
    "OpenedStore",
    "Position",
    "ProgressStore",
    "QuestionKey",
    "QuizItem",
    "QuizResult",
    "QuizScore",
    "QuizSelectionError",
    "RecordedAnswer",
    "ReviewState",
    "ScenarioCompleted",
    "SqliteStore",
    "StoreError",
    "Summary",
    "Tally",
    "answer_json",
    "check_answer",
    "data_dir",
    "draw_quiz",
    "due_count",
    "due_questions",
    "next_due",
    "open_store",
    "record_answer",
    "score_quiz",
    "store_path",
    "summarize",
    "weakest_questions",
]
