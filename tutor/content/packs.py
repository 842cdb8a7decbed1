"""Where content packs live, and which pack a command acts on.

A pack is a folder with lessons/, scenarios/ and, optionally, pack.yaml. The built-in pack
ships inside the installed package (tutor/_builtin) or, in a checkout, is the checkout itself.

Which pack a command acts on:
1. --content DIR|ZIP, then TUTOR_CONTENT;
2. for the authoring commands (new, validate, list, preview, diagram, stats, pack), the pack
   that contains the current directory: the nearest folder, walking up, with pack.yaml,
   lessons/ or scenarios/;
3. the built-in pack.

Nothing ever writes inside the installed package: `writing_refusal` says why a command that
writes must refuse, and a zipped pack is read-only too.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

_PACKAGE_DIR = Path(__file__).resolve().parent.parent
SCENARIO_SUFFIXES = (".yaml", ".yml")
MANIFEST_FILE = "pack.yaml"  # as tutor.content.manifest.MANIFEST_NAME, without importing YAML

# How a command came to act on its pack, in the words its first line of output uses.
Found = Literal["--content", "TUTOR_CONTENT", "current folder", "built-in", "named files"]


def builtin_pack_root() -> Path:
    """An installed wheel carries the pack in tutor/_builtin; a checkout, at its top level."""
    installed = _PACKAGE_DIR / "_builtin"
    if (installed / "scenarios").is_dir():
        return installed
    return _PACKAGE_DIR.parent


def is_pack_folder(folder: Path) -> bool:
    return folder.is_dir() and (
        (folder / "scenarios").is_dir()
        or (folder / "lessons").is_dir()
        or (folder / MANIFEST_FILE).is_file()
    )


def pack_root_containing(path: Path) -> Path | None:
    """The pack a file or folder lies in: the nearest ancestor with pack.yaml, lessons/ or
    scenarios/."""
    path = Path(path).resolve()
    for candidate in (path, *path.parents):
        if is_pack_folder(candidate):
            return candidate
    return None


def inside_installed_package(path: Path) -> bool:
    """True for anything under the installed tutor package, where pip owns the files."""
    return Path(path).resolve().is_relative_to(_PACKAGE_DIR)


@dataclass(frozen=True)
class PackLocation:
    """The pack a command acts on, and how it was chosen."""

    root: Path
    found: Found
    archive: Path | None = None  # the zip it was opened from; its extraction is read-only

    @property
    def is_builtin(self) -> bool:
        return self.root.resolve() == builtin_pack_root().resolve()

    @property
    def shown_as(self) -> str:
        """Where the pack is, for people: the zip, or the folder."""
        return str(self.archive or self.root)


class PackChoiceError(Exception):
    """--content or TUTOR_CONTENT names something that is not a usable pack."""


def selected_pack_root(option: str | os.PathLike[str] | None = None) -> Path:
    """--content wins over TUTOR_CONTENT, which wins over the built-in pack (the app, quiz,
    progress and export: they never look at the current folder)."""
    return locate_pack(option, look_around=False).root


def locate_pack(
    option: str | os.PathLike[str] | None = None,
    *,
    look_around: bool = True,
    cwd: Path | None = None,
) -> PackLocation:
    """The pack a command acts on. `look_around`: consider the pack around the current folder
    (the authoring commands do). Raises PackChoiceError for a --content that cannot be used."""
    if option:
        return _chosen(Path(option), "--content")
    from_environment = os.environ.get("TUTOR_CONTENT")
    if from_environment:
        return _chosen(Path(from_environment), "TUTOR_CONTENT")
    if look_around:
        around = pack_root_containing(cwd if cwd is not None else Path.cwd())
        if around is not None:
            return PackLocation(around, "current folder")
    return PackLocation(builtin_pack_root(), "built-in")


def _chosen(given: Path, found: Found) -> PackLocation:
    path = given.expanduser().resolve()
    if path.is_file() and path.suffix.lower() == ".zip":
        from tutor.content.archive import ArchiveError, open_archive
        from tutor.content.pack_cache import cache_dir

        try:
            return PackLocation(open_archive(path, cache_dir()), found, archive=path)
        except ArchiveError as error:
            raise PackChoiceError(f"{found} {given}: {error}") from None
    if path.is_file():
        raise PackChoiceError(
            f"{found} {given} is a file: give a pack folder, or a .zip made by 'tutor pack build'"
        )
    return PackLocation(path, found)


def writing_refusal(location: PackLocation) -> str | None:
    """Why a command that writes into the pack must not, or None when it may."""
    if location.archive is not None:
        return (
            f"the pack {location.archive} is a zip, which is read-only: unzip it, or work in "
            "the pack's own folder"
        )
    if inside_installed_package(location.root):
        return (
            "the built-in pack lives inside the installed package, where an upgrade or "
            "uninstall would delete your work: run this inside your own pack "
            "('tutor new pack DIR' makes one), or name it with --content DIR"
        )
    if location.found == "built-in":
        return (
            "the current folder is not inside a content pack: run this inside your own pack "
            "('tutor new pack DIR' makes one), or name it with --content DIR"
        )
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
