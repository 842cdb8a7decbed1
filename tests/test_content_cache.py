"""The pack cache: a hit gives the same pack without parsing YAML; any change reloads."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tutor.content.loader import load_pack
from tutor.content.pack_cache import load_pack_cached

REPO_ROOT = Path(__file__).resolve().parent.parent


def summary(pack) -> tuple:
    return (
        [(lesson.id, len(lesson.pages)) for lesson in pack.lessons],
        [(s.id, s.title, len(s.steps)) for s in pack.scenarios],
        [p.format() for p in pack.problems],
    )


@pytest.fixture
def pack_root(tmp_path: Path) -> Path:
    root = tmp_path / "pack"
    shutil.copytree(REPO_ROOT / "lessons", root / "lessons")
    shutil.copytree(REPO_ROOT / "scenarios", root / "scenarios")
    return root


def test_a_hit_returns_the_same_pack(pack_root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = load_pack_cached(pack_root, cache)
    assert list(cache.glob("pack-*.pickle"))
    second = load_pack_cached(pack_root, cache)
    assert summary(second) == summary(first) == summary(load_pack(pack_root))


def test_editing_adding_or_removing_a_file_reloads(pack_root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_pack_cached(pack_root, cache)
    scenario = next((pack_root / "scenarios").rglob("*.yaml"))
    text = scenario.read_text()
    scenario.write_text(text.replace("\ntitle: ", "\ntitle: Edited ", 1))
    titles = [s.title for s in load_pack_cached(pack_root, cache).scenarios]
    assert any(t.startswith("Edited ") for t in titles)

    (pack_root / "scenarios" / "broken.yaml").write_text("id: [unclosed\n")
    assert any("broken.yaml" in str(p.path) for p in load_pack_cached(pack_root, cache).problems)
    (pack_root / "scenarios" / "broken.yaml").unlink()
    assert not load_pack_cached(pack_root, cache).problems


def test_a_corrupt_cache_file_is_rebuilt(pack_root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    expected = summary(load_pack_cached(pack_root, cache))
    for cache_file in cache.glob("pack-*.pickle"):
        data = cache_file.read_bytes()
        cache_file.write_bytes(data[:32] + b"not a pickle" + data[60:])
    assert summary(load_pack_cached(pack_root, cache)) == expected
    assert summary(load_pack_cached(pack_root, cache)) == expected


def test_an_unwritable_cache_folder_still_loads(pack_root: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    assert summary(load_pack_cached(pack_root, blocker / "cache")) == summary(load_pack(pack_root))


def test_a_cache_hit_does_not_import_yaml(pack_root: Path, tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; "
        "from tutor.content.pack_cache import load_pack_cached; "
        f"pack = load_pack_cached(Path({str(pack_root)!r})); "
        "print(len(pack.scenarios), 'yaml' in sys.modules)"
    )
    env = {**os.environ, "TUTOR_DATA_DIR": str(tmp_path / "data")}
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
        for _ in range(2)
    ]
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr
    count = len(load_pack(pack_root).scenarios)
    assert runs[0].stdout.split() == [str(count), "True"]  # the miss parses
    assert runs[1].stdout.split() == [str(count), "False"]  # the hit does not
