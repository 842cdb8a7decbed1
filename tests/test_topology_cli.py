"""`tutor diagram`: the diagram or its description on stdout, usage errors as exit 2."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from rich.cells import cell_len

from tutor.cli import main

# An SGR sequence that sets a foreground colour (30-37, 90-97 or 38;...).
COLOUR = re.compile(r"\x1b\[(?:\d+;)*(?:3[0-8]|9[0-7])(?:;\d+)*m")

SCENARIO = """\
id: {id}
title: A test scenario
environment: production
summary: |
  The app on one VM, its database on a managed service.
hosts:
  - id: vm
    label: Production web VM
    kind: vm
    services:
      - {{id: app, label: MVC app, kind: app}}
  - id: azure
    label: Azure Database for MySQL
    kind: managed-service
    services:
      - {{id: db, label: MySQL, kind: relational-database}}
links:
  - {{from: app, to: db}}
steps:
  - text: |
      Real users, real data.
{question}"""

PLACEMENT = """\
  - question:
      id: where-db
      kind: placement
      prompt: Internal or external?
      service: db
      answer: external
      explain: |
        Production keeps its data apart from the app's VM.
"""


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    root = tmp_path / "pack"
    (root / "scenarios").mkdir(parents=True)
    (root / "lessons").mkdir()
    (root / "scenarios" / "prod.yaml").write_text(
        SCENARIO.format(id="prod-managed-db", question=PLACEMENT), encoding="utf-8"
    )
    (root / "scenarios" / "plain.yaml").write_text(
        SCENARIO.format(id="no-question", question=""), encoding="utf-8"
    )
    return root


def _run(pack: Path, capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["--content", str(pack), "diagram", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_prints_the_diagram_at_the_given_width(pack: Path, capsys) -> None:
    code, out, err = _run(pack, capsys, "prod-managed-db", "--width", "60")
    assert code == 0 and err == ""
    assert "Production web VM" in out and "[DB] MySQL" in out and "network" in out
    assert all(cell_len(line) <= 60 for line in out.splitlines())
    assert "\x1b[" not in out  # piped: plain text


def test_text_prints_the_description(pack: Path, capsys) -> None:
    code, out, _ = _run(pack, capsys, "prod-managed-db", "--text")
    assert code == 0
    assert "It uses 'MySQL', which runs on 'Azure Database for MySQL'" in out


def test_placement_previews_the_first_placement_question(pack: Path, capsys) -> None:
    code, out, _ = _run(pack, capsys, "prod-managed-db", "--placement", "internal", "--width", "80")
    assert code == 0
    assert "same host" in out and "Azure Database for MySQL" not in out
    code, out, _ = _run(pack, capsys, "prod-managed-db", "--placement", "external", "--text")
    assert code == 0 and "'Separate host'" in out


def test_placement_without_a_placement_question_is_a_usage_error(pack: Path, capsys) -> None:
    code, out, err = _run(pack, capsys, "no-question", "--placement", "internal")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "no placement question" in err


def test_unknown_scenario_suggests_close_ids(pack: Path, capsys) -> None:
    code, out, err = _run(pack, capsys, "prod-managed")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "did you mean prod-managed-db?" in err
    code, _, err = _run(pack, capsys, "zzzz")
    assert code == 2 and "did you mean" not in err and "tutor list" in err


def test_width_must_be_positive(pack: Path, capsys) -> None:
    code, _, err = _run(pack, capsys, "prod-managed-db", "--width", "0")
    assert code == 2 and err.count("\n") == 1


def test_a_width_narrower_than_the_diagram_needs_is_a_usage_error(pack: Path, capsys) -> None:
    # Below 40 columns the host boxes do not fit: say so, instead of printing a broken picture.
    for width in ("5", "39"):
        code, out, err = _run(pack, capsys, "prod-managed-db", "--width", width)
        assert code == 2 and out == ""
        assert err.count("\n") == 1 and "at least 40 columns" in err, err
    code, out, err = _run(pack, capsys, "prod-managed-db", "--width", "40")
    assert code == 0 and "Production web VM" in out and err == ""


def test_default_width_is_the_terminal_width_but_at_least_40(
    pack: Path, capsys, monkeypatch
) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    _, wide, _ = _run(pack, capsys, "prod-managed-db")
    _, at_120, _ = _run(pack, capsys, "prod-managed-db", "--width", "120")
    assert wide == at_120 and max(cell_len(line) for line in wide.splitlines()) > 60
    monkeypatch.setenv("COLUMNS", "20")
    _, narrow, _ = _run(pack, capsys, "prod-managed-db")
    _, at_40, _ = _run(pack, capsys, "prod-managed-db", "--width", "40")
    assert narrow == at_40


def test_the_command_never_imports_textual_and_colours_only_when_asked(pack: Path) -> None:
    script = textwrap.dedent(
        f"""
        import sys
        from tutor.cli import main

        code = main(["--content", {str(pack)!r}, "diagram", "prod-managed-db", "--width", "80"])
        assert code == 0, code
        assert "textual" not in sys.modules, "textual was imported"
        """
    )
    env = {"PATH": "/usr/bin:/bin", "FORCE_COLOR": "1", "TERM": "xterm-256color"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert COLOUR.search(result.stdout)  # colours when forced (as on a terminal)
    no_color = {**env, "NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=no_color, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "Production web VM" in result.stdout
    assert not COLOUR.search(result.stdout)  # NO_COLOR: bold and dim stay, colours go
    assert "\x1b[" in result.stdout
