"""Binding the `tables` of a report: every table, row and column matched by its label against the
pack's table templates, every cell read as an exact number with its position. Rows and columns of
the other format version are kept and reported (RL203); nothing unknown is dropped in silence."""

from __future__ import annotations

from decimal import Decimal

from reportlint.document.edits import remove_entry
from reportlint.document.model import BoundRow, BoundTable, Cell, Document, ForeignRow, Missing
from reportlint.document.numbers import MAX_DIGITS, parse_cell
from reportlint.findings.emit import Emitter
from reportlint.findings.finding import Place
from reportlint.findings.fixes import Fix
from reportlint.format.labels import normalise, suggest
from reportlint.format.packs import Column, Foreign, Pack, RowSpec, TableSpec
from reportlint.read.yamltree import Node


def _table_for(key: str, pack: Pack) -> TableSpec | None:
    wanted = normalise(key)
    for spec in pack.tables:
        names = (spec.id, spec.title, *spec.aliases)
        if any(wanted == normalise(n) for n in names):
            return spec
    return None


def _under(table: BoundTable, row_path: str) -> Place:
    """The place of a row of the pack (its path: labels from the table down, "/"-separated)."""
    return table.place.child(*row_path.split("/"), kind="row")


def bind_tables(node: Node, doc: Document, emit: Emitter) -> None:
    if node.kind != "map":
        if not node.is_null:
            emit("RL002", "not_mapping", node, path="tables", field="tables", kind=node.kind_zh, kind_en=node.kind_en)
        return
    for key, value in node.pairs:
        name = key.key_text().strip()
        spec = _table_for(name, doc.pack)
        if spec is None:
            names = [t.id for t in doc.pack.tables] + [t.title for t in doc.pack.tables]
            hint = suggest(name, names, cutoff=0.4)
            emit("RL003", "hint" if hint else "default", key, path=Place(("tables", name), "table"), key=name,
                 **({"hint": hint} if hint else {}))
            continue
        path = Place(("tables", spec.id), "table")
        if spec.id in doc.tables or spec.id in doc.pictures:
            first = doc.tables[spec.id].line if spec.id in doc.tables else doc.pictures[spec.id][0]
            emit("RL004", "default", key, path=path, key=name, first_line=first)
            continue
        if is_picture(value):  # the document holds the table as a picture (RL206)
            doc.pictures[spec.id] = (value.line, value.column)
            continue
        table = BoundTable(spec, path, key.line, key.column)
        doc.tables[spec.id] = table
        if value.kind != "map":
            emit("RL002", "table_not_mapping", value, path=path, table=spec.id, kind=value.kind_zh, kind_en=value.kind_en)
            continue
        _RowBinder(doc, table, emit).bind_level(spec.rows, value, "", key)


def is_picture(node: Node) -> bool:
    """Whether a table is written as ``图片`` (or ``图片（第3页）``, ``picture``): in the document it
    is a picture, so its numbers cannot be read."""
    text = node.text if node.kind == "scalar" and isinstance(node.text, str) else ""
    return text.strip().lower().startswith(PICTURE_MARKS)


#: How a table that is a picture in the document is written in the report file.
PICTURE_MARKS = ("图片", "picture")


class _RowBinder:
    def __init__(self, doc: Document, table: BoundTable, emit: Emitter) -> None:
        self.doc, self.table, self.emit, self.spec = doc, table, emit, table.spec

    def bind_level(self, specs: list[RowSpec], node: Node, parent: str, owner: Node) -> None:
        """Bind the rows under one mapping; `specs` are the rows the format has at this level."""
        expected: dict[str, RowSpec] = {}
        renamed: dict[str, tuple[RowSpec, str]] = {}
        flattened = [c for s in specs if s.optional_group for c in s.rows]
        spec: RowSpec | None
        for spec in [*specs, *flattened]:
            for name in spec.names():
                expected.setdefault(normalise(name), spec)
            for old, fmt in spec.renamed_from:
                renamed[normalise(old)] = (spec, fmt)
        foreign = {normalise(f.label): f for f in self.spec.foreign}
        seen: dict[str, Node] = {}
        for key, value in node.pairs:
            written = key.key_text().strip()
            label = normalise(written)
            spec = expected.get(label)
            rename = None
            if spec is None and label in renamed:
                spec, fmt = renamed[label]
                rename = fmt
            if spec is None:
                self._unexpected(written, label, key, value, parent, foreign, list(expected.values()))
                continue
            if spec.path in seen:
                self.emit("RL004", "default", key, path=_under(self.table, spec.path), key=written,
                          first_line=seen[spec.path].line)
                continue
            seen[spec.path] = key
            if rename:
                self.emit("RL203", "renamed", key, path=_under(self.table, spec.path), label=written,
                          format=rename, official=spec.label)
            self._bind_row(spec, key, value, written)
        self._missing(specs, seen, owner)

    def _unexpected(self, written: str, label: str, key: Node, value: Node, parent: str,
                    foreign: dict[str, Foreign], candidates: list[RowSpec]) -> None:
        path = (_under(self.table, parent) if parent else self.table.place).child(written, kind="row")
        if label in foreign:
            f = foreign[label]
            self.doc.foreign_rows.append(ForeignRow(self.spec.id, written, f, key.line, key.column, path))
            fix = remove_entry(self.doc, key, value) if _all_zero(value) else None
            self.emit("RL203", "row", key, path=path, label=written, format=f.format,
                      instead_zh=f.instead_zh, instead_en=f.instead_en, fix=Fix((fix,)) if fix else None)
            return
        names = [c.label for c in candidates] or [r.label for r in self.spec.all_rows()]
        hint = suggest(written, names)
        self.emit("RL003", "row_hint" if hint else "row", key, path=path, key=written, table=self.spec.id,
                  **({"hint": hint} if hint else {}))

    def _missing(self, specs: list[RowSpec], seen: dict[str, Node], owner: Node) -> None:
        for spec in specs:
            if spec.path in seen:
                continue
            if spec.optional_group and any(c.path in seen for c in spec.rows):
                continue  # written flat, without the group heading: allowed
            self.doc.missing.append(
                Missing(self.spec.id, "row", spec.label, _under(self.table, spec.path), owner.line, owner.column)
            )

    def _bind_row(self, spec: RowSpec, key: Node, value: Node, written: str) -> None:
        path = _under(self.table, spec.path)
        if spec.is_group:
            if value.kind == "map" and not self._looks_like_columns(spec, value):
                self.bind_level(spec.rows, value, spec.path, key)
                return
            if spec.single_row_format:
                row = BoundRow(spec, path, key.line, key.column, written_as=written)
                self.emit("RL203", "single_row", key, path=path, label=written, format=spec.single_row_format,
                          children="、".join(f"{c.number or ''}{c.label}" for c in spec.rows),
                          count=len(spec.rows))
                self._cells(row, spec.columns, value)
                self.table.rows[spec.path] = row
                return
            self.emit("RL002", "group", value, path=path, label=spec.label,
                      children="、".join(c.label for c in spec.rows[:3]))
            return
        row = BoundRow(spec, path, key.line, key.column, written_as=written)
        self.table.rows[spec.path] = row
        if spec.group_format and value.kind == "map" and not self._looks_like_columns(spec, value):
            self.emit("RL203", "split_row", key, path=path, label=written, format=spec.group_format,
)
            self._sum_subrows(row, spec, value)
            return
        self._cells(row, spec.columns, value)

    def _looks_like_columns(self, spec: RowSpec, value: Node) -> bool:
        names = {normalise(n) for c in spec.columns for n in (c.label, *c.aliases)}
        names |= {normalise(f.label) for f in self.spec.foreign_columns}
        names -= {normalise(n) for r in spec.rows for n in r.names()}  # 总计 is a row of 本年度办理结果 too
        keys = [normalise(k.key_text()) for k, _ in value.pairs]
        return bool(keys) and sum(k in names for k in keys) * 2 >= len(keys)

    def _sum_subrows(self, row: BoundRow, spec: RowSpec, value: Node) -> None:
        totals: dict[str, Decimal] = {c.label: Decimal(0) for c in spec.columns}
        for key, sub in value.pairs:
            scratch = BoundRow(spec, row.place.child(key.key_text(), kind="row"), key.line, key.column)
            self._cells(scratch, spec.columns, sub)
            for label, cell in scratch.cells.items():
                totals[label] += cell.value
            row.complete = row.complete and scratch.complete
        for column in spec.columns:
            row.cells[column.label] = Cell(totals[column.label], row.line, row.column,
                                           row.place.child(column.label, kind="cell"), None, kind=column.kind)

    def _row_length(self, row: BoundRow, columns: tuple[Column, ...], value: Node) -> None:
        """RL002 for a list with too many values (which ones are extra) or too few (how many)."""
        need, have = len(columns), len(value.items)
        fields = {"label": row.spec.label, "need": need, "have": have,
                  "columns": "、".join(c.label for c in columns)}
        if have < need:
            self.emit("RL002", "row_length", value, path=row.place, missing=need - have, **fields)
            return
        extra = list(enumerate(value.items[need:], start=need + 1))[:_SHOWN_EXTRA]
        more = "…" if have - need > _SHOWN_EXTRA else ""
        self.emit("RL002", "row_extra", value.items[need], path=row.place, extra=have - need, **fields,
                  extra_en=f"{have - need} value{'s' if have - need > 1 else ''}",
                  which_zh="、".join(f"第 {n} 个：{_shown(item)}" for n, item in extra) + more,
                  which_en=", ".join(f"the {_ordinal(n)}: {_shown(item)}" for n, item in extra) + more)

    def _cells(self, row: BoundRow, columns: tuple[Column, ...], value: Node) -> None:
        if value.kind == "seq":
            if len(value.items) != len(columns):
                row.complete = False
                self._row_length(row, columns, value)
                return
            for column, item in zip(columns, value.items, strict=True):
                self._cell(row, column, item)
            return
        if value.kind == "map":
            self._cells_by_label(row, columns, value)
            return
        if len(columns) == 1:
            self._cell(row, columns[0], value)
            return
        row.complete = False
        self.emit("RL002", "row_scalar", value, path=row.place, label=row.spec.label, need=len(columns),
                  columns="、".join(c.label for c in columns))

    def _cells_by_label(self, row: BoundRow, columns: tuple[Column, ...], value: Node) -> None:
        by_name = {normalise(n): c for c in columns for n in (c.label, *c.aliases)}
        foreign = {normalise(f.label): f for f in self.spec.foreign_columns}
        other_format = False  # written with the other format's columns: RL203 says what this one has
        for key, item in value.pairs:
            written = key.key_text().strip()
            label = normalise(written)
            column = by_name.get(label)
            if column is None:
                path = row.place.child(written, kind="cell")
                if label in foreign:
                    f = foreign[label]
                    other_format = True
                    self.emit("RL203", "column", key, path=path, label=written, format=f.format,
                              row=row.spec.label, instead_zh=f.instead_zh,
                              instead_en=f.instead_en)
                else:
                    hint = suggest(written, [c.label for c in columns])
                    self.emit("RL003", "column_hint" if hint else "column", key, path=path, key=written,
                              row=row.spec.label, **({"hint": hint} if hint else {}))
                continue
            if column.label in row.cells:
                self.emit("RL004", "default", key, path=row.place.child(column.label, kind="cell"), key=written,
                          first_line=row.cells[column.label].line)
                continue
            self._cell(row, column, item)
        for column in columns:
            if column.label not in row.cells:
                row.complete = False
                if other_format:
                    continue
                self.doc.missing.append(
                    Missing(self.spec.id, "column", column.label, row.place.child(column.label, kind="cell"),
                            value.line, value.column, row=row.spec.label)
                )

    def _cell(self, row: BoundRow, column: Column, node: Node) -> None:
        path = Place((*row.place.parts, column.label), "cell")  # row.place.child(label, kind="cell"), inlined
        text = node.text
        if text is not None and node.kind == "scalar" and column.kind != "money" and text.isdigit() \
                and text.isascii() and len(text) <= MAX_DIGITS:  # the usual cell, read directly (issue 14)
            row.cells[column.label] = Cell(Decimal(text), node.line, node.column, path, text, False, None, column.kind)
            return
        if node.kind != "scalar":
            row.complete = False
            self.emit("RL002", "cell_kind", node, path=path, row=row.spec.label, column=column.label,
                      kind=node.kind_zh, kind_en=node.kind_en)
            return
        parsed = parse_cell(node.text, column.kind, column.unit)
        if parsed.value is None:
            row.complete = False
            zh, en = parsed.error or ("", "")
            self.emit("RL002", "cell", node, path=path, row=row.spec.label, column=column.label,
                      value=node.text, reason_zh=zh, reason_en=en)
            return
        row.cells[column.label] = Cell(
            parsed.value, node.line, node.column, path, node.text, parsed.blank, parsed.noncanonical, column.kind
        )


def _all_zero(node: Node) -> bool:
    """Whether every value under `node` is written and reads as 0 (a row of the other format that
    reports nothing, which removing loses nothing of)."""
    if node.kind == "map":
        return bool(node.pairs) and all(_all_zero(v) for _, v in node.pairs)
    if node.kind == "seq":
        return bool(node.items) and all(_all_zero(v) for v in node.items)
    parsed = parse_cell(node.text, "signed")
    return node.text is not None and parsed.value == 0 and not parsed.blank


#: How many of a row's extra values a message quotes.
_SHOWN_EXTRA = 3


def _shown(item: Node) -> str:
    """A value as written, for a message (null as `null`, a list or mapping by its kind)."""
    if item.kind == "scalar":
        return "null" if item.text is None else item.text
    return item.key_text()


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
