"""The facts a run gathers of each report (document/facts.py) and the result item writers get."""

from __future__ import annotations

from pathlib import Path

from reportlint.engine.run import check_file
from reportlint.engine.settings import Settings
from reportlint.output import Checked, facts_of

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_facts_of_an_example_give_who_when_and_every_cell_in_the_format_order() -> None:
    gathered: list = []
    check_file(EXAMPLES / "county-2023.yaml", Settings(today="2024-03-01"), facts=gathered)
    (facts,) = gathered
    assert (facts.agency, facts.kind, facts.year, facts.pack) == ("示例县市场监督管理局", "department", 2023, "gov-2021")
    tables = {t.id: t for t in facts.tables}
    assert list(tables) == ["主动公开", "依申请公开", "复议诉讼"]
    cells = {(row, column): value for row, column, value in tables["依申请公开"].cells()}
    assert cells[("本年新收政府信息公开申请数量", "总计")] == "70"
    assert cells[("本年新收政府信息公开申请数量", "自然人")] == "60"
    assert len(tables["复议诉讼"].cells()) == 15
    assert tables["依申请公开"].rows[0].depth == 0
    assert any(row.group for row in tables["依申请公开"].rows)


def test_no_facts_for_a_file_that_could_not_be_read(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"\x00\x01 not yaml: [")
    gathered: list = []
    findings = check_file(bad, Settings(), facts=gathered)
    assert gathered == [] and findings[0].code == "RL001"


def test_a_result_unpacks_as_file_and_findings_and_carries_its_facts() -> None:
    item = Checked("a.yaml", [], None, ("note",))
    file, findings = item
    assert (file, findings, item.notes, facts_of(item)) == ("a.yaml", [], ("note",), None)
    assert facts_of(("b.yaml", [])) is None


def test_output_file_gets_every_format_and_an_interrupted_or_refused_run_leaves_it(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "reportlint", *args], capture_output=True, text=True,
                              cwd=tmp_path)

    report = str(EXAMPLES / "broken" / "copied-from-last-year.yaml")
    for fmt in ("json", "sarif", "text", "concise", "github"):
        out = tmp_path / f"out.{fmt}"
        done = run(report, "--format", fmt, "-o", str(out))
        assert done.returncode == 0 and done.stdout == "", (fmt, done.stderr)  # warnings only
        assert "RL703" in out.read_text(encoding="utf-8"), fmt
        assert "\x1b[" not in out.read_text(encoding="utf-8"), fmt  # no colour in a file
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))[0]["code"]
    (tmp_path / "keep.json").write_text("earlier", encoding="utf-8")
    refused = run(report, "--format", "json", "-o", str(tmp_path))
    assert refused.returncode == 2 and "folder" in refused.stderr
    missing = run("no-such.yaml", "--format", "json", "-o", str(tmp_path / "keep.json"))
    assert missing.returncode == 1  # a missing file is RL001, and the output is written
    assert "RL001" in (tmp_path / "keep.json").read_text(encoding="utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
