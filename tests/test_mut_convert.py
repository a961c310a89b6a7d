"""Decisive tests of the converter's table matching (convert/tables.py): header column order,
columns of the other format, group headings, misspelt row labels and rows written as one line."""

from __future__ import annotations

from reportlint.convert.tables import match_table, table_data
from reportlint.convert.text_reader import text_blocks
from reportlint.format.library import builtin
from reportlint.format.packs import Column, RowSpec, TableSpec


def _spec(table: str):
    return next(t for t in builtin().pack("gov-2021").tables if t.id == table)


def _lines(*segments: list[str]) -> str:
    """Flattened plain text: each segment's cells one per line, segments parted by an empty line."""
    return "\n\n".join("\n".join(cells) for cells in segments) + "\n"


def _data(table: str | TableSpec, *segments: list[str]):
    spec = _spec(table) if isinstance(table, str) else table
    found = match_table(spec, text_blocks(_lines(*segments)))
    data, refs = table_data(found)
    return data, refs, found


RULES = ["规章", "5", "1", "0"]
NORMATIVE = ["行政规范性文件", "7", "2", "1"]


def test_header_in_the_official_order_keeps_values_as_a_list():
    data, _, found = _data("主动公开", ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], RULES)
    assert data == {"规章": [5, 1, 0]}
    assert found.rows[0].columns is None


def test_header_in_another_order_names_each_value_by_its_column():
    data, refs, found = _data(
        "主动公开", ["信息内容", "现行有效件数", "本年制发件数", "本年废止件数"], RULES, NORMATIVE, ["行政许可", "3"]
    )
    assert data == {
        "规章": {"现行有效件数": 5, "本年制发件数": 1, "本年废止件数": 0},
        "行政规范性文件": {"现行有效件数": 7, "本年制发件数": 2, "本年废止件数": 1},
        "行政许可": 3,
    }
    assert [r.columns for r in found.rows] == [["现行有效件数", "本年制发件数", "本年废止件数"]] * 2 + [None]
    assert refs["tables/主动公开/规章/现行有效件数"].line == 7
    assert refs["tables/主动公开/规章/本年废止件数"].line == 9
    assert found.notes == []


def test_header_with_a_column_of_another_row_is_not_an_order():
    """本年处理决定数量 is a column of the table but not of 规章: the values stay in official order."""
    data, _, _ = _data("主动公开", ["现行有效件数", "本年制发件数", "本年处理决定数量"], RULES)
    assert data == {"规章": [5, 1, 0]}


def test_header_naming_a_column_twice_is_not_an_order():
    data, _, _ = _data("主动公开", ["本年制发件数", "本年制发件数", "现行有效件数"], RULES)
    assert data == {"规章": [5, 1, 0]}


def test_header_wider_than_the_row_is_not_an_order():
    data, _, _ = _data("主动公开", ["本年新制作数量", "本年废止件数", "现行有效件数", "本年新公开数量"], RULES)
    assert data == {"规章": [5, 1, 0]}


def test_header_with_columns_of_the_other_format_keeps_them_as_written():
    data, refs, _ = _data("主动公开", ["本年新制作数量", "本年废止件数", "现行有效件数"], RULES)
    assert data == {"规章": {"本年新制作数量": 5, "本年废止件数": 1, "现行有效件数": 0}}
    assert refs["tables/主动公开/规章/本年新制作数量"].line == 6


def test_header_of_only_columns_of_the_other_format():
    data, _, _ = _data("主动公开", ["本年新制作数量", "本年新公开数量", "对外公开总数量"], RULES)
    assert data == {"规章": {"本年新制作数量": 5, "本年新公开数量": 1, "对外公开总数量": 0}}


def _two_columns() -> TableSpec:
    cols = (Column("甲列"), Column("乙列"))
    return TableSpec("自定", "二", "自定表", [RowSpec("某行", "某行", columns=cols)], columns=cols)


def test_a_row_of_two_columns_follows_the_header_order():
    data, _, _ = _data(_two_columns(), ["乙列", "甲列"], ["某行", "4", "6"])
    assert data == {"某行": {"乙列": 4, "甲列": 6}}


def _twin_groups() -> TableSpec:
    cols = (Column("数量"),)
    first = RowSpec("甲类", "甲类", rows=[RowSpec("合计", "甲类/合计", columns=cols)])
    second = RowSpec("乙类", "乙类", rows=[RowSpec("合计", "乙类/合计", columns=cols)])
    return TableSpec("自定", "二", "自定表", [first, second], columns=cols)


def test_a_group_heading_places_the_rows_under_it():
    data, refs, found = _data(_twin_groups(), ["（二）乙 类"], ["合计", "9"])
    assert data == {"（二）乙类": {"合计": 9}}
    assert found.groups == {"乙类": "（二）乙类"}
    assert refs["tables/自定/乙类/合计"].line == 3


def _near_twins() -> TableSpec:
    cols = (Column("数量"),)
    return TableSpec("自定", "二", "自定表", [RowSpec("甲乙丙丁戊", "甲乙丙丁戊", columns=cols),
                                               RowSpec("甲乙丙丁己", "甲乙丙丁己", columns=cols)], columns=cols)


def test_a_misspelt_label_as_alike_to_two_rows_is_read_as_the_first():
    data, _, found = _data(_near_twins(), ["甲乙丙丁庚", "3"])
    assert data == {"甲乙丙丁戊": 3}
    assert found.notes == ["表“自定”的行“甲乙丙丁庚”按“甲乙丙丁戊”读取 / row 甲乙丙丁庚 read as 甲乙丙丁戊"]


def test_a_misspelt_label_is_not_read_as_a_row_already_found():
    data, _, found = _data("主动公开", RULES, ["规章类", "6", "6", "6"])
    assert data == {"规章": [5, 1, 0]}
    assert found.notes == []


def test_a_misspelt_group_label_is_not_read_as_the_group():
    """不予处理情况 is 0.8 alike to the group 不予处理, which has no row of its own."""
    data, _, found = _data(
        "依申请公开", ["不予处理情况", "0", "0", "0", "0", "0", "0", "0"], ["信访举报投诉类申请", *"1234567"]
    )
    assert data == {"本年度办理结果": {"不予处理": {"信访举报投诉类申请": [1, 2, 3, 4, 5, 6, 7]}}}
    assert found.groups == {}
    assert found.notes == []


def test_a_misspelt_group_of_the_other_format_one_row_is_read_as_that_row():
    data, _, found = _data("依申请公开", ["其他处理情况", *"1234567"])
    assert data == {"本年度办理结果": {"其他处理": [1, 2, 3, 4, 5, 6, 7]}}
    assert found.notes == ["表“依申请公开”的行“其他处理情况”按“其他处理”读取 / row 其他处理情况 read as 其他处理"]


REVIEW_LABELS = ["行政复议", "未经复议直接起诉", "复议后起诉"]
REVIEW_COLUMNS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def test_table_four_as_one_line_of_values_under_a_repeated_header():
    """A header repeated after a page break names each row once."""
    values = [str(n) for n in range(15)]
    data, _, found = _data("复议诉讼", REVIEW_LABELS, REVIEW_COLUMNS * 3, REVIEW_LABELS, values)
    assert data == {
        "行政复议": [0, 1, 2, 3, 4],
        "未经复议直接起诉": [5, 6, 7, 8, 9],
        "复议后起诉": [10, 11, 12, 13, 14],
    }
    assert [r.ref.line for r in found.rows] == [25, 30, 35]


def test_column_labels_in_a_header_are_not_row_labels():
    """其他 and 总计 are rows of Table 三 too; in the header they are columns, not rows waiting for values."""
    header = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    data, _, found = _data("依申请公开", header, [str(n) for n in range(14)])
    assert data == {}
    assert found.rows == []
