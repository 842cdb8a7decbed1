"""What pack.yaml says, as plain dataclasses (no YAML here: tutor.content.manifest reads the
file; a Pack from the cache unpickles these without importing the parser)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

BUILTIN_PACK_ID = "backing-services"


@dataclass(frozen=True)
class PackScreens:
    environments: bool = True
    live_check: bool = True


@dataclass(frozen=True)
class PackManifest:
    id: str
    title: str
    version: str
    course: str | None = None
    authors: tuple[str, ...] = ()
    builds_on_builtin: bool = False  # its lessons and scenarios may name the built-in lessons
    screens: PackScreens = field(default_factory=PackScreens)
    path: Path | None = None  # None: no pack.yaml, the defaults

    @property
    def label(self) -> str:
        """How commands name the pack: its id and version."""
        return f"{self.id} {self.version}"


def folder_id(folder: Path) -> str:
    """An id from a folder's name: 'My Course 2027' -> 'my-course-2027'."""
    cleaned = re.sub(r"[^a-z0-9]+", "-", folder.name.lower()).strip("-")
    return cleaned or "pack"


def default_manifest(root: Path, builtin: bool = False) -> PackManifest:
    """A pack with no pack.yaml: named after its folder."""
    if builtin:
        return PackManifest(id=BUILTIN_PACK_ID, title="Backing services", version="builtin")
    folder = root.resolve()
    return PackManifest(id=folder_id(folder), title=folder.name or "pack", version="unversioned")
