"""Lessons: the list, each read one marked ✓ (from saved progress); Enter opens the reader."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tutor.content.model import Lesson
from tutor.ui.prose import inline
from tutor.ui.screens.base import TutorScreen


class LessonsScreen(TutorScreen):
    SUB_TITLE = "Lessons"
    _shown_once = False

    def compose_body(self):
        lessons = self.tutor.pack.lessons
        if not lessons:
            yield Static("There are no lessons in this content pack.", classes="page")
            return
        yield OptionList(
            *[Option(self._prompt(n, lesson), id=lesson.id) for n, lesson in enumerate(lessons, 1)],
            id="lesson-list",
            classes="main-list",
        )

    def _prompt(self, number: int, lesson: Lesson) -> Text:
        pages = len(lesson.pages)
        digits = len(str(len(self.tutor.pack.lessons)))  # 1. to 10. line up
        # A mark in text, not colour alone: Home's "Lessons read" counts the same lessons.
        read = self.tutor.progress.lesson_read(lesson)
        return Text.assemble(
            ("✓ " if read else "  ", "bold"),
            (f"{number:>{digits}}. ", "dim"),
            inline(lesson.title, "bold"),
            (f"  {pages} page{'s' if pages != 1 else ''}", "dim"),
        )

    def on_mount(self) -> None:
        for widget in self.query("#lesson-list"):
            widget.focus()

    def on_screen_resume(self) -> None:
        """Back from the reader: a lesson may have been read to its end meanwhile."""
        if not self._shown_once:  # compose drew the marks already
            self._shown_once = True
            return
        for option_list in self.query("#lesson-list").results(OptionList):
            for n, lesson in enumerate(self.tutor.pack.lessons, 1):
                option_list.replace_option_prompt(lesson.id, self._prompt(n, lesson))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        lesson = self.tutor.pack.lesson(event.option.id or "")
        if lesson is not None:
            self.tutor.open_lesson(lesson)
