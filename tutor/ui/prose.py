"""The one renderer of short prose: authored Markdown as the learner sees it, everywhere.

Scenario summaries, steps and explanations, lesson pages, prompts, hints, choices, feedback,
titles and notifications are Markdown (CommonMark, as Rich reads it). Each goes through one of
these, so that no screen shows `**` or backticks literally, and no screen keeps the line
breaks a YAML block scalar (`|`) put in the middle of a sentence:

- `markdown(text)`: block prose (paragraphs, lists, code blocks), as one Rich renderable that
  reflows to the width it is given.
- `inline(text, style)`: prose that has to be one `Text` (a list option, a table cell, a line
  joined with other styled text): code spans, bold, italics, strike-through and links, with
  the source's line breaks turned into spaces.
- `toast(text)`: the same, as the content markup that Textual's `notify` reads.

Both `markdown` and `inline` parse with markdown-it as Rich does, and inline code looks the
same in both (Rich's `markdown.code` style).
"""

from __future__ import annotations

import re
import textwrap
from functools import cache
from typing import TYPE_CHECKING

from rich.default_styles import DEFAULT_STYLES
from rich.style import Style, StyleType
from rich.text import Text

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from rich.console import RenderableType

# What Rich's Markdown gives inline code and emphasis, so that `inline` matches `markdown`.
CODE = DEFAULT_STYLES["markdown.code"]
_OPENING = {
    "strong_open": DEFAULT_STYLES["markdown.strong"],
    "em_open": DEFAULT_STYLES["markdown.em"],
    "s_open": DEFAULT_STYLES["markdown.s"],
    "link_open": DEFAULT_STYLES["markdown.link"],
}
_CLOSING = {"strong_close", "em_close", "s_close", "link_close"}

# Text without any of these is plain whatever Markdown says, and needs no parser: Home's
# titles and notes stay off markdown-it at start-up.
_MARKUP = re.compile(r"[`*_\[\]<>&\\~]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def markdown(text: str) -> RenderableType:
    """Block prose (a step, a summary, an explanation, a lesson page) as one Rich renderable.

    Textual's Markdown widget mounts a widget per block (10-15 ms each); a step's few
    sentences drawn by Rich inside one Static cost a fraction of that. Paragraphs reflow to
    the widget's width. The text is dedented first: four spaces of indent would make a code
    block of a paragraph.
    """
    from rich.markdown import Markdown

    return Markdown(textwrap.dedent(text).strip())


def inline(text: str, style: StyleType = "") -> Text:
    """Inline Markdown as one Text: code spans, bold, italics, links; line breaks reflowed.

    Paragraphs (a blank line apart) stay apart; any other line break is a space, so the
    Text wraps to its widget's width. Block syntax (`- ` lists, `#` headings) is left as it
    is written: this is for a line or two, `markdown` is for blocks.
    """
    result = Text(style=style)
    for number, paragraph in enumerate(_PARAGRAPH_BREAK.split(text.strip())):
        if number:
            result.append("\n\n")
        if _MARKUP.search(paragraph):
            _append_inline(result, paragraph.strip())
        else:
            result.append(" ".join(paragraph.split()))
    return result


def toast(text: str) -> str:
    """Inline Markdown as Textual content markup, for `App.notify` (which reads markup)."""
    return markup(inline(text))


def markup(text: Text) -> str:
    """A Rich Text as Textual content markup, its own square brackets escaped."""
    from textual.content import Content

    return Content.from_rich_text(text).markup


def escape(text: str) -> str:
    """Text put into Markdown as it is (a learner's name): every ASCII punctuation escaped."""
    return _PUNCTUATION.sub(r"\\\1", text)


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # The same CommonMark parser, with the same extension, as rich.markdown.Markdown.
    return MarkdownIt().enable("strikethrough")


def _append_inline(result: Text, source: str) -> None:
    styles: list[Style] = []
    for block in _parser().parseInline(source):
        for token in block.children or ():
            kind = token.type
            if kind in _OPENING:
                styles.append(_OPENING[kind])
            elif kind in _CLOSING:
                if styles:
                    styles.pop()
            elif kind == "code_inline":
                result.append(token.content, sum(styles, Style()) + CODE)
            elif kind == "softbreak":  # a line break in the source: the Text wraps instead
                result.append(" ")
            elif kind == "hardbreak":
                result.append("\n")
            else:  # text, an image's alt text, inline HTML: as written
                result.append(token.content, sum(styles, Style()))
