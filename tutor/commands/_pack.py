"""Which pack a command acts on, and how each command names it (first line, `pack` in JSON)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tutor.content.manifest_model import PackManifest
    from tutor.content.packs import PackLocation

_HOW = {
    "--content": "from --content",
    "TUTOR_CONTENT": "from TUTOR_CONTENT",
    "current folder": "the pack around the current folder",
    "built-in": "built in; the current folder is in no pack",
    "named files": "the pack of the files named",
}


def locate(
    args: argparse.Namespace, command: str, *, look_around: bool = True
) -> PackLocation | None:
    """The pack for this command, or None after printing why there is none (exit 2).
    `command` "" is the app itself."""
    from tutor.content.packs import PackChoiceError, is_pack_folder, locate_pack

    prefix = f"tutor {command}".rstrip()

    try:
        location = locate_pack(getattr(args, "content", None), look_around=look_around)
    except PackChoiceError as error:
        print(f"{prefix}: {error}", file=sys.stderr)
        return None
    if not is_pack_folder(location.root):
        what = "does not exist" if not location.root.exists() else "is not a content pack"
        print(
            f"{prefix}: {location.root} {what} (a pack has pack.yaml, lessons/ or "
            "scenarios/; 'tutor new pack DIR' makes one)",
            file=sys.stderr,
        )
        return None
    return location


def manifest_of(location: PackLocation) -> PackManifest:
    """pack.yaml's names, or the defaults when it is missing or broken (validate says why)."""
    from tutor.content.manifest import load_manifest
    from tutor.content.manifest_model import default_manifest

    result = load_manifest(location.root, builtin=location.is_builtin)
    return result.manifest or default_manifest(location.root, location.is_builtin)


def pack_line(location: PackLocation, manifest: PackManifest) -> str:
    """The first line of validate, list and stats: which pack, and why that one."""
    where = "" if location.found == "built-in" else f", {location.shown_as}"
    return (
        f'pack: {manifest.id} {manifest.version}, "{manifest.title}" '
        f"({_HOW[location.found]}{where})"
    )


def pack_json(location: PackLocation, manifest: PackManifest) -> dict[str, Any]:
    return {
        "id": manifest.id,
        "title": manifest.title,
        "version": manifest.version,
        "path": location.shown_as,
        "found": location.found,
        "zip": location.archive is not None,
    }
