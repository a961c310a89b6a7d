"""The equations' fast path (`arith.holds_everywhere`) agrees with the instances it stands in for."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportlint.checks import arith
from reportlint.checks.equations import _parsed
from reportlint.document.bind import bind
from reportlint.findings.emit import Emitter
from reportlint.format.library import builtin
from reportlint.read import yamltree

ROOT = Path(__file__).resolve().parent.parent
#: The examples with tables (the unparsable one and those without tables have no equation to hold).
REPORTS = [p for p in sorted((ROOT / "examples").rglob("*.yaml"))
           if p.name != "syntax.yaml" and "packs" not in p.parts and "\ntables:" in p.read_text(encoding="utf-8")]


def _agree(doc) -> int:
    checked = 0
    for equation in _parsed(doc):
        table = doc.tables.get(equation.spec.table)
        if table is None:
            continue
        slow = all(i.holds for i in arith.instances(equation, table))
        assert arith.holds_everywhere(equation, table) == slow, (doc.file, equation.spec.id)
        checked += 1
    return checked


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_fast_path_agrees_on_the_report_and_on_every_cell_changed_by_one(path: Path) -> None:
    library = builtin()
    tree = yamltree.parse(path.read_text(encoding="utf-8"))
    doc = bind(tree, str(path), Emitter(str(path), library), None, library)
    assert doc is not None and doc.tables
    assert _agree(doc)
    changed = 0
    for table in doc.tables.values():
        for row in table.rows.values():
            for cell in list(row.cells.values())[:3]:
                cell.value += Decimal(1)
                changed += _agree(doc)
                cell.value -= Decimal(1)
    assert changed or not any(t.rows for t in doc.tables.values())
