"""A pack that `extends:` another, applied to its base's raw data by small edits (docs/packs.md).

Top-level keys of the child replace the base's, except `tables`, `sections` and `equations`,
which are lists of entries by `id`:

* an entry with `remove: true` drops the base's entry of that id;
* a table entry with edit keys (`add_rows`, `remove_rows`, `relabel_rows`, `add_columns`,
  `remove_columns`, `relabel_columns`) edits the base's table in place;
* a section or equation entry whose id the base has is merged key by key (`{id: E1, sure: P}`);
* any other entry replaces the base's entry of that id, or is added (a section may say `after:`).

Row paths are the canonical labels from the table down, "/"-separated (`本年度办理结果/不予公开`).
"""

from __future__ import annotations

import copy
from typing import Any

from reportlint.format.packs import PackError

#: Raw pack data as read from YAML (a pack file, a table, a row, a column, an entry).
Raw = dict[str, Any]

ROW_EDITS = ("add_rows", "remove_rows", "relabel_rows")
COLUMN_EDITS = ("add_columns", "remove_columns", "relabel_columns")
EDITS = ROW_EDITS + COLUMN_EDITS
#: Keys of an `add_rows` item that place the row rather than describe it.
_PLACE = ("after", "before", "under")


def merge(base: Raw, child: Raw, where: str) -> Raw:
    """`child` applied to `base` (neither is changed). Raises `PackError` naming `where`."""
    merged = {**base, **{k: v for k, v in child.items() if k not in ("tables", "sections", "equations", "extends")}}
    if "tables" in child:
        merged["tables"] = _tables(base.get("tables", []), child["tables"], where)
    for key in ("sections", "equations"):
        if key in child:
            merged[key] = _by_id(base.get(key, []), child[key], f"{where}: {key}")
    return merged


def _by_id(base: list[Raw], items: list[Raw], where: str) -> list[Raw]:
    out = [dict(item) for item in base]
    for item in items:
        index = next((i for i, old in enumerate(out) if old["id"] == item["id"]), None)
        if item.get("remove"):
            if index is None:
                raise PackError(f"{where}: cannot remove {item['id']}: the base pack has no such entry")
            out.pop(index)
        elif index is not None:
            out[index] = {**out[index], **{k: v for k, v in item.items() if k != "after"}}
        else:
            entry = {k: v for k, v in item.items() if k != "after"}
            after = item.get("after")
            at = next((i + 1 for i, old in enumerate(out) if old["id"] == after), None) if after else None
            if after and at is None:
                raise PackError(f"{where}: {item['id']}: after {after}: no such entry")
            out.insert(len(out) if at is None else at, entry)
    return out


def _tables(base: list[Raw], items: list[Raw], where: str) -> list[Raw]:
    out = [copy.deepcopy(t) for t in base]
    for item in items:
        index = next((i for i, old in enumerate(out) if old["id"] == item["id"]), None)
        edits = [k for k in EDITS if k in item]
        if item.get("remove"):
            if index is None:
                raise PackError(f"{where}: tables: cannot remove {item['id']}: the base pack has no such table")
            out.pop(index)
        elif edits:
            if index is None:
                raise PackError(f"{where}: tables: {item['id']}: the base pack has no such table to edit")
            table = out[index]
            table.update({k: v for k, v in item.items() if k not in EDITS})
            _edit_rows(table, item, f"{where}: tables.{item['id']}")
            _edit_columns(table, item, f"{where}: tables.{item['id']}")
        elif index is not None:
            out[index] = item
        else:
            out.append(item)
    return out


def _rows_at(table: Raw, path: str, where: str) -> tuple[list[Raw], int]:
    """The list holding the row at `path` and its index there."""
    rows: list[Raw] = table["rows"]
    parts = path.split("/")
    for depth, part in enumerate(parts):
        index = next((i for i, r in enumerate(rows) if r["label"] == part), None)
        if index is None:
            known = ", ".join(r["label"] for r in rows)
            raise PackError(f"{where}: no row {'/'.join(parts[: depth + 1])} (rows there: {known})")
        if depth == len(parts) - 1:
            return rows, index
        rows = rows[index].setdefault("rows", [])
    raise PackError(f"{where}: empty row path")  # pragma: no cover - split never gives []


def _edit_rows(table: Raw, item: Raw, where: str) -> None:
    for path in item.get("remove_rows", ()):
        rows, index = _rows_at(table, path, f"{where}.remove_rows")
        rows.pop(index)
    for old, new in (item.get("relabel_rows") or {}).items():
        rows, index = _rows_at(table, old, f"{where}.relabel_rows")
        rows[index]["label"] = new
    for row in item.get("add_rows", ()):
        new = {k: v for k, v in row.items() if k not in _PLACE}
        if row.get("under"):
            rows, index = _rows_at(table, row["under"], f"{where}.add_rows")
            rows[index].setdefault("rows", []).append(new)
        elif row.get("after") or row.get("before"):
            anchor = row.get("after") or row["before"]
            rows, index = _rows_at(table, anchor, f"{where}.add_rows")
            rows.insert(index + 1 if row.get("after") else index, new)
        else:
            table["rows"].append(new)


def _column_lists(table: Raw) -> list[list[Any]]:
    """The table's default columns and every row's own columns, wherever they are written."""
    found = {id(table["columns"]): table["columns"]} if "columns" in table else {}
    stack = list(table.get("rows", ()))
    while stack:
        row = stack.pop()
        if "columns" in row:
            found[id(row["columns"])] = row["columns"]  # a YAML alias may share one list
        stack.extend(row.get("rows", ()))
    return list(found.values())


def _label(column: object) -> str:
    return str(column["label"]) if isinstance(column, dict) else str(column)


def _edit_columns(table: Raw, item: Raw, where: str) -> None:
    lists = _column_lists(table)
    for label in item.get("remove_columns", ()):
        hits = [(cols, i) for cols in lists for i, c in enumerate(cols) if _label(c) == label]
        if not hits:
            raise PackError(f"{where}.remove_columns: no column {label}")
        for cols, i in reversed(hits):
            cols.pop(i)
    for old, new in (item.get("relabel_columns") or {}).items():
        hits = [(cols, i) for cols in lists for i, c in enumerate(cols) if _label(c) == old]
        if not hits:
            raise PackError(f"{where}.relabel_columns: no column {old}")
        for cols, i in hits:
            cols[i] = {**cols[i], "label": new} if isinstance(cols[i], dict) else new
    for column in item.get("add_columns", ()):
        new = {k: v for k, v in column.items() if k not in _PLACE}
        after, before = column.get("after"), column.get("before")
        anchor = after or before
        holders = [cols for cols in lists if anchor is None or any(_label(c) == anchor for c in cols)]
        if not holders:
            raise PackError(f"{where}.add_columns: no column {anchor}")
        for cols in holders:
            if anchor is None:
                cols.append(new)
            else:
                i = next(i for i, c in enumerate(cols) if _label(c) == anchor)
                cols.insert(i + 1 if after else i, new)
