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
