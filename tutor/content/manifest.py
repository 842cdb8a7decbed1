"""pack.yaml: what a pack is called, who wrote it, and which built-in screens it shows.

A pack without pack.yaml is still a pack (the folders are enough); it is then named after its
folder, with every built-in screen on. The manifest is checked like any other content file:
problems at their line and column, unknown keys with a did-you-mean. The dataclasses live in
manifest_model.py, which imports no YAML: a cached pack unpickles them without the parser.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import MappingNode, Node

from tutor.content.fields import FileCheck, Key, check_mapping, text_value
from tutor.content.manifest_model import PackManifest, PackScreens, default_manifest
from tutor.content.model import Problem
from tutor.content.yaml_nodes import compose, read_text

MANIFEST_NAME = "pack.yaml"

# The built-in screens a pack may hide. A pack about another topic may not want the
# Environments comparison or the live MySQL check, which are about backing services.
SCREEN_KEYS = (
    Key("environments", "bool"),
    Key("live-check", "bool"),
)
MANIFEST_KEYS = (
    Key("id", "id", required=True, example="ops-backing-services"),
    Key("title", "text", required=True, example="Backing services, autumn term"),
    Key("course", "text"),
    Key("version", "text", required=True, example="1.0"),
    Key("authors", "list"),
    Key("builds-on", "choice", choices=("builtin",)),
    Key("screens", "map"),
)


@dataclass
class ManifestResult:
    manifest: PackManifest | None  # None when pack.yaml has errors
    problems: list[Problem]


def load_manifest(root: Path, builtin: bool = False) -> ManifestResult:
    """The pack's manifest: pack.yaml checked, or the defaults when there is none."""
    path = root / MANIFEST_NAME
    if not path.is_file():
        return ManifestResult(default_manifest(root, builtin), [])
    text, problems = read_text(path)
    if text is None:
        return ManifestResult(None, problems)
    node, problems = compose(text, path)
    if problems:
        return ManifestResult(None, problems)
    check = FileCheck(path)
    if node is None:
        check.at(1, 1, "pack.yaml is empty: it needs at least 'id', 'title' and 'version'")
        return ManifestResult(None, check.problems)
    fields = check_mapping(check, node, MANIFEST_KEYS, "pack.yaml")
    if fields is None:
        return ManifestResult(None, check.problems)
    authors = _authors(check, fields.values.get("authors"))
    screens = _screens(check, fields.nodes.get("screens"))
    if check.has_errors:
        return ManifestResult(None, check.problems)
    manifest = PackManifest(
        id=str(fields.values["id"]),
        title=str(fields.values["title"]).strip(),
        version=str(fields.values["version"]).strip(),
        course=(fields.text("course") or "").strip() or None,
        authors=authors,
        builds_on_builtin=fields.text("builds-on") == "builtin",
        screens=screens,
        path=path,
    )
    return ManifestResult(manifest, check.problems)


def _authors(check: FileCheck, items: object) -> tuple[str, ...]:
    """The authors' names; check_mapping has already said so if 'authors' is not a list."""
    if not isinstance(items, list):
        return ()
    names = []
    for item in items:
        name = text_value(check, item, "an author in pack.yaml")
        if name is not None:
            names.append(name.strip())
    return tuple(names)


def _screens(check: FileCheck, node: Node | None) -> PackScreens:
    if node is None:
        return PackScreens()
    if not isinstance(node, MappingNode):
        check_mapping(check, node, SCREEN_KEYS, "'screens' of pack.yaml")  # reports the type
        return PackScreens()
    fields = check_mapping(check, node, SCREEN_KEYS, "'screens' of pack.yaml")
    if fields is None:
        return PackScreens()
    environments = fields.values.get("environments")
    live_check = fields.values.get("live-check")
    return PackScreens(
        environments=environments if isinstance(environments, bool) else True,
        live_check=live_check if isinstance(live_check, bool) else True,
    )
