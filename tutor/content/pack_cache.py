"""A cache of loaded packs, so that the app starts without parsing YAML when nothing changed.

The cache key covers every lesson and scenario file of the pack (path, size, modification
time), the content package's own code and tutor's version: editing a file, adding one, or
upgrading tutor all reload the pack. Any problem reading or writing the cache falls back to
loading the pack, so the cache can only save time, never change what is loaded.

The pickles live in the user's own cache folder (TUTOR_DATA_DIR/cache when that is set), which
only the user can write; authoring commands such as `tutor validate` never use the cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path

from tutor import __version__
from tutor.content.model import Pack
from tutor.content.packs import MANIFEST_FILE, builtin_pack_root, pack_files

CACHE_FORMAT = 2  # 2: Pack carries its manifest
_DIGEST_SIZE = 32


def cache_dir() -> Path:
    data_dir = os.environ.get("TUTOR_DATA_DIR")
    if data_dir:
        return Path(data_dir) / "cache"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("tutor", appauthor=False))


def pack_signature(root: Path) -> bytes:
    lessons, scenarios = pack_files(root)
    code = sorted(Path(__file__).resolve().parent.glob("*.py"))
    # pack.yaml names the pack and may pull in the built-in lessons (builds-on: builtin).
    manifest = [root / MANIFEST_FILE] if (root / MANIFEST_FILE).is_file() else []
    builtin_lessons, _ = pack_files(builtin_pack_root())
    parts: list[object] = [CACHE_FORMAT, __version__, sys.version, str(root)]
    for path in (*manifest, *lessons, *scenarios, *builtin_lessons, *code):
        stat = path.stat()
        parts.append((str(path), stat.st_size, stat.st_mtime_ns))
    return hashlib.sha256(repr(parts).encode()).digest()


def load_pack_cached(root: Path, directory: Path | None = None) -> Pack:
    """load_pack(root), from the cache when no file of the pack changed since it was stored."""
    root = Path(root).resolve()
    directory = directory if directory is not None else cache_dir()
    name = hashlib.sha256(str(root).encode()).hexdigest()[:16]
    cache_file = directory / f"pack-{name}.pickle"
    try:
        signature = pack_signature(root)
    except OSError:
        return _load(root)
    cached = _read(cache_file, signature)
    if cached is not None:
        return cached
    pack = _load(root)
    _write(cache_file, signature, pack)
    return pack


def _load(root: Path) -> Pack:
    from tutor.content.loader import load_pack

    return load_pack(root)


def _read(cache_file: Path, signature: bytes) -> Pack | None:
    try:
        with cache_file.open("rb") as stream:
            if stream.read(_DIGEST_SIZE) != signature:
                return None
            pack = pickle.load(stream)
    except Exception:  # a missing, truncated or stale cache is simply rebuilt
        return None
    return pack if isinstance(pack, Pack) else None


def _write(cache_file: Path, signature: bytes, pack: Pack) -> None:
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=cache_file.parent, prefix=".pack-")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(signature)
            pickle.dump(pack, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, cache_file)
    except Exception:  # a cache that cannot be written only costs the next start some time
        with contextlib.suppress(OSError):
            os.unlink(temporary)
