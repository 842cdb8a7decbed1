"""Scenarios: grouped by environment, filterable with `f`; a done mark from the store."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tutor.content.model import ENVIRONMENTS
from tutor.ui.screens.base import TutorScreen

FILTERS = (None, *ENVIRONMENTS)


class ScenariosScreen(TutorScreen):
    SUB_TITLE = "Scenarios"
    BINDINGS = [Binding("f", "cycle_filter", "Filter environment")]

    def __init__(self) -> None:
        super().__init__()
        self.filter: str | None = None

    def compose_body(self):
        yield Static("", id="scenario-filter")
        yield OptionList(id="scenario-list", classes="main-list")

    def on_mount(self) -> None:
        self._fill()
        self.query_one("#scenario-list").focus()

    def on_screen_resume(self) -> None:
        self._fill()

    def _fill(self) -> None:
        pack = self.tutor.pack
        label = self.filter or "all environments"
        self.query_one("#scenario-filter", Static).update(
            Text.assemble(("Showing ", "dim"), (label, "bold"), ("  (f: filter)", "dim"))
        )
        options: list[Option] = []
        for environment in ENVIRONMENTS:
            if self.filter not in (None, environment):
                continue
            scenarios = [s for s in pack.scenarios if s.environment == environment]
            if not scenarios:
                continue
            options.append(
                Option(Text(environment.capitalize(), style="bold underline"), disabled=True)
            )
            for scenario in scenarios:
                done = self.tutor.progress.scenario_done(scenario)
                options.append(
                    Option(
                        Text.assemble(("  ✓ " if done else "    ", "bold"), scenario.title),
                        id=scenario.id,
                    )
                )
        if not options:
            options.append(Option(Text("No scenarios here.", style="italic"), disabled=True))
        option_list = self.query_one("#scenario-list", OptionList)
        highlighted = option_list.highlighted
        option_list.set_options(options)
        if highlighted is not None and highlighted < len(options):
            option_list.highlighted = highlighted
        else:
            option_list.action_first()

    def action_cycle_filter(self) -> None:
        self.filter = FILTERS[(FILTERS.index(self.filter) + 1) % len(FILTERS)]
        self._fill()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        scenario = self.tutor.pack.scenario(event.option.id or "")
        if scenario is not None:
            self.tutor.open_scenario(scenario)
