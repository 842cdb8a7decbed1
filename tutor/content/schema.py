"""The JSON Schema (draft 2020-12) of the scenario format, for editors and other tools.

It describes the shape (keys, types, allowed values, counts). The rules that span keys or
files (unique ids, links to existing services, placement answers agreeing with the topology,
`app` naming an app that uses the service, best practice, feedback on wrong choices) are
checked by `tutor validate` only.
"""

from __future__ import annotations

from typing import Any

from tutor.content.lab_spec import CHECK_KINDS, Param
from tutor.content.model import ENVIRONMENTS, HOST_KINDS, PLACEMENTS, QUESTION_KINDS, SERVICE_KINDS

ID = {
    "type": "string",
    "pattern": "^[a-z0-9][a-z0-9-]*$",
    "description": "lowercase letters, digits and '-'",
}
TEXT = {"type": "string", "minLength": 1, "pattern": "\\S"}


def _obj(properties: dict[str, Any], required: list[str], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _param(param: Param) -> dict[str, Any]:
    described = {"description": param.help} if param.help else {}
    if param.kind == "int":
        return {"type": "integer", "minimum": 0, **described}
    if param.kind == "placement":
        return {"enum": list(PLACEMENTS), **described}
    return {**TEXT, **described}


def lab_schemas() -> dict[str, dict[str, Any]]:
    """A lab step's schema and its checks': each check kind allows its own parameters."""
    lab_check: dict[str, Any] = {
        "type": "object",
        "description": "One thing tutor verifies live; run in order",
        "properties": {"check": {"enum": list(CHECK_KINDS), "description": "what it verifies"}},
        "required": ["check"],
        "allOf": [
            {
                "if": {"properties": {"check": {"const": kind}}, "required": ["check"]},
                "then": _obj(
                    {
                        "check": {"const": kind, "description": description},
                        **{param.name: _param(param) for param in params},
                    },
                    ["check", *(param.name for param in params if param.required)],
                    description,
                ),
            }
            for kind, (params, description) in CHECK_KINDS.items()
        ],
    }
    lab = _obj(
        {
            "id": {
                **ID,
                "description": "unique among the scenario's questions and labs; "
                "progress is keyed on it",
            },
            "title": TEXT,
            "task": {**TEXT, "description": "Markdown: what the learner does on their machine"},
            "hint": TEXT,
            "explain": {**TEXT, "description": "Markdown; shown when every check passes"},
            "checks": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/lab-check"}},
        },
        ["id", "title", "task", "explain", "checks"],
        "A lab: a task carried out on the learner's own machine, verified live by its checks",
    )
    return {"lab": lab, "lab-check": lab_check}


def scenario_schema() -> dict[str, Any]:
    service = _obj(
        {
            "id": {**ID, "description": "unique in the scenario; links and questions use it"},
            "label": {**TEXT, "description": "the name shown in the diagram"},
            "kind": {"enum": list(SERVICE_KINDS)},
        },
        ["id", "label", "kind"],
        "A service running on the host",
    )
    host = _obj(
        {
            "id": {**ID, "description": "unique among the scenario's hosts"},
            "label": {**TEXT, "description": "the name shown in the diagram"},
            "kind": {"enum": list(HOST_KINDS), "default": "server"},
            "services": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/service"}},
        },
        ["id", "label", "services"],
        "A machine: a laptop, a VM, a CI runner, a managed service...",
    )
    link = _obj(
        {
            "from": {**ID, "description": "a service id"},
            "to": {**ID, "description": "a service id"},
        },
        ["from", "to"],
        "Who talks to whom",
    )
    choice = _obj(
        {
            "text": TEXT,
            "correct": {"type": "boolean", "default": False},
            "feedback": {**TEXT, "description": "shown when picked; required on wrong choices"},
        },
        ["text"],
        "One answer option",
    )
    question = _obj(
        {
            "id": {**ID, "description": "unique in the scenario; progress is keyed on it"},
            "kind": {"enum": list(QUESTION_KINDS)},
            "prompt": TEXT,
            "service": {**ID, "description": "placement only: the backing service placed"},
            "answer": {"enum": list(PLACEMENTS), "description": "placement only"},
            "app": {
                **ID,
                "description": "placement only, optional: the app from whose point of view "
                "the question asks; needed when apps on different hosts use the service",
            },
            "choices": {
                "type": "array",
                "minItems": 2,
                "maxItems": 8,
                "items": {"$ref": "#/$defs/choice"},
            },
            "hint": TEXT,
            "explain": {**TEXT, "description": "Markdown; shown after any answer"},
        },
        ["id", "kind", "prompt", "explain"],
        "A question: placement, choice (one correct) or multi (one or more correct)",
    )
    question["allOf"] = [
        {
            "if": {"properties": {"kind": {"const": "placement"}}, "required": ["kind"]},
            "then": {"required": ["service", "answer"], "not": {"required": ["choices"]}},
            "else": {
                "required": ["choices"],
                "not": {
                    "anyOf": [
                        {"required": ["service"]},
                        {"required": ["answer"]},
                        {"required": ["app"]},
                    ]
                },
            },
        }
    ]
    step = {
        "oneOf": [
            _obj({"text": {**TEXT, "description": "Markdown"}}, ["text"], "A page of text"),
            _obj({"question": {"$ref": "#/$defs/question"}}, ["question"], "A question"),
            _obj({"lab": {"$ref": "#/$defs/lab"}}, ["lab"], "A hands-on lab"),
        ]
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://tutor.invalid/schema/scenario.schema.json",
        "title": "tutor scenario",
        **_obj(
            {
                "id": {**ID, "description": "unique in the pack"},
                "title": TEXT,
                "environment": {"enum": list(ENVIRONMENTS)},
                "summary": {**TEXT, "description": "Markdown; what the learner reads first"},
                "lesson": {**ID, "description": "the id of a lesson of the pack"},
                "tags": {"type": "array", "items": TEXT},
                "hosts": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/host"}},
                "links": {"type": "array", "items": {"$ref": "#/$defs/link"}},
                "steps": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/step"}},
            },
            ["id", "title", "environment", "summary", "hosts", "steps"],
            "",
        ),
        "description": "One scenario of a tutor content pack (scenarios/**/*.yaml). "
        "See scenarios/README.md; run 'tutor validate' for the rules beyond this schema.",
        "$defs": {
            "host": host,
            "service": service,
            "link": link,
            "step": step,
            "question": question,
            "choice": choice,
            **lab_schemas(),
        },
    }
