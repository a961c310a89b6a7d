"""Generated documentation is current: docs/rules/ and the rules table of README.md."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT
from reportlint.format.catalog import catalog


def test_rule_pages_and_readme_table_are_current():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_docs.py"), "--check"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_names_every_rule_and_the_two_quick_start_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code in catalog():
        assert f"[{code}](docs/rules/{code}.md)" in readme
    quick = readme.split("## Quick start", 1)[1].split("## ", 1)[0]
    commands = [line for line in quick.splitlines() if line.startswith("python3 -m venv")]
    assert len(commands) == 2
    assert "reportlint examples/" in commands[0] and "pytest" in commands[1]
