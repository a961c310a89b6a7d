"""Spreadsheet rows written as they come: CSV (UTF-8 with a BOM, so that Excel reads Chinese) and
XLSX (openpyxl's write-only mode: memory stays flat). Text never becomes a formula and never
carries a control character; numbers stay numbers; the header row is frozen in XLSX."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path

from reportlint.output.safe import shown

Value = str | int | Decimal | None
Write = Callable[[Sequence[Value], bool], None]

#: What a spreadsheet program takes for the start of a formula in a CSV cell.
_FORMULA_START = ("=", "+", "-", "@")
#: The most characters an Excel cell holds.
_CELL_MAX = 32_767


def text(value: str) -> str:
    """`value` safe in a cell: control characters and lone surrogates shown escaped, at most a cell long."""
    return shown(value)[:_CELL_MAX]


@contextlib.contextmanager
def csv_rows(path: Path) -> Iterator[Write]:
    import csv

    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)

        def write(values: Sequence[Value], header: bool) -> None:
            writer.writerow([_csv_cell(v) for v in values])

        yield write


def _csv_cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, int):
        return str(value)
    safe = text(value)
    return "'" + safe if safe.startswith(_FORMULA_START) else safe


@contextlib.contextmanager
def xlsx_rows(path: Path, title: str) -> Iterator[Write]:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    sheet.freeze_panes = "B2"  # the header row and the file column stay in view
    bold = Font(bold=True)

    def write(values: Sequence[Value], header: bool) -> None:
        if header:
            sheet.column_dimensions["A"].width = 40
            sheet.column_dimensions["B"].width = 28
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=text(value) if isinstance(value, str) else value)
            if isinstance(value, str):
                cell.data_type = "s"  # "=…" in an agency's name is text, never a formula
            if header:
                cell.font = bold
            cells.append(cell)
        sheet.append(cells)

    yield write
    book.save(str(path))
