"""The JSON Schema of pack.yaml, for editors (`tutor schema --pack`): the same keys, types and
choices as tutor.content.manifest checks."""

from __future__ import annotations

from typing import Any

from tutor.content.fields import ID_PATTERN


def pack_schema() -> dict[str, Any]:
    text = {"type": "string", "minLength": 1}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://tutor.invalid/pack.schema.json",
        "title": "tutor content pack (pack.yaml)",
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "title", "version"],
        "properties": {
            "id": {
                "type": "string",
                "pattern": ID_PATTERN.pattern,
                "description": "The pack's id: a-z, 0-9 and '-'; stays the same across versions.",
            },
            "title": {**text, "description": "Shown on the app's Home screen."},
            "version": {
                **text,
                "description": 'Text, such as "1.0" in quotes; raise it each time you '
                "share the pack. Exports carry it.",
            },
            "course": {**text, "description": "The course the pack belongs to."},
            "authors": {"type": "array", "items": text},
            "builds-on": {
                "enum": ["builtin"],
                "description": "Scenarios may name the built-in lessons, which come first.",
            },
            "screens": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "environments": {"type": "boolean", "default": True},
                    "live-check": {"type": "boolean", "default": True},
                },
            },
        },
    }
