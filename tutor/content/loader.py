"""Load a content pack into the model: the public entry points other parts call.

The strict work happens in yaml_nodes.py (safe, line-tracking YAML), fields.py (keys and
types), scenario_loader.py and scenario_rules.py (scenarios), lesson_loader.py (lessons) and
validator.py (whole packs, cross-file rules, arbitrary paths).

- load_pack(root) -> Pack: good files load; bad files become Problems in pack.problems.
- load_scenario_file(path) -> (Scenario | None, [Problem]): one file, no pack cross-checks.
- load_lesson_file(path) -> (Lesson | None, [Problem]).
- load_scenario_in_pack(path) -> (Scenario | None, [Problem], Pack | None): one file checked
  against the pack around it (duplicate ids, the lesson reference).
- validate_paths(paths) -> Report: files and folders, pack-aware; raises UsageError
  (tutor.content.paths).

A scenario or lesson is None when its file has any problem of severity "error"; warnings
(e.g. a long lesson page) do not stop it loading.
"""

from __future__ import annotations

from tutor.content.paths import UsageError
from tutor.content.validator import (
    Report,
    load_lesson_file,
    load_pack,
    load_scenario_file,
    load_scenario_in_pack,
    validate_pack,
    validate_paths,
)

__all__ = [
    "Report",
    "UsageError",
    "load_lesson_file",
    "load_pack",
    "load_scenario_file",
    "load_scenario_in_pack",
    "validate_pack",
    "validate_paths",
]
