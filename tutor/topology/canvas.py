"""Lines of styled segments: the drawing surface the layout composes before it becomes Text."""

from __future__ import annotations

from rich.text import Text

Segment = tuple[str, str]  # (text, style)
Line = list[Segment]


def to_text(lines: list[Line]) -> Text:
    text = Text(no_wrap=True, overflow="ignore", end="")
    for index, line in enumerate(lines):
        if index:
            text.append("\n")
        # Trailing spaces only make copying worse.
        while line and not line[-1][0].strip():
            line = line[:-1]
        if line:
            last_text, last_style = line[-1]
            line = [*line[:-1], (last_text.rstrip(), last_style)]
        for chunk, style in line:
            if chunk:
                text.append(chunk, style or None)
    return text
