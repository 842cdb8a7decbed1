"""Where the learner can go: one table that Home's menu and the command palette both read.

Each destination is a `TutorApp.open()` target (an app action: `action_<name>`). Home's menu
lists the ones with a `note` (the short line beside the title, sized for 80 columns); the
command palette (Ctrl+P) lists the ones with a `help` line. Both keep the table's order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.content.model import Pack


@dataclass(frozen=True)
class Destination:
    action: str  # TutorApp.open(action) runs TutorApp.action_<action>
    title: str  # the menu's label and the palette's command
    note: str  # Home's menu: the line beside the title; "": not in the menu
    help: str  # the command palette's help line; "": not in the palette


DESTINATIONS = (
    Destination("continue", "Continue", "back to where you left off", ""),
    Destination("home", "Home", "", "The course overview and menu"),
    Destination(
        "lessons", "Lessons", "read about backing services", "Read the lessons, one page at a time"
    ),
    Destination(
        "scenarios",
        "Scenarios",
        "place services in real setups",
        "Walk through a scenario and place its services",
    ),
    Destination(
        "environments",
        "Environments",
        "the article's comparison",
        "Local, development and production, internal and external",
    ),
    Destination("quiz", "Quiz", "test yourself", "Questions drawn from the scenarios"),
    Destination("review", "Review", "questions due again", "The questions due for review"),
    Destination(
        "check_mysql",
        "Check",  # short enough for Home's label column; the note says what it checks
        "a live backing service: MySQL, PostgreSQL, Redis",
        "Check a backing service (MySQL, PostgreSQL or Redis), step by step",
    ),
    Destination(
        "instructor",
        "Instructor",
        "the class's results: item analysis",
        "The class report: questions, students, weak areas, flags",
    ),
    Destination(
        "help", "Help", "keys, internal and external", "Keys, and what internal and external mean"
    ),
)
# Shown only when the class URL holds the instructor's account (tutor/ui/class_link.py).
INSTRUCTOR_ONLY = frozenset({"instructor"})

MENU = tuple(d for d in DESTINATIONS if d.note)
PALETTE = tuple(d for d in DESTINATIONS if d.help)


def hidden_by(pack: Pack) -> frozenset[str]:
    """The built-in screens this pack's pack.yaml hides (`screens:`): a pack about another
    topic may not want the environments comparison or the live check."""
    screens = pack.manifest.screens if pack.manifest is not None else None
    if screens is None:
        return frozenset()
    hidden = set()
    if not screens.environments:
        hidden.add("environments")
    if not screens.live_check:
        hidden.add("check_mysql")
    return frozenset(hidden)


def menu_for(pack: Pack, *, instructor: bool = False) -> tuple[Destination, ...]:
    hidden = hidden_by(pack) | (frozenset() if instructor else INSTRUCTOR_ONLY)
    return tuple(d for d in MENU if d.action not in hidden)


def palette_for(pack: Pack, *, instructor: bool = False) -> tuple[Destination, ...]:
    hidden = hidden_by(pack) | (frozenset() if instructor else INSTRUCTOR_ONLY)
    return tuple(d for d in PALETTE if d.action not in hidden)
