"""The quiz: questions drawn from the pack's scenarios, choices shuffled, each stored as given."""

from __future__ import annotations

from rich.text import Text

from tutor.progress.quiz import QuizOptions
from tutor.ui.screens.question_round import QuestionRoundScreen


class QuizScreen(QuestionRoundScreen):
    SUB_TITLE = "Quiz"
    source = "quiz"
    label = "Question"

    def __init__(self, options: QuizOptions | None = None) -> None:
        super().__init__()
        self.options = options or QuizOptions()

    async def on_mount(self) -> None:
        from tutor.progress import QuizSelectionError

        try:
            items = self.options.draw(self.tutor.pack)
        except QuizSelectionError as error:
            await self.show_panel(
                "Quiz", Text(f"No quiz: {error}.\n\nPress Esc to go back and change the choices.")
            )
            return
        await self.start_round(items)

    def finish_label(self) -> str:
        return "See your score ▶ (Enter)"

    async def finish(self) -> None:
        from tutor.progress import score_quiz
        from tutor.ui.screens.quiz_results import QuizResultsScreen

        saved = all(result.saved for result in self.results)
        self.app.switch_screen(QuizResultsScreen(score_quiz(self.results), saved=saved))
