"""Text that came from students (names, comments, ids), made safe to print in a terminal.

A class server takes what any student sends: a name holding an escape sequence would move the
instructor's cursor, retitle the window or worse when printed. Control characters (Unicode
category C: C0, DEL, C1, format and the like) become U+FFFD; line breaks in a whole report are
kept.
"""

from __future__ import annotations

import unicodedata

REPLACEMENT = "\ufffd"


def printable(text: str, *, keep: str = "") -> str:
    """`text` with every control character not in `keep` replaced by U+FFFD."""
    return "".join(
        REPLACEMENT
        if unicodedata.category(char).startswith("C") and char not in keep and char != " "
        else char
        for char in text
    )
