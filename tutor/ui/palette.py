"""The command palette's (Ctrl+P) commands: the screens, every lesson and every scenario.

Textual's own SystemCommandsProvider lists `App.get_system_commands` in alphabetical order;
`ScreensProvider` lists them in the order the app gives them (the destinations table's, then
the theme and quit), and only those. `LessonsProvider` and `ScenariosProvider` find content by
what the learner types: a lesson by its title or id, a scenario by its title or id, and by
words it is about (its environment, tags, and its services' and hosts' labels and kinds), so
that "mongo" finds the scenarios with a MongoDB even where the title does not say so. They
only answer a search: the Lessons and Scenarios screens already list everything.

TutorApp.COMMANDS loads this module when the palette first opens, not at start-up.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.markup import escape

from tutor.content.model import Lesson, Scenario
from tutor.ui.prose import inline

if TYPE_CHECKING:
    from tutor.ui.app import TutorApp

# A match on a keyword only (not the title) ranks below any title match of the same query.
KEYWORD_WEIGHT = 0.5


class ScreensProvider(Provider):
    """The app's system commands (every screen, then Theme and Quit), in the app's order."""

    async def discover(self) -> Hits:
        for title, help_text, callback, discover in self.app.get_system_commands(self.screen):
            if discover:
                yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback, _ in self.app.get_system_commands(self.screen):
            if (score := matcher.match(title)) > 0:
                yield Hit(score, matcher.highlight(title), callback, text=title, help=help_text)


class _ContentProvider(Provider):
    """Searches the pack's lessons or scenarios; `entries()` says what each one offers."""

    @property
    def tutor(self) -> TutorApp:
        from tutor.ui.app import TutorApp

        assert isinstance(self.app, TutorApp)
        return self.app

    def entries(self) -> Iterable[tuple[str, tuple[str, ...], str, partial[None]]]:
        """(title, keywords, help line, what opens it) for each item of the pack."""
        raise NotImplementedError

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, keywords, help_text, command in self.entries():
            score, keyword = match(matcher, title, keywords)
            if keyword is not None:  # say why a title without the words is listed
                help_text = f"{help_text} · about {keyword}"
            if score > 0:
                yield Hit(
                    score, highlight(matcher, title), command, text=title, help=escape(help_text)
                )


class LessonsProvider(_ContentProvider):
    def entries(self) -> Iterable[tuple[str, tuple[str, ...], str, partial[None]]]:
        for lesson in self.tutor.pack.lessons:
            yield (
                plain(lesson.title),
                (lesson.id,),
                lesson_help(lesson),
                partial(self.tutor.open_lesson, lesson),
            )


class ScenariosProvider(_ContentProvider):
    def entries(self) -> Iterable[tuple[str, tuple[str, ...], str, partial[None]]]:
        for scenario in self.tutor.pack.scenarios:
            yield (
                plain(scenario.title),
                scenario_keywords(scenario),
                scenario_help(scenario),
                partial(self.tutor.open_scenario, scenario),
            )


def plain(title: str) -> str:
    """A title as it reads on screen: its Markdown rendered, then the plain text of it."""
    return inline(title).plain


def lesson_help(lesson: Lesson) -> str:
    pages = len(lesson.pages)
    return f"Lesson · {pages} page{'s' * (pages != 1)}"


def scenario_keywords(scenario: Scenario) -> tuple[str, ...]:
    """What a scenario is about, the likeliest reason for a match first (shown as that)."""
    services = scenario.topology.services()
    return (
        *scenario.tags,
        *(service.label for service in services),
        *(service.kind for service in services),
        *(host.label for host in scenario.topology.hosts),
        *(host.kind for host in scenario.topology.hosts),
        scenario.environment,
        scenario.id,
    )


def scenario_help(scenario: Scenario) -> str:
    services = [s.label for s in scenario.topology.services() if s.kind != "app"]
    return " · ".join(["Scenario", scenario.environment, ", ".join(services)]).rstrip(" ·")


def match(matcher: Matcher, title: str, keywords: Iterable[str]) -> tuple[float, str | None]:
    """(score, keyword): the better of Textual's fuzzy score of the title, and a lower score
    when every word of the query is in the title or a keyword (so "mongo" finds a service
    labelled MongoDB); the keyword is the first that holds a word when that score is the
    better one, shown as the reason for the match. (0, None) when neither matches.

    A fuzzy match of scattered letters ("redis" in "a RElease canDIdate on the teSt vm")
    scores low, so a scenario that has a Redis ranks above it.
    """
    title_score = matcher.match(title)
    keywords = tuple(keywords)
    words = matcher.query.lower().split()
    pool = [known.lower() for known in (title, *keywords)]
    if not words or not all(any(word in known for known in pool) for word in words):
        return title_score, None
    best = max((matcher.match(keyword) for keyword in keywords), default=0.0)
    keyword_score = max(best, 1.0) * KEYWORD_WEIGHT
    if title_score >= keyword_score:
        return title_score, None
    reason = next((k for k in keywords if any(word in k.lower() for word in words)), None)
    return keyword_score, reason


def highlight(matcher: Matcher, title: str) -> Content:
    """The title with the letters the query matched highlighted, as Matcher.highlight does,
    but without reading the title as markup (a title may hold square brackets)."""
    content = Content(title)
    _, offsets = matcher.fuzzy_search.match(matcher.query, title)
    for offset in offsets:
        if not title[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
