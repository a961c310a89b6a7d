"""Binding: the positioned YAML tree, matched against a rule pack, becomes a `Document`.

Labels are matched tolerantly (`labels.normalise`); every key that does not fit is a finding
(RL002 wrong kind, RL003 unknown, RL004 duplicate, RL005 missing, RL203 other format) at its own
line and column, never dropped in silence. The facts the table rules report (missing rows,
blank and non-canonical cells) are recorded on the document, not reported here.
"""

from __future__ import annotations

from decimal import Decimal
from difflib import SequenceMatcher
from typing import Any

from reportlint.document import (
    BoundRow,
    BoundSection,
    BoundTable,
    Cell,
    Document,
    ForeignRow,
    Missing,
)
from reportlint.emit import Emitter
from reportlint.labels import normalise, suggest
from reportlint.meta import Meta, fast, from_model
from reportlint.numbers import parse_cell
from reportlint.pack import Column, Pack, PackError, RowSpec, TableSpec, available_packs, load_pack
from reportlint.yamltree import Node

#: Every top-level key of the report file (reportlint.model.Report; a test keeps them equal).
FIELDS = ("schema", "format", "agency", "agency_kind", "year", "period", "published", "url", "previous",
          "preamble", "sections", "tables")
#: The keys a report must have (RL005).
REQUIRED = ("agency", "year")
#: Chinese names users reach for, mapped to the field they mean (for "did you mean").
FIELD_HINTS = {
    "机关名称": "agency",
    "机关": "agency",
    "单位": "agency",
    "报告年度": "year",
    "年度": "year",
    "统计期限": "period",
    "落款日期": "published",
    "发布日期": "published",
    "网址": "url",
    "发布地址": "url",
    "前言": "preamble",
    "章节": "sections",
    "表格": "tables",
}
#: How alike a heading must be to an official one to be taken for it (RL103) rather than extra (RL105).
FUZZY_HEADING = 0.6
#: Placeholder texts that leave a text section empty in substance.
EMPTY_TEXTS = frozenset({"", "无", "（文字描述）", "(文字描述)", "暂无", "略"})


def _text(node: Node) -> str | None:
    return node.text if node.kind == "scalar" else None


def bind(root: Node | None, file: str, emit: Emitter, pack_override: str | None = None) -> Document | None:
    """Bind a parsed file. Returns None when there is nothing to check (findings say why)."""
    if root is None:
        emit("RL001", "empty", (1, 1))
        return None
    if root.kind != "map":
        emit("RL002", "top_not_mapping", root, kind=_kind_zh(root), kind_en=root.kind)
        return None
    keys = _top_keys(root, emit)
    meta = _meta(keys, emit)
    for name in REQUIRED:
        if name not in keys:
            emit("RL005", "missing", (root.line, root.column), path=name, field=name)
        elif keys[name][1].is_null:  # `agency:` with nothing after it is as missing as no key
            emit("RL005", "missing", keys[name][1], path=name, field=name)
    pack, by_year = _pack(meta, keys, emit, pack_override)
    agency_kind = meta.agency_kind or pack.agency_kind(meta.agency or "")
    doc = Document(
        file=file, pack=pack, meta=meta, root=root, keys=keys, agency_kind=agency_kind, pack_by_year=by_year
    )
    if "sections" in keys:
        doc.sections = _sections(keys["sections"][1], pack, emit)
    if "tables" in keys:
        doc.tables_present = True
        _tables(keys["tables"][1], doc, emit)
    return doc


def _kind_zh(node: Node) -> str:
    return {"map": "映射", "seq": "列表", "scalar": "单个值"}[node.kind]


# --- top level -----------------------------------------------------------------------------------


def _top_keys(root: Node, emit: Emitter) -> dict[str, tuple[Node, Node]]:
    keys: dict[str, tuple[Node, Node]] = {}
    for key, value in root.pairs:
        name = key.key_text().strip()
        if name not in FIELDS:
            hint = FIELD_HINTS.get(normalise(name)) or suggest(name, list(FIELDS), cutoff=0.6)
            emit("RL003", "hint" if hint else "default", key, path=name, key=name, hint=hint or "")
            continue
        if name in keys:
            first = keys[name][0]
            emit("RL004", "default", key, path=name, key=name, first_line=first.line)
            continue
        keys[name] = (key, value)
    return keys


_REASONS = {
    "int_parsing": ("应为整数", "should be a whole number"),
    "int_from_float": ("应为整数", "should be a whole number"),
    "date_from_datetime_parsing": ("不是有效的日期（应为 YYYY-MM-DD，且须是真实存在的日子）", "is not a valid date (YYYY-MM-DD, a day that exists)"),
    "date_parsing": ("不是有效的日期（应为 YYYY-MM-DD）", "is not a valid date (YYYY-MM-DD)"),
    "date_type": ("应为日期（YYYY-MM-DD）", "should be a date (YYYY-MM-DD)"),
    "string_type": ("应为文字", "should be text"),
    "string_too_short": ("不能为空", "must not be empty"),
    "literal_error": ("应为以下之一：{expected}", "should be one of: {expected}"),
    "greater_than_equal": ("应不小于 {ge}", "should be at least {ge}"),
    "less_than_equal": ("应不大于 {le}", "should be at most {le}"),
    "model_type": ("应为映射（如 start: …、end: …）", "should be a mapping (start: …, end: …)"),
    "model_attributes_type": ("应为映射（如 start: …、end: …）", "should be a mapping (start: …, end: …)"),
    "dict_type": ("应为映射", "should be a mapping"),
}


def _meta(keys: dict[str, tuple[Node, Node]], emit: Emitter) -> Meta:
    data: dict[str, Any] = {}
    for name, (_, value) in keys.items():
        if name in ("sections", "tables"):
            continue
        data[name] = value.plain()
    quick = fast(data)
    if quick is not None:
        return quick
    from reportlint.model import validate_meta

    model, errors = validate_meta(data)
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        if not loc:
            continue
        node = _locate(keys, loc)
        path = "/".join(loc)
        if error["type"] == "extra_forbidden":
            emit("RL003", "default", node, path=path, key=loc[-1], hint="")
        elif error["type"] == "missing":
            emit("RL005", "missing", node, path=path, field=path)
        else:
            ctx = {k: str(v) for k, v in (error.get("ctx") or {}).items()}
            zh, en = _REASONS.get(error["type"], (error["msg"], error["msg"]))
            value = error.get("input")
            shown = value if isinstance(value, str) else _kind_zh(node) if isinstance(value, (dict, list)) else value
            emit(
                "RL002",
                "field",
                node,
                path=path,
                field=path,
                value=shown,
                reason_zh=zh.format_map(ctx),
                reason_en=en.format_map(ctx),
            )
    return from_model(model)


def _locate(keys: dict[str, tuple[Node, Node]], loc: list[str]) -> Node:
    node = keys[loc[0]][1]
    for part in loc[1:]:
        found = next((v for k, v in node.pairs if k.key_text() == part), None)
        if found is None:
            return node
        node = found
    return node


def _pack(meta: Meta, keys: dict[str, tuple[Node, Node]], emit: Emitter, override: str | None) -> tuple[Pack, bool]:
    from reportlint.pack import pack_for_year

    wanted = override or meta.format
    if wanted:
        try:
            return load_pack(wanted), False
        except PackError:
            known = available_packs()
            at = keys["format"][1] if "format" in keys else None
            emit("RL002", "unknown_format", at, path="format", value=wanted, known="、".join(known),
                 known_en=", ".join(known), hint=suggest(wanted, known) or "")
    return load_pack(pack_for_year(meta.year)), True


# --- sections ------------------------------------------------------------------------------------


def _sections(node: Node, pack: Pack, emit: Emitter) -> list[BoundSection]:
    if node.kind != "map":
        if not node.is_null:
            emit("RL002", "not_mapping", node, path="sections", field="sections", kind=_kind_zh(node))
        return []
    bound: list[BoundSection] = []
    for key, value in node.pairs:
        heading = key.key_text().strip()
        if value.kind != "scalar":
            emit("RL002", "section_text", value, path=f"sections/{heading}", heading=heading, kind=_kind_zh(value))
            text = ""
        else:
            text = value.text or ""
        spec, how = _match_section(heading, pack)
        bound.append(
            BoundSection(heading, spec, how, text, key.line, key.column, value.line, value.column, value.style)
        )
    return bound


_MATCHERS: dict[int, tuple[Pack, list[tuple[Any, SequenceMatcher]]]] = {}


def _heading_matchers(pack: Pack) -> list[tuple[Any, SequenceMatcher]]:
    """One matcher per official heading and variant, built once per pack (difflib caches the 2nd sequence)."""
    cached = _MATCHERS.get(id(pack))
    if cached is None or cached[0] is not pack:
        names = [(spec, normalise(n)) for spec in pack.sections for n in (spec.heading, *spec.variants)]
        cached = (pack, [(spec, SequenceMatcher(None, "", name)) for spec, name in names])
        _MATCHERS[id(pack)] = cached
    return cached[1]


def _match_section(heading: str, pack: Pack) -> tuple[Any, str]:
    key = normalise(heading)
    for spec in pack.sections:
        if key == normalise(spec.heading):
            return spec, "exact"
    for spec in pack.sections:
        if any(key == normalise(v) for v in spec.variants):
            return spec, "variant"
    best, score = None, 0.0
    for spec, matcher in _heading_matchers(pack):
        # the same ratio as `similarity`, but the cheap upper bounds first: a candidate that can
        # neither beat the best so far nor reach FUZZY_HEADING is skipped (20 000 odd headings
        # took 8 s without this)
        matcher.set_seq1(key)
        floor = max(score, FUZZY_HEADING)
        if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
            continue
        s = matcher.ratio()
        if s > score:
            best, score = spec, s
    if best is not None and score >= FUZZY_HEADING:
        return best, "fuzzy"
    return None, "none"


# --- tables --------------------------------------------------------------------------------------


def _table_for(key: str, pack: Pack) -> TableSpec | None:
    wanted = normalise(key)
    for spec in pack.tables:
        names = (spec.id, spec.title, *spec.aliases)
        if any(wanted == normalise(n) for n in names):
            return spec
    return None


def _tables(node: Node, doc: Document, emit: Emitter) -> None:
    if node.kind != "map":
        if not node.is_null:
            emit("RL002", "not_mapping", node, path="tables", field="tables", kind=_kind_zh(node))
        return
    for key, value in node.pairs:
        name = key.key_text().strip()
        spec = _table_for(name, doc.pack)
        if spec is None:
            names = [t.id for t in doc.pack.tables] + [t.title for t in doc.pack.tables]
            hint = suggest(name, names, cutoff=0.4)
            emit("RL003", "hint" if hint else "default", key, path=f"tables/{name}", key=name, hint=hint or "")
            continue
        path = f"tables/{spec.id}"
        if spec.id in doc.tables:
            first = doc.tables[spec.id]
            emit("RL004", "default", key, path=path, key=name, first_line=first.line)
            continue
        table = BoundTable(spec, path, key.line, key.column)
        doc.tables[spec.id] = table
        if value.kind != "map":
            emit("RL002", "table_not_mapping", value, path=path, table=spec.id, kind=_kind_zh(value))
            continue
        _RowBinder(doc, table, emit).bind_level(spec.rows, value, "", key)


class _RowBinder:
    def __init__(self, doc: Document, table: BoundTable, emit: Emitter) -> None:
        self.doc, self.table, self.emit, self.spec = doc, table, emit, table.spec

    def bind_level(self, specs: list[RowSpec], node: Node, parent: str, owner: Node) -> None:
        """Bind the rows under one mapping; `specs` are the rows the format has at this level."""
        expected: dict[str, RowSpec] = {}
        renamed: dict[str, tuple[RowSpec, str]] = {}
        flattened = [c for s in specs if s.optional_group for c in s.rows]
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
                self.emit("RL004", "default", key, path=f"{self.table.path}/{spec.path}", key=written,
                          first_line=seen[spec.path].line)
                continue
            seen[spec.path] = key
            if rename:
                self.emit("RL203", "renamed", key, path=f"{self.table.path}/{spec.path}", label=written,
                          format=rename, official=spec.label, table=self.spec.id)
            self._bind_row(spec, key, value, written)
        self._missing(specs, seen, owner)

    def _unexpected(self, written: str, label: str, key: Node, value: Node, parent: str,
                    foreign: dict, candidates: list[RowSpec]) -> None:
        path = f"{self.table.path}/{parent + '/' if parent else ''}{written}"
        if label in foreign:
            f = foreign[label]
            self.doc.foreign_rows.append(ForeignRow(self.spec.id, written, f, key.line, key.column, path))
            self.emit("RL203", "row", key, path=path, label=written, format=f.format, table=self.spec.id,
                      instead_zh=f.instead_zh, instead_en=f.instead_en)
            return
        names = [c.label for c in candidates] or [r.label for r in self.spec.all_rows()]
        hint = suggest(written, names)
        self.emit("RL003", "row_hint" if hint else "row", key, path=path, key=written, table=self.spec.id,
                  hint=hint or "")

    def _missing(self, specs: list[RowSpec], seen: dict[str, Node], owner: Node) -> None:
        for spec in specs:
            if spec.path in seen:
                continue
            if spec.optional_group and any(c.path in seen for c in spec.rows):
                continue  # written flat, without the group heading: allowed
            self.doc.missing.append(
                Missing(self.spec.id, "row", spec.label, f"{self.table.path}/{spec.path}", owner.line, owner.column)
            )

    def _bind_row(self, spec: RowSpec, key: Node, value: Node, written: str) -> None:
        path = f"{self.table.path}/{spec.path}"
        if spec.is_group:
            if value.kind == "map" and not self._looks_like_columns(spec, value):
                self.bind_level(spec.rows, value, spec.path, key)
                return
            if spec.single_row_format:
                row = BoundRow(spec, path, key.line, key.column, written_as=written)
                self.emit("RL203", "single_row", key, path=path, label=written, format=spec.single_row_format,
                          table=self.spec.id, children="、".join(f"{c.number or ''}{c.label}" for c in spec.rows),
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
                      table=self.spec.id)
            self._sum_subrows(row, spec, value)
            return
        self._cells(row, spec.columns, value)

    def _looks_like_columns(self, spec: RowSpec, value: Node) -> bool:
        names = {normalise(n) for c in spec.columns for n in (c.label, *c.aliases)}
        names |= {normalise(f.label) for f in self.spec.foreign_columns}
        keys = [normalise(k.key_text()) for k, _ in value.pairs]
        return bool(keys) and sum(k in names for k in keys) * 2 >= len(keys)

    def _sum_subrows(self, row: BoundRow, spec: RowSpec, value: Node) -> None:
        totals: dict[str, Decimal] = {c.label: Decimal(0) for c in spec.columns}
        for key, sub in value.pairs:
            scratch = BoundRow(spec, f"{row.path}/{key.key_text()}", key.line, key.column)
            self._cells(scratch, spec.columns, sub)
            for label, cell in scratch.cells.items():
                totals[label] += cell.value
            row.complete = row.complete and scratch.complete
        for column in spec.columns:
            row.cells[column.label] = Cell(totals[column.label], row.line, row.column,
                                           f"{row.path}/{column.label}", None, kind=column.kind)

    def _cells(self, row: BoundRow, columns: tuple[Column, ...], value: Node) -> None:
        if value.kind == "seq":
            if len(value.items) != len(columns):
                row.complete = False
                self.emit("RL002", "row_length", value, path=row.path, label=row.spec.label,
                          need=len(columns), have=len(value.items),
                          columns="、".join(c.label for c in columns))
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
        self.emit("RL002", "row_scalar", value, path=row.path, label=row.spec.label, need=len(columns),
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
                path = f"{row.path}/{written}"
                if label in foreign:
                    f = foreign[label]
                    other_format = True
                    self.emit("RL203", "column", key, path=path, label=written, format=f.format,
                              table=self.spec.id, row=row.spec.label, instead_zh=f.instead_zh,
                              instead_en=f.instead_en)
                else:
                    hint = suggest(written, [c.label for c in columns])
                    self.emit("RL003", "column_hint" if hint else "column", key, path=path, key=written,
                              row=row.spec.label, hint=hint or "")
                continue
            if column.label in row.cells:
                self.emit("RL004", "default", key, path=f"{row.path}/{column.label}", key=written,
                          first_line=row.cells[column.label].line)
                continue
            self._cell(row, column, item)
        for column in columns:
            if column.label not in row.cells:
                row.complete = False
                if other_format:
                    continue
                self.doc.missing.append(
                    Missing(self.spec.id, "column", column.label, f"{row.path}/{column.label}",
                            value.line, value.column, row=row.spec.label)
                )

    def _cell(self, row: BoundRow, column: Column, node: Node) -> None:
        path = f"{row.path}/{column.label}"
        if node.kind != "scalar":
            row.complete = False
            self.emit("RL002", "cell_kind", node, path=path, row=row.spec.label, column=column.label,
                      kind=_kind_zh(node))
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
