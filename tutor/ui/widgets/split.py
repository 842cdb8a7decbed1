"""Text beside a diagram from 100 columns (the app's -wide breakpoint), stacked below that."""

from __future__ import annotations

from textual.containers import Container

# The one prose renderer lives in tutor/ui/prose.py; importers of this module keep working.
from tutor.ui.prose import markdown

__all__ = ["SplitPane", "markdown"]


class SplitPane(Container):
    """Children: a `.pane-text` container first, then a DiagramView."""

    # Unscoped, so that the screen's breakpoint class (-wide) can select the layout.
    SCOPED_CSS = False

    DEFAULT_CSS = """
    SplitPane {
        layout: vertical;
        height: 1fr;
    }
    SplitPane > .pane-text { height: 1fr; padding: 0 1; }
    SplitPane > DiagramView {
        height: auto;
        max-height: 55%;
        border-top: solid $primary-muted;
    }
    .-wide SplitPane { layout: horizontal; }
    .-wide SplitPane > .pane-text { width: 1fr; height: 100%; }
    .-wide SplitPane > DiagramView {
        width: 1fr;
        height: 100%;
        max-height: 100%;
        border-top: none;
        border-left: solid $primary-muted;
    }
    """
