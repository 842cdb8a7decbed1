"""The commented scenario template written by `tutor new scenario ID`.

It is valid apart from its placeholder text: every 'TODO' is an error until the author
replaces it, so a template never passes for a finished scenario.
"""

from __future__ import annotations

import re

from tutor.content.lab_spec import CHECK_KINDS
from tutor.content.scenario_rules import expected_placement

# The marker of text the author still has to write; case-sensitive, as the template spells it.
TEMPLATE_PLACEHOLDER = re.compile(r"\bTODO\b")

_APP_HOST = """\
hosts:                        # required; at least one machine
  - id: app-host              # required; unique among hosts; a-z, 0-9 and '-'
    # label: required, shown in the diagram.
    # kind: optional: workstation | vm | ci-runner | managed-service | container | server
    label: {app_host}
    kind: {host_kind}
    services:                 # required; at least one
      - id: app               # required; unique in the scenario
        label: MVC app        # required
        # kind: required: app | relational-database | document-database | cache | secrets
        #   | queue | other
        kind: app
"""

# The database beside the app (internal), or on a host of its own (external). Labels stay
# neutral: a label such as "Managed MySQL" would tell a test-wise learner the answer.
_HOSTS = {
    "internal": _APP_HOST
    + """\
      - id: db
        label: MySQL
        kind: relational-database
""",
    "external": _APP_HOST
    + """\
  - id: db-host
    label: Database host
    kind: managed-service
    services:
      - {{id: db, label: MySQL, kind: relational-database}}
""",
}

_HOST_LABELS = {
    "local": ("Your laptop", "workstation"),
    "development": ("CI-controlled VM", "ci-runner"),
    "testing": ("Test runner", "ci-runner"),
    "staging": ("Staging VM", "vm"),
    "production": ("Load-balanced VM", "vm"),
}

_TEMPLATE = """\
# A tutor scenario. Every key is explained in scenarios/README.md (the authors' guide).
# Check it with:  tutor validate {path}
# Editor help:    the schema is at the pack's root ('tutor schema > scenario.schema.json')
{modeline}
# id: required; unique in the pack; a-z, 0-9 and '-'
id: {id}
title: TODO a short title     # required
# environment: required: local | development | testing | staging | production
environment: {environment}
summary: |                    # required; Markdown; what the learner reads first
  TODO: describe the situation in two or three sentences.
# lesson: what-is-a-backing-service   # optional; the id of a lesson of this pack
tags: [mysql]                 # optional; list of words ('trade-off', 'education-only', ...)
{hosts}links:                        # optional; who talks to whom (service ids)
  - {{from: app, to: db}}
steps:                        # required; at least one; shown one after another
  - text: |                   # a text step: Markdown
      TODO: set the scene.
  - question:
      id: where-db            # required; unique in the scenario; keep it stable (progress uses it)
      kind: placement         # placement | choice | multi
      prompt: Should MySQL be an internal or an external backing service here?
      service: db             # placement only: the backing service being placed
      # answer: placement only: internal | external; must agree with the hosts above
      answer: {answer}
      hint: TODO an optional nudge.
      explain: |              # required; shown after any answer: say why
        TODO: why {answer} is right in {environment}.
  - question:
      id: why-{answer}
      kind: choice            # choice: exactly one correct; multi: one or more correct
      prompt: TODO which reason matters most here?
      choices:                # 2 to 8; every wrong choice needs feedback
        - text: TODO the right reason
          correct: true
        - text: TODO a tempting wrong reason
          feedback: TODO name the misconception behind it.
      explain: |
        TODO: why the right reason is right.
"""


# A lab step (`tutor new scenario ID --lab`), after the questions.
_LAB = """\
  - lab:                      # a task done on the learner's own machine, verified live
      id: app-database        # required; unique among the questions and labs; keep it stable
      title: TODO a short title for the task   # required
      task: |                 # required; Markdown: what to do, with the commands to run
        TODO: say what to set up, with the commands for Debian/Ubuntu, macOS and Docker.
      hint: TODO an optional nudge.
      explain: |              # required; shown when every check passes: say why it matters
        TODO: why this setup matters in {environment}.
      checks:                 # required; at least one; run in order
        # check: {kinds}
        - check: mysql-login  # logs in with the settings the app uses
          source: DATABASE_URL
        - check: mysql-placement
          expect: {answer}    # internal | external
        - check: mysql-not-root
"""


def scenario_template(
    scenario_id: str,
    environment: str,
    path: str = "FILE",
    modeline: str = "# yaml-language-server: $schema=../scenario.schema.json",
    lab: bool = False,
) -> str:
    """The template; `modeline` points at the schema at the pack's root (see
    pack_template.schema_modeline), by default from scenarios/ID.yaml. With `lab`, it ends
    with a lab step."""
    answer = expected_placement(environment, ())
    app_host, host_kind = _HOST_LABELS[environment]
    hosts = _HOSTS[answer].format(app_host=app_host, host_kind=host_kind)
    text = _TEMPLATE.format(
        id=scenario_id,
        environment=environment,
        hosts=hosts,
        answer=answer,
        path=path,
        modeline=modeline,
    )
    if lab:
        text += _LAB.format(environment=environment, answer=answer, kinds=_kinds_comment())
    return text


def _kinds_comment() -> str:
    """The check kinds, wrapped as comment lines under `checks:`."""
    lines, line = [], ""
    for kind in CHECK_KINDS:
        if line and len(line) + len(kind) > 70:
            lines.append(line + " |")
            line = ""
        line = f"{line} | {kind}" if line else kind
    lines.append(line)
    return "\n        #   ".join(lines)
