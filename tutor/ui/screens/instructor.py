"""Instructor: the class report (tutor.classroom.analysis) in sortable tables.

Shown when the class URL holds the instructor's account. The records are read in a thread
worker; `r` reads them again. Enter on a question opens it in its scenario. A column's header
(click) or `1`-`7` sorts by it. The figures are the core's (build_report): this screen only
lays them out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from tutor.ui.screens.base import TutorScreen

if TYPE_CHECKING:
    from tutor.classroom.analysis import ClassReport, QuestionStats

QUESTION_COLUMNS = ("question", "tries", "facility", "discrim.", "hints", "flags", "revise")
STUDENT_COLUMNS = ("name", "tries", "accuracy", "lessons", "scen.", "labs", "last seen")


def _plain(text: object) -> Text:
    """A cell from what students sent: never read as markup, no control characters."""
    from tutor.classroom.printable import printable

    return Text(printable(str(text)))


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


class InstructorScreen(TutorScreen):
    SUB_TITLE = "Instructor"
    PRIMARY_ACTIONS = frozenset({"refresh"})
    BINDINGS = [
        Binding("r", "refresh", "Refresh"),
        *[
            Binding(str(n), f"sort({n - 1})", f"Sort by column {n}", show=False)
            for n in range(1, 8)
        ],  # noqa: E501
    ]

    def __init__(self) -> None:
        super().__init__()
        self.report: ClassReport | None = None
        self._sorted_by: tuple[str, int, bool] | None = None  # table id, column, reverse

    def compose_body(self):
        yield Static("Reading the class's records ...", id="instructor-status")
        with TabbedContent(id="instructor-tabs"):
            with TabPane("Questions", id="tab-questions"):
                yield DataTable(id="questions", cursor_type="row", zebra_stripes=True)
            with TabPane("Students", id="tab-students"):
                yield DataTable(id="students", cursor_type="row", zebra_stripes=True)
            with TabPane("Weak areas", id="tab-areas"):
                yield DataTable(id="areas", cursor_type="row")
            with TabPane("Flags", id="tab-flags"):
                yield DataTable(id="flags", cursor_type="row")

    def on_mount(self) -> None:
        self.action_refresh()

    def _table(self, table_id: str, columns: tuple[str, ...]) -> DataTable[object]:
        """The table emptied, columns and all: new columns size themselves to the new rows."""
        table = self.query_one(f"#{table_id}", DataTable)
        table.clear(columns=True)
        table.add_columns(*columns)
        return table

    def action_refresh(self) -> None:
        self.query_one("#instructor-status", Static).update(
            Text("Reading the class's records ...", style="dim")
        )
        self._read_report()

    @work(thread=True, exclusive=True, group="instructor-report", exit_on_error=False)
    def _read_report(self) -> None:
        from tutor.classroom.analysis import build_report
        from tutor.classroom.server import ClassServerError, fetch_records

        link = self.tutor.class_link
        if link is None:
            self.app.call_from_thread(self._show_error, "Not in class mode.")
            return
        try:
            records = fetch_records(link.url, timeout=10.0, for_report=True)
        except ClassServerError as error:
            self.app.call_from_thread(self._show_error, error.message)
            return
        report = build_report(records, self.tutor.pack)
        self.app.call_from_thread(self._show_report, report)

    def _show_error(self, message: str) -> None:
        status = Text("Could not read the class's records: ", style="bold red")
        status.append(message, style="")
        status.append("\nr tries again.", style="dim")
        self.query_one("#instructor-status", Static).update(status)

    def _show_report(self, report: ClassReport) -> None:
        self.report = report
        marked = len(report.revision)
        people, items = len(report.students), len(report.questions)
        self.query_one("#instructor-status", Static).update(
            Text.assemble(
                (f"{people} student{'' if people == 1 else 's'}", "bold"),
                f" · {items} question{'' if items == 1 else 's'} · ",
                (f"{marked} to revise", "bold yellow" if marked else ""),
                ("  (Enter opens a question; 1-7 sorts; r refreshes)", "dim"),
            )
        )
        questions = self._table("questions", QUESTION_COLUMNS)
        for stats in report.questions:
            questions.add_row(*self._question_row(stats), key=f"{stats.scenario}/{stats.question}")
        students = self._table("students", STUDENT_COLUMNS)
        for person in report.students:
            students.add_row(
                _plain(person.name or person.student_id[:8]),
                person.attempts,
                _percent(person.accuracy),
                person.lessons_read,
                person.scenarios_done,
                person.labs_done,
                _plain((person.last_seen or "-")[:16].replace("T", " ")),
            )
        areas = self._table("areas", ("where", "tries", "accuracy", "1st try"))
        for area in [*report.environments, *report.lessons]:
            accuracy, first_try = _percent(area.accuracy), _percent(area.facility)
            areas.add_row(_plain(area.title), area.attempts, accuracy, first_try)
        flags = self._table("flags", ("question", "reason", "comment", "who"))
        for flag in report.flags:
            flags.add_row(
                _plain(f"{flag.get('scenario')}/{flag.get('question')}"),
                _plain(flag.get("reason", "")),
                _plain(flag.get("comment", "")),
                _plain(flag.get("student", "")),
            )
        if self._sorted_by is not None:
            table_id, column, reverse = self._sorted_by
            self._sort(table_id, column, reverse)

    @staticmethod
    def _question_row(stats: QuestionStats) -> tuple[object, ...]:
        return (
            _plain(f"{stats.scenario}/{stats.question}"),
            stats.attempts,
            _share(stats.facility),
            _share(stats.discrimination),
            _percent(stats.hint_rate),
            stats.flags,
            Text("revise", style="bold yellow") if stats.revision else "",
        )

    # -- sorting and opening ------------------------------------------------------------------

    def _active_table(self) -> DataTable[object]:
        pane = self.query_one("#instructor-tabs", TabbedContent).active_pane
        assert pane is not None
        return pane.query_one(DataTable)

    def action_sort(self, column: int) -> None:
        table = self._active_table()
        if column >= len(table.columns):
            return
        previous = self._sorted_by
        reverse = previous is not None and previous[:2] == (table.id, column) and not previous[2]
        self._sort(str(table.id), column, reverse)

    def _sort(self, table_id: str, column: int, reverse: bool) -> None:
        table = self.query_one(f"#{table_id}", DataTable)
        key = list(table.columns)[column]
        table.sort(key, key=_sort_key, reverse=reverse)
        self._sorted_by = (table_id, column, reverse)

    @on(DataTable.HeaderSelected)
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        self.action_sort(event.column_index)

    @on(DataTable.RowSelected, "#questions")
    def _question_chosen(self, event: DataTable.RowSelected) -> None:
        """Enter (the table's own key) on a question: open it in its scenario."""
        self._open(str(event.row_key.value))

    def _open(self, key: str) -> None:
        from tutor.progress import step_of

        scenario_id, _, question_id = key.partition("/")
        scenario = self.tutor.pack.scenario(scenario_id)
        if scenario is None:
            self.notify(f"The pack here has no scenario {scenario_id}.", severity="warning")
            return
        step = step_of(scenario, question_id)
        self.tutor.open(f"scenario:{scenario_id}" + (f":{step}" if step is not None else ""))


def _sort_key(value: object) -> tuple[int, float | str]:
    """Numbers as numbers ("0.75", "80%", 12), "-" last, text as text."""
    text = value.plain if isinstance(value, Text) else str(value)
    try:
        return (0, float(text.rstrip("%")))
    except ValueError:
        return (1, text) if text != "-" else (2, "")
