"""Saved progress: grading, the store, review scheduling (fsrs) and quiz drawing. No textual.

The names other parts use are importable from `tutor.progress` directly; fsrs is only imported
when a schedule is computed.
"""

from tutor.progress.grading import Answer, GivenAnswer, Verdict, grade, normalise
from tutor.progress.opening import OpenedStore, data_dir, open_store, store_path
from tutor.progress.position import continue_point, finish_scenario, next_scenario, step_of
from tutor.progress.quiz import (
    QuizOptions,
    QuizScore,
    QuizSelectionError,
    Tally,
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
from tutor.progress.rounds import RoundItem, RoundResult, stable_choice_order
from tutor.progress.sqlite_schema import SCHEMA_VERSION
from tutor.progress.sqlite_store import SqliteStore
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
    "Answer",
    "Attempt",
    "DueQuestion",
    "Flag",
    "GivenAnswer",
    "LessonRead",
    "NewerSchemaError",
    "OpenedStore",
    "Position",
    "ProgressStore",
    "QuestionKey",
    "QuizOptions",
    "QuizScore",
    "QuizSelectionError",
    "RecordedAnswer",
    "ReviewState",
    "RoundItem",
    "RoundResult",
    "ScenarioCompleted",
    "SqliteStore",
    "StoreError",
    "Summary",
    "Tally",
    "Verdict",
    "continue_point",
    "data_dir",
    "draw_quiz",
    "due_count",
    "due_questions",
    "finish_scenario",
    "grade",
    "next_due",
    "next_scenario",
    "normalise",
    "open_store",
    "record_answer",
    "score_quiz",
    "stable_choice_order",
    "step_of",
    "store_path",
    "summarize",
    "weakest_questions",
]
