"""Issue 12's "done when": one generated collection of 300 reports with injected faults (YAML, DOCX,
HTML, PDF, junk) gives every report its right verdict in the text summary, the page and the
spreadsheet — the three views the office uses, from one run each."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from collection import Expected, write
from conftest import run_cli
from test_export import read_csv
from test_page import blocks


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Expected]]:
    folder = tmp_path_factory.mktemp("views")
    return folder, write(folder / "reports", 300)


def _by_name(expected: dict[str, Expected]) -> dict[str, str]:
    return {Path(name).name: want.status for name, want in expected.items()}


def test_the_summary_counts_every_verdict(collection: tuple[Path, dict[str, Expected]]) -> None:
    folder, expected = collection
    wanted = Counter(want.status for want in expected.values())
    done = run_cli(str(folder / "reports"), "-q", "--lang", "en", "-j", "2", timeout=300)
    assert done.returncode == 1, done.stderr  # errors among them
    line = next(x for x in done.stdout.splitlines() if x.startswith("Reports:"))
    assert f"{len(expected)} checked" in line
    assert f"{wanted['clean']} clean" in line and f"{wanted['warnings']} with warnings only" in line
    assert f"{wanted['errors']} with errors" in line and f"{wanted['unreadable']} unreadable" in line
    assert not re.search(r"^\S+:\d+:\d+", done.stdout, flags=re.M)  # -q: no finding lines


def test_the_page_gives_each_report_its_verdict(collection: tuple[Path, dict[str, Expected]]) -> None:
    folder, expected = collection
    out = folder / "年报检查.html"
    done = run_cli(str(folder / "reports"), "--format", "html", "-o", str(out), "-j", "2", timeout=300)
    assert done.returncode == 1 and done.stdout == "", done.stderr
    shown = {Path(s["f"]).name: s["s"] for s in blocks(out.read_text(encoding="utf-8"), "s")}
    assert shown == _by_name(expected)


def test_the_spreadsheet_gives_each_report_its_verdict(collection: tuple[Path, dict[str, Expected]]) -> None:
    folder, expected = collection
    out = folder / "汇总.csv"
    done = run_cli("export", str(folder / "reports"), "-o", str(out), "-j", "2", "--lang", "en", timeout=300)
    assert done.returncode == 0, done.stderr
    rows = read_csv(out)
    column = {name: n for n, name in enumerate(rows[0])}
    got = {Path(row[column["file"]]).name: row[column["status"]] for row in rows[1:]}
    assert got == _by_name(expected)


def test_export_pairs_last_years_report_as_the_check_does(tmp_path: Path) -> None:
    examples = Path(__file__).resolve().parent.parent / "examples"
    (tmp_path / "county-2023.yaml").write_text((examples / "county-2023.yaml").read_text(encoding="utf-8"),
                                               encoding="utf-8")
    copied = (examples / "broken" / "copied-from-last-year.yaml").read_text(encoding="utf-8")
    (tmp_path / "copied.yaml").write_text(re.sub(r"(?m)^previous:.*\n", "", copied), encoding="utf-8")
    checked = run_cli(str(tmp_path), "--format", "concise")
    assert "RL703" in checked.stdout  # paired in the folder run
    done = run_cli("export", str(tmp_path), "-o", str(tmp_path / "汇总.csv"), "--lang", "en")
    assert done.returncode == 0, done.stderr
    rows = read_csv(tmp_path / "汇总.csv")
    column = {name: n for n, name in enumerate(rows[0])}
    row = next(r for r in rows[1:] if r[column["file"]].endswith("copied.yaml"))
    warnings = sum(1 for line in checked.stdout.splitlines() if "copied.yaml" in line and "[warning]" in line)
    assert (row[column["status"]], int(row[column["warnings"]])) == ("warnings", warnings)
