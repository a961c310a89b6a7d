"""Rule packs: a report format as data (sections, tables, equations, deadlines), read from `rules/`.

A pack is a folder with a `pack.yaml`. A pack may `extends:` another and edit it: add, remove or
relabel rows, columns, sections and equations (see docs/packs.md): a province's extra items or a
future revision of the format are a new pack, not new code.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal, cast

from reportlint.record import dataclass, field

#: How a column's cells read: whole counts, amounts of money, or counts that may be negative.
ColumnKind = Literal["count", "money", "signed"]
#: What a section holds.
SectionContent = Literal["text", "table"]
#: What an equation runs over: each column of its table, or each row.
Each = Literal["column", "row"]
#: The kind of agency, which sets the publication deadline.
AgencyKind = Literal["department", "government", "township"]


class PackError(Exception):
    """A rule pack is missing or malformed (a problem of the installation, not of the report)."""


@dataclass(slots=True, frozen=True)
class Column:
    label: str
    kind: ColumnKind = "count"
    unit: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(slots=True)
class RowSpec:
    """A row of a table (a leaf with cells) or a group of rows (`rows` not empty)."""

    label: str
    path: str  # canonical labels from the table down, "/"-separated
    columns: tuple[Column, ...] = ()
    rows: list[RowSpec] = field(default_factory=list)
    number: str | None = None
    short: str | None = None  # the name used in messages ("新收" for 本年新收政府信息公开申请数量)
    block: str | None = None
    note: str | None = None
    aliases: tuple[str, ...] = ()
    optional_group: bool = False
    single_row_format: str | None = None  # a group that the other format writes as one row
    group_format: str | None = None  # a leaf that the other format splits into sub-rows
    renamed_from: tuple[tuple[str, str], ...] = ()  # (label, format) of the other format

    @property
    def is_group(self) -> bool:
        return bool(self.rows)

    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)

    def leaves(self) -> list[RowSpec]:
        """This row, or every row with cells under this group, in document order."""
        if not self.rows:
            return [self]
        return [leaf for child in self.rows for leaf in child.leaves()]


@dataclass(slots=True, frozen=True)
class Foreign:
    """A row or column label of another format version, and what this format has instead."""

    label: str
    format: str
    instead_zh: str
    instead_en: str


@dataclass(slots=True)
class TableSpec:
    id: str
    section: str
    title: str
    rows: list[RowSpec]
    columns: tuple[Column, ...] = ()
    aliases: tuple[str, ...] = ()
    note: str | None = None
    foreign: tuple[Foreign, ...] = ()
    foreign_columns: tuple[Foreign, ...] = ()
    #: How the official template lays it out: a row per row ("rows"), or the rows side by side over
    #: one line of values ("across", Table 四); read by `reportlint init --docx`.
    layout: str = "rows"

    #: Every row by its path, in document order; built on first use (a pack is read-only once built).
    _by_path: dict[str, RowSpec] | None = field(default=None, repr=False, compare=False)

    def leaves(self) -> list[RowSpec]:
        """Every row with cells, in document order."""
        return [row for row in self.all_rows() if not row.is_group]

    def find(self, path: str) -> RowSpec | None:
        """The row or group at `path` ("三、本年度办理结果/（三）不予公开")."""
        return self._index().get(path)

    def all_rows(self) -> list[RowSpec]:
        """Every row and group, in document order (a group before its rows)."""
        return list(self._index().values())

    def _index(self) -> dict[str, RowSpec]:
        if self._by_path is None:
            index: dict[str, RowSpec] = {}
            stack = list(reversed(self.rows))
            while stack:
                row = stack.pop()
                index.setdefault(row.path, row)
                stack.extend(reversed(row.rows))
            self._by_path = index
        return self._by_path


@dataclass(slots=True, frozen=True)
class SectionSpec:
    id: str  # 一 … 六
    heading: str
    content: SectionContent
    table: str | None = None
    variants: tuple[str, ...] = ()
    required_text: bool = True
    sure: str = "P"


@dataclass(slots=True, frozen=True)
class EquationSpec:
    id: str
    rule: str
    table: str
    each: Each
    equation: str
    anchor: str | None = None
    basis: str = ""
    sure: str = "F"
    name: str | None = None  # for a code the pack defines itself (not in the catalogue)
    summary: tuple[str, str] | None = None  # (zh, en), likewise
    severity: str | None = None  # the entry's own default severity (below the configuration's)
    messages_from: str | None = None  # a catalogue code whose messages a pack-defined code borrows


@dataclass(slots=True, frozen=True)
class Deadline:
    month: int
    day: int
    basis: str
    sure: str


@dataclass(slots=True)
class Pack:
    id: str
    title_zh: str
    title_en: str
    document: str
    year_from: int | None
    year_to: int | None
    other: str | None
    sections: list[SectionSpec]
    tables: list[TableSpec]
    equations: list[EquationSpec]
    deadlines: dict[str, Deadline]
    agency_kinds: list[tuple[str, re.Pattern[str], bool]]  # (kind, pattern on the name, sure)
    folder: Path
    content: list[dict[str, Any]] = field(default_factory=list)  # entries of generic rule kinds (RL6, RL7), raw pack data
    #: per-instance caches of later stages (e.g. the section heading matchers of `bind_sections`)
    cache: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    def table(self, table_id: str) -> TableSpec | None:
        return next((t for t in self.tables if t.id == table_id), None)

    def fits_year(self, year: int) -> bool:
        return (self.year_from is None or year >= self.year_from) and (self.year_to is None or year <= self.year_to)

    def agency_kind(self, agency: str) -> str:
        return self.guess_agency_kind(agency)[0]

    def guess_agency_kind(self, agency: str) -> tuple[str, bool]:
        """The kind of agency its name suggests, and whether the pack holds that inference sure."""
        for kind, pattern, sure in self.agency_kinds:
            if pattern.search(agency):
                return kind, sure
        return "department", False


# --- building --------------------------------------------------------------------------------
# Finding and reading pack files (and their `extends` chains) is `reportlint.format.library`'s job;
# applying a child's edits to its base is `reportlint.format.edits`'. Here: raw data → `Pack`.


class PackNotFound(PackError):
    """No pack of that name in any pack folder."""


def build(data: dict[str, Any], folder: Path) -> Pack:
    """The pack of merged raw data `data`. Raises `PackError`."""
    try:
        return _build(data, folder)
    except (KeyError, TypeError, ValueError, AttributeError, re.error) as exc:
        raise PackError(f"rule pack {data.get('id', folder.name)} is malformed: {exc!r}") from None


def _text(value: object) -> tuple[str, str]:
    if isinstance(value, dict):
        return str(value.get("zh", "")), str(value.get("en", value.get("zh", "")))
    return str(value or ""), str(value or "")


def _column(item: object) -> Column:
    if isinstance(item, dict):
        return Column(
            label=str(item["label"]),
            kind=cast(ColumnKind, str(item.get("kind", "count"))),  # pack data, taken as written
            unit=item.get("unit"),
            aliases=tuple(item.get("aliases", ())),
        )
    return Column(label=str(item))


def _row(item: dict[str, Any], parent: str, default_columns: tuple[Column, ...]) -> RowSpec:
    label = str(item["label"])
    path = f"{parent}/{label}" if parent else label
    columns = tuple(_column(c) for c in item["columns"]) if "columns" in item else default_columns
    return RowSpec(
        label=label,
        path=path,
        columns=columns,
        rows=[_row(child, path, columns) for child in item.get("rows", ())],
        number=item.get("number"),
        short=item.get("short"),
        block=item.get("block"),
        note=item.get("note"),
        aliases=tuple(item.get("aliases", ())),
        optional_group=bool(item.get("optional_group")),
        single_row_format=item.get("single_row_format"),
        group_format=item.get("group_format"),
        renamed_from=tuple((str(r["label"]), str(r["format"])) for r in item.get("renamed_from", ())),
    )


def _foreign(item: dict[str, Any]) -> Foreign:
    zh, en = _text(item.get("instead"))
    return Foreign(label=str(item["label"]), format=str(item.get("format", "")), instead_zh=zh, instead_en=en)


def _build(data: dict[str, Any], folder: Path) -> Pack:
    title_zh, title_en = _text(data.get("title"))
    years = data.get("years") or {}
    tables = []
    for t in data.get("tables", ()):
        columns = tuple(_column(c) for c in t.get("columns", ()))
        tables.append(
            TableSpec(
                id=str(t["id"]),
                section=str(t["section"]),
                title=str(t.get("title", t["id"])),
                rows=[_row(r, "", columns) for r in t["rows"]],
                columns=columns,
                aliases=tuple(t.get("aliases", ())),
                note=t.get("note"),
                foreign=tuple(_foreign(f) for f in t.get("foreign", ())),
                foreign_columns=tuple(_foreign(f) for f in t.get("foreign_columns", ())),
                layout=str(t.get("layout") or "rows"),
            )
        )
    sections = [
        SectionSpec(
            id=str(s["id"]),
            heading=str(s["heading"]),
            content=cast(SectionContent, str(s.get("content", "text"))),  # pack data, taken as written
            table=s.get("table"),
            variants=tuple(s.get("variants", ())),
            required_text=bool(s.get("required_text", s.get("content", "text") == "text")),
            sure=str(s.get("sure", "P")),
        )
        for s in data.get("sections", ())
    ]
    equations = [
        EquationSpec(
            id=str(e["id"]),
            rule=str(e["rule"]),
            table=str(e["table"]),
            each=cast(Each, str(e.get("each", "column"))),  # pack data, taken as written
            equation=" ".join(str(e["equation"]).split()),
            anchor=e.get("anchor"),
            basis=str(e.get("basis", "")),
            sure=str(e.get("sure", "F")),
            name=e.get("name"),
            summary=_text(e["summary"]) if e.get("summary") else None,
            severity=e.get("severity"),
            messages_from=e.get("messages_from"),
        )
        for e in data.get("equations", ())
    ]
    deadlines = {
        kind: Deadline(int(d["month"]), int(d["day"]), str(d.get("basis", "")), str(d.get("sure", "F")))
        for kind, d in (data.get("deadlines") or {}).items()
    }
    kinds = [(str(k["kind"]), re.compile(str(k.get("pattern", ""))), bool(k.get("sure", True)))
             for k in data.get("agency_kinds", ())]
    return Pack(
        id=str(data["id"]),
        title_zh=title_zh,
        title_en=title_en,
        document=str(data.get("document", "")),
        year_from=years.get("from"),
        year_to=years.get("to"),
        other=data.get("other"),
        sections=sections,
        tables=tables,
        equations=equations,
        deadlines=deadlines,
        agency_kinds=kinds,
        folder=folder,
        content=list(data.get("content") or []),
    )


#: The pack used when a report gives neither `format` nor a usable `year`.
DEFAULT_PACK = "gov-2021"


def load_pack(pack_id: str) -> Pack:
    """A built-in pack (a run reads its own `reportlint.format.library.Library`)."""
    from reportlint.format.library import builtin

    return builtin().pack(pack_id)
