"""`tutor schema`: print the JSON Schema of the scenario format, or of pack.yaml."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of the scenario format (or of pack.yaml)",
        description="Print the JSON Schema (draft 2020-12) of the scenario format, for editors: "
        "tutor schema > scenario.schema.json. With --pack, the schema of pack.yaml: "
        "tutor schema --pack > pack.schema.json. 'tutor new pack' writes both.",
    )
    parser.add_argument("--pack", action="store_true", help="the schema of pack.yaml")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import json

    if args.pack:
        from tutor.content.manifest_schema import pack_schema

        print(json.dumps(pack_schema(), indent=2))
        return 0
    from tutor.content.schema import scenario_schema

    print(json.dumps(scenario_schema(), indent=2))
    return 0
