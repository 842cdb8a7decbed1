"""Home: the course title, progress at a glance, the menu, and any problems in the pack."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from tutor.progress.position import labs_by_scenario
from tutor.ui.destinations import menu_for
from tutor.ui.prose import inline
from tutor.ui.screens.base import TutorScreen

if TYPE_CHECKING:
    from tutor.ui.class_link import ClassStatus


class HomeScreen(TutorScreen):
    SUB_TITLE = "Home"
    BINDINGS = [Binding("s", "send_to_class", "Send now")]
    _shown_once = False

    def compose_body(self):
        from tutor.ui.app import COURSE_TITLE

        pack = self.tutor.pack
        title = pack.manifest.title if pack.manifest is not None else COURSE_TITLE
        with VerticalScroll(id="home"):
            yield Static(title, id="course-title", markup=False)
            yield Static(self._glance(), id="glance")
            link = self.tutor.class_link
            if link is not None:
                yield Static(self._class_line(link.status), id="class-status")
            yield OptionList(
                *[
                    Option(self._menu_prompt(title, note), id=action)
                    for action, title, note in self._menu_entries()
                ],
                id="menu",
            )
            if pack.problems:
                problems = Static(
                    Text("\n".join(p.format(pack.root) for p in pack.problems)),
                    id="problems",
                )
                count = len(pack.problems)
                problems.border_title = (
                    f"⚠ {count} problem{'s' if count != 1 else ''} in the content: "
                    "those files were skipped"
                )
                yield problems

    def _glance(self) -> Text:
        pack = self.tutor.pack
        glance = self.tutor.progress.summary()
        labs = labs_by_scenario(pack)
        text = Text.assemble(
            ("Lessons read ", "dim"),
            f"{glance.lessons_read}/{len(pack.lessons)}",
            ("  ·  Scenarios done ", "dim"),
            f"{glance.scenarios_done}/{len(pack.scenarios)}",
        )
        if labs:
            lab_count = sum(len(ids) for ids in labs.values())
            text.append_text(
                Text.assemble(("  ·  Labs ", "dim"), f"{glance.labs_passed}/{lab_count}")
            )
        text.append_text(Text.assemble(("  ·  Due for review ", "dim"), str(glance.due)))
        return text

    def _menu_entries(self) -> list[tuple[str, str, str]]:
        """(action, title, note) for each menu line; Continue's note says where it goes."""
        where = self.tutor.progress.continue_label()
        return [
            (d.action, d.title, where if d.action == "continue" and where is not None else d.note)
            for d in menu_for(self.tutor.pack, instructor=self.tutor.is_instructor)
        ]

    @staticmethod
    def _menu_prompt(label: str, note: str) -> Text:
        # Continue's note names a lesson or scenario by its title, which may hold Markdown.
        # A label longer than the column still keeps a space before its note.
        return Text.assemble((f"{label} ".ljust(14), "bold"), inline(note, "dim"))

    def on_mount(self) -> None:
        # compose drew the glance and Continue from the store already: no second layout pass.
        self.query_one("#menu").focus()
        self.tutor.screen_ready()
        # Once the learner is looking at Home, import what the lesson reader needs.
        self.set_timer(1.0, self._warm_up)

    def _warm_up(self) -> None:
        def imports() -> None:
            import rich.markdown  # noqa: F401
            import textual.widgets._markdown  # noqa: F401

        self.run_worker(imports, thread=True, group="warm-up")

    def on_screen_resume(self) -> None:
        if self._shown_once:  # coming back: the learner may have read or answered something
            self._refresh_progress()
        self._shown_once = True

    def _refresh_progress(self) -> None:
        """The glance and Continue's note, from the store."""
        self.query_one("#glance", Static).update(self._glance())
        note = self.tutor.progress.continue_label()
        if note is not None:
            menu = self.query_one("#menu", OptionList)
            menu.replace_option_prompt("continue", self._menu_prompt("Continue", note))

    @staticmethod
    def _class_line(status: ClassStatus) -> Text:
        style = "bold yellow" if status.failing else "dim"
        return Text.assemble(("Class: ", "dim"), (status.line, style))

    def show_class_status(self, status: ClassStatus) -> None:
        """The class link's news (tutor/ui/class_link.py): the line, and the Instructor entry
        once the server says the URL is the instructor's."""
        for line in self.query("#class-status").results(Static):
            line.update(self._class_line(status))
        self.refresh_bindings()  # Send now: not for the instructor's URL
        if status.role != "instructor":
            return
        menu = self.query_one("#menu", OptionList)
        try:
            menu.get_option("instructor")
        except OptionDoesNotExist:
            entries = menu_for(self.tutor.pack, instructor=True)
            entry = next(d for d in entries if d.action == "instructor")
            menu.add_option(Option(self._menu_prompt(entry.title, entry.note), id="instructor"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "send_to_class":  # class mode, with a student's URL
            link = self.tutor.class_link
            return link is not None and link.status.role != "instructor"
        return True

    def action_send_to_class(self) -> None:
        """Try the class server now, rather than wait for the next retry."""
        link = self.tutor.class_link
        if link is not None:
            for line in self.query("#class-status").results(Static):
                line.update(Text.assemble(("Class: ", "dim"), ("sending ...", "dim")))
            link.sync_now()

    @on(OptionList.OptionSelected, "#menu")
    def _menu_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.tutor.open(event.option.id)
