"""The CSV export as an instructor's spreadsheet shows it, and `tutor export` around it:
plain answer cells, a clear word when a CSV is given to --verify, a warning when no name."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from progress_samples import make_pack

from tutor.progress import open_store, record_answer
from tutor.progress.export import export_document, to_csv, verify_export


def tutor(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tutor", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        env=os.environ.copy(),
    )


@pytest.fixture
def store(isolated_environment: Path):
    """A placement, a multi and a choice answer."""
    pack = make_pack()
    scenario = pack.scenario("s-dev")
    with open_store().store as opened:
        record_answer(opened, scenario, scenario.question("p1"), "Internal", source="quiz")
        record_answer(opened, scenario, scenario.question("m1"), {0, 2, 3}, source="review")
        local = pack.scenario("s-local")
        record_answer(opened, local, local.question("c1"), {1}, source="walkthrough")
        yield opened


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_answer_cells_are_plain_values(store) -> None:
    answers = [row["answer"] for row in csv_rows(to_csv(store))]
    assert answers == [
        "internal",
        "m1 option 0; m1 option 2; m1 option 3",
        "c1 option 1",
    ]
    # The plain cells are the CSV's alone: the JSON rows, which the digest covers, keep theirs.
    document = export_document(store)
    assert [row["answer"] for row in document["rows"]] == [
        '"internal"',
        '["m1 option 0", "m1 option 2", "m1 option 3"]',
        '["c1 option 1"]',
    ]
    assert verify_export(document)


def test_verify_says_a_csv_export_has_no_digest(store, tmp_path: Path) -> None:
    target = tmp_path / "me.csv"
    assert tutor("export", "--format", "csv", "--student", "Ada", "-o", str(target)).returncode == 0
    checked = tutor("export", "--verify", str(target))
    assert checked.returncode == 2
    assert checked.stdout == ""
    [line] = checked.stderr.splitlines()
    assert "CSV" in line and "no digest" in line and "JSON" in line
    assert "NOT OK" not in line

    # Saved again by a spreadsheet (a byte-order mark, CRLF), under another name: still a CSV.
    resaved = tmp_path / "me-from-excel.txt"
    resaved.write_bytes(b"\xef\xbb\xbf" + target.read_bytes().replace(b"\n", b"\r\n"))
    again = tutor("export", "--verify", str(resaved))
    assert again.returncode == 2 and "no digest" in again.stderr

    # A JSON file that is no export is still NOT OK, not mistaken for a CSV.
    other = tmp_path / "notes.json"
    other.write_text('{"rows": []}')
    rejected = tutor("export", "--verify", str(other))
    assert rejected.returncode == 1 and "NOT OK" in rejected.stdout


@pytest.mark.parametrize("output_format", ["json", "csv"])
def test_an_export_without_a_name_warns_and_says_how_to_set_one(
    isolated_environment: Path, output_format: str
) -> None:
    """Never started the app: the first start would ask."""
    result = tutor("export", "--format", output_format)
    assert result.returncode == 0
    [warning] = result.stderr.splitlines()
    assert "no student name" in warning
    assert "--student" in warning and "TUTOR_STUDENT" in warning
    assert "start `tutor` once" in warning
    named = tutor("export", "--format", output_format, "--student", "Ada")
    assert named.returncode == 0 and named.stderr == ""


def test_a_skipped_name_warns_without_promising_the_app_will_ask(
    store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.set_student_name("")  # what the first-start dialog stores when skipped
    result = tutor("export")
    [warning] = result.stderr.splitlines()
    assert "no student name" in warning and "skipped" in warning
    assert "--student" in warning and "TUTOR_STUDENT" in warning
    assert "start `tutor` once" not in warning

    monkeypatch.setenv("TUTOR_STUDENT", "Grace")
    assert tutor("export", "--format", "csv").stderr == ""
    monkeypatch.delenv("TUTOR_STUDENT")
    store.set_student_name("Stored")
    assert tutor("export").stderr == ""
