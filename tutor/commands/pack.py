"""`tutor pack`: share a content pack as one zip file (`build`), and check one (`info`)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from tutor.content.manifest_model import PackManifest


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "pack",
        help="share a content pack as one zip file",
        description="Share a content pack as one zip file, which students open with "
        "'tutor --content FILE.zip'. The zip carries a SHA-256 of every file: tutor refuses "
        "a zip changed or damaged after it was built.",
    )
    actions = parser.add_subparsers(dest="pack_command", metavar="ACTION", required=True)
    build = actions.add_parser(
        "build",
        help="check the pack like 'tutor validate --strict', then write it as a zip",
        description="Check the pack like 'tutor validate --strict' (any error or warning "
        "stops the build), then write pack.yaml, README.md, lessons/ and scenarios/ as one "
        "zip. The same files always give the same zip. Exit 0 when written, 1 when the pack "
        "has problems, 2 for a usage error.",
    )
    build.add_argument(
        "dir", nargs="?", metavar="DIR", help="the pack folder (default: the pack around here)"
    )
    build.add_argument(
        "-o",
        "--output",
        metavar="ZIP",
        help="the zip to write, or a folder for it (default: ID-VERSION.zip here)",
    )
    info = actions.add_parser(
        "info",
        help="check a pack zip and show what it holds",
        description="Check every file of a pack zip against its checksums and show its id, "
        "version, title and files. Exit 0 when it is sound, 1 when it is not.",
    )
    info.add_argument("zip", metavar="ZIP", help="a zip made by 'tutor pack build'")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.pack_command == "info":
        return _info(args)
    return _build(args)


def _fail(message: str, code: int) -> int:
    print(f"tutor: pack {message}", file=sys.stderr)
    return code


def _build(args: argparse.Namespace) -> int:
    from pathlib import Path

    from tutor.commands._pack import locate
    from tutor.commands.validate import display_path
    from tutor.content.archive import ArchiveError, build_archive
    from tutor.content.manifest import MANIFEST_NAME, load_manifest
    from tutor.content.packs import is_pack_folder, pack_files
    from tutor.content.validator import validate_pack

    if args.dir is not None:
        root = Path(args.dir).expanduser().resolve()
        if not is_pack_folder(root):
            what = "does not exist" if not root.exists() else "is not a content pack"
            return _fail(
                f"build: {args.dir} {what} (a pack has pack.yaml, lessons/ or scenarios/)", 2
            )
    else:
        location = locate(args, "pack build")
        if location is None:
            return 2
        if location.archive is not None:
            return _fail(f"build: {location.archive} is already a built pack", 2)
        if location.found == "built-in":
            return _fail(
                "build: the current folder is not inside a content pack: run it in your pack, "
                "or name the pack: tutor pack build DIR",
                2,
            )
        root = location.root
    if not (root / MANIFEST_NAME).is_file():
        return _missing_manifest(root, display_path(root / MANIFEST_NAME))
    result = load_manifest(root)
    report = validate_pack(root)
    problems = list(dict.fromkeys([*result.problems, *report.problems]))
    if problems:
        for p in problems:
            print(f"{display_path(p.path)}:{p.line}:{p.column}: {p.severity}: {p.message}")
        count = len(problems)
        return _fail(
            f"build: not built: {count} problem{'s' * (count != 1)} (a pack is built only when "
            "'tutor validate --strict' passes); fix them and build again",
            1,
        )
    manifest = result.manifest
    assert manifest is not None  # no problems, so pack.yaml loaded
    if not any(pack_files(root)):
        return _fail(f"build: {display_path(root)} has no lessons or scenarios to share", 1)
    output = _output_path(args.output, manifest)
    refusal = _output_refusal(output, root)
    if refusal is not None:
        return _fail(f"build: {refusal}", 2)
    try:
        info = build_archive(root, output, manifest)
    except ArchiveError as error:
        return _fail(f"build: {error}", 1)
    count = len(info.files)
    print(
        f"wrote {display_path(output)}: pack '{info.id}' {info.version}, "
        f"{count} file{'s' * (count != 1)}, sha256 {info.sha256[:12]}…"
    )
    return 0


def _missing_manifest(root: Path, shown: str) -> int:
    from tutor.content.manifest_model import default_manifest

    example = default_manifest(root)
    return _fail(
        f"build: {shown} is missing; a pack needs it to be built (its id and version name the "
        "zip). Run 'tutor new pack', or write it yourself, for example:\n"
        f'  id: {example.id}\n  title: {example.title}\n  version: "1.0"',
        1,
    )


def _output_path(given: str | None, manifest: PackManifest) -> Path:
    import re
    from pathlib import Path

    name = re.sub(r"[^A-Za-z0-9._-]+", "-", f"{manifest.id}-{manifest.version}") + ".zip"
    if given is None:
        return Path.cwd() / name
    output = Path(given).expanduser()
    return output / name if output.is_dir() else output


def _output_refusal(output: Path, root: Path) -> str | None:
    """Why the zip must not be written there: never into the pack's content, nor over a file
    that is not a zip."""
    import zipfile

    from tutor.content.archive import content_files

    resolved = output.resolve()
    if any(resolved.is_relative_to(root / folder) for folder in ("lessons", "scenarios")):
        return f"{output} is inside the pack's lessons/ or scenarios/: write the zip elsewhere"
    if resolved in {path.resolve() for path in content_files(root).values()}:
        return f"{output} is a file of the pack: write the zip elsewhere"
    if not resolved.parent.is_dir():
        return f"the folder {output.parent} does not exist"
    if resolved.exists() and not (resolved.is_file() and zipfile.is_zipfile(resolved)):
        return f"{output} exists and is not a zip file; not overwriting it"
    return None


def _info(args: argparse.Namespace) -> int:
    from pathlib import Path

    from tutor.content.archive import ArchiveError, verify_archive

    path = Path(args.zip).expanduser()
    if not path.is_file():
        what = "is not a file" if path.exists() else "does not exist"
        return _fail(f"info: {args.zip} {what}", 2)
    try:
        info = verify_archive(path)
    except ArchiveError as error:
        return _fail(f"info: {error}", 1)
    count = len(info.files)
    print(f"{args.zip}: pack '{info.id}' {info.version}, \"{info.title}\"")
    print(f"{count} file{'s' * (count != 1)}, sha256 {info.sha256}, all checksums match")
    for name in info.files:
        print(f"  {name}")
    return 0
