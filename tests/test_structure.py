"""The house, checked: packages by stage, names that say one thing, no state carried between runs."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "reportlint"
STAGES = {"read", "format", "findings", "document", "convert", "checks", "output", "plugins", "engine", "cli"}


def _modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def test_every_module_lives_in_a_stage_package() -> None:
    # record.py: the data-class decorator every stage uses (no imports of its own), like version.py
    loose = [p.name for p in SRC.glob("*.py") if p.name not in ("__init__.py", "__main__.py", "version.py", "record.py")]
    assert not loose, f"modules outside the stage packages: {loose}"
    assert {p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").is_file()} == STAGES


def test_no_two_classes_share_a_name() -> None:
    where: dict[str, list[str]] = defaultdict(list)
    for path in _modules():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef):
                where[node.name].append(str(path.relative_to(SRC)))
    shared = {name: places for name, places in where.items() if len(places) > 1}
    assert not shared, shared


def test_no_global_statements() -> None:
    """State lives in objects passed along (settings, library, plugins), never in rebound module globals."""
    found = [f"{path.relative_to(SRC)}:{node.lineno}" for path in _modules()
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(node, ast.Global)]
    assert not found, found
