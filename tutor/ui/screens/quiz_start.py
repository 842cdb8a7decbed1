"""The quiz start screen: how many questions, and which environment, lesson and tag."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Select, Static

from tutor.content.model import ENVIRONMENTS
from tutor.progress.quiz import QuizOptions
from tutor.ui.screens.base import TutorScreen

ANY = ""
COUNTS = (5, 10, 15, 20, 30)


class QuizStartScreen(TutorScreen):
    SUB_TITLE = "Quiz"

    def compose_body(self):
        pack = self.tutor.pack
        environments = [e for e in ENVIRONMENTS if any(s.environment == e for s in pack.scenarios)]
        lessons = [
            (lesson.title, lesson.id)
            for lesson in pack.lessons
            if pack.scenarios_for_lesson(lesson.id)
        ]
        tags = sorted({tag for scenario in pack.scenarios for tag in scenario.tags})
        with VerticalScroll(id="quiz-start", classes="page"):
            yield Static(
                Text.assemble(
                    ("Quiz", "bold"),
                    ("  questions from the scenarios, choices shuffled", "dim"),
                ),
                classes="page-title",
            )
            yield self._row("Questions", "quiz-count", [(str(n), n) for n in COUNTS], 10)
            yield self._row(
                "Environment", "quiz-environment", [("any", ANY), *[(e, e) for e in environments]]
            )
            yield self._row("Lesson", "quiz-lesson", [("any", ANY), *lessons])
            yield self._row("Tag", "quiz-tag", [("any", ANY), *[(t, t) for t in tags]])
            yield Static("", id="quiz-match")
            yield Button("Start ▶", id="quiz-go", variant="primary", compact=True)

    @staticmethod
    def _row(label: str, select_id: str, options, value=ANY) -> Horizontal:
        return Horizontal(
            Static(label, classes="quiz-label"),
            Select(options, value=value, allow_blank=False, id=select_id, compact=True),
            classes="quiz-row",
        )

    def on_mount(self) -> None:
        self._update_match()
        self.query_one("#quiz-count", Select).focus()

    def options(self) -> QuizOptions:
        def value(select_id: str):
            chosen = self.query_one(f"#{select_id}", Select).value
            return None if chosen in (ANY, Select.BLANK) else chosen

        return QuizOptions(
            count=int(value("quiz-count") or 10),
            environment=value("quiz-environment"),
            lesson=value("quiz-lesson"),
            tag=value("quiz-tag"),
        )

    def _update_match(self) -> None:
        from tutor.progress import QuizSelectionError

        options = self.options()
        match = self.query_one("#quiz-match", Static)
        start = self.query_one("#quiz-go", Button)
        try:
            drawn = len(options.draw(self.tutor.pack))
        except QuizSelectionError as error:
            match.update(Text(f"No quiz: {error}.", style="bold"))
            start.disabled = True
            return
        start.disabled = False
        fewer = f" (only {drawn} match)" if drawn < options.count else ""
        match.update(Text(f"{drawn} question{'s' * (drawn != 1)}{fewer}.", style="dim"))

    def on_select_changed(self, event: Select.Changed) -> None:
        self._update_match()

    @on(Button.Pressed, "#quiz-go")
    def _start_pressed(self) -> None:
        from tutor.ui.screens.quiz import QuizScreen

        self.app.push_screen(QuizScreen(self.options()))
