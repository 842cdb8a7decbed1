"""The lesson reader: one `## ` page at a time (Textual's Markdown costs ~10-15 ms a block).

Forward (→, Enter, n, l; Space and PgDn once the page is scrolled to its end) turns the page;
past the last page it opens the next lesson in the pack's order, and past the last lesson it
goes back to the list. Enter is not a priority key: a focused link takes it first.

The last page lists its links (the scenarios to practise, the next lesson) below the text.
Their lines count in the page-length rule (tutor/content/page_fit.py): every built-in page and
its links fit 80x24 without scrolling.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from tutor.content.model import Lesson
from tutor.content.page_fit import ENVIRONMENT_LESSONS
from tutor.progress.position import lesson_after
from tutor.ui.destinations import hidden_by
from tutor.ui.prose import inline
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.split import markdown

NEXT_LABELS = {"page": "Next ▶", "lesson": "Next lesson ▶", "end": "Lessons ▶"}


class LessonReaderScreen(TutorScreen):
    SUB_TITLE = "Lesson"
    PRIMARY_ACTIONS = frozenset({"forward", "previous"})
    BINDINGS = [
        # One → per place it leads, so that the footer names it; check_action keeps one.
        Binding("right", "forward('page')", "Next page", key_display="→", priority=True),
        Binding("right", "forward('lesson')", "Next lesson", key_display="→", priority=True),
        Binding("right", "forward('end')", "Lessons list", key_display="→", priority=True),
        Binding("left", "previous", "Previous", key_display="←", priority=True),
        Binding("enter,n,l", "forward", "Next", show=False),
        # Priority: the focused scroller would take them, and do nothing at the page's end.
        Binding("space,pagedown", "scroll_or_forward", "Next", show=False, priority=True),
        Binding("pageup", "scroll_or_back", "Previous", show=False, priority=True),
        Binding("p", "previous", "Previous", show=False),
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
            yield Button(NEXT_LABELS["page"], id="next", compact=True)

    async def on_mount(self) -> None:
        await self.show_page(self.page)
        self.query_one("#reader").focus()

    @property
    def last_page(self) -> int:
        return max(len(self.lesson.pages) - 1, 0)

    @property
    def next_lesson(self) -> Lesson | None:
        return lesson_after(self.tutor.pack, self.lesson.id)

    def forward_kind(self) -> str:
        """Where forward leads from here: "page", "lesson" (the next one) or "end" (the list)."""
        if self.page < self.last_page:
            return "page"
        return "lesson" if self.next_lesson is not None else "end"

    async def show_page(self, page: int) -> None:
        lesson = self.lesson
        self.page = max(0, min(page, self.last_page))
        if lesson.pages:  # first, so that the last lesson's end counts this page as read
            self.tutor.progress.record_lesson_page(lesson, self.page)
        total = len(lesson.pages)
        self.query_one("#reader-title", Static).update(inline(lesson.title, "bold"))
        self.query_one("#page-label", Static).update(f"page {self.page + 1} of {max(total, 1)}")
        body = lesson.pages[self.page].body if lesson.pages else "*This lesson has no pages.*"
        self.query_one("#page", Static).update(markdown(body))
        self.query_one("#prev", Button).disabled = self.page == 0
        next_button = self.query_one("#next", Button)
        next_button.label = NEXT_LABELS[self.forward_kind()]
        # A new label does not resize a Button by itself.
        next_button.refresh(layout=True)
        await self._show_after_lesson()
        self.query_one("#reader", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()  # → names where it leads now

    async def _show_after_lesson(self) -> None:
        box = self.query_one("#after-lesson", Vertical)
        await box.remove_children()
        if self.page < self.last_page:
            box.display = False
            return
        practice = [
            Button(
                f"Scenario: {scenario.title}",
                name=scenario.id,
                classes="scenario-link",
                compact=True,
            )
            for scenario in self.tutor.pack.scenarios_for_lesson(self.lesson.id)
        ]
        if self.lesson.id in ENVIRONMENT_LESSONS and "environments" not in hidden_by(
            self.tutor.pack
        ):
            # First: on a small screen the scenario list can push it out of sight.
            practice.insert(
                0, Button("Compare the environments side by side", id="environments", compact=True)
            )
        widgets: list[Static | Button] = []
        if practice:
            widgets = [Static("Practise what you read:", id="practise"), *practice]
        widgets.extend(self._onward())
        box.display = True
        await box.mount(*widgets)

    def _onward(self) -> list[Static | Button]:
        """The next lesson's button; after the last lesson, a line saying so and the way back."""
        lessons = self.tutor.pack.lessons
        upcoming = self.next_lesson
        if upcoming is not None:
            number = lessons.index(upcoming) + 1
            label = f"Next lesson: {number}. {upcoming.title} ▶"
            return [Button(label, id="next-lesson", compact=True)]
        read = sum(self.tutor.progress.lesson_read(lesson) for lesson in lessons)
        if read == len(lessons):
            done = f"That was the last lesson, and you have read all {len(lessons)}."
        else:
            done = f"That was the last lesson: you have read {read} of the {len(lessons)}."
        return [
            Static(Text(done, style="bold"), id="lessons-done"),
            Button("Back to the lessons list", id="lessons-list", compact=True),
        ]

    # -- input --------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "forward" and parameters:
            return parameters[0] == self.forward_kind()
        if action == "previous":
            return None if self.page == 0 else True  # None: shown dim, does nothing
        return True

    async def action_forward(self, kind: str | None = None) -> None:
        """The next page; after the last one, the next lesson; after the last lesson, the list."""
        where = self.forward_kind()
        if where == "page":
            await self.show_page(self.page + 1)
        elif where == "lesson" and (upcoming := self.next_lesson) is not None:
            self.tutor.open_lesson(upcoming)
        else:
            self.back_to_lessons()

    async def action_previous(self) -> None:
        await self.action_page(-1)

    async def action_page(self, delta: int) -> None:
        """A page on or back within this lesson (bench/page_open.py turns pages with it)."""
        if 0 <= self.page + delta <= self.last_page:
            await self.show_page(self.page + delta)

    async def action_scroll_or_forward(self) -> None:
        """Space and PgDn: down the page while there is more of it, then forward."""
        reader = self.query_one("#reader", VerticalScroll)
        if reader.scroll_y < reader.max_scroll_y:
            reader.scroll_page_down(animate=False)
        else:
            await self.action_forward()

    async def action_scroll_or_back(self) -> None:
        reader = self.query_one("#reader", VerticalScroll)
        if reader.scroll_y > 0:
            reader.scroll_page_up(animate=False)
        else:
            await self.action_previous()

    def back_to_lessons(self) -> None:
        """To the Lessons list: the one below, or in this screen's place (opened from Home)."""
        from tutor.ui.screens.lessons import LessonsScreen

        stack = self.app.screen_stack
        if len(stack) > 1 and isinstance(stack[-2], LessonsScreen):
            self.dismiss()
        else:
            self.app.switch_screen(LessonsScreen())

    @on(Button.Pressed, "#prev")
    async def _previous_pressed(self) -> None:
        await self.action_previous()

    @on(Button.Pressed, "#next")
    @on(Button.Pressed, "#next-lesson")
    async def _next_pressed(self) -> None:
        await self.action_forward()

    @on(Button.Pressed, "#lessons-list")
    def _lessons_pressed(self) -> None:
        self.back_to_lessons()

    @on(Button.Pressed, "#environments")
    def _environments_pressed(self) -> None:
        self.tutor.action_environments()

    @on(Button.Pressed, ".scenario-link")
    def _scenario_pressed(self, event: Button.Pressed) -> None:
        """A scenario that goes with the lesson: its id is the button's name."""
        scenario = self.tutor.pack.scenario(event.button.name or "")
        if scenario is not None:
            self.tutor.open_scenario(scenario)
