"""A small in-memory pack for the progress tests (a helper module, not a test file)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tutor.content.model import (
    Choice,
    Host,
    Lesson,
    LessonPage,
    Pack,
    Question,
    QuestionStep,
    Scenario,
    Service,
    TextStep,
    Topology,
)

TOPOLOGY = Topology(
    (
        Host("laptop", "Laptop", "workstation", (Service("app", "App", "app"),)),
        Host("db-host", "DB host", "server", (Service("db", "MySQL", "relational-database"),)),
    )
)


def placement(qid: str, answer: str = "internal") -> Question:
    return Question(qid, "placement", f"Where does {qid} go?", "Because.", "A hint.", "db", answer)


def choice(qid: str, correct: int = 0, n: int = 3, kind: str = "choice") -> Question:
    choices = tuple(Choice(f"{qid} option {i}", i == correct) for i in range(n))
    return Question(qid, kind, f"Pick for {qid}", "Because.", None, None, None, choices)


def multi(qid: str, correct: tuple[int, ...] = (0, 2), n: int = 4) -> Question:
    choices = tuple(Choice(f"{qid} option {i}", i in correct) for i in range(n))
    return Question(qid, "multi", f"Pick all for {qid}", "Because.", None, None, None, choices)


def scenario(sid, environment, questions, lesson=None, tags=()) -> Scenario:
    steps = (TextStep("Context."), *(QuestionStep(q) for q in questions))
    return Scenario(sid, sid.title(), environment, "Summary.", TOPOLOGY, steps, lesson, tags)


def make_pack() -> Pack:
    """6 scenarios, 13 questions, across environments, two lessons and some tags."""
    return Pack(
        root=Path("/nonexistent"),
        lessons=[
            Lesson(
                "basics", "Basics", 1, (LessonPage("One", "## One"), LessonPage("Two", "## Two"))
            ),
            Lesson("envs", "Environments", 2, (LessonPage("Only", "## Only"),)),
        ],
        scenarios=[
            scenario("s-local", "local", [placement("p1"), choice("c1")], "basics", ("mysql",)),
            scenario("s-dev", "development", [placement("p1"), multi("m1")], "basics", ("ci",)),
            scenario("s-test", "testing", [choice("c1", 1), choice("c2", 2)], "envs", ("ci",)),
            scenario("s-stage", "staging", [placement("p1", "external"), multi("m1")], "envs"),
            scenario(
                "s-prod",
                "production",
                [placement("p1", "external"), choice("c1"), multi("m2", (1,))],
                "envs",
                ("mysql", "redis"),
            ),
            scenario("s-free", "production", [choice("c9", 2), choice("c10")], None, ("redis",)),
        ],
    )


def with_question(pack: Pack, scenario_id: str, question: Question) -> Pack:
    """A copy of the pack where one scenario's question of the same id is replaced."""
    scenarios = []
    for s in pack.scenarios:
        if s.id == scenario_id:
            steps = tuple(
                QuestionStep(question)
                if isinstance(step, QuestionStep) and step.question.id == question.id
                else step
                for step in s.steps
            )
            s = replace(s, steps=steps)
        scenarios.append(s)
    return Pack(pack.root, list(pack.lessons), scenarios)
