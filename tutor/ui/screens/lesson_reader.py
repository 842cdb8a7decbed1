"""The lesson reader: one `## ` page at a time (Textual's Markdown costs ~10-15 ms a block)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from tutor.content.model import Lesson
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.split import markdown

# Lessons whose last page offers the Environments screen: the ones that compare environments.
ENVIRONMENT_LESSONS = frozenset(
    {"environments", "internal-backing-services", "external-backing-services", "best-practices"}
)


class LessonReaderScreen(TutorScreen):
    SUB_TITLE = "Lesson"
    BINDINGS = [
        Binding("right", "page(1)", "Next page", key_display="→", priority=True),
        Binding("left", "page(-1)", "Previous", key_display="←", priority=True),
        Binding("n", "page(1)", "Next page", show=False),
        Binding("p", "page(-1)", "Previous", show=False),
    ]

    def __init__(self, lesson: Lesson, page: int = 0) -> None:
        super().__init__()
        self.lesson = lesson
        self.page = max(0, min(page, len(lesson.pages) - 1))

    def compose_body(self):
        yield Static("", id="reader-title")
        with VerticalScroll(id="reader"):
            yield Static("", id="page")
            with Vertical(id="after-lesson"):
                pass
        with Horizontal(id="reader-nav"):
            yield Button("◀ Previous", id="prev", compact=True)
            yield Static("", id="page-label")
            yield Button("Next ▶", id="next", compact=True)

    async def on_mount(self) -> None:
        await self.show_page(self.page)
        self.query_one("#reader").focus()

    @property
    def last_page(self) -> int:
        return max(len(self.lesson.pages) - 1, 0)

    async def show_page(self, page: int) -> None:
        lesson = self.lesson
        self.page = max(0, min(page, self.last_page))
        total = len(lesson.pages)
        self.query_one("#reader-title", Static).update(Text(lesson.title, style="bold"))
        self.query_one("#page-label", Static).update(f"page {self.page + 1} of {max(total, 1)}")
        body = lesson.pages[self.page].body if lesson.pages else "*This lesson has no pages.*"
        self.query_one("#page", Static).update(markdown(body))
        self.query_one("#prev", Button).disabled = self.page == 0
        self.query_one("#next", Button).disabled = self.page >= self.last_page
        await self._show_after_lesson()
        self.query_one("#reader", VerticalScroll).scroll_home(animate=False)
        if lesson.pages:
            self.tutor.progress.record_lesson_page(lesson, self.page)

    async def _show_after_lesson(self) -> None:
        box = self.query_one("#after-lesson", Vertical)
        await box.remove_children()
        if self.page < self.last_page:
            box.display = False
            return
        buttons = [
            Button(
                f"Scenario: {scenario.title}",
                name=scenario.id,
                classes="scenario-link",
                compact=True,
            )
            for scenario in self.tutor.pack.scenarios_for_lesson(self.lesson.id)
        ]
        if self.lesson.id in ENVIRONMENT_LESSONS:
            # First: on a small screen the scenario list can push it out of sight.
            buttons.insert(
                0, Button("Compare the environments side by side", id="environments", compact=True)
            )
        box.display = bool(buttons)
        if buttons:
            await box.mount(Static("Practise what you read:", id="practise"), *buttons)

    async def action_page(self, delta: int) -> None:
        target = self.page + delta
        if 0 <= target <= self.last_page:
            await self.show_page(target)

    @on(Button.Pressed, "#prev")
    async def _previous_pressed(self) -> None:
        await self.action_page(-1)

    @on(Button.Pressed, "#next")
    async def _next_pressed(self) -> None:
        await self.action_page(1)

    @on(Button.Pressed, "#environments")
    def _environments_pressed(self) -> None:
        self.tutor.action_environments()

    @on(Button.Pressed, ".scenario-link")
    def _scenario_pressed(self, event: Button.Pressed) -> None:
        """A scenario that goes with the lesson: its id is the button's name."""
        scenario = self.tutor.pack.scenario(event.button.name or "")
        if scenario is not None:
            self.tutor.open_scenario(scenario)
