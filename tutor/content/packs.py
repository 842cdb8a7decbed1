"""Where content packs live: the built-in one, or one chosen with --content/TUTOR_CONTENT."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent
SCENARIO_SUFFIXES = (".yaml", ".yml")


def builtin_pack_root() -> Path:
    """An installed wheel carries the pack in tutor/_builtin; a checkout, at its top level."""
    installed = _PACKAGE_DIR / "_builtin"
    if (installed / "scenarios").is_dir():
        return installed
    return _PACKAGE_DIR.parent


def selected_pack_root(option: str | os.PathLike[str] | None = None) -> Path:
    """--content wins over TUTOR_CONTENT, which wins over the built-in pack."""
    chosen = option or os.environ.get("TUTOR_CONTENT")
    if chosen:
        return Path(chosen).expanduser().resolve()
    return builtin_pack_root()


def pack_root_containing(path: Path) -> Path | None:
    """The pack a file or folder lies in: the nearest ancestor holding lessons/ or scenarios/."""
    path = path.resolve()
    for candidate in (path, *path.parents):
        if candidate.is_dir() and (
            (candidate / "scenarios").is_dir() or (candidate / "lessons").is_dir()
        ):
            return candidate
    return None


def pack_files(root: Path) -> tuple[list[Path], list[Path]]:
    """The pack's lesson files and scenario files (.yml too: reported, never loaded)."""
    lessons_dir, scenarios_dir = root / "lessons", root / "scenarios"
    lessons = sorted(lessons_dir.glob("*.md")) if lessons_dir.is_dir() else []
    scenarios = []
    if scenarios_dir.is_dir():
        scenarios = sorted(
            p for p in scenarios_dir.rglob("*") if p.suffix in SCENARIO_SUFFIXES and p.is_file()
        )
    return lessons, scenarios
