"""Environments: the article's comparison, one tab per environment, internal beside external.

The best-practice line comes from the validator's own rule (`expected_placement`), so the screen
and the scenario checks never disagree; for staging it is production's placement.
"""

from __future__ import annotations

from rich.text import Text
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static, TabbedContent, TabPane

from tutor.content.model import ENVIRONMENTS
from tutor.content.scenario_rules import INTERNAL_PRODUCTION_TAG, expected_placement
from tutor.ui.prose import inline
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.diagram_view import DiagramView


def best_practice(environment: str) -> Text:
    text = Text.assemble(("Best practice: ", "bold"))
    best = expected_placement(environment, ())
    if environment != "staging":
        text.append(f"{environment} uses an {best} backing service.")
        return text
    otherwise = expected_placement(environment, (INTERNAL_PRODUCTION_TAG,))
    text.append(
        f"staging mirrors production, so it uses an {best} backing service "
        f"({otherwise} only when production's is {otherwise})."
    )
    return text


class EnvironmentsScreen(TutorScreen):
    SUB_TITLE = "Environments"

    def compose_body(self):
        from tutor.topology.examples import environment_examples

        examples = environment_examples()
        shown = {example.environment for example in examples}
        with TabbedContent(id="env-tabs"):
            for environment in (e for e in ENVIRONMENTS if e in shown):
                with TabPane(environment.capitalize(), id=f"env-{environment}"):
                    best = expected_placement(environment, ())
                    with VerticalScroll(classes="env-scroll"):
                        yield Static(best_practice(environment), classes="env-best")
                        with Horizontal(classes="env-row"):
                            # The recommended setup first, so the eye lands on it.
                            for example in sorted(
                                (e for e in examples if e.environment == environment),
                                key=lambda e: e.placement != best,
                            ):
                                with Vertical(classes="env-example"):
                                    yield Static(inline(example.title, "bold"), classes="env-title")
                                    yield DiagramView(example.topology)
                                    yield Static(inline(example.note), classes="env-note")

    def on_mount(self) -> None:
        from textual.widgets import Tabs

        self.query_one(Tabs).focus()
