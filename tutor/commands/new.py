"""`tutor new`: a new pack, lesson or scenario, from commented templates.

`new lesson` and `new scenario` write into the pack around the current folder (or --content);
outside any pack, and in the installed built-in pack, they refuse. Nothing is overwritten.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.content.model import Pack

ENVIRONMENTS = ("local", "development", "testing", "staging", "production")  # as in model.py


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "new",
        help="write a new pack, lesson or scenario from a commented template",
        description="new pack DIR: a content pack of your own (pack.yaml, lessons/, "
        "scenarios/, the JSON Schemas and a README). new lesson ID / new scenario ID: a "
        "file in the pack around the current folder (or --content). Templates validate clean "
        "apart from their 'TODO' text. Never overwrites a file.",
    )
    parser.add_argument("what", choices=["pack", "lesson", "scenario"], help="what to create")
    parser.add_argument(
        "id", metavar="ID|DIR", help="the new lesson's or scenario's id, or the new pack's folder"
    )
    parser.add_argument(
        "--environment", default="local", choices=ENVIRONMENTS, help="a scenario's environment"
    )
    parser.add_argument(
        "--lab",
        action="store_true",
        help="a scenario: end the template with a hands-on lab step (a task verified live)",
    )
    parser.set_defaults(run=run)


def _fail(message: str, code: int = 2) -> int:
    print(f"tutor new: {message}", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    if args.lab and args.what != "scenario":
        return _fail(f"--lab only applies to 'tutor new scenario', not to a {args.what}")
    if args.what == "pack":
        return _new_pack(Path(args.id).expanduser())
    from tutor.commands._pack import locate, manifest_of, pack_line
    from tutor.content.fields import ID_PATTERN, ID_RULE
    from tutor.content.packs import writing_refusal

    if not ID_PATTERN.match(args.id):
        return _fail(f"'{args.id}' is not a valid id: use {ID_RULE}")
    location = locate(args, "new")
    if location is None:
        return 2
    refusal = writing_refusal(location)
    if refusal is not None:
        return _fail(f"not writing a {args.what}: {refusal}")
    # Said first, so a file written into an unexpected pack is noticed at once.
    print(pack_line(location, manifest_of(location)))
    if args.what == "lesson":
        return _new_lesson(location.root, args.id)
    return _new_scenario(location.root, args.id, args.environment, args.lab)


def _write_new(target: Path, text: str) -> int | None:
    """Write a file that must not exist yet; an exit code on failure, None when written."""
    from tutor.commands.validate import display_path

    if target.exists():
        return _fail(f"{display_path(target)} already exists; not overwriting it", 1)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as error:
        return _fail(f"cannot write {target}: {error.strerror or error}")
    return None


def _new_scenario(root: Path, scenario_id: str, environment: str, lab: bool = False) -> int:
    from tutor.commands.validate import display_path
    from tutor.content.pack_template import SCENARIO_SCHEMA_FILE, schema_modeline
    from tutor.content.template import scenario_template
    from tutor.content.validator import load_pack

    target = root / "scenarios" / f"{scenario_id}.yaml"
    existing = load_pack(root).scenario(scenario_id)
    if existing is not None and not target.exists():
        where = display_path(existing.path) if existing.path else "the pack"
        return _fail(f"scenario id '{scenario_id}' is already used by {where}", 1)
    modeline = schema_modeline(target, root, SCENARIO_SCHEMA_FILE)
    text = scenario_template(scenario_id, environment, display_path(target), modeline, lab)
    failed = _write_new(target, text)
    if failed is not None:
        return failed
    shown = display_path(target)
    print(f"wrote {shown}; replace its TODOs, then: tutor validate {shown}")
    return 0


def _new_lesson(root: Path, lesson_id: str) -> int:
    from tutor.commands.validate import display_path
    from tutor.content.pack_template import lesson_template
    from tutor.content.validator import load_pack

    pack = load_pack(root)
    existing = pack.lesson(lesson_id)
    if existing is not None:
        where = display_path(existing.path) if existing.path else "the pack"
        return _fail(f"lesson id '{lesson_id}' is already used by {where}", 1)
    order = _next_lesson_order(root, pack)
    target = root / "lessons" / f"{order:02d}-{lesson_id}.md"
    failed = _write_new(target, lesson_template(lesson_id, order))
    if failed is not None:
        return failed
    shown = display_path(target)
    print(
        f"wrote {shown}; replace its TODOs, then: tutor preview {shown}\n"
        f"a scenario links to it with 'lesson: {lesson_id}'"
    )
    return 0


def _next_lesson_order(root: Path, pack: Pack) -> int:
    """After every lesson of the pack, counting files that do not load yet (a template
    still full of TODOs) by their 'NN-' prefix."""
    import re

    own = [lesson.order or 0 for lesson in pack.lessons if lesson.id not in pack.builtin_lesson_ids]
    files = sorted((root / "lessons").glob("*.md")) if (root / "lessons").is_dir() else []
    prefixes = [int(m.group(1)) for f in files if (m := re.match(r"(\d+)-", f.name))]
    return max([*own, *prefixes, len(files)], default=0) + 1


def _new_pack(folder: Path) -> int:
    import json

    from tutor.commands.validate import display_path
    from tutor.content import pack_template as t
    from tutor.content.manifest_model import folder_id
    from tutor.content.manifest_schema import pack_schema
    from tutor.content.packs import inside_installed_package, pack_root_containing
    from tutor.content.schema import scenario_schema
    from tutor.content.template import scenario_template

    folder = folder.resolve()
    if inside_installed_package(folder):
        return _fail(
            f"{folder} is inside the installed tutor package, where an upgrade or uninstall "
            "would delete it: choose a folder of your own"
        )
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        what = "is not a folder" if not folder.is_dir() else "is not empty"
        return _fail(f"{display_path(folder)} {what}: name a new or empty folder")
    around = pack_root_containing(folder.parent)
    if around is not None:
        return _fail(
            f"{display_path(folder)} would sit inside the pack {display_path(around)}: "
            "create the new pack outside it"
        )
    pack_id = folder_id(folder)
    title = folder.name
    scenario = folder / "scenarios" / f"{t.STARTER_SCENARIO_ID}.yaml"
    files = {
        folder / "pack.yaml": t.manifest_text(pack_id, title),
        folder / "README.md": t.readme_text(title),
        folder / t.SCENARIO_SCHEMA_FILE: json.dumps(scenario_schema(), indent=2) + "\n",
        folder / t.PACK_SCHEMA_FILE: json.dumps(pack_schema(), indent=2) + "\n",
        folder / "lessons" / f"01-{t.STARTER_LESSON_ID}.md": t.lesson_template(
            t.STARTER_LESSON_ID, 1
        ),
        scenario: scenario_template(
            t.STARTER_SCENARIO_ID,
            "local",
            f"scenarios/{scenario.name}",
            t.schema_modeline(scenario, folder, t.SCENARIO_SCHEMA_FILE),
        ),
    }
    for path, text in files.items():
        failed = _write_new(path, text)
        if failed is not None:
            return failed
    shown = display_path(folder)
    print(
        f"wrote the pack '{pack_id}' in {shown}: pack.yaml, README.md, the JSON Schemas, "
        "a starter lesson and a starter scenario.\n"
        f"next: cd {shown} && tutor validate   (it lists the TODOs to replace)"
    )
    return 0
