"""Which pack each command acts on, how it names it, and that nothing writes where it must not."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tutor.cli import main
from tutor.content.loader import load_pack, validate_pack
from tutor.content.packs import (
    PackLocation,
    builtin_pack_root,
    locate_pack,
    writing_refusal,
)

REPO = Path(__file__).resolve().parent.parent


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def make_pack(root: Path, manifest: str | None = "id: ops\ntitle: Ops 210\nversion: '1.2'\n"):
    (root / "lessons").mkdir(parents=True)
    (root / "scenarios").mkdir()
    if manifest is not None:
        (root / "pack.yaml").write_text(manifest, encoding="utf-8")
    return root


def copy_scenario(root: Path, name: str = "local/laptop-local-mysql.yaml", lesson=None) -> Path:
    text = (REPO / "scenarios" / name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("lesson:")]
    if lesson:
        lines.insert(1, f"lesson: {lesson}")
    target = root / "scenarios" / Path(name).name
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


# -- finding the pack ----------------------------------------------------------------------


def test_the_current_folder_s_pack_is_found_by_walking_up(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "mine")
    deep = pack / "scenarios" / "nested"
    deep.mkdir()
    location = locate_pack(cwd=deep)
    assert location == PackLocation(pack.resolve(), "current folder")


def test_a_pack_yaml_alone_marks_a_pack(tmp_path: Path) -> None:
    (tmp_path / "pack.yaml").write_text("id: x\ntitle: X\nversion: '1'\n")
    (tmp_path / "notes").mkdir()
    assert locate_pack(cwd=tmp_path / "notes").root == tmp_path.resolve()


def test_outside_any_pack_the_builtin_pack_is_used(tmp_path: Path) -> None:
    location = locate_pack(cwd=tmp_path)
    assert location.found == "built-in" and location.is_builtin


def test_content_and_the_environment_win_over_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here, there = make_pack(tmp_path / "here"), make_pack(tmp_path / "there")
    monkeypatch.setenv("TUTOR_CONTENT", str(there))
    assert locate_pack(cwd=here) == PackLocation(there.resolve(), "TUTOR_CONTENT")
    assert locate_pack(str(here), cwd=there).found == "--content"


def test_the_app_never_looks_around(tmp_path: Path) -> None:
    make_pack(tmp_path / "p")
    assert locate_pack(look_around=False, cwd=tmp_path / "p").found == "built-in"


# -- refusing to write ---------------------------------------------------------------------


def test_writing_is_refused_in_the_installed_package_and_outside_a_pack() -> None:
    import tutor

    installed = Path(tutor.__file__).resolve().parent / "_builtin"
    refusal = writing_refusal(PackLocation(installed, "--content"))
    assert refusal and "installed package" in refusal and "--content" in refusal
    outside = writing_refusal(PackLocation(builtin_pack_root(), "built-in"))
    assert outside and "not inside a content pack" in outside and "--content" in outside


def test_new_scenario_outside_a_pack_refuses_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in (builtin_pack_root() / "scenarios").rglob("*.yaml"))
    code, out, err = run(capsys, "new", "scenario", "x-test")
    assert code == 2 and out == ""
    assert err.startswith("tutor new: not writing a scenario:") and "--content" in err
    assert sorted(p.name for p in (builtin_pack_root() / "scenarios").rglob("*.yaml")) == before


def test_new_scenario_inside_a_pack_writes_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = make_pack(tmp_path / "mine")
    monkeypatch.chdir(pack / "lessons")
    code, out, _ = run(capsys, "new", "scenario", "x-test")
    assert code == 0 and "scenarios/x-test.yaml" in out
    assert out.startswith('pack: ops 1.2, "Ops 210" (the pack around the current folder')
    written = pack / "scenarios" / "x-test.yaml"
    assert "$schema=../scenario.schema.json" in written.read_text()


# -- naming the pack -----------------------------------------------------------------------


def test_validate_and_list_name_their_pack_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = make_pack(tmp_path / "mine")
    copy_scenario(pack)
    monkeypatch.chdir(pack / "scenarios")
    code, out, _ = run(capsys, "validate")
    assert code == 0
    first = out.splitlines()[0]
    assert first == f'pack: ops 1.2, "Ops 210" (the pack around the current folder, {pack})'
    assert out.splitlines()[-1] == "2 files, 0 problems"  # pack.yaml and the scenario
    code, out, _ = run(capsys, "list")
    assert out.splitlines()[0] == first


def test_json_carries_the_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = make_pack(tmp_path / "mine")
    monkeypatch.chdir(pack)
    expected = {
        "id": "ops",
        "title": "Ops 210",
        "version": "1.2",
        "path": str(pack),
        "found": "current folder",
        "zip": False,
    }
    assert json.loads(run(capsys, "validate", "--json")[1])["pack"] == expected
    assert json.loads(run(capsys, "list", "--json")[1])["pack"] == expected


def test_outside_a_pack_validate_names_the_builtin_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "validate")
    assert code == 0
    assert out.startswith('pack: backing-services 0.1.0, "Backing services" (built in;')


def test_the_builtin_pack_version_follows_tutor() -> None:
    import tutor

    manifest = load_pack(builtin_pack_root()).manifest
    assert manifest is not None and manifest.version == tutor.__version__


def test_a_broken_pack_yaml_is_reported_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = make_pack(tmp_path / "mine", "id: ops\ntitle: Ops\nversion: '1'\nscreen: {}\n")
    monkeypatch.chdir(pack)
    code, out, _ = run(capsys, "validate")
    assert code == 1
    assert "pack.yaml:4:1: error: " in out and "screens" in out  # did you mean


# -- new pack, new lesson ------------------------------------------------------------------


def test_new_pack_writes_a_pack_that_fails_only_on_its_todos(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "new", "pack", "Ops Course")
    assert code == 0
    root = tmp_path / "Ops Course"
    names = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
    assert names == [
        "README.md",
        "lessons/01-introduction.md",
        "pack.schema.json",
        "pack.yaml",
        "scenario.schema.json",
        "scenarios/first-scenario.yaml",
    ]
    report = validate_pack(root)
    assert report.problems
    assert all("placeholder ('TODO')" in p.message for p in report.problems), [
        p.message for p in report.problems
    ]
    # The modelines point where the schemas are.
    assert "$schema=../scenario.schema.json" in (root / "scenarios/first-scenario.yaml").read_text()
    assert "$schema=pack.schema.json" in (root / "pack.yaml").read_text()
    assert load_pack(root).manifest.id == "ops-course"


def test_new_pack_refuses_a_folder_with_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("mine")
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "new", "pack", "full")
    assert code == 2 and "not empty" in err
    assert sorted(p.name for p in (tmp_path / "full").iterdir()) == ["notes.txt"]


def test_the_pack_schema_accepts_the_new_pack_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import jsonschema
    import yaml

    monkeypatch.chdir(tmp_path)
    run(capsys, "new", "pack", "p")
    schema = json.loads((tmp_path / "p" / "pack.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(yaml.safe_load((tmp_path / "p" / "pack.yaml").read_text()), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"id": "p", "title": "P", "version": "1", "screen": {}}, schema)


def test_new_lesson_follows_the_pack_s_lessons(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    run(capsys, "new", "pack", "p")
    monkeypatch.chdir(tmp_path / "p")
    code, out, _ = run(capsys, "new", "lesson", "caching")
    assert code == 0 and "lessons/02-caching.md" in out
    text = (tmp_path / "p" / "lessons" / "02-caching.md").read_text()
    assert text.startswith("---\nid: caching\n")
    code, _, err = run(capsys, "new", "lesson", "Bad Id")
    assert code == 2 and "not a valid id" in err


# -- builds-on: builtin --------------------------------------------------------------------


def test_a_pack_that_builds_on_the_course_may_name_builtin_lessons(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "p", "id: p\ntitle: P\nversion: '1'\nbuilds-on: builtin\n")
    copy_scenario(pack, lesson="best-practices")
    loaded = load_pack(pack)
    assert loaded.problems == []
    assert [s.lesson for s in loaded.scenarios] == ["best-practices"]
    assert loaded.lesson("best-practices") is not None
    assert "best-practices" in loaded.builtin_lesson_ids


def test_without_builds_on_a_builtin_lesson_id_is_refused_with_the_fix(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "p")
    copy_scenario(pack, lesson="best-practices")
    problems = load_pack(pack).problems
    assert len(problems) == 1
    assert "lesson 'best-practices' is not a lesson of this pack" in problems[0].message
    assert "builds-on: builtin" in problems[0].message


def test_an_own_lesson_may_not_take_a_builtin_lesson_s_id(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "p", "id: p\ntitle: P\nversion: '1'\nbuilds-on: builtin\n")
    shutil.copy(REPO / "lessons" / "01-what-is-a-backing-service.md", pack / "lessons")
    problems = validate_pack(pack).problems
    assert any("is a built-in lesson's id" in p.message for p in problems)


# -- diagram of a scenario that did not load -----------------------------------------------


def test_diagram_of_a_broken_scenario_says_it_failed_with_its_first_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = make_pack(tmp_path / "p")
    target = copy_scenario(pack)
    target.write_text(target.read_text().replace("title:", "titel:", 1))
    monkeypatch.chdir(pack)
    code, out, err = run(capsys, "diagram", "laptop-local-mysql")
    assert code == 1 and out == ""
    assert "scenario 'laptop-local-mysql' did not load" in err
    assert "scenarios/laptop-local-mysql.yaml:" in err and "tutor validate" in err
    code, _, err = run(capsys, "diagram", "laptop-local-mysq")
    assert code == 2 and "did you mean laptop-local-mysql?" in err


def test_schema_pack_prints_the_pack_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema", "--pack")
    assert code == 0
    schema = json.loads(out)
    assert schema["required"] == ["id", "title", "version"]
    assert set(schema["properties"]) == {
        "id",
        "title",
        "version",
        "course",
        "authors",
        "builds-on",
        "screens",
    }


# -- a zipped pack -------------------------------------------------------------------------


def test_a_built_zip_runs_read_only_and_a_tampered_one_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import zipfile

    pack = make_pack(tmp_path / "mine")
    copy_scenario(pack)
    monkeypatch.chdir(pack)
    course = tmp_path / "course.zip"
    code, out, err = run(capsys, "pack", "build", "-o", str(course))
    assert code == 0, out + err
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "--content", str(course), "list", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["pack"]["zip"] is True and data["pack"]["path"] == str(course)
    assert [s["id"] for s in data["scenarios"]] == ["laptop-local-mysql"]
    code, _, err = run(capsys, "--content", str(course), "new", "scenario", "more")
    assert code == 2 and "read-only" in err
    # Someone edits a scenario inside the zip: every command refuses it, in one line.
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(course) as source, zipfile.ZipFile(tampered, "w") as target:
        for item in source.infolist():
            data_bytes = source.read(item)
            if item.filename.endswith("laptop-local-mysql.yaml"):
                data_bytes = data_bytes.replace(b"internal", b"external")
            target.writestr(item, data_bytes)
    code, out, err = run(capsys, "--content", str(tampered), "list")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "scenarios/laptop-local-mysql.yaml" in err and "changed" in err


def test_a_lesson_template_s_title_is_a_placeholder_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    run(capsys, "new", "pack", "p")
    lesson = tmp_path / "p" / "lessons" / "01-introduction.md"
    lines = {p.line for p in validate_pack(tmp_path / "p").problems if p.path == lesson}
    assert 3 in lines  # title: TODO the lesson's title
