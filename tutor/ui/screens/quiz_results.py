"""The quiz's end: the score, per environment and per lesson, and the questions missed."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tutor.progress.position import step_of
from tutor.ui.prose import inline
from tutor.ui.screens.base import TutorScreen


def _percent(tally) -> str:
    return "-" if tally.percent is None else f"{tally.percent:.0f}%"


def _table(title: str, rows) -> Table:
    table = Table(title=title, title_justify="left", box=None, padding=(0, 2, 0, 0))
    table.title_style = "bold"
    table.add_column("")
    table.add_column("right", justify="right")
    table.add_column("", justify="right")
    for name, tally in rows:
        table.add_row(name, f"{tally.right} of {tally.total}", _percent(tally))
    return table


class QuizResultsScreen(TutorScreen):
    SUB_TITLE = "Quiz results"
    BINDINGS = [Binding("n", "new_quiz", "New quiz")]

    def __init__(self, score, *, saved: bool = True) -> None:
        super().__init__()
        self.score = score
        self.saved = saved

    def compose_body(self):
        score = self.score
        overall = score.overall
        with VerticalScroll(id="results"):
            headline = Text.assemble(
                ("Score: ", "bold"),
                (f"{overall.right} of {overall.total} right", "bold"),
                f"  ({_percent(overall)})",
            )
            if score.hints_used:
                headline.append(f"  ·  hints used: {score.hints_used}", style="dim")
            yield Static(headline, id="score")
            if not self.saved:
                yield Static(
                    Text("Some answers were not saved (see the messages).", style="bold red")
                )
            yield Static(
                _table("By environment", score.by_environment.items()), classes="breakdown"
            )
            lessons = [
                (self._lesson_title(lesson_id), tally)
                for lesson_id, tally in score.by_lesson.items()
            ]
            yield Static(_table("By lesson", lessons), classes="breakdown")
            if score.missed:
                yield Static(
                    Text.assemble(
                        ("Missed", "bold"), ("  (Enter opens the question in its scenario)", "dim")
                    ),
                    id="missed-title",
                )
                yield OptionList(
                    *[
                        Option(self._missed_prompt(item), id=str(n))
                        for n, item in enumerate(score.missed)
                    ],
                    id="missed",
                )
            else:
                yield Static(Text("Nothing missed. Well done.", style="bold"), id="missed-title")
            yield Static(Text("n: a new quiz  ·  Esc: back", style="dim"), id="results-keys")

    def _lesson_title(self, lesson_id: str) -> Text:
        if not lesson_id:
            return Text("(no lesson)")
        lesson = self.tutor.pack.lesson(lesson_id)
        return inline(lesson.title) if lesson else Text(lesson_id)

    @staticmethod
    def _missed_prompt(item) -> Text:
        """The prompt, then its scenario's title: both authored Markdown."""
        return Text.assemble(
            inline(item.question.prompt),
            ("  (", "dim"),
            inline(item.scenario.title, "dim"),
            (")", "dim"),
        )

    def on_mount(self) -> None:
        missed = self.query("#missed")
        (missed.first() if missed else self.query_one("#results")).focus(scroll_visible=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        item = self.score.missed[int(event.option.id or 0)]
        step = step_of(item.scenario, item.question.id)
        target = f"scenario:{item.scenario.id}" + (f":{step}" if step is not None else "")
        self.tutor.open(target)

    def action_new_quiz(self) -> None:
        from tutor.ui.screens.quiz_start import QuizStartScreen

        self.app.switch_screen(QuizStartScreen())
