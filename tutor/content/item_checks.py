"""Item-writing checks: warnings for questions that a test-wise learner can answer unread.

A learner who has learned nothing can still score by reading cues: the longest choice is the
right one, the hint repeats the answer, a label says "embedded", absolutes ("always",
"never") mark the wrong choices. These checks find such cues in a pack and say what to
change. They are warnings (`tutor validate --strict` makes them fail), reported only by the
authoring commands, never when the app loads a pack.

Per scenario: hints that give the answer away, placement questions whose labels name the
answer, absolute words only in wrong choices, prompts and titles too long for an 80-column
screen (text_length.py, which also checks lesson titles). Across a pack: the longest-correct
cue and near-duplicate questions. The same measures feed `scripts/item-stats`.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tutor.content import text_length
from tutor.content.model import Problem, Question, Scenario

Pos = tuple[int, int]  # 1-based line and column

# Words in a host or service label that tell a test-wise learner the placement, with the
# answer each suggests. Documented for authors in scenarios/README.md ("Placement cues").
PLACEMENT_CUES: dict[str, str] = {
    "internal": "internal",
    "embedded": "internal",
    "sidecar": "internal",
    "local": "internal",
    "localhost": "internal",
    "loopback": "internal",
    "same host": "internal",
    "on the vm": "internal",
    "in the vm": "internal",
    "external": "external",
    "managed": "external",
    "remote": "external",
    "shared": "external",
    "separate": "external",
    "dedicated": "external",
    "cloud": "external",
    "scalable": "external",
    "high-parity": "external",
    "own host": "external",
}
ABSOLUTE_WORDS = ("always", "never", "all", "only")

# The pack-level longest-correct warning: from this many single-answer questions, when the
# longest-choice guess beats chance by more than this many points.
LONGEST_MIN_QUESTIONS = 8
LONGEST_MARGIN_POINTS = 25.0
# Two questions are near-duplicates when their right answers share this much of their content
# words (Jaccard, each with at least 3 words), or their prompts and right answers together this.
SAME_ANSWER = 0.6
SAME_QUESTION = 0.5

_STOP_WORDS = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers him his how i if in into is it its itself
    just me more most my no nor not now of off on once only or other our ours out over own
    same she should so some such than that the their theirs them then there these they this
    those through to too under until up very was we were what when where which while who whom
    why will with would you your yours yes one two here's it's what's let's
    think look about which whose ask asks asked pick apply here there thing things
"""
_STOP = frozenset(_STOP_WORDS.split())
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def _stem(word: str) -> str:
    """A crude stem, enough to match 'databases' with 'database' and 'offerings' with 'offer'."""
    word = word.removesuffix("'s")
    for suffixes in ((("ies", "y"), ("s", "")), (("ing", ""), ("ed", ""))):
        for suffix, replacement in suffixes:
            if len(word) > len(suffix) + 2 and word.endswith(suffix) and not word.endswith("ss"):
                word = word[: -len(suffix)] + replacement
                break
    return word


def content_words(text: str) -> frozenset[str]:
    """The words of a text that carry its meaning: lowercased, stemmed, no stop words."""
    return frozenset(
        _stem(word)
        for word in _WORD.findall(text.lower().replace("_", " "))
        if word not in _STOP and len(word) > 1
    )


def _spelled(text: str, stems: frozenset[str]) -> list[str]:
    """The words of `text` as written whose stems are among `stems`, once each, in order."""
    found = [w for w in _WORD.findall(text.lower().replace("_", " ")) if _stem(w) in stems]
    return list(dict.fromkeys(found))


def _whole_words(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern for any of these words or phrases, as whole words, in lowercased text."""
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![a-z0-9-])(?:{alternatives})(?![a-z0-9-])")


_CUE_PATTERN = _whole_words(PLACEMENT_CUES)
_ABSOLUTE_PATTERN = _whole_words(ABSOLUTE_WORDS)


def _absolute_word(text: str) -> str | None:
    match = _ABSOLUTE_PATTERN.search(text.lower())
    return match.group() if match else None


# -- positions ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionSpots:
    """Where a question's parts are in its file."""

    prompt: Pos
    hint: Pos | None
    choices: tuple[Pos, ...]  # each choice's text


@dataclass
class ScenarioSpots:
    """Where a scenario's labels and questions are, for warnings at the exact line."""

    path: Path
    title: Pos | None = None
    questions: dict[str, QuestionSpots] = field(default_factory=dict)
    host_labels: dict[str, Pos] = field(default_factory=dict)
    service_labels: dict[str, Pos] = field(default_factory=dict)


def _warning(path: Path, where: Pos, message: str) -> Problem:
    return Problem(path, where[0], where[1], message, severity="warning")


# -- per scenario --------------------------------------------------------------------------------


def scenario_warnings(scenario: Scenario, spots: ScenarioSpots) -> list[Problem]:
    """Hints that give answers away, placement labels and titles that name the answer, lone
    absolutes, prompts and titles too long for the screen (text_length.py)."""
    problems = _title_cue(scenario, spots)
    for question in scenario.questions:
        where = spots.questions.get(question.id)
        if where is None:
            continue
        if question.hint and where.hint and (why := hint_gives_away(question)):
            problems.append(_warning(spots.path, where.hint, why))
        if question.kind == "placement":
            problems.extend(_placement_cues(scenario, question, spots))
    problems.extend(_lone_absolutes(scenario, spots))
    problems.extend(text_length.scenario_warnings(scenario, spots))
    return problems


def _title_cue(scenario: Scenario, spots: ScenarioSpots) -> list[Problem]:
    """The title is on screen during every question: it must not name a placement either."""
    placement = next((q for q in scenario.questions if q.kind == "placement"), None)
    if placement is None or spots.title is None or (cue := label_cue(scenario.title)) is None:
        return []
    word, suggests = cue
    return [
        _warning(
            spots.path,
            spots.title,
            f"the title contains '{word}', which suggests {suggests} to a test-wise learner "
            f"during question '{placement.id}' (the title stays on screen): describe the "
            "situation without the answer's words",
        )
    ]


def hint_gives_away(question: Question) -> str | None:
    """Why this question's hint gives its answer away, or None when it does not."""
    hint = question.hint or ""
    if question.kind == "placement":
        answer = question.answer or ""
        if answer and re.search(rf"\b{answer[:5]}", hint, re.IGNORECASE):
            return (
                f"the hint of question '{question.id}' names the answer ('{answer}'): point "
                "to the reasoning instead, such as which machine runs the service"
            )
        return None
    hint_words = content_words(hint)
    for choice in question.choices:
        if not choice.correct:
            continue
        answer_words = content_words(choice.text)
        shared = hint_words & answer_words
        if not shared:
            continue
        most_of_hint = len(shared) >= 2 and len(shared) * 2 > len(hint_words)
        most_of_answer = len(shared) >= 2 and len(shared) * 5 >= len(answer_words) * 3
        whole_answer = len(answer_words) <= 2 and shared == answer_words
        if most_of_hint or most_of_answer or whole_answer:
            words = ", ".join(f"'{word}'" for word in _spelled(hint, shared))
            return (
                f"the hint of question '{question.id}' repeats the right choice's words "
                f"({words}): a learner can match words instead of reasoning; hint at the "
                "reasoning (what to compare, what to ask oneself) without the answer's words"
            )
    return None


def label_cue(label: str) -> tuple[str, str] | None:
    """(cue word, the placement it suggests) for the first cue in a label, or None."""
    match = _CUE_PATTERN.search(label.lower())
    return (match.group(), PLACEMENT_CUES[match.group()]) if match else None


def _placement_cues(scenario: Scenario, question: Question, spots: ScenarioSpots) -> list[Problem]:
    topology = scenario.topology
    service = topology.service(question.service or "")
    host = topology.host_of(question.service or "")
    candidates = []
    if service is not None:
        candidates.append(("service", service.label, spots.service_labels.get(service.id)))
    if host is not None:
        candidates.append(("host", host.label, spots.host_labels.get(host.id)))
    problems = []
    for what, label, where in candidates:
        if where is None or (cue := label_cue(label)) is None:
            continue
        word, suggests = cue
        problems.append(
            _warning(
                spots.path,
                where,
                f"the {what} label '{label}' contains '{word}', which suggests {suggests} to "
                f"a test-wise learner before they read question '{question.id}': use a neutral "
                "label (such as 'MySQL' or 'VM 2') and describe the setup in the summary or a "
                "text step",
            )
        )
    return problems


def _lone_absolutes(scenario: Scenario, spots: ScenarioSpots) -> list[Problem]:
    """Absolute words in wrong choices when no right choice of the scenario uses one."""
    right_uses_one = any(
        _absolute_word(choice.text)
        for question in scenario.questions
        for choice in question.choices
        if choice.correct
    )
    if right_uses_one:
        return []
    problems = []
    for question in scenario.questions:
        where = spots.questions.get(question.id)
        if where is None:
            continue
        for index, choice in enumerate(question.choices):
            word = None if choice.correct else _absolute_word(choice.text)
            if word is None or index >= len(where.choices):
                continue
            problems.append(
                _warning(
                    spots.path,
                    where.choices[index],
                    f"'{word}' appears in a wrong choice of question '{question.id}' but "
                    "in no right choice of this scenario: test-wise learners rule out "
                    "absolutes unread; reword this choice without it, or let a right choice "
                    "use one too",
                )
            )
    return problems


# -- across a pack ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LongestCue:
    """How well "pick the longest choice" does on a pack's single-answer questions."""

    questions: int
    guess_rate: float  # percent right by always picking the longest (ties split evenly)
    chance_rate: float  # percent right by picking at random
    contributing: tuple[tuple[Scenario, Question], ...]  # right choice is (one of) the longest


def longest_cue(scenarios: Iterable[Scenario], shortest: bool = False) -> LongestCue:
    """How "pick the longest choice" does; with `shortest`, "pick the shortest" (the opposite
    habit: a pack rewritten to make every right choice short is just as easy to game)."""
    score = chance = 0.0
    count = 0
    contributing = []
    for scenario in scenarios:
        for question in scenario.questions:
            if question.kind != "choice" or len(question.choices) < 2:
                continue
            count += 1
            lengths = [len(" ".join(choice.text.split())) for choice in question.choices]
            extreme = min(lengths) if shortest else max(lengths)
            tied = [i for i, length in enumerate(lengths) if length == extreme]
            chance += 1 / len(question.choices)
            if question.correct_indexes() & set(tied):
                score += 1 / len(tied)
                contributing.append((scenario, question))
    if count == 0:
        return LongestCue(0, 0.0, 0.0, ())
    return LongestCue(count, 100 * score / count, 100 * chance / count, tuple(contributing))


def pack_warnings(entries: Sequence[tuple[Scenario, ScenarioSpots]]) -> list[Problem]:
    """The longest-correct cue and near-duplicate questions, across these scenarios."""
    spots_of = {id(scenario): spots for scenario, spots in entries}
    problems: list[Problem] = []
    cue = longest_cue(scenario for scenario, _ in entries)
    if (
        cue.questions >= LONGEST_MIN_QUESTIONS
        and cue.guess_rate > cue.chance_rate + LONGEST_MARGIN_POINTS
    ):
        for scenario, question in cue.contributing:
            spots = spots_of[id(scenario)]
            where = spots.questions.get(question.id)
            if where is None:
                continue
            right = min(question.correct_indexes())
            problems.append(
                _warning(
                    spots.path,
                    where.choices[right] if right < len(where.choices) else where.prompt,
                    f"the right choice of question '{question.id}' is its longest; across the "
                    f"pack, picking the longest choice scores {cue.guess_rate:.0f}% of "
                    f"{cue.questions} single-answer questions, against {cue.chance_rate:.0f}% "
                    "by chance: make wrong choices as long and specific as the right one, or "
                    "the right one shorter",
                )
            )
    problems.extend(_near_duplicates(entries))
    return problems


def answer_words(question: Question) -> frozenset[str]:
    """The content words of a question's right choices."""
    words: set[str] = set()
    for choice in question.choices:
        if choice.correct:
            words |= content_words(choice.text)
    return frozenset(words)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _first_similar(
    sets: Sequence[frozenset[str]], threshold: float, eligible: Callable[[int, int], bool]
) -> dict[int, int]:
    """For each set, the first earlier eligible set at least `threshold` alike (Jaccard).

    Prefix filtering keeps this near linear: two sets that alike must share a word among the
    rarest len - ceil(threshold * len) + 1 words of each, so only sets sharing one of those are
    compared. Each set is matched once at most, which also bounds the warnings.
    """
    frequency = Counter(word for words in sets for word in words)
    index: dict[str, list[int]] = defaultdict(list)
    found: dict[int, int] = {}
    for i, words in enumerate(sets):
        if not words:
            continue
        rarest_first = sorted(words, key=lambda word: (frequency[word], word))
        prefix = rarest_first[: len(words) - math.ceil(threshold * len(words)) + 1]
        compared: set[int] = set()
        for word in prefix:
            for j in index[word]:
                if j in compared:
                    continue
                compared.add(j)
                if similarity(sets[j], words) >= threshold and eligible(i, j):
                    found[i] = j
                    break
            if i in found:
                break
        for word in prefix:
            index[word].append(i)
    return found


def _near_duplicates(entries: Sequence[tuple[Scenario, ScenarioSpots]]) -> list[Problem]:
    """Choice and multi questions of different scenarios that ask and answer the same thing.

    Placement questions are left out: their prompts are alike by design, and the topology
    makes each one different. Each question is reported once, against the first it repeats.
    """
    items = [
        (scenario, spots, question)
        for scenario, spots in entries
        for question in scenario.questions
        if question.kind != "placement"
    ]
    answers = [answer_words(question) for _, _, question in items]
    # Short right answers ("Sidecars") are alike by chance: only longer ones are compared.
    long_answers = [words if len(words) >= 3 else frozenset() for words in answers]
    whole = [
        content_words(question.prompt) | words
        for (_, _, question), words in zip(items, answers, strict=True)
    ]

    def other_scenario(i: int, j: int) -> bool:
        return items[i][0] is not items[j][0]

    repeats = _first_similar(long_answers, SAME_ANSWER, other_scenario)
    for i, j in _first_similar(whole, SAME_QUESTION, other_scenario).items():
        repeats.setdefault(i, j)
    problems = []
    for i in sorted(repeats):
        scenario, spots, question = items[i]
        first_scenario, _, first = items[repeats[i]]
        where = spots.questions.get(question.id)
        if where is None:
            continue
        problems.append(
            _warning(
                spots.path,
                where.prompt,
                f"question '{question.id}' asks and answers nearly the same as "
                f"'{first_scenario.id}/{first.id}': a learner who remembers one answers the "
                "other without thinking; ask about another aspect of this scenario, or drop "
                "one of them",
            )
        )
    return problems
