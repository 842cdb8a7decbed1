"""Which class server, if any: $TUTOR_CLASS_URL, else the URL saved by `tutor class join`.

The saved URL holds the student account's password, so it lives in its own file in the data
folder, readable by its owner only (0600), and is never printed unmasked.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from tutor.progress.opening import data_dir

ENV_VAR = "TUTOR_CLASS_URL"
SAVED_NAME = "class-url"


@dataclass(frozen=True)
class ClassSetting:
    url: str
    source: str  # "TUTOR_CLASS_URL" or the saved file's path


def saved_path(directory: Path | None = None) -> Path:
    return (directory if directory is not None else data_dir()) / SAVED_NAME


def class_setting(
    env: dict[str, str] | None = None, directory: Path | None = None
) -> ClassSetting | None:
    """The class URL in force; None when not in class mode."""
    environ = os.environ if env is None else env
    from_env = environ.get(ENV_VAR, "").strip()
    if from_env:
        return ClassSetting(from_env, ENV_VAR)
    path = saved_path(directory)
    try:
        saved = path.read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    return ClassSetting(saved, str(path)) if saved else None


def save_url(url: str, directory: Path | None = None) -> Path:
    """Write the URL for later starts, readable by its owner only; returns the file."""
    path = saved_path(directory)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(url.strip() + "\n")
    os.chmod(temporary, 0o600)  # an old file's looser mode must not survive the replace
    os.replace(temporary, path)
    return path


def forget_url(directory: Path | None = None) -> bool:
    """Remove the saved URL; whether there was one."""
    try:
        saved_path(directory).unlink()
    except FileNotFoundError:
        return False
    return True
