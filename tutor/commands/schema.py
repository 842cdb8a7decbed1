"""`tutor schema`: print the JSON Schema of the scenario format."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of the scenario format",
        description="Print the JSON Schema (draft 2020-12) of the scenario format, for editors: "
        "tutor schema > scenario.schema.json",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import json

    from tutor.content.schema import scenario_schema

    print(json.dumps(scenario_schema(), indent=2))
    return 0
