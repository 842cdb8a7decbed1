"""The Check screen's service picker: MySQL, PostgreSQL and Redis in one row of radio buttons.

The arrows pick at once, as in any radio group (no second key to confirm); Enter runs the
screen's check, as it does in every field of the form. The mark reads without colour:
● for the service picked, ○ for the others.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.binding import Binding
from textual.widgets import RadioButton, RadioSet


class ServiceOption(RadioButton):
    """One service; `name` is its id ("mysql", "postgresql", "redis")."""

    BUTTON_INNER = "○"

    def watch_value(self) -> None:
        self.BUTTON_INNER = "●" if self.value else "○"
        super().watch_value()
        self.refresh()


class ServicePicker(RadioSet):
    BINDINGS = [Binding("enter", "screen.run_check", "Check", show=False)]

    @classmethod
    def of(cls, names: Mapping[str, str], picked: str, *, id: str) -> ServicePicker:
        """One option a service (`names`: id -> name), `picked` pressed; options are
        `#{id}-{service}`."""
        options = [
            ServiceOption(name, value=key == picked, name=key, id=f"{id}-{key}")
            for key, name in names.items()
        ]
        return cls(*options, compact=True, id=id)

    def on_mount(self) -> None:
        if self.pressed_index >= 0:  # RadioSet starts its cursor on the first option
            self._selected = self.pressed_index

    def _on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        # RadioSet moves its cursor to the index the message carries; with keys typed ahead
        # that index is stale, so the cursor follows what is pressed now.
        self._selected = self.pressed_index

    def action_next_button(self) -> None:
        if self.pressed_button is None:  # RadioSet places its cursor as it mounts
            super().action_next_button()
        else:
            self._step(+1)

    def action_previous_button(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        """Press the next (or previous) option at once, not in a message handled later, so
        keys typed ahead each move on from the option the one before pressed."""
        options = list(self.query(ServiceOption))
        if not options or self.pressed_button is None:
            return
        index = (max(self.pressed_index, 0) + step) % len(options)
        with self.prevent(RadioButton.Changed):
            for number, option in enumerate(options):
                option.value = number == index
        self._pressed_button = options[index]
        self._selected = index
        self.post_message(self.Changed(self, options[index]))

    @property
    def service(self) -> str | None:
        pressed = self.pressed_button
        return pressed.name if pressed is not None else None

    def pick(self, service: str) -> None:
        """Show `service` as picked (when the screen switched for another reason)."""
        for option in self.query(ServiceOption):
            if option.name == service:
                option.value = True
