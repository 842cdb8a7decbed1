"""`tutor new`: write a new scenario file from a commented template."""

from __future__ import annotations

import argparse
import sys

ENVIRONMENTS = ("local", "development", "testing", "staging", "production")  # as in model.py


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "new",
        help="write a new scenario file from a commented template",
        description="Write scenarios/ID.yaml into the current pack from a commented template "
        "that validates clean. Never overwrites a file.",
    )
    parser.add_argument("what", choices=["scenario"], help="what to create")
    parser.add_argument("id", metavar="ID", help="the new scenario's id (a-z, 0-9 and '-')")
    parser.add_argument(
        "--environment", default="local", choices=ENVIRONMENTS, help="its environment"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from tutor.commands.validate import display_path
    from tutor.content import packs
    from tutor.content.fields import ID_PATTERN, ID_RULE
    from tutor.content.template import scenario_template
    from tutor.content.validator import load_pack

    if not ID_PATTERN.match(args.id):
        print(f"tutor: new: '{args.id}' is not a valid id: use {ID_RULE}", file=sys.stderr)
        return 2
    root = packs.selected_pack_root(getattr(args, "content", None))
    if not root.is_dir():
        print(f"tutor: new: the pack folder {root} does not exist", file=sys.stderr)
        return 2
    target = root / "scenarios" / f"{args.id}.yaml"
    if target.exists():
        print(
            f"tutor: new: {display_path(target)} already exists; not overwriting it",
            file=sys.stderr,
        )
        return 1
    existing = load_pack(root).scenario(args.id)
    if existing is not None:
        where = display_path(existing.path) if existing.path else "the pack"
        print(f"tutor: new: scenario id '{args.id}' is already used by {where}", file=sys.stderr)
        return 1
    text = scenario_template(args.id, args.environment, display_path(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as error:
        print(f"tutor: new: cannot write {target}: {error.strerror or error}", file=sys.stderr)
        return 2
    shown = display_path(target)
    print(f"wrote {shown}; fill in the TODOs, then: tutor validate {shown}")
    return 0
