"""A quick version of bench/crash_store.py: SIGKILL a learner's process 10 times mid-answer;
every answer it confirmed must be in the store afterwards, and the store must be intact."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "crash_store.py"


def _crash_module():
    spec = importlib.util.spec_from_file_location("crash_store_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_confirmed_answers_survive_sigkill(isolated_environment: Path) -> None:
    figures = _crash_module().run(kills=10, data_dir=isolated_environment, seed=20261130)
    print(figures.report())
    assert figures.kills == 10
    assert len(figures.confirmed) > 10  # it really answered between the kills
    assert figures.missing == []
    assert figures.notice is None
    assert figures.integrity == "ok"
    assert figures.found >= len(figures.confirmed)
