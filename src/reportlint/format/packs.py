"""Rule packs: a report format as data (sections, tables, equations, deadlines), read from `rules/`.

A pack is a folder with a `pack.yaml`. A pack may `extends:` another and replace its sections,
tables (by id) and equations (by id): a province's extra items or a future revision of the
format are a new pack, not new code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, cast

from reportlint.format.resources import load_data, rules_dir

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

    def leaves(self) -> list[RowSpec]:
        """Every row with cells, in document order."""
        return [row for row in self.all_rows() if not row.is_group]

    def find(self, path: str) -> RowSpec | None:
        for row in self.all_rows():
            if row.path == path:
                return row
        return None

    def all_rows(self) -> list[RowSpec]:
        out: list[RowSpec] = []
        stack = list(reversed(self.rows))
        while stack:
            row = stack.pop()
            out.append(row)
            stack.extend(reversed(row.rows))
        return out


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
    agency_kinds: list[tuple[AgencyKind, re.Pattern[str]]]
    folder: Path
    content: dict[str, Any] = field(default_factory=dict)  # what the text must say (RL6), as raw pack data

    def table(self, table_id: str) -> TableSpec | None:
        return next((t for t in self.tables if t.id == table_id), None)

    def fits_year(self, year: int) -> bool:
        return (self.year_from is None or year >= self.year_from) and (self.year_to is None or year <= self.year_to)

    def agency_kind(self, agency: str) -> AgencyKind:
        for kind, pattern in self.agency_kinds:
            if pattern.search(agency):
                return kind
        return "department"


# --- loading -----------------------------------------------------------------------------------

_extra_dirs: list[Path] = []


def add_pack_dirs(dirs: list[Path]) -> None:
    """Make packs in these folders (one sub-folder per pack) available, ahead of the built-in ones."""
    for folder in dirs:
        if folder not in _extra_dirs:
            _extra_dirs.insert(0, folder)
    load_pack.cache_clear()


def pack_dirs() -> list[Path]:
    return [*_extra_dirs, rules_dir()]


def available_packs() -> list[str]:
    names: set[str] = set()
    for folder in pack_dirs():
        if folder.is_dir():
            names.update(p.parent.name for p in folder.glob("*/pack.yaml"))
    return sorted(names)


def _raw(pack_id: str, seen: tuple[str, ...] = ()) -> tuple[dict[str, Any], Path]:
    if pack_id in seen:
        raise PackError(f"rule pack {pack_id} extends itself ({' → '.join(seen)})")
    for folder in pack_dirs():
        path = folder / pack_id / "pack.yaml"
        if path.is_file():
            data = load_data(path)
            if not isinstance(data, dict):
                raise PackError(f"{path}: a pack is a mapping")
            base_id = data.get("extends")
            if not base_id:
                return data, path.parent
            base, _ = _raw(str(base_id), (*seen, pack_id))
            return _merge(base, data), path.parent
    raise PackError(f"no rule pack named {pack_id!r} (known: {', '.join(available_packs())})")


def _merge(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    merged = {**base, **{k: v for k, v in child.items() if k not in ("tables", "equations")}}
    for key in ("tables", "equations"):
        if key in child:
            by_id = {item["id"]: item for item in base.get(key, [])}
            for item in child[key]:
                if item.get("remove"):
                    by_id.pop(item["id"], None)
                else:
                    by_id[item["id"]] = item
            merged[key] = list(by_id.values())
    return merged


@lru_cache(maxsize=16)
def load_pack(pack_id: str) -> Pack:
    """The pack `pack_id` with its `extends` chain resolved. Raises `PackError`."""
    data, folder = _raw(pack_id)
    try:
        return _build(data, folder)
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise PackError(f"rule pack {pack_id} is malformed: {exc!r}") from None


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
        )
        for e in data.get("equations", ())
    ]
    deadlines = {
        kind: Deadline(int(d["month"]), int(d["day"]), str(d.get("basis", "")), str(d.get("sure", "F")))
        for kind, d in (data.get("deadlines") or {}).items()
    }
    kinds = [(cast(AgencyKind, str(k["kind"])), re.compile(str(k.get("pattern", "")))) for k in data.get("agency_kinds", ())]
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
        content=dict(data.get("content") or {}),
    )


#: The pack used when a report gives neither `format` nor a usable `year`.
DEFAULT_PACK = "gov-2021"


def pack_for_year(year: int | None) -> str:
    """The built-in pack whose `years` cover `year` (≤ 2020 → gov-2019, otherwise gov-2021)."""
    if year is None:
        return DEFAULT_PACK
    names = sorted(p.parent.name for p in rules_dir().glob("*/pack.yaml"))
    for name in sorted(names, key=lambda n: n != DEFAULT_PACK):  # the default first: usually it fits
        pack = load_pack(name)
        if pack.fits_year(year):
            return pack.id
    return DEFAULT_PACK
