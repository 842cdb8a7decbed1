"""Lessons: the list; Enter opens the reader."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tutor.ui.screens.base import TutorScreen


class LessonsScreen(TutorScreen):
    SUB_TITLE = "Lessons"

    def compose_body(self):
        lessons = self.tutor.pack.lessons
        if not lessons:
            yield Static("There are no lessons in this content pack.", classes="page")
            return
        yield OptionList(
            *[
                Option(
                    Text.assemble(
                        (f"{n}. ", "dim"),
                        (lesson.title, "bold"),
                        (
                            f"  {len(lesson.pages)} page{'s' if len(lesson.pages) != 1 else ''}",
                            "dim",
                        ),
                    ),
                    id=lesson.id,
                )
                for n, lesson in enumerate(lessons, 1)
            ],
            id="lesson-list",
            classes="main-list",
        )

    def on_mount(self) -> None:
        for widget in self.query("#lesson-list"):
            widget.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        lesson = self.tutor.pack.lesson(event.option.id or "")
        if lesson is not None:
            self.tutor.open_lesson(lesson)
