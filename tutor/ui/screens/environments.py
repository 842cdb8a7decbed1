"""Environments: the article's comparison, one tab per environment, internal beside external."""

from __future__ import annotations

from rich.text import Text
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static, TabbedContent, TabPane

from tutor.content.model import BEST_PRACTICE
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.diagram_view import DiagramView


class EnvironmentsScreen(TutorScreen):
    SUB_TITLE = "Environments"

    def compose_body(self):
        from tutor.topology.examples import environment_examples

        examples = environment_examples()
        environments = list(dict.fromkeys(example.environment for example in examples))
        with TabbedContent(id="env-tabs"):
            for environment in environments:
                with TabPane(environment.capitalize(), id=f"env-{environment}"):
                    best = BEST_PRACTICE.get(environment)
                    with VerticalScroll(classes="env-scroll"):
                        if best:
                            yield Static(
                                Text.assemble(
                                    ("Best practice: ", "bold"),
                                    f"{environment} uses an {best} backing service.",
                                ),
                                classes="env-best",
                            )
                        with Horizontal(classes="env-row"):
                            for example in examples:
                                if example.environment != environment:
                                    continue
                                with Vertical(classes="env-example"):
                                    yield Static(
                                        Text(example.title, style="bold"), classes="env-title"
                                    )
                                    yield DiagramView(example.topology)
                                    yield Static(Text(example.note), classes="env-note")

    def on_mount(self) -> None:
        from textual.widgets import Tabs

        self.query_one(Tabs).focus()
