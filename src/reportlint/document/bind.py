"""Binding: the positioned YAML tree, matched against a rule pack, becomes a `Document`.

Labels are matched tolerantly (`labels.normalise`); every key that does not fit is a finding
(RL002 wrong kind, RL003 unknown, RL004 duplicate, RL005 missing, RL203 other format) at its own
line and column, never dropped in silence. The facts the table rules report (missing rows,
blank and non-canonical cells) are recorded on the document, not reported here.
"""

from __future__ import annotations

import re
from typing import Any

from reportlint.document.bind_sections import bind_sections
from reportlint.document.bind_tables import bind_tables
from reportlint.document.meta import Meta, fast, from_model
from reportlint.document.model import Document
from reportlint.findings.emit import Emitter
from reportlint.format.labels import normalise, suggest
from reportlint.format.library import Library
from reportlint.format.packs import Pack, PackNotFound
from reportlint.read.yamltree import Node

#: Every top-level key of the report file (reportlint.document.report_model.Report; a test keeps them equal).
FIELDS = ("schema", "format", "pack", "agency", "agency_kind", "year", "period", "published", "url", "previous",
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


def bind(root: Node | None, file: str, emit: Emitter, pack_override: str | None = None,
         library: Library | None = None, lines: list[str] | None = None) -> Document | None:
    """Bind a parsed file. Returns None when there is nothing to check (findings say why).
    `lines` are the YAML source's lines (for exact positions in texts and for fixes); None for a
    converted document, whose fixes would not apply to the document."""
    if root is None:
        emit("RL001", "empty", (1, 1))
        return None
    if root.kind != "map":
        emit("RL002", "top_not_mapping", root, kind=root.kind_zh, kind_en=root.kind_en)
        return None
    keys = _top_keys(root, emit)
    meta = _meta(keys, emit)
    for name in REQUIRED:
        if name not in keys:
            emit("RL005", "missing", (root.line, root.column), path=name, field=name)
        elif keys[name][1].is_null:  # `agency:` with nothing after it is as missing as no key
            emit("RL005", "missing", keys[name][1], path=name, field=name)
    pack, by_year = _pack(meta, keys, emit, pack_override, library or emit.library)
    agency_kind, sure = (meta.agency_kind, True) if meta.agency_kind else pack.guess_agency_kind(meta.agency or "")
    doc = Document(
        file=file, pack=pack, meta=meta, root=root, keys=keys, agency_kind=agency_kind, agency_kind_sure=sure,
        pack_by_year=by_year, lines=lines,
    )
    if "sections" in keys:
        doc.sections = bind_sections(keys["sections"][1], pack, emit)
    if "tables" in keys:
        doc.tables_present = True
        bind_tables(keys["tables"][1], doc, emit)
    return doc


# --- top level -----------------------------------------------------------------------------------


def _top_keys(root: Node, emit: Emitter) -> dict[str, tuple[Node, Node]]:
    keys: dict[str, tuple[Node, Node]] = {}
    for key, value in root.pairs:
        name = key.key_text().strip()
        if name not in FIELDS:
            hint = FIELD_HINTS.get(normalise(name)) or suggest(name, list(FIELDS), cutoff=0.6)
            emit("RL003", "hint" if hint else "default", key, path=name, key=name, **({"hint": hint} if hint else {}))
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
    "date_from_datetime_inexact": ("是带时刻（或时区）的日期时间；这里只写日期 YYYY-MM-DD",
                                   "is a date with a time of day (or a time zone); write the date alone, YYYY-MM-DD"),
    "int_type": ("应为整数", "should be a whole number"),
    "string_type": ("应为文字", "should be text"),
    "string_too_short": ("不能为空", "must not be empty"),
    "literal_error": ("应为以下之一：{expected}", "should be one of: {expected}"),
    "greater_than_equal": ("应不小于 {ge}", "should be at least {ge}"),
    "less_than_equal": ("应不大于 {le}", "should be at most {le}"),
    "model_type": ("应为映射（如 start: …、end: …）", "should be a mapping (start: …, end: …)"),
    "model_attributes_type": ("应为映射（如 start: …、end: …）", "should be a mapping (start: …, end: …)"),
    "dict_type": ("应为映射", "should be a mapping"),
}


#: A date with a time of day: `2025-01-20T10:00:00+08:00`, `2025-01-20 10:00`.
_DATETIME = re.compile(r"^\s*[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}[Tt ]")


def _meta(keys: dict[str, tuple[Node, Node]], emit: Emitter) -> Meta:
    data: dict[str, Any] = {}
    for name, (_, value) in keys.items():
        if name in ("sections", "tables"):
            continue
        data[name] = value.plain()
    quick = fast(data)
    if quick is not None:
        return quick
    from reportlint.document.report_model import validate_meta

    model, errors = validate_meta(data)
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        if not loc:
            continue
        node = _locate(keys, loc)
        path = "/".join(loc)
        if error["type"] == "extra_forbidden":
            emit("RL003", "default", node, path=path, key=loc[-1])
        elif error["type"] == "missing":
            emit("RL005", "missing", node, path=path, field=path)
        else:
            ctx = {k: str(v) for k, v in (error.get("ctx") or {}).items()}
            given = error.get("input")
            kind = error["type"]
            if kind == "date_from_datetime_inexact" and not _DATETIME.match(str(given)):
                kind = "date_parsing"  # a number pydantic took for a timestamp ("-1.5e3"), not a datetime
            # a reason not translated yet: the Chinese says what is wrong in general, the English is pydantic's
            zh, en = _REASONS.get(kind, ("不是这一项可接受的值", error["msg"]))
            shown = given if isinstance(given, str) else node.kind_zh if isinstance(given, (dict, list)) else given
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


def _pack(meta: Meta, keys: dict[str, tuple[Node, Node]], emit: Emitter, override: str | None,
          library: Library) -> tuple[Pack, bool]:
    """The pack named by the settings, else by the report's `pack:` (or `format:`), else the one for its year."""
    wanted = override or meta.pack or meta.format
    if wanted:
        try:
            return library.pack(wanted), False
        except PackNotFound:
            known = library.available()
            key = "pack" if "pack" in keys else "format"
            at = keys[key][1] if key in keys else None
            hint = suggest(wanted, known)
            emit("RL002", "unknown_format_hint" if hint else "unknown_format", at, path=key, value=wanted,
                 known="、".join(known), known_en=", ".join(known), **({"hint": hint} if hint else {}))
    return library.pack_for_year(meta.year), True
