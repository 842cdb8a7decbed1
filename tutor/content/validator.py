"""Whole packs and arbitrary paths: load every file, then check what spans files.

Cross-file rules: scenario ids and lesson ids are unique in the pack (the problem names both
files), and a scenario's `lesson` names a lesson of the pack. A file with errors does not load;
the pack keeps every good file and lists the problems of the bad ones. The authoring checks
(item-writing, and the page-length rule, which needs the links each lesson's last page gets
from the pack) run only for `validate_paths` and `validate_pack`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tutor.content import item_checks, text_length
from tutor.content.builtin_lessons import builds_on_hint, builtin_lessons
from tutor.content.fields import suggestion
from tutor.content.lesson_loader import LessonResult, load_lesson
from tutor.content.manifest import MANIFEST_NAME, load_manifest
from tutor.content.manifest_model import PackManifest, default_manifest
from tutor.content.model import Lesson, Pack, Problem, Scenario
from tutor.content.packs import (
    builtin_pack_root,
    pack_files,
    pack_root_containing,
)
from tutor.content.page_fit import LessonLinks, page_warnings, practice_links
from tutor.content.paths import LESSON_SUFFIX, collect
from tutor.content.scenario_loader import ScenarioResult, load_scenario


@dataclass
class Report:
    """The outcome of validating some paths: the files looked at and their problems."""

    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


class _Loading:
    """Loads a set of lesson and scenario files and runs the cross-file checks over them.

    With `item_checks`, the item-writing warnings too (for the authoring commands only)."""

    def __init__(self, check_lesson_refs: bool, item_checks: bool = False) -> None:
        self.check_lesson_refs = check_lesson_refs
        self.item_checks = item_checks
        self.lessons: dict[Path, LessonResult] = {}
        self.scenarios: dict[Path, ScenarioResult] = {}
        self.extra: dict[Path, list[Problem]] = {}
        # The built-in course's lessons, when pack.yaml says `builds-on: builtin`: scenarios
        # may name them, and the pack's own lessons must not reuse their ids.
        self.builtin_lessons: dict[str, Lesson] = {}

    def add_lesson(self, path: Path) -> None:
        if path not in self.lessons:
            self.lessons[path] = load_lesson(path)

    def add_scenario(self, path: Path) -> None:
        if path in self.scenarios or path in self.extra:
            return
        if path.suffix != ".yaml":
            self.extra[path] = [
                Problem(
                    path,
                    1,
                    1,
                    "scenario files end in .yaml; this file is not loaded: rename it to "
                    f"{path.stem}.yaml",
                )
            ]
            return
        self.scenarios[path] = load_scenario(path)

    def cross_check(self) -> None:
        lesson_seen: dict[str, tuple[Path, tuple[int, int]]] = {}
        for path, lesson_result in self.lessons.items():
            if lesson_result.id is None:
                continue
            if lesson_result.id in lesson_seen:
                self._duplicate(path, lesson_result.id_pos, "lesson", lesson_result.id, lesson_seen)
                lesson_result.lesson = None
            elif lesson_result.id in self.builtin_lessons:
                lesson_result.problems.append(
                    Problem(
                        path,
                        *lesson_result.id_pos,
                        f"lesson id '{lesson_result.id}' is a built-in lesson's id, and this "
                        "pack builds on the built-in course (pack.yaml): choose another id",
                    )
                )
                lesson_result.lesson = None
            else:
                lesson_seen[lesson_result.id] = (path, lesson_result.id_pos)
        scenario_seen: dict[str, tuple[Path, tuple[int, int]]] = {}
        lesson_ids = [*lesson_seen, *self.builtin_lessons]
        for path, result in self.scenarios.items():
            refs = result.refs
            if refs.id is not None:
                if refs.id in scenario_seen:
                    self._duplicate(path, refs.id_pos, "scenario", refs.id, scenario_seen)
                    result.scenario = None
                else:
                    scenario_seen[refs.id] = (path, refs.id_pos)
            if (
                self.check_lesson_refs
                and refs.lesson is not None
                and refs.lesson not in lesson_seen
                and refs.lesson not in self.builtin_lessons
            ):
                hint = suggestion(refs.lesson, lesson_ids) if lesson_ids else "; it has none"
                result.problems.append(
                    Problem(
                        path,
                        *refs.lesson_pos,
                        f"lesson '{refs.lesson}' is not a lesson of this pack"
                        + hint
                        + builds_on_hint(refs.lesson, self.builtin_lessons),
                    )
                )
                result.scenario = None
        if self.item_checks:
            self._item_warnings()
            self._page_warnings()

    def _page_warnings(self) -> None:
        """The page-length rule, each lesson's last page with the links the reader gives it:
        its scenarios in this pack and the next lesson in the pack's order."""
        loaded = sorted(
            (result.lesson for result in self.lessons.values() if result.lesson is not None),
            key=_order_key,
        )
        scenarios: dict[str, int] = {}
        for loaded_scenario in self.scenarios.values():
            named = loaded_scenario.scenario.lesson if loaded_scenario.scenario else None
            if named is not None:
                scenarios[named] = scenarios.get(named, 0) + 1
        for path, result in self.lessons.items():
            lesson = result.lesson
            if lesson is None:
                continue
            links = None
            if self.check_lesson_refs:  # in a pack: the links are known
                links = LessonLinks(
                    practice_links(lesson, scenarios.get(lesson.id, 0)),
                    next_lesson=lesson is not loaded[-1],
                )
            result.problems.extend(page_warnings(lesson, path, result.page_lines, links))
            result.problems.extend(text_length.lesson_title_warnings(lesson, path))
            result.problems.sort(key=lambda p: (p.line, p.column))

    def _item_warnings(self) -> None:
        entries = [
            (result.scenario, result.spots)
            for result in self.scenarios.values()
            if result.scenario is not None and result.spots is not None
        ]
        by_path: dict[Path, list[Problem]] = {}
        for scenario, spots in entries:
            by_path.setdefault(spots.path, []).extend(
                item_checks.scenario_warnings(scenario, spots)
            )
        for problem in item_checks.pack_warnings(entries):
            by_path.setdefault(problem.path, []).append(problem)
        for path, problems in by_path.items():
            problems.sort(key=lambda p: (p.line, p.column))
            self.scenarios[path].problems.extend(problems)

    def _duplicate(
        self,
        path: Path,
        where: tuple[int, int],
        what: str,
        item_id: str,
        seen: dict[str, tuple[Path, tuple[int, int]]],
    ) -> None:
        first, (line, column) = seen[item_id]
        problem = Problem(
            path,
            *where,
            f"{what} id '{item_id}' is already used by {_display(first)}:{line}:{column}; "
            f"{what} ids must be unique in the pack: rename one",
        )
        results = self.lessons if what == "lesson" else self.scenarios
        results[path].problems.append(problem)

    def problems_for(self, path: Path) -> list[Problem]:
        if path in self.lessons:
            return self.lessons[path].problems
        if path in self.scenarios:
            return self.scenarios[path].problems
        return self.extra.get(path, [])


def _display(path: Path) -> str:
    """A short name for a file in messages: relative to the working directory when possible."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _order_key(lesson: Lesson) -> tuple[bool, int, str]:
    name = lesson.path.name if lesson.path else ""
    return (lesson.order is None, lesson.order or 0, name)


@dataclass
class _PackStart:
    """A pack's manifest, and a _Loading ready for its files."""

    manifest: PackManifest
    manifest_problems: list[Problem]
    loading: _Loading


def _start(root: Path, *, item_checks: bool = False) -> _PackStart:
    builtin = root.resolve() == builtin_pack_root().resolve()
    result = load_manifest(root, builtin=builtin)
    manifest = result.manifest or default_manifest(root, builtin)
    loading = _Loading(check_lesson_refs=True, item_checks=item_checks)
    if manifest.builds_on_builtin and not builtin:
        loading.builtin_lessons = builtin_lessons()
    return _PackStart(manifest, result.problems, loading)


def load_pack(root: Path) -> Pack:
    """Load a pack: every good lesson and scenario, and the problems of the bad files."""
    root = Path(root)
    start = _start(root)
    lessons, scenarios = pack_files(root)
    for path in lessons:
        start.loading.add_lesson(path)
    for path in scenarios:
        start.loading.add_scenario(path)
    start.loading.cross_check()
    return _pack(root, start)


def _pack(root: Path, start: _PackStart) -> Pack:
    loading = start.loading
    pack = Pack(root=root, manifest=start.manifest)
    pack.problems.extend(start.manifest_problems)
    for path in [*loading.lessons, *loading.scenarios, *loading.extra]:
        pack.problems.extend(loading.problems_for(path))
    own = sorted(
        (r.lesson for r in loading.lessons.values() if r.lesson is not None), key=_order_key
    )
    # A pack that builds on the course follows it: the built-in lessons first, in their order.
    builtin = sorted(loading.builtin_lessons.values(), key=_order_key)
    pack.lessons = [*builtin, *own]
    pack.builtin_lesson_ids = frozenset(loading.builtin_lessons)
    pack.scenarios = [r.scenario for r in loading.scenarios.values() if r.scenario is not None]
    pack.failed_scenarios = {
        r.refs.id: path
        for path, r in loading.scenarios.items()
        if r.scenario is None and r.refs.id is not None
    }
    return pack


def load_scenario_file(path: Path) -> tuple[Scenario | None, list[Problem]]:
    """One scenario file on its own (no pack cross-references)."""
    result = load_scenario(Path(path))
    return result.scenario, result.problems


def load_lesson_file(path: Path) -> tuple[Lesson | None, list[Problem]]:
    """One lesson file on its own, its pages measured without the links a pack gives them."""
    path = Path(path)
    result = load_lesson(path)
    problems = list(result.problems)
    if result.lesson is not None:
        problems.extend(page_warnings(result.lesson, path, result.page_lines, None))
    return result.lesson, sorted(problems, key=lambda p: (p.line, p.column))


def pack_of(path: Path) -> Path | None:
    """The pack a path belongs to: the pack root itself, or under its lessons/ or scenarios/."""
    path = Path(path).resolve()
    root = pack_root_containing(path if path.is_dir() else path.parent)
    if root is None:
        return None
    if path in (root, root / MANIFEST_NAME) or any(
        path.is_relative_to(root / d) for d in ("lessons", "scenarios")
    ):
        return root
    return None


def load_scenario_in_pack(path: Path) -> tuple[Scenario | None, list[Problem], Pack | None]:
    """One scenario file, checked against the pack around it (if any), and that pack.

    For `tutor preview`: the problems are the file's own, including duplicate ids and a
    dangling lesson reference; the pack supplies lessons.
    """
    path = Path(path).resolve()
    root = pack_of(path)
    start = _start(root) if root is not None else None
    loading = start.loading if start else _Loading(check_lesson_refs=False)
    pack = None
    if root is not None:
        lessons, scenarios = pack_files(root)
        for lesson in lessons:
            loading.add_lesson(lesson)
        for other in scenarios:
            if other != path:
                loading.add_scenario(other)
    loading.add_scenario(path)
    loading.cross_check()
    if root is not None and start is not None:
        pack = _pack(root, start)
    result = loading.scenarios.get(path)
    scenario = result.scenario if result else None
    return scenario, loading.problems_for(path), pack


def validate_paths(paths: list[Path]) -> Report:
    """Validate files and folders. Files inside a pack are checked against the whole pack.

    Raises UsageError for a path that does not exist or is not a scenario or lesson file.
    """
    files = collect(paths)
    groups: dict[Path | None, list[Path]] = {}
    for path in files:
        groups.setdefault(pack_of(path), []).append(path)
    report = Report(files=files)
    by_file: dict[Path, list[Problem]] = {}
    for root, group in groups.items():
        start = _start(root, item_checks=True) if root is not None else None
        loading = start.loading if start else _Loading(check_lesson_refs=False, item_checks=True)
        if root is not None:
            lessons, scenarios = pack_files(root)
            for lesson in lessons:
                loading.add_lesson(lesson)
            for scenario in scenarios:
                loading.add_scenario(scenario)
        for path in group:
            if path.name == MANIFEST_NAME:
                continue
            if path.suffix == LESSON_SUFFIX:
                loading.add_lesson(path)
            else:
                loading.add_scenario(path)
        loading.cross_check()
        for path in group:
            if path.name == MANIFEST_NAME:
                by_file[path] = _manifest_problems(path, start)
            else:
                by_file[path] = loading.problems_for(path)
    for path in files:
        report.problems.extend(by_file[path])
    return report


def _manifest_problems(path: Path, start: _PackStart | None) -> list[Problem]:
    """pack.yaml's own problems; a pack.yaml outside any pack is read on its own."""
    if start is not None:
        return start.manifest_problems
    return load_manifest(path.parent).problems


def validate_pack(root: Path) -> Report:
    """Validate every file of a pack, pack.yaml and item-writing checks included."""
    lessons, scenarios = pack_files(root)
    start = _start(root, item_checks=True)
    for path in lessons:
        start.loading.add_lesson(path)
    for path in scenarios:
        start.loading.add_scenario(path)
    start.loading.cross_check()
    manifest = [root / MANIFEST_NAME] if (root / MANIFEST_NAME).is_file() else []
    return Report(files=[*manifest, *lessons, *scenarios], problems=_pack(root, start).problems)
