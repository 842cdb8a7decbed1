"""`tutor pack build` and open_archive: a pack as one zip, checked before it is opened."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
import zipfile
from pathlib import Path

import pytest

from tutor.cli import main
from tutor.content.archive import ArchiveError, archive_info, open_archive
from tutor.content.validator import load_pack

REPO = Path(__file__).resolve().parent.parent
LESSON = REPO / "lessons" / "03-internal-backing-services.md"
SCENARIO = REPO / "scenarios" / "local" / "laptop-local-mysql.yaml"
PACK_YAML = 'id: mini-course\ntitle: A small course\nversion: "1.2"\n'
CONTENT = (
    "pack.yaml",
    "lessons/03-internal-backing-services.md",
    "scenarios/laptop-local-mysql.yaml",
)


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TUTOR_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    root = tmp_path / "course"
    (root / "lessons").mkdir(parents=True)
    (root / "scenarios").mkdir()
    (root / "pack.yaml").write_text(PACK_YAML, encoding="utf-8")
    shutil.copy(LESSON, root / "lessons" / LESSON.name)
    shutil.copy(SCENARIO, root / "scenarios" / SCENARIO.name)
    return root


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def build(pack: Path, output: Path) -> int:
    return main(["pack", "build", str(pack), "-o", str(output)])


@pytest.fixture
def built(pack: Path, tmp_path: Path) -> Path:
    output = tmp_path / "course.zip"
    assert build(pack, output) == 0
    return output


def rewrite(source: Path, target: Path, change) -> Path:
    """A copy of the zip with change(name, data) -> bytes | None (None drops the member)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = change(info.filename, old.read(info.filename))
            if data is not None:
                new.writestr(info, data)
    return target


def open_error(zip_path: Path, cache: Path) -> str:
    with pytest.raises(ArchiveError) as caught:
        open_archive(zip_path, cache)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f"{zip_path}: ")
    assert not (cache / "packs").exists() or not any((cache / "packs").iterdir())
    return message


# -- building ------------------------------------------------------------------------------


def test_build_writes_the_content_and_an_index(pack: Path, tmp_path: Path, capsys) -> None:
    (pack / "README.md").write_text("# A small course\n", encoding="utf-8")
    (pack / "notes.txt").write_text("not content\n", encoding="utf-8")
    output = tmp_path / "course.zip"
    assert build(pack, output) == 0
    out = capsys.readouterr().out.strip()
    summary = r": pack 'mini-course' 1\.2, 4 files, sha256 [0-9a-f]{12}…"
    assert re.fullmatch(f"wrote {re.escape(str(output))}{summary}", out), out
    with zipfile.ZipFile(output) as archive:
        names = archive.namelist()
        index = json.loads(archive.read("tutor-pack.json"))
        stored = {name: archive.read(name) for name in names}
    assert names == ["tutor-pack.json", *sorted([*CONTENT, "README.md"])]
    assert (index["format"], index["id"], index["version"], index["title"]) == (
        1,
        "mini-course",
        "1.2",
        "A small course",
    )
    for name in [*CONTENT, "README.md"]:
        assert stored[name] == (pack / name).read_bytes()
        assert index["files"][name] == hashlib.sha256(stored[name]).hexdigest()
    assert index["sha256"][:12] in out


def test_two_builds_give_identical_bytes(pack: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "one.zip", tmp_path / "two.zip"
    assert build(pack, first) == 0
    for path in pack.rglob("*"):
        os.utime(path, (1_000_000_000, 1_000_000_000))  # other timestamps, same content
    assert build(pack, second) == 0
    assert first.read_bytes() == second.read_bytes()


def test_default_output_is_id_version_in_the_current_folder(
    pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(pack / "lessons")  # the pack around the current folder
    assert main(["pack", "build", "-o", str(tmp_path)]) == 0
    assert (tmp_path / "mini-course-1.2.zip").is_file()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert main(["pack", "build", str(pack)]) == 0
    assert [p.name for p in elsewhere.iterdir()] == ["mini-course-1.2.zip"]


def test_a_warning_blocks_the_build_and_nothing_is_written(
    pack: Path, tmp_path: Path, capsys
) -> None:
    scenario = pack / "scenarios" / SCENARIO.name
    text = scenario.read_text(encoding="utf-8")
    old_hint = "hint: Which machine is MySQL installed on, and which runs the app?"
    assert old_hint in text
    scenario.write_text(text.replace(old_hint, "hint: Is it internal to the laptop?"), "utf-8")
    output = tmp_path / "course.zip"
    assert build(pack, output) == 1
    captured = capsys.readouterr()
    line = next(line for line in captured.out.splitlines() if ": warning: " in line)
    assert re.match(rf"{re.escape(str(scenario))}:\d+:\d+: warning: the hint of ", line), line
    assert "not built" in captured.err and "--strict" in captured.err
    assert not output.exists()
    assert [
        p.name for p in tmp_path.iterdir() if p.suffix == ".zip" or p.name.startswith(".")
    ] == []


def test_pack_yaml_is_required(pack: Path, tmp_path: Path, capsys) -> None:
    (pack / "pack.yaml").unlink()
    assert build(pack, tmp_path / "course.zip") == 1
    err = capsys.readouterr().err
    assert "pack.yaml is missing" in err and "tutor new pack" in err
    assert "  id: course\n" in err and "version:" in err
    assert not (tmp_path / "course.zip").exists()


@pytest.mark.parametrize("inside", ["lessons/course.zip", "scenarios/deep/course.zip", "pack.yaml"])
def test_the_zip_never_goes_into_the_pack(pack: Path, inside: str, capsys) -> None:
    before = {p: p.read_bytes() for p in pack.rglob("*") if p.is_file()}
    assert build(pack, pack / inside) == 2
    assert "write the zip elsewhere" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in pack.rglob("*") if p.is_file()} == before


def test_an_existing_file_that_is_not_a_zip_is_not_overwritten(
    pack: Path, tmp_path: Path, capsys
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("keep me\n", encoding="utf-8")
    assert build(pack, notes) == 2
    assert "not overwriting it" in capsys.readouterr().err
    assert notes.read_text(encoding="utf-8") == "keep me\n"


def test_rebuilding_replaces_the_previous_zip(pack: Path, built: Path) -> None:
    (pack / "pack.yaml").write_text(PACK_YAML.replace("1.2", "1.3"), encoding="utf-8")
    assert build(pack, built) == 0
    assert archive_info(built).version == "1.3"


# -- opening -------------------------------------------------------------------------------


def test_round_trip_gives_the_same_files_read_only(pack: Path, built: Path, cache: Path) -> None:
    folder = open_archive(built, cache)
    assert folder.parent == cache / "packs"
    assert folder.name == hashlib.sha256(built.read_bytes()).hexdigest()[:16]
    for name in CONTENT:
        assert (folder / name).read_bytes() == (pack / name).read_bytes()
        assert not (folder / name).stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    loaded = load_pack(folder)
    assert loaded.problems == []
    assert [lesson.id for lesson in loaded.lessons] == ["internal-backing-services"]
    assert [scenario.id for scenario in loaded.scenarios] == ["laptop-local-mysql"]
    assert [p.name for p in (cache / "packs").iterdir()] == [folder.name]  # no temp folder left


def test_a_second_open_reuses_the_extraction(built: Path, cache: Path) -> None:
    folder = open_archive(built, cache)
    marker = folder / "pack.yaml"
    os.utime(marker, ns=(1_000_000_000, 1_000_000_000))
    assert open_archive(built, cache) == folder
    assert marker.stat().st_mtime_ns == 1_000_000_000  # not written again


def test_a_changed_extraction_is_extracted_again(pack: Path, built: Path, cache: Path) -> None:
    folder = open_archive(built, cache)
    lesson = folder / "lessons" / LESSON.name
    lesson.chmod(0o644)
    lesson.write_text("changed\n", encoding="utf-8")
    assert open_archive(built, cache) == folder
    assert lesson.read_bytes() == LESSON.read_bytes()


def test_archive_info_reads_the_index(built: Path) -> None:
    info = archive_info(built)
    assert (info.id, info.version, info.title) == ("mini-course", "1.2", "A small course")
    assert list(info.files) == sorted(CONTENT)
    assert re.fullmatch(r"[0-9a-f]{64}", info.sha256)


def test_a_changed_file_is_refused_by_name(built: Path, tmp_path: Path, cache: Path) -> None:
    def change(name: str, data: bytes) -> bytes:
        return data.replace(b"Your laptop", b"A laptop") if name.startswith("scenarios/") else data

    tampered = rewrite(built, tmp_path / "tampered.zip", change)
    message = open_error(tampered, cache)
    assert message.endswith(
        "scenarios/laptop-local-mysql.yaml was changed after the pack was built"
    )


def test_an_added_file_is_refused(built: Path, tmp_path: Path, cache: Path) -> None:
    extra = rewrite(built, tmp_path / "extra.zip", lambda name, data: data)
    with zipfile.ZipFile(extra, "a") as archive:
        archive.writestr("lessons/extra.md", "---\nid: extra\ntitle: Extra\n---\n\n## Page\n\nx\n")
    assert open_error(extra, cache).endswith("lessons/extra.md was added after the pack was built")


def test_a_removed_file_is_refused(built: Path, tmp_path: Path, cache: Path) -> None:
    def drop_lesson(name: str, data: bytes) -> bytes | None:
        return None if name.startswith("lessons/") else data

    missing = rewrite(built, tmp_path / "missing.zip", drop_lesson)
    assert "lessons/03-internal-backing-services.md is missing" in open_error(missing, cache)


def test_a_zip_not_made_by_tutor_is_refused(tmp_path: Path, cache: Path) -> None:
    plain = tmp_path / "plain.zip"
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("pack.yaml", PACK_YAML)
    assert "was it made with 'tutor pack build'?" in open_error(plain, cache)


def test_a_newer_format_asks_for_a_newer_tutor(built: Path, tmp_path: Path, cache: Path) -> None:
    def newer(name: str, data: bytes) -> bytes:
        if name != "tutor-pack.json":
            return data
        return json.dumps({**json.loads(data), "format": 2}).encode()

    message = open_error(rewrite(built, tmp_path / "newer.zip", newer), cache)
    assert "newer tutor" in message and "upgrade tutor" in message


def _flip_first_data_byte(path: Path, member: str) -> None:
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    data = bytearray(path.read_bytes())
    name_length = int.from_bytes(data[info.header_offset + 26 : info.header_offset + 28], "little")
    extra_length = int.from_bytes(data[info.header_offset + 28 : info.header_offset + 30], "little")
    start = info.header_offset + 30 + name_length + extra_length
    data[start + 5] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", ["truncated", "flipped", "not a zip"])
def test_a_damaged_zip_is_refused(built: Path, cache: Path, damage: str) -> None:
    if damage == "truncated":
        built.write_bytes(built.read_bytes()[:-200])
    elif damage == "flipped":
        _flip_first_data_byte(built, "scenarios/laptop-local-mysql.yaml")
    else:
        built.write_text("id: not a zip at all\n", encoding="utf-8")
    assert "is not a zip file, or it is damaged" in open_error(built, cache)


@pytest.mark.parametrize(
    ("member", "why"),
    [
        ("../outside.yaml", "leads outside the pack"),
        ("scenarios/../../outside.yaml", "leads outside the pack"),
        ("/tmp/absolute.yaml", "is an absolute path"),
        ("scenarios/link.yaml", "is a symbolic link"),
    ],
)
def test_unsafe_members_are_refused(
    built: Path, tmp_path: Path, cache: Path, member: str, why: str
) -> None:
    unsafe = rewrite(built, tmp_path / "unsafe.zip", lambda name, data: data)
    with zipfile.ZipFile(unsafe, "a") as archive:
        info = zipfile.ZipInfo(member)
        if why == "is a symbolic link":
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
        else:
            archive.writestr(info, "id: x\n")
    message = open_error(unsafe, cache)
    assert f"unsafe file '{member}' {why}" in message
    assert not (tmp_path / "outside.yaml").exists()


def test_a_zip_bomb_is_refused_before_unpacking(tmp_path: Path, cache: Path) -> None:
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("tutor-pack.json", "{}")
        archive.writestr("scenarios/big.yaml", b"\0" * (51 * 1024 * 1024))
    assert bomb.stat().st_size < 1024 * 1024
    assert "unpacks to more than 50 MB" in open_error(bomb, cache)


def test_too_many_members_are_refused(tmp_path: Path, cache: Path) -> None:
    crowded = tmp_path / "crowded.zip"
    with zipfile.ZipFile(crowded, "w") as archive:
        for number in range(2001):
            archive.writestr(f"scenarios/s{number}.yaml", "")
    assert "holds 2001 files, more than 2000" in open_error(crowded, cache)


# -- tutor pack info -----------------------------------------------------------------------


def test_pack_info_checks_every_file(built: Path, tmp_path: Path, capsys) -> None:
    assert main(["pack", "info", str(built)]) == 0
    out = capsys.readouterr().out
    assert "pack 'mini-course' 1.2" in out and "all checksums match" in out
    assert "  scenarios/laptop-local-mysql.yaml" in out

    def change(name: str, data: bytes) -> bytes:
        return data + b"\n" if name == "pack.yaml" else data

    tampered = rewrite(built, tmp_path / "tampered.zip", change)
    assert main(["pack", "info", str(tampered)]) == 1
    assert "pack.yaml was changed after the pack was built" in capsys.readouterr().err


def test_pack_without_an_action_is_a_usage_error(capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["pack"])
    assert exited.value.code == 2
    assert "ACTION" in capsys.readouterr().err
