"""Pack edits (`format/edits.py`): every edit on a small base, and every edit that names what the base
does not have is one error naming the pack, the edit and the missing label."""

from __future__ import annotations

import pytest

from reportlint.format.edits import merge
from reportlint.format.packs import PackError

BASE = {
    "id": "base",
    "title": "基础",
    "sections": [{"id": "一", "heading": "总体情况"}, {"id": "五", "heading": "存在的主要问题及改进情况"}],
    "equations": [{"id": "E1", "rule": "RL301", "table": "T", "equation": "总计 = 甲 + 乙", "sure": "F"}],
    "tables": [
        {"id": "T", "section": "三", "columns": ["甲", "乙", "总计"],
         "rows": [{"label": "一行"}, {"label": "组", "rows": [{"label": "子一"}, {"label": "子二"}]},
                  {"label": "另行", "columns": [{"label": "金额", "kind": "money"}, "件数"]}]},
        {"id": "U", "section": "四", "columns": ["数"], "rows": [{"label": "行"}]},
    ],
}


def _labels(rows: list[dict]) -> list[str]:
    return [r["label"] for r in rows]


def test_top_level_keys_replace_and_the_base_is_not_changed() -> None:
    merged = merge(BASE, {"id": "child", "extends": "base", "title": "子"}, "child")
    assert (merged["id"], merged["title"], "extends" in merged) == ("child", "子", False)
    assert merged["tables"] is BASE["tables"]  # untouched lists are shared, never edited
    assert BASE["id"] == "base"


def test_sections_and_equations_merge_by_id_remove_and_add_after() -> None:
    merged = merge(BASE, {"sections": [{"id": "三", "heading": "新增", "after": "一"}, {"id": "五", "remove": True}],
                          "equations": [{"id": "E1", "sure": "P"}, {"id": "E9", "rule": "RL391"}]}, "child")
    assert [s["id"] for s in merged["sections"]] == ["一", "三"]
    assert "after" not in merged["sections"][1]
    assert merged["equations"] == [{**BASE["equations"][0], "sure": "P"}, {"id": "E9", "rule": "RL391"}]
    assert [s["id"] for s in BASE["sections"]] == ["一", "五"]


def test_rows_are_added_removed_and_relabelled_where_named() -> None:
    merged = merge(BASE, {"tables": [{"id": "T", "remove_rows": ["组/子二"], "relabel_rows": {"另行": "改名"},
                                      "add_rows": [{"label": "前", "before": "一行"}, {"label": "后", "after": "一行"},
                                                   {"label": "子三", "under": "组"}, {"label": "末"}]}]}, "child")
    table = merged["tables"][0]
    assert _labels(table["rows"]) == ["前", "一行", "后", "组", "改名", "末"]
    assert _labels(table["rows"][3]["rows"]) == ["子一", "子三"]
    assert all("before" not in r and "after" not in r for r in table["rows"])
    assert _labels(BASE["tables"][0]["rows"][1]["rows"]) == ["子一", "子二"]


def test_columns_are_added_removed_and_relabelled_in_every_list_that_has_them() -> None:
    merged = merge(BASE, {"tables": [{"id": "T", "remove_columns": ["乙"], "relabel_columns": {"金额": "收费", "甲": "A"},
                                      "add_columns": [{"label": "丙", "after": "A"}, {"label": "零", "before": "A"}]}]},
                   "child")
    table = merged["tables"][0]
    assert table["columns"] == [{"label": "零"}, "A", {"label": "丙"}, "总计"]
    assert table["rows"][2]["columns"] == [{"label": "收费", "kind": "money"}, "件数"]
    appended = merge(BASE, {"tables": [{"id": "U", "add_columns": [{"label": "末"}]}]}, "child")
    assert appended["tables"][1]["columns"] == ["数", {"label": "末"}]


def test_whole_tables_replace_add_and_remove() -> None:
    whole = {"id": "U", "section": "四", "columns": ["新"], "rows": [{"label": "新行"}]}
    extra = {"id": "V", "section": "二", "columns": ["数"], "rows": [{"label": "行"}]}
    merged = merge(BASE, {"tables": [whole, extra, {"id": "T", "remove": True}]}, "child")
    assert merged["tables"] == [whole, extra]


@pytest.mark.parametrize(
    ("child", "message"),
    [
        ({"sections": [{"id": "九", "remove": True}]}, "prov: sections: cannot remove 九: the base pack has no such entry"),
        ({"sections": [{"id": "三", "heading": "x", "after": "八"}]}, "prov: sections: 三: after 八: no such entry"),
        ({"tables": [{"id": "X", "remove": True}]}, "prov: tables: cannot remove X: the base pack has no such table"),
        ({"tables": [{"id": "X", "add_rows": [{"label": "a"}]}]}, "prov: tables: X: the base pack has no such table to edit"),
        ({"tables": [{"id": "T", "remove_rows": ["组/子九"]}]}, "prov: tables.T.remove_rows: no row 组/子九 (rows there: 子一, 子二)"),
        ({"tables": [{"id": "T", "remove_columns": ["丁"]}]}, "prov: tables.T.remove_columns: no column 丁"),
        ({"tables": [{"id": "T", "relabel_columns": {"丁": "戊"}}]}, "prov: tables.T.relabel_columns: no column 丁"),
        ({"tables": [{"id": "T", "add_columns": [{"label": "戊", "after": "丁"}]}]}, "prov: tables.T.add_columns: no column 丁"),
    ],
)
def test_an_edit_of_what_the_base_does_not_have_is_one_error(child: dict, message: str) -> None:
    with pytest.raises(PackError) as caught:
        merge(BASE, child, "prov")
    assert str(caught.value) == message
