"""What `tutor new pack` and `tutor new lesson` write: a pack that validates clean apart from
its 'TODO' placeholders, which are errors until the author replaces them."""

from __future__ import annotations

from pathlib import Path

SCENARIO_SCHEMA_FILE = "scenario.schema.json"
PACK_SCHEMA_FILE = "pack.schema.json"
STARTER_LESSON_ID = "introduction"
STARTER_SCENARIO_ID = "first-scenario"


def schema_modeline(file: Path, pack_root: Path, schema_file: str) -> str:
    """The editor modeline for a file of the pack: the schema sits at the pack's root."""
    depth = len(file.parent.resolve().relative_to(pack_root.resolve()).parts)
    return f"# yaml-language-server: $schema={'../' * depth}{schema_file}"


def manifest_text(pack_id: str, title: str) -> str:
    return f"""\
{schema_modeline(Path("pack.yaml"), Path("."), PACK_SCHEMA_FILE)}
# What this pack is called. Every key is explained in the authors' guide.
# id: required; a-z, 0-9 and '-'; keep it the same across versions.
id: {pack_id}
# title: required; shown on the app's Home screen.
title: {title}
# version: required; text in quotes; raise it each time you share the pack.
version: "0.1"
# course: OPS 210, spring term
# authors: [Your Name]
# builds-on: builtin   (your scenarios may then name the built-in lessons, shown first)
# screens:             (built-in screens; both are shown unless set to false)
#   environments: false
#   live-check: false
"""


def lesson_template(lesson_id: str, order: int | None) -> str:
    order_line = f"order: {order}                 # optional; lessons are listed by it\n"
    return f"""\
---
id: {lesson_id}
title: TODO the lesson's title
{order_line if order is not None else ""}---

## TODO the first page's title

TODO: each '## ' heading starts a page. Keep a page short enough for an 80x24
terminal: about 15 lines of text. `tutor validate` warns when a page is too long,
and `tutor preview lessons/{lesson_id}.md` shows the pages as students see them.

## TODO the second page's title

TODO: explain any jargon the first time you use it.
"""


def readme_text(title: str) -> str:
    return f"""\
# {title}

A content pack for `tutor`. Students run it with:

    tutor --content course.zip

## Working on it

    tutor validate                    # check every file; run it often
    tutor new lesson ID               # a new lesson, in lessons/
    tutor new scenario ID             # a new scenario, in scenarios/
    tutor preview lessons/FILE.md     # see a lesson page by page
    tutor preview scenarios/FILE.yaml # walk through a scenario; add --quiz for its questions
    tutor stats                       # an overview: questions, gaps, warnings
    tutor pack build -o course.zip    # one file to share with students

Every 'TODO' is an error until you replace it with your own text. The authors' guide
(scenarios/README.md in tutor's source) explains every key and rule.
"""
