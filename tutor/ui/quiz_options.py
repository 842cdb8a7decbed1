"""What a quiz draws: the count and the filters. No Textual here (`tutor quiz` builds one)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class QuizOptions:
    count: int = 10
    environment: str | None = None
    lesson: str | None = None
    tag: str | None = None
    seed: int | None = None

    def draw(self, pack):
        """The quiz's items (tutor.progress.draw_quiz); raises QuizSelectionError."""
        from tutor.progress import draw_quiz

        return draw_quiz(
            pack,
            count=self.count,
            environment=self.environment,
            lesson=self.lesson,
            tag=self.tag,
            seed=self.seed,
        )
