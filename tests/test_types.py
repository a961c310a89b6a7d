"""Types: mypy (strict, configured in pyproject.toml) finds nothing, and every check's `run` is typed."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_every_check_run_is_typed() -> None:
    from reportlint.checks.base import Check
    from reportlint.plugins import manager as plugins

    expected = inspect.signature(Check.run)
    for check in plugins.installed().checks():
        signature = inspect.signature(type(check).run)
        assert str(signature) == str(expected), f"{type(check).__name__}.run{signature}"


def test_mypy_strict_is_clean() -> None:
    pytest.importorskip("mypy")
    done = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success: no issues found" in done.stdout
