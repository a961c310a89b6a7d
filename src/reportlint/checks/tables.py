"""RL201, RL202, RL204, RL205, RL206: tables missing, rows or columns missing, blank and odd cells,
tables that are pictures.

(RL203, a row or column of the other format version, is reported while binding, where the
label is read.)
"""

from __future__ import annotations

from reportlint.checks.base import Check, CheckSettings
from reportlint.document.edits import replace_scalar
from reportlint.document.model import Cell, Document
from reportlint.findings.emit import Emitter
from reportlint.findings.fixes import Fix

_NOTES = {
    "full-width": ("全角数字", "full-width digits"),
    "separators": ("千位分隔符", "thousands separators"),
    "unit": ("单元格里写了单位", "a unit written in the cell"),
}


class TablesCheck(Check):
    name = "tables"
    codes = ("RL201", "RL202", "RL204", "RL205", "RL206")

    def run(self, doc: Document, emit: Emitter, settings: CheckSettings) -> None:
        at = doc.key_at("tables")
        if "tables" in doc.keys and doc.keys["tables"][1].kind != "map" and not doc.keys["tables"][1].is_null:
            return  # `tables` is not a mapping at all: RL002 says so, nothing more to add
        for spec in doc.pack.tables:
            if spec.id in doc.pictures:  # there, but as a picture: its numbers cannot be read
                emit("RL206", "default", doc.pictures[spec.id], path=f"tables/{spec.id}", table=spec.id,
                     title=spec.title, section=spec.section)
            elif spec.id not in doc.tables:
                key = "default" if doc.tables_present else "no_tables"
                emit("RL201", key, at, path=f"tables/{spec.id}", table=spec.id, title=spec.title,
                     section=spec.section)
        for missing in doc.missing:
            if missing.what == "row":
                emit("RL202", "row", (missing.line, missing.column), path=missing.place, table=missing.table,
                     label=missing.label)
            else:
                emit("RL202", "column", (missing.line, missing.column), path=missing.place, table=missing.table,
                     label=missing.label, row=missing.row)
        for table in doc.tables.values():
            for row in table.rows.values():
                blanks = [c for c in row.cells.values() if c.blank]
                if blanks:
                    shown = [f"{c.place.column}“{c.raw or ''}”" for c in blanks]
                    place = blanks[0].place if len(blanks) == 1 else row.place  # one cell: name it
                    emit("RL204", "default", blanks[0], path=place, row=row.spec.label, count=len(blanks),
                         cells="、".join(shown), cells_en=", ".join(shown))
                for cell in row.cells.values():
                    if cell.noncanonical:
                        zh, en = _NOTES.get(cell.noncanonical, (cell.noncanonical, cell.noncanonical))
                        emit("RL205", cell.noncanonical if cell.noncanonical == "unit" else "default", cell,
                             path=cell.place, raw=cell.raw, value=format(cell.value, "f"), fix=_canonical(doc, cell),
                             **({} if cell.noncanonical == "unit" else {"how_zh": zh, "how_en": en}))


def _canonical(doc: Document, cell: Cell) -> Fix | None:
    """The cell rewritten as the plain number it was read as ("１２" → 12, "1,234" → 1234, "3.5万元" → 3.5)."""
    edit = replace_scalar(doc, cell.line, cell.column, format(cell.value, "f"))
    return Fix((edit,)) if edit is not None else None
