"""The files a list of paths names, for `tutor validate PATH...`."""

from __future__ import annotations

from pathlib import Path

from tutor.content.manifest import MANIFEST_NAME
from tutor.content.packs import SCENARIO_SUFFIXES

LESSON_SUFFIX = ".md"


class UsageError(Exception):
    """A path that cannot be validated at all (missing, or not a scenario or lesson file)."""


def collect(paths: list[Path]) -> list[Path]:
    """The files named by these paths: folders give their .yaml/.yml files and lessons."""
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for candidate in sorted(path.rglob("*")):
                if not candidate.is_file():
                    continue
                if (
                    candidate.suffix in SCENARIO_SUFFIXES
                    or (candidate.suffix == LESSON_SUFFIX and candidate.parent.name == "lessons")
                    or (candidate.name == MANIFEST_NAME and candidate.parent == path.resolve())
                ):
                    files.append(candidate.resolve())
        elif path.is_file():
            if path.suffix not in (*SCENARIO_SUFFIXES, LESSON_SUFFIX):
                raise UsageError(
                    f"{given}: not a scenario (.yaml), lesson (.md) or {MANIFEST_NAME} file"
                )
            files.append(path.resolve())
        elif path.exists():
            raise UsageError(f"{given}: not a file or folder")
        else:
            raise UsageError(f"{given}: no such file or folder")
    return list(dict.fromkeys(files))
