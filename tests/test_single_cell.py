"""Any single wrong cell of Tables 三 and 四 is caught, located at its own line and column.

Every cell of Table 三 takes part in at least two identities (its row's E3, and E1 or E2 of its
column), so one wrong cell is one finding at that cell. A cell of Table 四 takes part in E4 of its
group only: which of the five is wrong cannot be known, so the finding stands at the group's
总计 with the cell listed among the related places.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportlint.document.bind import bind
from reportlint.document.model import Cell
from reportlint.engine.run import check_file
from reportlint.engine.settings import Settings
from reportlint.findings.emit import Emitter
from reportlint.read import yamltree

BASES = Path(__file__).resolve().parent / "cases" / "_base"
DELTAS = (1, 3, -1)


def cells_of(text: str, table: str) -> list[Cell]:
    emit = Emitter("base.yaml")
    doc = bind(yamltree.parse(text), "base.yaml", emit)
    assert doc is not None and not emit.findings
    return [c for row in doc.tables[table].rows.values() for c in row.cells.values()]


def with_cell(text: str, cell: Cell, value: Decimal) -> str:
    lines = text.split("\n")
    line = lines[cell.line - 1]
    start = cell.column - 1
    assert line[start:start + len(cell.raw)] == cell.raw, (cell.path, line)
    lines[cell.line - 1] = f"{line[:start]}{value}{line[start + len(cell.raw):]}"
    return "\n".join(lines)


def _cases(base: str, table: str) -> list:
    text = (BASES / f"{base}.yaml").read_text(encoding="utf-8")
    return [pytest.param(text, cell, id=f"{base}-{cell.path.removeprefix('tables/')}") for cell in cells_of(text, table)]


@pytest.mark.parametrize(("text", "cell"), _cases("corrected-2021", "依申请公开") + _cases("corrected-2019", "依申请公开"))
def test_one_wrong_cell_of_table_three(text: str, cell: Cell, tmp_path: Path) -> None:
    path = tmp_path / "report.yaml"
    for delta in DELTAS:
        if cell.value + delta < 0:
            continue
        path.write_text(with_cell(text, cell, cell.value + delta), encoding="utf-8")
        findings = check_file(path, Settings(select=("RL",)))
        assert [(f.code[:4], f.line, f.column, f.path) for f in findings] == [
            ("RL30", cell.line, cell.column, cell.path)
        ], (delta, [f.message_zh for f in findings])
        assert f"写的是 {cell.value + delta}，按其余数字应为 {cell.value}" in findings[0].message_zh
        assert findings[0].data["cell"] == cell.path


def test_table_three_cells_are_all_covered() -> None:
    text = (BASES / "corrected-2021.yaml").read_text(encoding="utf-8")
    assert len(cells_of(text, "依申请公开")) == 25 * 7
    text = (BASES / "corrected-2019.yaml").read_text(encoding="utf-8")
    assert len(cells_of(text, "依申请公开")) == 23 * 7


@pytest.mark.parametrize(("text", "cell"), _cases("corrected-2021", "复议诉讼") + _cases("corrected-2019", "复议诉讼"))
def test_one_wrong_cell_of_table_four(text: str, cell: Cell, tmp_path: Path) -> None:
    path = tmp_path / "report.yaml"
    row = cell.path.rsplit("/", 1)[0]
    total = next(c for c in cells_of(text, "复议诉讼") if c.path == f"{row}/总计")
    for delta in DELTAS:
        if cell.value + delta < 0:
            continue
        path.write_text(with_cell(text, cell, cell.value + delta), encoding="utf-8")
        findings = check_file(path, Settings(select=("RL",)))
        assert [(f.code, f.line, f.column) for f in findings] == [("RL304", total.line, total.column)], delta
        if cell is not total and cell.path != total.path:
            assert cell.path in {r.path for r in findings[0].related}
            assert (cell.line, cell.column) in {(r.line, r.column) for r in findings[0].related}
