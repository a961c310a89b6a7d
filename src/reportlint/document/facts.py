"""What a run tells about a report besides its findings: who, which year, which pack, and every
number of its tables in the format's order — small, picklable, for the page, the spreadsheet and
pairing reports with last year's (never the bound document itself, which holds the whole tree)."""

from __future__ import annotations

from reportlint.document.model import Document
from reportlint.record import dataclass


@dataclass(slots=True, frozen=True)
class RowFacts:
    """One row of the format: its place, how it is drawn, and its numbers as written (None: absent)."""

    path: str  # canonical labels from the table down, "/"-separated
    label: str
    depth: int  # 0 for a row at the top of the table
    group: bool  # a heading row without cells of its own
    columns: tuple[str, ...]  # its column labels (a table's rows may differ: Table 二)
    values: tuple[str | None, ...]  # one per column, canonical digits
    block: str | None = None  # the part of the format it is printed under (表二: 第二十条第（一）项)


@dataclass(slots=True, frozen=True)
class TableFacts:
    id: str
    title: str
    columns: tuple[str, ...]  # the table's columns (empty when each row has its own)
    rows: tuple[RowFacts, ...]

    def cells(self) -> list[tuple[str, str, str | None]]:
        """(row path, column label, value) of every cell of the format, in order."""
        return [(row.path, column, value) for row in self.rows
                for column, value in zip(row.columns, row.values, strict=True)]


@dataclass(slots=True, frozen=True)
class Facts:
    agency: str | None
    kind: str
    kind_sure: bool
    year: int | None
    pack: str
    published: str | None
    url: str | None
    tables: tuple[TableFacts, ...]
    previous: str | None = None  # the file of last year's report that was compared, if any


def of(doc: Document) -> Facts:
    """The facts of a bound report."""
    meta = doc.meta
    previous = doc.previous.file if doc.previous is not None else None
    return Facts(meta.agency, doc.agency_kind, doc.agency_kind_sure, meta.year, doc.pack.id,
                 meta.published.isoformat() if meta.published else None, meta.url,
                 tuple(_table(doc, spec_id) for spec_id in _table_ids(doc)), previous)


def _table_ids(doc: Document) -> list[str]:
    return [spec.id for spec in doc.pack.tables]


def _table(doc: Document, table_id: str) -> TableFacts:
    spec = next(s for s in doc.pack.tables if s.id == table_id)
    bound = doc.tables.get(table_id)
    rows: list[RowFacts] = []
    for row in spec.all_rows():
        labels = () if row.is_group else tuple(c.label for c in (row.columns or spec.columns))
        found = bound.rows.get(row.path) if bound is not None else None
        values = tuple(_text(found.cells.get(c)) if found is not None else None for c in labels)
        rows.append(RowFacts(row.path, row.label, row.path.count("/"), row.is_group, labels, values, row.block))
    return TableFacts(spec.id, spec.title, tuple(c.label for c in spec.columns), tuple(rows))


def _text(cell: object) -> str | None:
    if cell is None:
        return None
    value = getattr(cell, "value", None)
    if getattr(cell, "blank", False) or value is None:
        return None
    return str(value)
