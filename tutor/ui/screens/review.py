"""Review: the questions due now, most overdue first; when none are, when the next one is and
a practice round of the weakest questions. Answers are stored as "review" / "practice"."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual import on
from textual.widgets import Button

from tutor.progress.rounds import RoundItem
from tutor.ui.screens.question_round import QuestionRoundScreen

PRACTICE_SIZE = 10


def when(moment: datetime, now: datetime) -> str:
    """'in 3 minutes (14:05)', 'in 2 days (Mon 3 Mar, 09:00)' in the learner's local time."""
    seconds = max((moment - now).total_seconds(), 0)
    local = moment.astimezone()
    if seconds < 3600:
        minutes = max(round(seconds / 60), 1)
        span = f"in {minutes} minute{'s' * (minutes != 1)}"
    elif seconds < 86400:
        hours = round(seconds / 3600)
        span = f"in {hours} hour{'s' * (hours != 1)}"
    else:
        days = round(seconds / 86400)
        span = f"in {days} day{'s' * (days != 1)}"
    same_day = local.date() == now.astimezone().date()
    clock = local.strftime("%H:%M") if same_day else local.strftime("%a %d %b, %H:%M")
    return f"{span} ({clock})"


class ReviewScreen(QuestionRoundScreen):
    SUB_TITLE = "Review"
    source = "review"
    label = "Review"

    async def on_mount(self) -> None:
        await self.serve_due()

    async def serve_due(self) -> None:
        progress = self.tutor.progress
        if not progress.saves_progress:
            await self.show_panel(
                "Review",
                Text(
                    "Your progress is not being saved, so there is nothing to review.\n\n"
                    "Press Esc to go back."
                ),
            )
            return
        due = progress.due_questions()
        if due:
            self.source, self.label = "review", "Review"
            await self.start_round([RoundItem.stable(d.scenario, d.question) for d in due])
        else:
            await self.nothing_due()

    async def nothing_due(self, intro: Text | None = None) -> None:
        progress = self.tutor.progress
        text = intro.copy() if intro is not None else Text()
        text.append("Nothing is due for review now.", style="bold")
        upcoming = progress.next_due()
        answered = bool(progress.answered_keys())
        if upcoming is not None:
            text.append(f"\nThe next question is due {when(upcoming, progress.now())}.")
        elif not answered:
            text.append(
                "\nNothing answered yet: answer questions in Scenarios or a Quiz, and the "
                "ones you miss come back here when they are due."
            )
        buttons = [Button("Back (Esc)", id="review-back", compact=True)]
        if answered:
            text.append(
                "\n\nYou can practise your weakest questions now; practice counts towards "
                "your schedule too."
            )
            buttons.insert(
                0,
                Button("Practise weakest ▶", id="review-practice", variant="primary", compact=True),
            )
        await self.show_panel("Review", text, *buttons)

    async def practice(self) -> None:
        weakest = self.tutor.progress.weakest_questions(PRACTICE_SIZE)
        if not weakest:
            await self.nothing_due()
            return
        self.source, self.label = "practice", "Practice"
        await self.start_round([RoundItem.stable(s, q) for s, q in weakest])

    def finish_label(self) -> str:
        return "Finish ▶ (Enter)"

    async def finish(self) -> None:
        right = sum(result.correct for result in self.results)
        total = len(self.results)
        kind = "Practice" if self.source == "practice" else "Review"
        intro = Text.assemble((f"{kind} done: ", "bold"), f"{right} of {total} right.", "\n\n")
        if self.source == "review" and self.tutor.progress.due_questions():
            # Answers given wrong come back within minutes: serve what is due again.
            intro.append("Some questions are due again already.\n\n")
            buttons = [
                Button("Review again ▶", id="review-again", variant="primary", compact=True),
                Button("Back (Esc)", id="review-back", compact=True),
            ]
            await self.show_panel("Review", intro, *buttons)
            return
        await self.nothing_due(intro)

    @on(Button.Pressed, "#review-practice")
    async def _practise_pressed(self) -> None:
        await self.practice()

    @on(Button.Pressed, "#review-again")
    async def _again_pressed(self) -> None:
        await self.serve_due()

    @on(Button.Pressed, "#review-back")
    def _back_pressed(self) -> None:
        self.dismiss()
