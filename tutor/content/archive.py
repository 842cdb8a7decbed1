"""A content pack as one zip file: built by `tutor pack build`, opened read-only by --content.

The zip holds the pack's content files (pack.yaml, README.md, lessons/*.md, scenarios/**/*.yaml)
and an index, tutor-pack.json: {"format", "id", "version", "title", "files", "sha256"}, where
"files" maps each path to its SHA-256 and "sha256" is the SHA-256 of the lines
"<file sha256>  <path>\\n" in path order (the `sha256sum` format). Builds are deterministic:
the same files give the same bytes.

Opening checks everything before a byte lands on disk: the zip itself, safe member names, size
limits, the index, and every file against it. The checksums catch a pack changed or damaged
after it was built; they are not a signature, so anyone may build a different pack.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tutor.content.manifest_model import PackManifest
from tutor.content.packs import MANIFEST_FILE as MANIFEST_NAME
from tutor.content.packs import SCENARIO_SUFFIXES, pack_files

FORMAT = 1
INDEX_NAME = "tutor-pack.json"
README_NAME = "README.md"
MAX_TOTAL_BYTES = 50 * 1024 * 1024  # uncompressed; a real pack is well under 1 MB
MAX_MEMBERS = 2000
_MB = 1024 * 1024
_TIMESTAMP = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can hold: builds do not depend on when
_HEX64 = re.compile(r"[0-9a-f]{64}")
_DAMAGED = "is not a zip file, or it is damaged: copy or download it again"


class ArchiveError(Exception):
    """A pack zip that cannot be built or opened; str() is one line naming the zip."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class ArchiveInfo:
    """What a pack zip's index says."""

    id: str
    version: str
    title: str
    sha256: str  # over the files map: the same content gives the same digest
    files: dict[str, str]  # relative path (with '/') -> SHA-256 hex, in path order


def files_digest(files: dict[str, str]) -> str:
    lines = "".join(f"{files[name]}  {name}\n" for name in sorted(files))
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


def is_content_name(name: str) -> bool:
    """pack.yaml, README.md, lessons/NAME.md or scenarios/.../NAME.yaml (or .yml)."""
    if name in (MANIFEST_NAME, README_NAME):
        return True
    parts = name.split("/")
    if parts[0] == "lessons":
        return len(parts) == 2 and parts[1].endswith(".md")
    return parts[0] == "scenarios" and len(parts) >= 2 and parts[-1].endswith(SCENARIO_SUFFIXES)


def content_files(root: Path) -> dict[str, Path]:
    """The files a build puts in the zip, by their path in it, in path order."""
    lessons, scenarios = pack_files(root)
    found = [root / name for name in (MANIFEST_NAME, README_NAME) if (root / name).is_file()]
    named = {path.relative_to(root).as_posix(): path for path in (*found, *lessons, *scenarios)}
    return {name: named[name] for name in sorted(named)}


# Building


def build_archive(root: Path, output: Path, manifest: PackManifest) -> ArchiveInfo:
    """Write the pack in `root` to `output` as a zip, atomically (a temporary file, then a
    rename). The caller has validated the pack; `manifest` is its pack.yaml."""
    root = Path(root).resolve()
    output = Path(output)
    contents: dict[str, bytes] = {}
    try:
        for name, path in content_files(root).items():
            contents[name] = path.read_bytes()
    except OSError as error:
        raise ArchiveError(output, f"cannot read {error.filename}: {error.strerror}") from None
    files = {name: hashlib.sha256(data).hexdigest() for name, data in contents.items()}
    info = ArchiveInfo(manifest.id, manifest.version, manifest.title, files_digest(files), files)
    index = {
        "format": FORMAT,
        "id": info.id,
        "version": info.version,
        "title": info.title,
        "files": files,
        "sha256": info.sha256,
    }
    index_bytes = (json.dumps(index, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in [(INDEX_NAME, index_bytes), *contents.items()]:
            member = zipfile.ZipInfo(name, date_time=_TIMESTAMP)
            member.create_system = 3  # Unix, wherever it is built
            member.external_attr = (stat.S_IFREG | 0o644) << 16
            archive.writestr(member, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    _write_atomically(output, buffer.getvalue())
    return info


def _write_atomically(output: Path, data: bytes) -> None:
    try:
        handle, temporary = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.")
    except OSError as error:
        raise ArchiveError(output, f"cannot write here: {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp's 0600 would not suit a file to share
        os.replace(temporary, output)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise ArchiveError(output, f"cannot write it: {error.strerror}") from None


# Reading


def archive_info(zip_path: Path) -> ArchiveInfo:
    """The index of a pack zip, checked (member names, sizes, the index's own digest), without
    reading the other files: quick, for listing. open_archive checks every file."""
    zip_path = Path(zip_path)
    with _opened(zip_path, _read_zip(zip_path)) as archive:
        return _checked_index(archive, zip_path)


def verify_archive(zip_path: Path) -> ArchiveInfo:
    """Check a pack zip completely, in memory, writing nothing. Raises ArchiveError."""
    zip_path = Path(zip_path)
    with _opened(zip_path, _read_zip(zip_path)) as archive:
        info = _checked_index(archive, zip_path)
        _verified_contents(archive, info, zip_path)
    return info


def open_archive(zip_path: Path, cache_root: Path) -> Path:
    """The folder holding the pack in `zip_path`: cache_root/packs/<zip's SHA-256 prefix>/.

    Checks the zip completely, extracts it into a temporary folder, makes the files read-only
    and renames the folder into place, so there is never a half-extracted pack. A later call
    with the same zip reuses the folder once its files still match the index. Raises
    ArchiveError, with a one-line message, for anything wrong with the zip.
    """
    zip_path = Path(zip_path)
    data = _read_zip(zip_path)
    target = Path(cache_root) / "packs" / hashlib.sha256(data).hexdigest()[:16]
    with _opened(zip_path, data) as archive:
        info = _checked_index(archive, zip_path)
        if _extraction_matches(target, info):
            return target
        contents = _verified_contents(archive, info, zip_path)
        contents[INDEX_NAME] = archive.read(INDEX_NAME)  # read already, without error
    if target.exists():
        _remove_tree(target)  # left damaged or changed: extract it again
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = Path(tempfile.mkdtemp(prefix=".extract-", dir=target.parent))
    except OSError as error:
        raise ArchiveError(zip_path, f"cannot extract to {target}: {error.strerror}") from None
    try:
        for name, content in contents.items():
            path = temporary.joinpath(*name.split("/"))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
            path.chmod(0o444)
        os.rename(temporary, target)
    except OSError as error:
        _remove_tree(temporary)
        if _extraction_matches(target, info):  # another tutor extracted it meanwhile
            return target
        raise ArchiveError(zip_path, f"cannot extract to {target}: {error.strerror}") from None
    return target


def _read_zip(zip_path: Path) -> bytes:
    try:
        size = zip_path.stat().st_size
        if size > MAX_TOTAL_BYTES:
            raise ArchiveError(
                zip_path,
                f"is larger than {MAX_TOTAL_BYTES // _MB} MB, far more than any content pack; "
                "is it the right file?",
            )
        return zip_path.read_bytes()
    except FileNotFoundError:
        raise ArchiveError(zip_path, "no such file") from None
    except IsADirectoryError:
        raise ArchiveError(zip_path, "is a folder, not a zip file") from None
    except OSError as error:
        raise ArchiveError(zip_path, f"cannot read it: {error.strerror}") from None


@contextlib.contextmanager
def _opened(zip_path: Path, data: bytes) -> Iterator[zipfile.ZipFile]:
    """The zip, with a damaged one (bad CRC, bad compressed data, truncated) as ArchiveError."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            yield archive
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as error:
        raise ArchiveError(zip_path, f"{_DAMAGED} ({error})") from None
    except NotImplementedError as error:  # a compression method zipfile cannot read
        raise ArchiveError(zip_path, f"{_DAMAGED} ({error})") from None


def _unsafe_reason(member: zipfile.ZipInfo) -> str | None:
    name = member.filename
    if stat.S_ISLNK(member.external_attr >> 16):
        return "is a symbolic link"
    if name.startswith("/") or "\\" in name or ":" in name.split("/")[0] or "\0" in name:
        return "is an absolute path"
    if any(part in ("", ".", "..") for part in name.rstrip("/").split("/")):
        return "leads outside the pack"
    if member.flag_bits & 0x1:
        return "is encrypted"
    return None


def _checked_index(archive: zipfile.ZipFile, zip_path: Path) -> ArchiveInfo:
    """The members' names and sizes, then the index: its format, shape and digest."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise ArchiveError(zip_path, f"holds {len(members)} files, more than {MAX_MEMBERS}")
    if sum(member.file_size for member in members) > MAX_TOTAL_BYTES:
        raise ArchiveError(
            zip_path,
            f"unpacks to more than {MAX_TOTAL_BYTES // _MB} MB, far more than any content pack",
        )
    for member in members:
        reason = _unsafe_reason(member)
        if reason is not None:
            raise ArchiveError(
                zip_path, f"unsafe file '{member.filename}' {reason}: not opening it"
            )
    names = [member.filename for member in members]
    if len(set(names)) != len(names):
        raise ArchiveError(zip_path, "holds the same file twice: not opening it")
    if INDEX_NAME not in names:
        raise ArchiveError(zip_path, f"has no {INDEX_NAME}: was it made with 'tutor pack build'?")
    try:
        index = json.loads(archive.read(INDEX_NAME).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        index = None
    info = _index_info(index, zip_path)
    for name in info.files:
        if not is_content_name(name):
            raise ArchiveError(
                zip_path,
                f"lists '{name}', which is not a content file (pack.yaml, README.md, "
                "lessons/*.md, scenarios/**/*.yaml): not opening it",
            )
    present = {n for n in names if n != INDEX_NAME and not n.endswith("/")}
    added, missing = sorted(present - info.files.keys()), sorted(info.files.keys() - present)
    if added:
        raise ArchiveError(zip_path, f"{added[0]} was added after the pack was built")
    if missing:
        raise ArchiveError(zip_path, f"{missing[0]} is missing: removed after the pack was built")
    return info


def _index_info(index: object, zip_path: Path) -> ArchiveInfo:
    damaged = ArchiveError(zip_path, f"its {INDEX_NAME} is damaged: build the pack again")
    if not isinstance(index, dict):
        raise damaged
    version = index.get("format")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise damaged
    if version > FORMAT:
        raise ArchiveError(
            zip_path,
            f"was made by a newer tutor (pack format {version}; this tutor reads format "
            f"{FORMAT}): upgrade tutor to open it",
        )
    files = index.get("files")
    texts = [index.get(key) for key in ("id", "version", "title", "sha256")]
    if (
        not all(isinstance(text, str) for text in texts)
        or not isinstance(files, dict)
        or not all(isinstance(v, str) and _HEX64.fullmatch(v) for v in files.values())
    ):
        raise damaged
    pack_id, pack_version, title, digest = (str(text) for text in texts)
    ordered = {str(name): files[name] for name in sorted(files)}
    if files_digest(ordered) != digest:
        raise ArchiveError(
            zip_path, f"its {INDEX_NAME} was changed after the pack was built: build it again"
        )
    return ArchiveInfo(pack_id, pack_version, title, digest, ordered)


def _verified_contents(
    archive: zipfile.ZipFile, info: ArchiveInfo, zip_path: Path
) -> dict[str, bytes]:
    contents = {}
    for name, expected in info.files.items():
        data = archive.read(name)  # zipfile checks the CRC and stops at the declared size
        if hashlib.sha256(data).hexdigest() != expected:
            raise ArchiveError(zip_path, f"{name} was changed after the pack was built")
        contents[name] = data
    return contents


def _extraction_matches(folder: Path, info: ArchiveInfo) -> bool:
    """True when the folder holds exactly the index's files, unchanged."""
    if not folder.is_dir():
        return False
    found: dict[str, Path] = {}
    try:
        for path in folder.rglob("*"):
            if path.is_symlink():
                return False
            name = path.relative_to(folder).as_posix()
            if path.is_file() and name != INDEX_NAME:
                found[name] = path
        if found.keys() != info.files.keys():
            return False
        return all(
            hashlib.sha256(found[name].read_bytes()).hexdigest() == digest
            for name, digest in info.files.items()
        )
    except OSError:
        return False


def _remove_tree(folder: Path) -> None:
    """Remove a folder of read-only files (the extractions are), as far as possible."""
    with contextlib.suppress(OSError):
        for path in folder.rglob("*"):
            if not path.is_symlink():
                path.chmod(0o700 if path.is_dir() else 0o600)
    shutil.rmtree(folder, ignore_errors=True)
