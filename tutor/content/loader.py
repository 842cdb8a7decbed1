"""Load a content pack into the model.

PROVISIONAL: a minimal loader so that other parts can be built against the API
(load_pack, load_scenario_file, load_lesson_file). The strict validator with exact
line numbers replaces its internals; the function signatures stay.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from tutor.content.model import (
    Choice,
    Host,
    Lesson,
    LessonPage,
    Link,
    Pack,
    Problem,
    Question,
    QuestionStep,
    Scenario,
    Service,
    TextStep,
    Topology,
)

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_scenario_file(path: Path) -> tuple[Scenario | None, list[Problem]]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
        return _scenario(data, path), []
    except Exception as error:  # provisional
        return None, [Problem(path, 1, 1, f"cannot load: {error}")]


def _scenario(data: dict, path: Path) -> Scenario:
    hosts = tuple(
        Host(
            h["id"],
            h["label"],
            h.get("kind", "server"),
            tuple(Service(s["id"], s["label"], s["kind"]) for s in h["services"]),
        )
        for h in data["hosts"]
    )
    links = tuple(Link(link["from"], link["to"]) for link in data.get("links") or ())
    steps = []
    for step in data["steps"]:
        if "text" in step:
            steps.append(TextStep(step["text"]))
        else:
            q = step["question"]
            steps.append(
                QuestionStep(
                    Question(
                        id=q["id"],
                        kind=q["kind"],
                        prompt=q["prompt"],
                        explain=q["explain"],
                        hint=q.get("hint"),
                        service=q.get("service"),
                        answer=q.get("answer"),
                        choices=tuple(
                            Choice(c["text"], bool(c.get("correct", False)), c.get("feedback"))
                            for c in q.get("choices") or ()
                        ),
                    )
                )
            )
    return Scenario(
        id=data["id"],
        title=data["title"],
        environment=data["environment"],
        summary=data["summary"],
        topology=Topology(hosts, links),
        steps=tuple(steps),
        lesson=data.get("lesson"),
        tags=tuple(data.get("tags") or ()),
        path=path,
    )


def load_lesson_file(path: Path) -> tuple[Lesson | None, list[Problem]]:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n(.*)", text, re.S)
    if not match:
        return None, [Problem(path, 1, 1, "missing front matter")]
    meta = yaml.load(match.group(1), Loader=_Loader)
    body = match.group(2)
    chunks = re.split(r"(?m)^(?=## )", body)
    pages = tuple(
        LessonPage(chunk.splitlines()[0][3:].strip(), chunk.strip())
        for chunk in chunks
        if chunk.startswith("## ")
    )
    return Lesson(meta["id"], meta["title"], meta.get("order"), pages, path), []


def load_pack(root: Path) -> Pack:
    pack = Pack(root=root)
    for path in sorted((root / "lessons").glob("*.md")):
        lesson, problems = load_lesson_file(path)
        pack.problems += problems
        if lesson:
            pack.lessons.append(lesson)
    pack.lessons.sort(key=lambda lesson: (lesson.order is None, lesson.order or 0))
    for path in sorted((root / "scenarios").rglob("*.yaml")):
        scenario, problems = load_scenario_file(path)
        pack.problems += problems
        if scenario:
            pack.scenarios.append(scenario)
    return pack
