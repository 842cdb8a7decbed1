"""The core packages stay usable without the TUI: none of them imports textual, tutor.ui or
tutor.commands."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TUTOR = Path(__file__).resolve().parent.parent / "tutor"
CORE_PACKAGES = ("content", "topology", "progress", "dbcheck", "labs")
NOT_FOR_THE_CORE = ("textual", "tutor.ui", "tutor.commands")


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", CORE_PACKAGES)
def test_core_package_never_imports_the_ui(package: str) -> None:
    offenders = [
        f"{path.relative_to(TUTOR)}: {module}"
        for path in sorted((TUTOR / package).rglob("*.py"))
        for module in sorted(_imported_modules(path))
        if any(module == name or module.startswith(f"{name}.") for name in NOT_FOR_THE_CORE)
    ]
    assert offenders == []


def test_no_module_is_much_over_400_lines() -> None:
    long_ones = {
        str(path.relative_to(TUTOR)): n
        for path in TUTOR.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 450
    }
    assert long_ones == {}


def test_every_type_ignore_says_why_on_its_line() -> None:
    """A silenced type error is a decision: the line names the error code and gives a reason."""
    bare = []
    for path in sorted(TUTOR.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "type: ignore" not in line:
                continue
            after = line.split("type: ignore", 1)[1]
            if not after.startswith("[") or "#" not in after:
                bare.append(f"{path.relative_to(TUTOR)}:{number}")
    assert bare == []
