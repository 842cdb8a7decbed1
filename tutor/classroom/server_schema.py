"""The class server's tables, derived from the record dataclasses in records.py.

One table per record kind (records.TABLES), named as there, whose columns are the dataclass's
fields in order: `record_id` is the primary key (binary collation, so ids differing only in
case stay two records), times are ISO text, booleans TINYINT, free text TEXT; every table also
has `received_at`, set by the server. `schema_info` logs each schema version applied; the
current one is the highest.

Schema changes: a later version that only adds columns with defaults keeps older tutors
sending. One that older tutors cannot write to makes their INSERT fail with an unknown column
or table, which they report as a "schema" error (students' accounts cannot read schema_info).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from tutor.classroom import records
from tutor.classroom.records import (
    AnswerRecord,
    ClassRecords,
    FlagRecord,
    LabRecord,
    LessonRecord,
    Record,
    ScenarioRecord,
)

SCHEMA_VERSION = 1
SCHEMA_TABLE = "schema_info"
RECEIVED_AT = "received_at"

RECORD_TYPES: dict[str, type[Any]] = {
    records.KIND_ANSWER: AnswerRecord,
    records.KIND_LAB: LabRecord,
    records.KIND_FLAG: FlagRecord,
    records.KIND_LESSON: LessonRecord,
    records.KIND_SCENARIO: ScenarioRecord,
}
# Where fetched records go in ClassRecords, by kind.
_COLLECTIONS = {
    records.KIND_ANSWER: "answers",
    records.KIND_LAB: "labs",
    records.KIND_FLAG: "flags",
    records.KIND_LESSON: "lessons",
    records.KIND_SCENARIO: "scenarios",
}
_TEXT_FIELDS = {"answer", "comment", "failed_check"}  # free text, may be long
_KEY = "VARCHAR(191) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
# Secondary indexes, by table: the report reads per student and per question.
_INDEXES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "answers": (("by_student", ("student_id",)), ("by_question", ("scenario_id", "question_id"))),
    "lab_results": (("by_student", ("student_id",)),),
    "flags": (("by_question", ("scenario_id", "question_id")),),
    "lessons_read": (("by_student", ("student_id",)),),
    "scenarios_completed": (("by_student", ("student_id",)),),
}


@dataclass(frozen=True)
class Column:
    name: str
    sql_type: str
    is_bool: bool = False


@dataclass(frozen=True)
class TableSpec:
    """One record kind's table: its columns, and how records become rows and back."""

    kind: str
    name: str
    record_type: Callable[..., Record]
    columns: tuple[Column, ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def create_sql(self) -> str:
        lines = [f"`{c.name}` {c.sql_type}" for c in self.columns]
        lines.append(f"`{RECEIVED_AT}` TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)")
        lines.append("PRIMARY KEY (`record_id`)")
        for index, columns in _INDEXES.get(self.name, ()):
            lines.append(f"KEY `{index}` ({', '.join(f'`{c}`' for c in columns)})")
        body = ",\n  ".join(lines)
        return f"CREATE TABLE `{self.name}` (\n  {body}\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"

    def insert_sql(self) -> str:
        names = ", ".join(f"`{name}`" for name in self.column_names)
        marks = ", ".join(["%s"] * len(self.columns))
        return f"INSERT IGNORE INTO `{self.name}` ({names}) VALUES ({marks})"

    def select_sql(self, columns: Sequence[str] | None = None) -> str:
        """Every column in record-id order; or only `columns`, in the server's order (what a
        report reads: fewer bytes, no sort)."""
        if columns is not None:
            return f"SELECT {', '.join(f'`{c}`' for c in columns)} FROM `{self.name}`"
        names = ", ".join(f"`{name}`" for name in self.column_names)
        return f"SELECT {names} FROM `{self.name}` ORDER BY `record_id`"

    def row(self, record: Record) -> tuple[Any, ...]:
        # astuple would deep-copy; the fields are flat, so read them in order.
        return tuple(
            int(value) if column.is_bool else value
            for column, value in zip(self.columns, _values(record), strict=True)
        )

    def records(
        self, rows: Sequence[Sequence[Any]], columns: Sequence[str] | None = None
    ) -> list[Record]:
        """Records from rows read with a raw cursor (every value bytes, or None): decoding
        here is about twice as fast as the pure-Python driver's own conversion. With
        `columns` (a subset, as select_sql read them), the other fields are left empty ("")."""
        make = self.record_type
        names = [c.name for c in self.columns] if columns is None else list(columns)
        by_name = {column.name: column for column in self.columns}
        bools = [i for i, name in enumerate(names) if by_name[name].is_bool]
        ints = [i for i, name in enumerate(names) if by_name[name].sql_type.startswith("INT")]
        # For each field in order, where its value is in a row read (None: not read, "").
        where = [names.index(c.name) if c.name in names else None for c in self.columns]
        partial = columns is not None
        made = []
        for row in rows:
            values: list[Any] = [None if v is None else v.decode() for v in row]
            for i in bools:
                values[i] = values[i] == "1"
            for i in ints:
                if values[i] is not None:
                    values[i] = int(values[i])
            if partial:
                values = ["" if i is None else values[i] for i in where]
            made.append(make(*values))
        return made


def _values(record: Record) -> list[Any]:
    return [getattr(record, f.name) for f in dataclasses.fields(record)]


def _column(field: dataclasses.Field[Any]) -> Column:
    name, kind = field.name, str(field.type).replace(" ", "")
    nullable = kind.endswith("|None")
    base = kind.removesuffix("|None")
    null = "NULL" if nullable else "NOT NULL"
    if name == "record_id":
        return Column(name, f"{_KEY} NOT NULL")
    if base == "bool":
        return Column(name, f"TINYINT(1) {null}", is_bool=True)
    if base == "int":
        return Column(name, f"INT {null}")
    if base != "str":
        raise TypeError(f"no column type for {name}: {field.type}")
    if name in _TEXT_FIELDS:
        return Column(name, f"TEXT {null}")
    if name.endswith("_at"):
        return Column(name, f"VARCHAR(40) {null}")  # ISO 8601 text, as the local store has it
    if name.endswith("_id"):
        return Column(name, f"VARCHAR(191) {null}")  # indexable at utf8mb4 on old servers
    return Column(name, f"VARCHAR(255) {null}")


def _spec(kind: str) -> TableSpec:
    record_type = RECORD_TYPES[kind]
    columns = tuple(_column(f) for f in dataclasses.fields(record_type))
    return TableSpec(kind, records.TABLES[kind], record_type, columns)


TABLE_SPECS: tuple[TableSpec, ...] = tuple(_spec(kind) for kind in records.TABLES)
SPEC_BY_TYPE: dict[type[Any], TableSpec] = {RECORD_TYPES[s.kind]: s for s in TABLE_SPECS}
CLASS_TABLES: tuple[str, ...] = tuple(spec.name for spec in TABLE_SPECS)

SCHEMA_INFO_SQL = (
    f"CREATE TABLE `{SCHEMA_TABLE}` (\n"
    "  `version` INT NOT NULL,\n"
    "  `applied_at` TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),\n"
    "  PRIMARY KEY (`version`)\n"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"
)
SCHEMA_VERSION_SQL = f"SELECT MAX(`version`) FROM `{SCHEMA_TABLE}`"


def newer_schema_message(version: int) -> str:
    return (
        f"the class database has schema version {version}; this tutor knows up to "
        f"{SCHEMA_VERSION}: upgrade tutor"
    )


def add_to(collected: ClassRecords, kind: str, made: list[Record]) -> None:
    """Append fetched records of one kind to their list in `collected`."""
    target: list[Any] = getattr(collected, _COLLECTIONS[kind])
    target.extend(made)
