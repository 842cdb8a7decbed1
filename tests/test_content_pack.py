"""The built-in pack: complete, in the required order, and fit for an 80x24 terminal."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console
from rich.markdown import Markdown

from tutor.content.loader import load_pack
from tutor.content.model import BEST_PRACTICE, Pack
from tutor.content.page_fit import READER_COLUMNS, READER_LINES

REPO_ROOT = Path(__file__).resolve().parent.parent
LESSON_ORDER = [
    "what-is-a-backing-service",
    "environments",
    "internal-backing-services",
    "external-backing-services",
    "trade-offs",
    "best-practices",
    "parity-and-staging",
    "config-and-secrets",
    "managed-services",
    "misconceptions",
]
MAX_LABEL = 22


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(REPO_ROOT)


def rendered_lines(markdown: str, width: int = 80) -> int:
    out = io.StringIO()
    Console(width=width, file=out, color_system=None).print(Markdown(markdown))
    return len(out.getvalue().rstrip("\n").splitlines())


def test_the_pack_loads_without_problems(pack: Pack) -> None:
    assert [problem.format() for problem in pack.problems] == []


def test_the_pack_is_big_enough(pack: Pack) -> None:
    assert len(pack.lessons) >= 7
    assert len(pack.scenarios) >= 18
    assert sum(len(s.questions) for s in pack.scenarios) >= 40


def test_lessons_come_in_the_course_order(pack: Pack) -> None:
    assert [lesson.id for lesson in pack.lessons] == LESSON_ORDER
    assert [lesson.order for lesson in pack.lessons] == list(range(1, 11))


def test_every_lesson_has_pages_and_scenarios_to_practise(pack: Pack) -> None:
    for lesson in pack.lessons:
        assert len(lesson.pages) >= 3, lesson.id
        assert pack.scenarios_for_lesson(lesson.id), lesson.id


def test_every_page_fits_the_reader_at_80x24(pack: Pack) -> None:
    """Rendered as the reader draws it (78 columns, 20 lines), links under the last page too;
    tests/test_validator_page_length_ui.py checks the count against the screen itself."""
    too_long = [
        (lesson.id, page.title, n)
        for lesson in pack.lessons
        for page in lesson.pages
        if (n := rendered_lines(page.body, READER_COLUMNS)) > READER_LINES
    ]
    assert too_long == []


def test_every_scenario_asks_at_least_one_choice_or_multi(pack: Pack) -> None:
    for scenario in pack.scenarios:
        if scenario.labs:
            continue  # a hands-on scenario practises by doing: its labs take the questions' place
        kinds = [q.kind for q in scenario.questions]
        assert len(kinds) >= 2, scenario.id
        assert {"choice", "multi"} & set(kinds), scenario.id


def test_every_scenario_lives_in_its_environment_folder(pack: Pack) -> None:
    for scenario in pack.scenarios:
        assert scenario.path.parent.name == scenario.environment, scenario.id
        assert scenario.path.stem == scenario.id


def test_labels_fit_small_diagrams(pack: Pack) -> None:
    long = [
        (scenario.id, thing.label)
        for scenario in pack.scenarios
        for host in scenario.topology.hosts
        for thing in (host, *host.services)
        if len(thing.label) > MAX_LABEL
    ]
    assert long == []


def test_questions_teach_and_wrong_choices_say_why(pack: Pack) -> None:
    for scenario in pack.scenarios:
        for q in scenario.questions:
            where = f"{scenario.id}/{q.id}"
            assert q.explain.strip(), where
            if q.kind == "placement":
                continue
            assert 2 <= len(q.choices) <= 8, where
            correct = sum(choice.correct for choice in q.choices)
            assert correct == 1 if q.kind == "choice" else correct >= 1, where
            for choice in q.choices:
                assert not re.search(r"\b(all|none) of the above\b", choice.text, re.I), where
                assert choice.correct or (choice.feedback or "").strip(), (where, choice.text)


def test_most_questions_have_a_hint(pack: Pack) -> None:
    questions = [q for s in pack.scenarios for q in s.questions]
    assert sum(bool(q.hint) for q in questions) / len(questions) > 0.6


def test_placement_answers_match_topology_and_best_practice(pack: Pack) -> None:
    for scenario in pack.scenarios:
        tags = set(scenario.tags)
        for q in scenario.questions:
            if q.kind != "placement":
                continue
            where = f"{scenario.id}/{q.id}"
            assert scenario.topology.placement_of(q.service) == q.answer, where
            if scenario.environment == "staging":
                assert (q.answer == "internal") == ("internal-production" in tags), where
            elif q.answer != BEST_PRACTICE[scenario.environment]:
                assert tags & {"trade-off", "education-only"}, where


def test_the_departures_from_best_practice_are_the_ones_the_course_teaches(pack: Pack) -> None:
    trade_offs = [s for s in pack.scenarios if "trade-off" in s.tags]
    education_only = [s for s in pack.scenarios if "education-only" in s.tags]
    assert trade_offs and all(s.environment == "development" for s in trade_offs)
    assert education_only and all(s.environment == "production" for s in education_only)


def test_a_test_wise_length_guess_does_no_better_than_chance(pack: Pack) -> None:
    """Picking the longest (or the shortest) choice beats chance by 10 points at most."""
    from tutor.content.item_checks import longest_cue

    for shortest in (False, True):
        cue = longest_cue(pack.scenarios, shortest=shortest)
        assert cue.questions >= 30
        assert cue.guess_rate <= cue.chance_rate + 10, (shortest, cue.guess_rate, cue.chance_rate)


def test_no_placement_label_names_its_answer(pack: Pack) -> None:
    from tutor.content.item_checks import label_cue

    cued = [
        (scenario.id, thing.label)
        for scenario in pack.scenarios
        for q in scenario.questions
        if q.kind == "placement"
        for thing in (scenario.topology.service(q.service), scenario.topology.host_of(q.service))
        if label_cue(thing.label)
    ]
    assert cued == []


def test_no_tag_names_a_placement(pack: Pack) -> None:
    """The quiz offers tags as a filter: a tag such as 'internal' would answer the question."""
    for scenario in pack.scenarios:
        assert not {"internal", "external", "sidecar", "managed"} & set(scenario.tags), scenario.id
