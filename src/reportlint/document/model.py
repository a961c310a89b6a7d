"""The bound report: what checks read. Built from the positioned YAML tree by `bind.py`."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from reportlint.document.meta import Meta
from reportlint.findings.finding import Place
from reportlint.format.packs import ColumnKind, Foreign, Pack, RowSpec, SectionSpec, TableSpec
from reportlint.read.yamltree import Node
from reportlint.record import dataclass, field


class Placed:
    """Something with a place in the report model; `path` is that place's text form, for output and
    as a key."""

    __slots__ = ()
    place: Place

    @property
    def path(self) -> str:
        return self.place.text()


@dataclass(slots=True)
class Cell(Placed):
    """One number of a table, where it was written, and how."""

    value: Decimal
    line: int
    column: int
    place: Place  # tables, <table>, <row labels…>, <column label>; kind "cell"
    raw: str | None
    blank: bool = False
    noncanonical: str | None = None
    kind: ColumnKind = "count"
    #: the place's text, made when first asked for (the arithmetic keys cells by it, but only in a
    #: table whose sums do not hold: most cells never need it, issue 14)
    _path: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def path(self) -> str:
        path = self._path
        if path is None:
            path = self._path = self.place.text()
        return path


@dataclass(slots=True)
class BoundRow(Placed):
    spec: RowSpec
    place: Place  # tables, <table>, <row labels…>; kind "row"
    line: int
    column: int
    cells: dict[str, Cell] = field(default_factory=dict)  # by canonical column label
    complete: bool = True  # False when its values could not be assigned to columns
    written_as: str = ""  # the label as written
    foreign: Foreign | None = None  # written in the shape or under the name of the other format


@dataclass(slots=True)
class ForeignRow(Placed):
    """A row of the other format version (政府集中采购 in a 2021 report), kept but not checked."""

    table: str
    label: str
    foreign: Foreign
    line: int
    column: int
    place: Place


@dataclass(slots=True)
class Missing(Placed):
    """A row or column of the format that the report does not have."""

    table: str
    what: str  # "row" | "column"
    label: str
    place: Place
    line: int
    column: int
    row: str | None = None  # for a missing column: the row it is missing from


@dataclass(slots=True)
class BoundTable(Placed):
    spec: TableSpec
    place: Place  # tables, <table>; kind "table"
    line: int
    column: int
    rows: dict[str, BoundRow] = field(default_factory=dict)  # by canonical row path

    def cell(self, row_path: str, column: str) -> Cell | None:
        row = self.rows.get(row_path)
        return row.cells.get(column) if row is not None else None


#: How a heading as written matched the format's: exactly, as a known variant, roughly, or not at all.
HeadingMatch = Literal["exact", "variant", "fuzzy", "none"]


@dataclass(slots=True)
class BoundSection:
    heading: str  # as written
    spec: SectionSpec | None
    how: HeadingMatch
    text: str
    line: int
    column: int
    text_line: int
    text_column: int
    text_style: str = ""  # the YAML style of the text ("|" for a literal block)


@dataclass(slots=True)
class Document:
    """A report as the checks see it: validated metadata, matched sections, bound tables."""

    file: str
    pack: Pack
    meta: Meta
    root: Node | None
    keys: dict[str, tuple[Node, Node]] = field(default_factory=dict)  # top-level field → (key, value)
    sections: list[BoundSection] | None = None  # None when the file has no `sections`
    tables: dict[str, BoundTable] = field(default_factory=dict)
    tables_present: bool = False
    pictures: dict[str, tuple[int, int]] = field(default_factory=dict)  # table id → where `图片` marks it
    foreign_rows: list[ForeignRow] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)
    agency_kind: str = "department"
    agency_kind_sure: bool = True  # False when guessed from the name by a pattern the pack marks unsure
    pack_by_year: bool = True  # the pack was chosen from the year, not named by `format:`
    previous: Document | None = None  # last year's report (RL7), when given and readable
    lines: list[str] | None = None  # the YAML source, for exact positions inside texts

    def at(self, key: str) -> tuple[int, int]:
        """The position of a top-level key's value, else of the top of the file."""
        if key in self.keys:
            node = self.keys[key][1]
            return node.line, node.column
        return 1, 1

    def in_text(self, line: int, column: int, style: str, text: str, offset: int) -> tuple[int, int]:
        """The line and column of `text[offset]`, for a text whose YAML value starts at (line, column).

        Exact for literal blocks (``|``) and one-line scalars; otherwise the start of the value.
        """
        if style == "|" and self.lines is not None:
            target = line + 1 + text.count("\n", 0, offset)
            if target <= len(self.lines):
                source = self.lines[target - 1]
                indent = len(source) - len(source.lstrip(" "))
                return target, indent + offset - (text.rfind("\n", 0, offset) + 1) + 1
        if style in ("", '"', "'") and "\n" not in text[:offset]:
            return line, column + offset + (1 if style else 0)
        return line, column

    def key_at(self, key: str) -> tuple[int, int]:
        if key in self.keys:
            node = self.keys[key][0]
            return node.line, node.column
        return 1, 1
