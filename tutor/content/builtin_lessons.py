"""The built-in course's lessons, for packs that build on it (`builds-on: builtin`)."""

from __future__ import annotations

import functools

from tutor.content.lesson_loader import load_lesson
from tutor.content.model import Lesson
from tutor.content.packs import builtin_pack_root, pack_files


def builtin_lessons() -> dict[str, Lesson]:
    """The built-in course's good lessons, by id (a fresh dict: callers keep it)."""
    return dict(_readbuiltin_lessons())


@functools.lru_cache(maxsize=1)
def _readbuiltin_lessons() -> tuple[tuple[str, Lesson], ...]:
    lessons, _ = pack_files(builtin_pack_root())
    loaded = (load_lesson(path).lesson for path in lessons)
    return tuple((lesson.id, lesson) for lesson in loaded if lesson is not None)


def builds_on_hint(lesson_id: str, builtin: dict[str, Lesson]) -> str:
    """When a scenario names a built-in lesson in a pack that does not build on the course."""
    if builtin or lesson_id not in builtin_lessons():
        return ""
    return (
        "; it is a built-in lesson: to use the built-in lessons, add 'builds-on: builtin' "
        "to pack.yaml"
    )
