"""The diagram pane scrolls by keyboard when its diagram is taller than the pane (issue 11).

At 80x24 a scenario with four services draws a diagram taller than its pane: the learner
must be able to Tab to it and scroll, and the question's own keys must still work there.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static
from waiting import pilot_wait_until

from tutor.content.loader import load_pack
from tutor.topology import diagram
from tutor.ui.app import create_app
from tutor.ui.walkthrough_state import Phase
from tutor.ui.widgets.diagram_view import DiagramView
from tutor.ui.widgets.question_view import QuestionView

SCENARIO = """\
id: four-services
title: Four services
environment: production
summary: |
  One app on a VM uses four managed services.
hosts:
  - id: web
    label: Load-balanced VM
    kind: vm
    services:
      - {id: app, label: Delivery app, kind: app}
  - id: mysql
    label: Azure DB for MySQL
    kind: managed-service
    services:
      - {id: orders, label: MySQL, kind: relational-database}
  - id: cosmos
    label: Azure Cosmos DB
    kind: managed-service
    services:
      - {id: menus, label: Menus, kind: document-database}
  - id: redis
    label: Azure Cache for Redis
    kind: managed-service
    services:
      - {id: cache, label: Redis, kind: cache}
  - id: vault
    label: Azure Key Vault
    kind: managed-service
    services:
      - {id: vault, label: Key Vault, kind: secrets}
links:
  - {from: app, to: orders}
  - {from: app, to: menus}
  - {from: app, to: cache}
  - {from: app, to: vault}
steps:
  - question:
      id: where-menus
      kind: placement
      prompt: Is the menu store internal or external here?
      service: menus
      answer: external
      hint: Which machine answers the menu queries?
      explain: |
        Cosmos DB runs apart from the app's VM.
"""


@pytest.fixture
def pack(tmp_path: Path):
    root = tmp_path / "pack"
    (root / "scenarios").mkdir(parents=True)
    (root / "lessons").mkdir()
    (root / "scenarios" / "four-services.yaml").write_text(SCENARIO, encoding="utf-8")
    return load_pack(root)


async def _tab_to_diagram(pilot, app, view: DiagramView) -> None:
    for _ in range(10):
        if app.focused is view:
            return
        await pilot.press("tab")
        await pilot.pause()
    raise AssertionError(f"Tab never reached the diagram; focus is on {app.focused}")


async def test_tab_reaches_a_tall_diagram_and_the_keys_scroll_it(pack) -> None:
    app = create_app(pack, start="scenario:four-services:0")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        question = app.screen.query_one(QuestionView)
        view = question.query_one(DiagramView)
        await pilot_wait_until(pilot, lambda: view.max_scroll_y > 0, what="a diagram to scroll")
        await _tab_to_diagram(pilot, app, view)
        await pilot.press("down")
        await pilot_wait_until(pilot, lambda: view.scroll_y == 1, what="one line down")
        await pilot.press("end")
        await pilot_wait_until(pilot, lambda: view.scroll_y == view.max_scroll_y)
        await pilot.press("home")
        await pilot_wait_until(pilot, lambda: view.scroll_y == 0)
        await pilot.press("pagedown")
        await pilot_wait_until(pilot, lambda: view.scroll_y > 0, what="a page down")
        await pilot.press("pageup")
        await pilot_wait_until(pilot, lambda: view.scroll_y == 0, what="a page up")
        await pilot.press("j")
        await pilot_wait_until(pilot, lambda: view.scroll_y == 1, what="j scrolls too")
        assert "Scroll diagram" in str(app.screen.query_one("TutorFooter").render())


async def test_the_question_keys_still_work_while_the_diagram_has_the_focus(pack) -> None:
    app = create_app(pack, start="scenario:four-services:0")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        question = screen.query_one(QuestionView)
        view = question.query_one(DiagramView)
        await pilot_wait_until(pilot, lambda: view.max_scroll_y > 0, what="a diagram to scroll")
        await _tab_to_diagram(pilot, app, view)
        await pilot.press("i")
        await pilot_wait_until(pilot, lambda: view.placement == {"menus": "internal"})
        await pilot.press("e")
        await pilot_wait_until(pilot, lambda: view.placement == {"menus": "external"})
        await pilot.press("h")
        await pilot_wait_until(pilot, lambda: bool(question.query(".qv-hint")), what="the hint")
        await pilot.press("enter")
        await pilot_wait_until(pilot, lambda: screen.walkthrough.phase is Phase.FEEDBACK)


async def test_the_diagram_is_redrawn_whole_after_the_terminal_grows(pack) -> None:
    """From 40 to 120 columns the picture is drawn for the new width, not wrapped at the old."""
    app = create_app(pack, start="scenario:four-services:0")
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        await pilot.resize_terminal(120, 30)
        view = app.screen.query_one(DiagramView)
        await pilot_wait_until(pilot, lambda: view._drawn_width > 40, what="a redraw")
        await pilot.pause()
        picture = view.query_one(Static)
        expected = diagram(view.topology, view._drawn_width, unknown=view.unknown).plain
        for y, line in enumerate(expected.splitlines()[:6]):
            drawn = "".join(segment.text for segment in picture.render_line(y))
            assert drawn.rstrip() == line.rstrip()
