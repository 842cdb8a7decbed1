"""`tutor preview lessons/x.md`: a lesson page by page, as the lesson reader shows it.

The screen is the learner's LessonReaderScreen (same pages, keys, links) over a file that is
reloaded each time it is saved, staying on the same page (the last one, if pages were
removed). In a pack, the file is checked with the pack around it (an id another lesson uses is
a problem too) and the pack gives the last page its links: the scenarios to practise and the
next lesson, which open on top of the preview (Esc comes back). Outside a pack there are no
such links, and forward stops at the last page.

A file that does not load shows its problems (PATH:LINE:COL: message) in place of the page;
the screen recovers, at the same page, once the file is fixed.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from textual.containers import VerticalScroll
from textual.widgets import Button, Static

from tutor.content.model import Lesson, Pack, Problem
from tutor.ui.screens.lesson_reader import LessonReaderScreen
from tutor.ui.screens.preview import WatchedFileScreen, gone, preview_title, problems_text

LessonLoad = tuple[Lesson | None, list[Problem], Pack | None]

# What the reader's keys do; none of them has anything to do while the file does not load.
_PAGING = frozenset({"forward", "previous", "page", "scroll_or_forward", "scroll_or_back"})


def load_lesson(path: Path) -> LessonLoad:
    """The lesson, its problems and the pack around it (None outside one). Runs in a thread.

    In a pack, the pack's problems with this file count too (an id another lesson uses), and
    an error among them keeps the lesson from showing, as it keeps it out of the pack."""
    from tutor.content.loader import load_lesson_file, load_pack
    from tutor.content.validator import pack_of

    if not path.is_file():
        return None, gone(path), None
    lesson, problems = load_lesson_file(path)
    root = pack_of(path)
    if root is None:
        return lesson, problems, None
    pack = load_pack(root)
    seen = {problem.format() for problem in problems}
    for problem in pack.problems:
        if problem.path.resolve() == path.resolve() and problem.format() not in seen:
            problems.append(problem)
            seen.add(problem.format())
    if any(problem.severity == "error" for problem in problems):
        lesson = None
    return lesson, sorted(problems, key=lambda p: (p.line, p.column)), pack


class LessonPreviewScreen(WatchedFileScreen, LessonReaderScreen):
    SUB_TITLE = "Lesson preview"

    def __init__(self, path: Path) -> None:
        # Until the file loads: a lesson with no pages (the reader needs one).
        super().__init__(Lesson(id="", title=path.name, order=None, pages=(), path=path))
        self.path = path
        self.loaded = False
        self.problems: list[Problem] = []

    async def on_mount(self) -> None:
        # Runs before LessonReaderScreen.on_mount, which shows the page.
        self.begin_preview()
        self._apply(*load_lesson(self.path))
        self.tutor.screen_ready()

    def load_file(self) -> LessonLoad:
        return load_lesson(self.path)

    async def file_loaded(self, result: object) -> None:
        lesson, problems, pack = cast(LessonLoad, result)
        self._apply(lesson, problems, pack)
        await self.show_page(self.page)
        if lesson is not None:
            self.notify_warnings(problems)

    def _apply(self, lesson: Lesson | None, problems: list[Problem], pack: Pack | None) -> None:
        self.problems = list(problems)
        if pack is not None:  # its scenarios and next lesson, as they are now
            self.tutor.pack = pack
        self.loaded = lesson is not None
        if lesson is not None:
            self.lesson = lesson  # self.page stays: show_page clamps it to the pages there are

    @property
    def in_pack(self) -> bool:
        """Whether the pack holds this lesson: outside a pack, the reader's links are absent."""
        return self.loaded and self.tutor.pack.lesson(self.lesson.id) is not None

    @property
    def at_the_end(self) -> bool:
        """On the last page of a lesson outside a pack: forward leads nowhere."""
        return not self.in_pack and self.page >= self.last_page

    # -- the page, or the problems in its place -----------------------------------------------

    async def show_page(self, page: int) -> None:
        await self.query("#preview-problems").remove()
        self.query_one("#page", Static).display = self.loaded
        if not self.loaded:
            await self._show_problems()
            return
        await super().show_page(page)
        # Outside a pack, the last page leads nowhere: no "Lessons ▶" to an empty list.
        self.query_one("#next", Button).display = not self.at_the_end

    async def _show_problems(self) -> None:
        self.query_one("#reader-title", Static).update(preview_title(self.path))
        self.query_one("#page-label", Static).update("")
        self.query_one("#prev", Button).disabled = True
        self.query_one("#next", Button).disabled = True
        self.query_one("#after-lesson").display = False
        reader = self.query_one("#reader", VerticalScroll)
        await reader.mount(
            Static(problems_text(self.problems), id="preview-problems"), before="#page"
        )
        reader.scroll_home(animate=False)
        self.refresh_bindings()

    def _onward(self) -> list[Static | Button]:
        return super()._onward() if self.in_pack else []

    # -- input --------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _PAGING and not self.loaded:
            return False
        if action == "forward" and self.at_the_end:
            return False
        return super().check_action(action, parameters)

    async def action_forward(self, kind: str | None = None) -> None:
        if self.loaded and not self.at_the_end:
            await super().action_forward(kind)

    async def action_scroll_or_forward(self) -> None:
        if self.loaded:
            await super().action_scroll_or_forward()

    async def action_scroll_or_back(self) -> None:
        if self.loaded:
            await super().action_scroll_or_back()

    def back_to_lessons(self) -> None:
        """After the pack's last lesson: the lessons list, on top of the preview."""
        from tutor.ui.screens.lessons import LessonsScreen

        self.app.push_screen(LessonsScreen())
