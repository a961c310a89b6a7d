"""Decisive tests of the converter's table matching (convert/tables.py): header column order,
columns of the other format, group headings, misspelt row labels and rows written as one line."""

from __future__ import annotations

from reportlint.convert.blocks import Block
from reportlint.convert.converted import SourceRef
from reportlint.convert.tables import match_table, segments, table_data
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


# -- the stream cut into rows ----------------------------------------------------------------------


def _block(kind: str, text: str, line: int, table: int | None = None, row: int | None = None) -> Block:
    return Block(kind, text, SourceRef(line, 1, f"第{line}行", "docx"), table, row)  # type: ignore[arg-type]


def test_segments_cut_cells_by_row_and_lines_by_paragraphs_and_breaks():
    blocks = [
        _block("line", "甲", 1), _block("line", "乙", 2),
        _block("para", "段落", 3),
        _block("line", "丙", 4),
        _block("cell", "规章", 5, 1, 1), _block("cell", "5", 6, 1, 1),
        _block("cell", "行政许可", 7, 1, 2), _block("cell", "3", 8, 1, 2),
        _block("cell", "行政处罚", 9, 2, 2),
        _block("line", "丁", 10), _block("line", "戊", 11),
        _block("break", "", 12),
        _block("line", "己", 13),
        _block("para", "段落二", 14),
        _block("cell", "庚", 15, 3, 0),
        _block("break", "", 16),
        _block("cell", "辛", 17, 3, 0),
    ]
    assert [[b.text for b in seg] for seg in segments(blocks)] == [
        ["甲", "乙"], ["段落"], ["丙"], ["规章", "5"], ["行政许可", "3"], ["行政处罚"], ["丁", "戊"], ["己"],
        ["段落二"], ["庚"], ["辛"],
    ]


def test_a_structured_table_and_paragraphs_are_matched_row_by_row():
    blocks = [
        _block("para", "二、主动公开政府信息情况", 1),
        _block("cell", "规章", 2, 1, 1), _block("cell", "5", 3, 1, 1), _block("cell", "1", 4, 1, 1),
        _block("cell", "0", 5, 1, 1),
        _block("cell", "行政许可", 6, 1, 2), _block("cell", "3", 7, 1, 2),
        _block("para", "行政处罚", 8), _block("para", "4", 9),
    ]
    data, refs = table_data(match_table(_spec("主动公开"), blocks))
    assert data == {"规章": [5, 1, 0], "行政许可": 3, "行政处罚": 4}
    assert {k: v.line for k, v in refs.items()} == {
        "tables/主动公开/行政处罚": 9, "tables/主动公开/行政处罚/本年处理决定数量": 9,
        "tables/主动公开/规章": 2, "tables/主动公开/规章/本年制发件数": 3, "tables/主动公开/规章/本年废止件数": 4,
        "tables/主动公开/规章/现行有效件数": 5, "tables/主动公开/行政许可": 6, "tables/主动公开/行政许可/本年处理决定数量": 7,
    }


def test_two_rows_in_one_flattened_segment_are_both_read():
    data, _, _ = _data("主动公开", ["规章", "5", "1", "0", "行政许可", "3"])
    assert data == {"规章": [5, 1, 0], "行政许可": 3}


# -- labels of the other format and of the other version ---------------------------------------------


def test_a_row_of_the_other_format_is_kept_under_its_own_label_once():
    data, refs, found = _data(
        "主动公开", ["政府集中采购", "3", "100"], ["政府集中采购", "4", "200"], ["规范性文件", "7", "2", "1"]
    )
    assert data == {"政府集中采购": [3, 100], "规范性文件": [7, 2, 1]}
    assert {k: v.line for k, v in refs.items()} == {
        "tables/主动公开/政府集中采购": 1, "tables/主动公开/行政规范性文件": 9,
        "tables/主动公开/行政规范性文件/本年制发件数": 10, "tables/主动公开/行政规范性文件/本年废止件数": 11,
        "tables/主动公开/行政规范性文件/现行有效件数": 12,
    }
    foreign = found.rows[0]
    assert (foreign.spec, foreign.written, foreign.foreign.label, [t for t, _ in foreign.values]) == (
        None, "政府集中采购", "政府集中采购", ["3", "100"])
    assert len(found.rows) == 2
    assert found.notes == []


def test_column_labels_before_a_row_of_the_other_format_are_no_header():
    data, _, _ = _data("主动公开", ["现行有效件数", "本年制发件数", "本年废止件数", "政府集中采购", "3", "100"], RULES)
    assert data == {"政府集中采购": [3, 100], "规章": [5, 1, 0]}


def test_column_labels_before_a_row_label_are_no_header():
    data, _, _ = _data("主动公开", ["现行有效件数", "本年制发件数", "本年废止件数", *RULES], NORMATIVE)
    assert data == {"规章": [5, 1, 0], "行政规范性文件": [7, 2, 1]}


def test_a_header_cell_with_a_value_still_orders_the_columns():
    data, _, _ = _data("主动公开", ["信息内容", "现行有效件数", "本年制发件数", "本年废止件数", "1"], RULES)
    assert data == {"规章": {"现行有效件数": 5, "本年制发件数": 1, "本年废止件数": 0}}


# -- labels split over lines, numbered, misspelt -----------------------------------------------------


def test_a_label_split_over_lines_is_joined():
    data, refs, found = _data("主动公开", ["（一）", "行政规范性", "文件", "7", "2", "1"])
    assert data == {"行政规范性文件": [7, 2, 1]}
    assert refs["tables/主动公开/行政规范性文件"].line == 2
    assert found.notes == []


def test_a_misspelt_label_split_over_lines_is_read_with_a_note():
    data, refs, found = _data("主动公开", ["（一）", "行政规范性", "文伴", "7", "2", "1"])
    assert data == {"行政规范性文件": [7, 2, 1]}
    assert refs["tables/主动公开/行政规范性文件"].line == 2
    assert found.notes == ["表“主动公开”的行“行政规范性文伴”按“行政规范性文件”读取 / row 行政规范性文伴 read as 行政规范性文件"]


def test_group_labels_before_the_row_label_name_its_groups():
    data, refs, found = _data(
        "依申请公开", ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密", *"1234567"],
        ["备注", "予以公开", *"7654321"],
    )
    assert data == {"三、本年度办理结果": {
        "（三）不予公开": {"1.属于国家秘密": [1, 2, 3, 4, 5, 6, 7]},
        "予以公开": [7, 6, 5, 4, 3, 2, 1],
    }}
    assert found.groups == {"本年度办理结果": "三、本年度办理结果", "本年度办理结果/不予公开": "（三）不予公开"}
    columns = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    assert {k: v.line for k, v in refs.items() if k.rsplit("/", 1)[1] not in columns} == {
        "tables/依申请公开/本年度办理结果": 3, "tables/依申请公开/本年度办理结果/不予公开": 3,
        "tables/依申请公开/本年度办理结果/不予公开/属于国家秘密": 3, "tables/依申请公开/本年度办理结果/予以公开": 13,
    }
    assert [refs[f"tables/依申请公开/本年度办理结果/不予公开/属于国家秘密/{c}"].line for c in columns] == list(range(4, 11))
    assert [refs[f"tables/依申请公开/本年度办理结果/予以公开/{c}"].line for c in columns] == list(range(14, 21))


def test_a_group_label_with_values_is_a_heading():
    data, _, found = _data("依申请公开", ["（三）不予公开", *"0000000"], ["属于国家秘密", *"1234567"])
    assert data == {"本年度办理结果": {"（三）不予公开": {"属于国家秘密": [1, 2, 3, 4, 5, 6, 7]}}}
    assert found.groups == {"本年度办理结果/不予公开": "（三）不予公开"}


def _grouped(*, single: bool = False) -> TableSpec:
    cols = (Column("甲列"), Column("乙列"))
    first = RowSpec("甲类", "甲类", rows=[RowSpec("合计", "甲类/合计", columns=cols)])
    inner = RowSpec("子组", "乙类/子组", rows=[RowSpec("某项", "乙类/子组/某项", columns=cols)])
    second = RowSpec("乙类", "乙类", rows=[inner, RowSpec("小计", "乙类/小计", columns=cols),
                                           RowSpec("合计", "乙类/合计", columns=cols)],
                     columns=cols, single_row_format="gov-2019" if single else None)
    return TableSpec("自定", "二", "自定表", [first, second], columns=cols)


def test_column_labels_before_a_group_heading_are_a_header():
    data, _, _ = _data(_grouped(), ["乙列", "甲列", "甲类", "1"], ["合计", "4", "6"])
    assert data == {"甲类": {"合计": {"乙列": 4, "甲列": 6}}}


def test_a_row_found_places_the_next_rows_in_its_group():
    data, _, _ = _data(_grouped(), ["小计", "1", "2"], ["合计", "3", "4"])
    assert data == {"乙类": {"小计": [1, 2], "合计": [3, 4]}}


def test_a_nested_group_looks_in_its_parent_group_next():
    data, _, found = _data(_grouped(), ["子组"], ["合计", "3", "4"])
    assert data == {"乙类": {"合计": [3, 4]}}
    assert found.groups == {"乙类/子组": "子组"}


def test_a_group_written_as_one_row_places_the_next_rows_in_it():
    found = match_table(_grouped(single=True), text_blocks(_lines(["乙类", "1", "2"], ["合计", "3", "4"])))
    assert [r.spec.path for r in found.rows] == ["乙类", "乙类/合计"]


def test_a_row_twice_keeps_the_first_and_says_so():
    spec = _two_columns()
    spec.rows.append(RowSpec("另行", "另行", columns=spec.columns))
    data, _, found = _data(spec, ["某行", "1", "2"], ["乙列", "甲列", "某行", "4", "6"], ["另行", "7", "8"])
    assert data == {"某行": [1, 2], "另行": [7, 8]}
    assert found.notes == ["表“自定”的“某行”出现了两次，只取第一次 / row 某行 appears twice in table 自定; the first is kept"]


def test_a_column_of_the_table_only_is_no_row_label_in_a_header():
    cols = (Column("数量"),)
    spec = TableSpec("自定", "二", "自定表", [RowSpec("其他", "其他", columns=cols)],
                     columns=(Column("数量"), Column("其他")))
    data, _, _ = _data(spec, ["数量", "其他"], ["5"])
    assert data == {}


# -- values around the label -------------------------------------------------------------------------


BLANK = " "


def test_fewer_values_than_columns_are_kept_as_a_list():
    data, _, _ = _data("主动公开", ["规章", "5"], ["行政规范性文件", "7", "2"])
    assert data == {"规章": [5], "行政规范性文件": [7, 2]}


def test_empty_cells_as_many_as_the_columns_are_a_row():
    data, _, _ = _data("主动公开", ["规章", BLANK, BLANK, BLANK])
    assert data == {"规章": [None, None, None]}


def test_a_label_with_too_few_empty_cells_waits_for_a_line_of_values():
    data, _, _ = _data("主动公开", ["规章", BLANK, BLANK], ["5", "1", "0"])
    assert data == {"规章": [5, 1, 0]}


def test_empty_cells_around_too_many_values_are_dropped():
    data, refs, _ = _data("主动公开", ["规章", BLANK, "5", "1", "0", BLANK], ["行政规范性文件", BLANK, BLANK, "7", "2", "1"])
    assert data == {"规章": [5, 1, 0], "行政规范性文件": [7, 2, 1]}
    assert refs["tables/主动公开/规章/本年制发件数"].line == 3
    assert refs["tables/主动公开/行政规范性文件/本年制发件数"].line == 11


def test_trailing_empty_cells_beyond_the_columns_are_dropped():
    data, _, _ = _data("主动公开", ["规章", "5", "1", "0", BLANK, BLANK])
    assert data == {"规章": [5, 1, 0]}


def test_empty_cells_within_the_columns_are_kept():
    data, _, _ = _data("主动公开", ["规章", BLANK, "1", "0"], ["行政规范性文件", "7", "2", BLANK])
    assert data == {"规章": [None, 1, 0], "行政规范性文件": [7, 2, None]}


def test_values_beyond_the_columns_are_kept():
    data, refs, _ = _data("主动公开", ["规章", "9", "5", "1", "0"], ["行政规范性文件", "7", "2", "1", "8"])
    assert data == {"规章": [9, 5, 1, 0], "行政规范性文件": [7, 2, 1, 8]}
    assert refs["tables/主动公开/规章/现行有效件数"].line == 4


# -- Table 四 as one line of values ------------------------------------------------------------------


def test_one_line_of_values_for_the_rows_not_yet_found():
    data, refs, found = _data(
        "复议诉讼", ["行政复议", "1", "2", "3", "4", "5"], REVIEW_LABELS, [str(n) for n in range(10)]
    )
    assert data == {"行政复议": [1, 2, 3, 4, 5], "未经复议直接起诉": [0, 1, 2, 3, 4], "复议后起诉": [5, 6, 7, 8, 9]}
    assert refs["tables/复议诉讼/复议后起诉/总计"].line == 21
    assert refs["tables/复议诉讼/未经复议直接起诉"].line == 12
    assert [r.spec.path for r in found.rows] == REVIEW_LABELS


def test_the_first_line_of_values_that_has_a_value_is_taken():
    data, _, _ = _data("复议诉讼", REVIEW_LABELS, [BLANK] * 15, [str(n) for n in range(15)])
    assert data == {"行政复议": [0, 1, 2, 3, 4], "未经复议直接起诉": [5, 6, 7, 8, 9],
                    "复议后起诉": [10, 11, 12, 13, 14]}


def test_a_line_of_empty_values_is_taken_when_it_is_the_only_one():
    data, _, _ = _data("复议诉讼", REVIEW_LABELS, [BLANK] * 15)
    assert data == {"行政复议": [None] * 5, "未经复议直接起诉": [None] * 5, "复议后起诉": [None] * 5}


def test_row_labels_without_a_line_of_values_give_no_rows():
    data, _, found = _data("复议诉讼", REVIEW_LABELS, ["1", "2"])
    assert data == {}
    assert found.rows == []
