"""Where content packs live: the built-in one, or one chosen with --content/TUTOR_CONTENT."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


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
