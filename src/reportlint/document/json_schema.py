"""The JSON Schema of the report file: the pydantic model, with each table's rows and columns
filled in from a rule pack so that editors can complete the official labels."""

from __future__ import annotations

from typing import Any

from reportlint.document.report_model import Report
from reportlint.format.packs import Pack, RowSpec, TableSpec

_CELL: dict[str, Any] = {
    "anyOf": [{"type": "number"}, {"type": "string"}, {"type": "null"}],
    "description": "a number; '/', '-', '' or null mean left blank",
}


def _row_schema(row: RowSpec) -> dict[str, Any]:
    if row.rows:
        children = {c.label: _row_schema(c) for c in row.rows}
        return {"type": "object", "properties": children, "description": row.label}
    columns = [c.label for c in row.columns]
    if len(columns) == 1:
        return {**_CELL, "description": f"{row.label}: {columns[0]}"}
    return {
        "description": f"{row.label}: {'、'.join(columns)}",
        "anyOf": [
            {"type": "array", "items": _CELL, "minItems": len(columns), "maxItems": len(columns)},
            {"type": "object", "properties": {c: _CELL for c in columns}, "additionalProperties": False},
        ],
    }


def _table_schema(table: TableSpec) -> dict[str, Any]:
    rows = {r.label: _row_schema(r) for r in table.rows}
    for r in table.rows:
        if r.optional_group:
            rows.update({c.label: _row_schema(c) for c in r.rows})
    # a string only to say that the document holds the table as a picture (RL206): 图片（第3页）
    return {"type": ["object", "string"], "pattern": "^(图片|[Pp]icture)", "title": f"{table.section}、{table.title}",
            "properties": rows}


def json_schema(pack: Pack | None = None) -> dict[str, Any]:
    """The report file's schema, with the tables of `pack` (default: the built-in default pack)."""
    if pack is None:
        from reportlint.format.library import builtin

        pack = builtin().pack_for_year(None)
    schema = Report.model_json_schema(by_alias=True)
    tables = {t.id: _table_schema(t) for t in pack.tables}
    schema["properties"]["tables"] = {
        "type": "object",
        "description": f"the three tables of {pack.document}",
        "properties": tables,
    }
    schema["properties"]["sections"] = {
        "type": "object",
        "description": "heading as written → text, in document order",
        "properties": {f"{s.id}、{s.heading}": {"type": ["string", "null"]} for s in pack.sections},
        "additionalProperties": {"type": ["string", "null"]},
    }
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
