"""The quiz: questions drawn from the pack's scenarios, choices shuffled, each stored as given."""

from __future__ import annotations

from rich.text import Text

from tutor.ui.quiz_options import QuizOptions
from tutor.ui.screens.question_round import QuestionRoundScreen, RoundItem


class QuizScreen(QuestionRoundScreen):
    SUB_TITLE = "Quiz"
    source = "quiz"
    label = "Question"

    def __init__(self, options: QuizOptions | None = None) -> None:
        super().__init__()
        self.options = options or QuizOptions()
        self.quiz_items: list = []  # the drawn tutor.progress.QuizItem objects

    async def on_mount(self) -> None:
        from tutor.progress import QuizSelectionError

        try:
            self.quiz_items = self.options.draw(self.tutor.pack)
        except QuizSelectionError as error:
            await self.show_panel(
                "Quiz", Text(f"No quiz: {error}.\n\nPress Esc to go back and change the choices.")
            )
            return
        await self.start_round(
            [RoundItem(q.scenario, q.question, q.choice_order) for q in self.quiz_items]
        )

    def finish_label(self) -> str:
        return "See your score ▶ (Enter)"

    async def finish(self) -> None:
        from tutor.progress import QuizResult, score_quiz
        from tutor.ui.screens.quiz_results import QuizResultsScreen

        results = [
            QuizResult(quiz_item, result.correct, result.hint_used)
            for quiz_item, result in zip(self.quiz_items, self.results, strict=False)
        ]
        saved = all(result.saved for result in self.results)
        self.app.switch_screen(QuizResultsScreen(score_quiz(results), saved=saved))
