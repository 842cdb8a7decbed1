"""A question's choices (QuestionView): every row laid out, the highlight drawn as a mark.

The list never scrolls itself: QuestionView's CSS lets it grow to all its rows, and the text
pane around it scrolls to the highlighted choice instead. Nested, the list (max-height 12)
scrolled its highlight into its own window while the pane cut that window off, and Space
ticked a choice nobody could see.

Each row carries its marks as text, so that they read the same without colour: a cursor (❯)
on the highlighted choice, the number key that picks it, and for multi its tick box.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tutor.ui.prose import inline

CURSOR = "❯ "


class ChoicePrompt:
    """One row: the marks, then the choice's text wrapped under itself rather than under the
    marks. `str()` gives the plain line."""

    def __init__(self, marks: Text, text: str) -> None:
        self.marks = marks
        self.text = text

    def __str__(self) -> str:
        return self.marks.plain + self.text

    def _grid(self) -> Table:
        grid = Table.grid()
        grid.add_column(no_wrap=True)
        grid.add_column()
        grid.add_row(self.marks, inline(self.text))
        return grid

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self._grid()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self._grid())


class ChoiceList(OptionList):
    """`texts` in the order shown; `ticked(index)` for multi's tick boxes, None for a single
    choice. `redraw(index)` after a tick."""

    def __init__(
        self,
        texts: Sequence[str],
        ticked: Callable[[int], bool] | None = None,
        *,
        classes: str | None = None,
    ) -> None:
        self.texts = tuple(texts)
        self.ticked = ticked
        self._marked: int | None = 0  # OptionList highlights its first option from the start
        options = [Option(self.prompt(i, i == 0), id=str(i)) for i in range(len(self.texts))]
        super().__init__(*options, classes=classes)

    def prompt(self, index: int, highlighted: bool) -> ChoicePrompt:
        marks = Text(CURSOR if highlighted else " " * len(CURSOR), style="bold")
        marks.append(f"{index + 1}. " if index < 9 else "   ")
        if self.ticked is not None:
            marks.append("[x] " if self.ticked(index) else "[ ] ", style="bold")
        return ChoicePrompt(marks, self.texts[index])

    def redraw(self, index: int) -> None:
        self.replace_option_prompt_at_index(index, self.prompt(index, index == self.highlighted))

    def watch_highlighted(self, highlighted: int | None) -> None:
        # The cursor moves with the highlight: off the choice that had it, onto the new one.
        previous, self._marked = self._marked, highlighted
        for index in (previous, highlighted):
            if index is not None and index < self.option_count:
                self.redraw(index)
        super().watch_highlighted(highlighted)

    def scroll_to_highlight(self, top: bool = False) -> None:
        super().scroll_to_highlight(top)
        self.reveal_highlight()

    def highlight_region(self) -> Region | None:
        """Where the highlighted choice is in the parent's scrolled content; with the list's
        own edge when it is the first or the last choice."""
        index = self.highlighted
        if index is None or not self.is_mounted or not self.region:
            return None
        # OptionList's line cache: the line each option starts on, and its height.
        line, height = self._index_to_line[index], self._heights[index]
        outer = self.virtual_region
        top = outer.y + self.gutter.top + line - round(self.scroll_y)
        bottom = top + height
        if index == 0:
            top = outer.y
        if index == self.option_count - 1:
            bottom = outer.bottom
        return Region(outer.x, top, outer.width, bottom - top)

    def reveal_highlight(self) -> None:
        """Scroll the parent (the question's text pane) so that the highlighted choice is in
        view."""
        region = self.highlight_region()
        parent = self.parent
        if region is not None and isinstance(parent, Widget):
            parent.scroll_to_region(region, animate=False, immediate=True)
