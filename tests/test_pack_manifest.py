"""pack.yaml: checked at its lines, with defaults when absent."""

from __future__ import annotations

from pathlib import Path

from tutor.content.manifest import load_manifest


def write(root: Path, text: str) -> Path:
    (root / "pack.yaml").write_text(text, encoding="utf-8")
    return root


def messages(result) -> list[str]:
    return [f"{p.line}:{p.column} {p.message}" for p in result.problems]


def test_a_pack_without_pack_yaml_is_named_after_its_folder(tmp_path: Path) -> None:
    root = tmp_path / "My Pack"
    root.mkdir()
    result = load_manifest(root)
    assert result.problems == []
    assert result.manifest is not None
    assert result.manifest.id == "my-pack" and result.manifest.path is None
    assert result.manifest.screens.environments and result.manifest.screens.live_check


def test_a_full_manifest_is_read(tmp_path: Path) -> None:
    write(
        tmp_path,
        "id: ops-fall\n"
        "title: Backing services, fall term\n"
        "course: OPS 210\n"
        "version: '2.1'\n"
        "authors: [A. Teacher, B. Assistant]\n"
        "builds-on: builtin\n"
        "screens:\n"
        "  environments: false\n",
    )
    result = load_manifest(tmp_path)
    assert result.problems == []
    manifest = result.manifest
    assert manifest is not None
    assert (manifest.id, manifest.version, manifest.course) == ("ops-fall", "2.1", "OPS 210")
    assert manifest.authors == ("A. Teacher", "B. Assistant")
    assert manifest.builds_on_builtin
    assert not manifest.screens.environments and manifest.screens.live_check
    assert manifest.label == "ops-fall 2.1"


def test_problems_are_reported_at_their_line(tmp_path: Path) -> None:
    write(
        tmp_path,
        "id: Ops Fall\ntitle: T\nversion: '1'\nscreens:\n  enviroments: false\n",
    )
    result = load_manifest(tmp_path)
    assert result.manifest is None
    found = messages(result)
    assert any(m.startswith("1:5 ") and "not a valid id" in m for m in found), found
    assert any(m.startswith("5:3 ") and "did you mean 'environments'" in m for m in found), found


def test_missing_required_keys_are_named(tmp_path: Path) -> None:
    write(tmp_path, "title: Only a title\n")
    found = messages(load_manifest(tmp_path))
    assert any("has no 'id'" in m for m in found)
    assert any("has no 'version'" in m for m in found)


def test_an_empty_or_broken_manifest_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "")
    assert "pack.yaml is empty" in messages(load_manifest(tmp_path))[0]
    write(tmp_path, "id: x\ntitle: [unclosed\n")
    result = load_manifest(tmp_path)
    assert result.manifest is None and result.problems


def test_wrong_types_are_reported(tmp_path: Path) -> None:
    write(tmp_path, "id: x\ntitle: T\nversion: '1'\nauthors: Ann\nscreens:\n  live-check: sure\n")
    found = messages(load_manifest(tmp_path))
    assert any("'authors' of pack.yaml must be a list" in m for m in found), found
    assert any(m.startswith("6:15 ") and "true or false" in m for m in found), found
