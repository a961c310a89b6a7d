"""Start-up stays lean: checking a clean report imports none of the heavy libraries.

A pre-commit hook runs on every commit; the libraries below cost more than the check itself. This
guards the lazy imports (timings are for benchmarks/bench.py, not for tests)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import CORRECTED, SEED

HEAVY = ("pydantic", "rich", "docx", "bs4", "pdfplumber", "importlib.metadata", "email",
         "pluggy")  # pluggy: only when a third-party plugin is installed


def _imported(*args: str) -> set[str]:
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "reportlint", *args],
                            capture_output=True, text=True, timeout=60)
    names = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip())
    return names


@pytest.mark.parametrize("args", [["--format", "json"], ["--no-color"], ["--format", "concise"],
                                  ["--force-exclude", "--skip-non-reports"]])  # as the pre-commit hook runs
def test_checking_a_report_imports_nothing_heavy(args):
    for report in (CORRECTED, SEED):
        loaded = _imported(*args, str(report))
        assert "reportlint.engine.run" in loaded  # the probe works
        heavy = sorted(n for n in loaded if n.split(".")[0] in HEAVY or n in HEAVY)
        assert heavy == [], f"{report.name} with {args} imported {heavy}"
        # the converters' data classes are for documents; a YAML report needs only their exceptions
        assert "reportlint.convert.converted" not in loaded


def test_pydantic_is_imported_only_when_a_field_needs_it(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("agency: 某局\nyear: 二〇二四\n", encoding="utf-8")
    assert "pydantic" in _imported("--format", "json", str(bad))


def test_converting_one_document_leaves_its_library_to_the_child():
    """The child that converts a document imports its library (lxml for .docx: python-docx is not
    needed to read one); the checking process imports it only
    before forking a second child (so that one document costs one import, not two)."""
    from pathlib import Path

    blank = Path(__file__).parent / "fixtures" / "realworld" / "official-template-blank.docx"
    probe = ("import sys\n"
             "from pathlib import Path\n"
             "from reportlint.engine.run import check_file\n"
             "from reportlint.engine.settings import Settings\n"
             "check_file(Path(sys.argv[1]), Settings())\n"
             "print('lxml' in sys.modules)\n"
             "check_file(Path(sys.argv[1]), Settings())\n"
             "print('lxml' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", probe, str(blank)], capture_output=True, text=True, timeout=120)
    assert result.stdout.split() == ["False", "True"], result.stderr


def test_workers_for_reports_are_forked_ready():
    """Before forking a pool for reports the parent imports the checks and reads the packs once, so
    that no worker (nor a replacement) rebuilds them; for documents only, the parent stays small."""
    probe = ("import sys\n"
             "from pathlib import Path\n"
             "from reportlint.cli import checking\n"
             "from reportlint.engine.settings import Settings\n"
             "checking._prepare_workers(Settings())\n"
             "library = Settings().library()\n"
             "print('reportlint.checks.equations' in sys.modules, sorted(library._packs) == sorted(library.available()))\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert result.stdout.split() == ["True", "True"], result.stderr
