"""Shared fixtures: paths of the examples and a helper that checks YAML text."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEED = EXAMPLES / "xinzhou-kjj-2024.yaml"
CORRECTED = EXAMPLES / "xinzhou-kjj-2024-corrected.yaml"


@pytest.fixture
def check_text(tmp_path):
    """Check YAML text written to a file; returns the findings."""
    from reportlint.engine.run import check_file
    from reportlint.engine.settings import Settings

    def run(text: str, name: str = "report.yaml", **settings) -> list:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return check_file(path, Settings(**settings))

    return run


def run_cli(*args: str, env: dict | None = None, cwd: Path | None = None, timeout: float = 60):
    """Run `python -m reportlint` in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "reportlint", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=timeout,
    )
