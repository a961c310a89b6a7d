"""Binding tables, exactly: every finding (code, position, place and both messages), every missing
row and column, every foreign row and every cell (value, position, place) for small reports that
go wrong in one way per row. In-process, so that mutation testing can see them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reportlint.document.bind import bind
from reportlint.document.bind_tables import _ordinal
from reportlint.findings.emit import Emitter
from reportlint.read.yamltree import parse

HEAD = "agency: 某市科学技术局\nyear: {year}\ntables:\n"
COLUMNS = "自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计"
ZEROS = "[0, 0, 0, 0, 0, 0, 0]"


def _bind(tables: str, year: int = 2024):
    emit = Emitter("r.yaml")
    doc = bind(parse(HEAD.format(year=year) + tables), "r.yaml", emit)
    assert doc is not None
    found = [(f.code, f.line, f.column, f.path, f.place.kind, f.message_zh, f.message_en) for f in emit.findings]
    missing = [(m.what, m.label, m.place.text(), m.place.kind, m.line, m.column, m.row) for m in doc.missing]
    return doc, found, missing


def _cells(row) -> dict:
    return {k: (c.value, c.line, c.column, c.place.text(), c.place.kind, c.raw, c.blank, c.noncanonical, c.kind)
            for k, c in row.cells.items()}


def test_columns_by_label_other_format_duplicate_unknown_and_missing() -> None:
    doc, found, missing = _bind("""  主动公开:
    规章: {本年制发件数: 1, 本年新公开数量: 2, 本年制发件数: 4, 现行有效件数: 3}
    行政规范性文件: {本年制发件数: １, 本年废止件数: '1,000', 现行有效件数: 无}
    行政许可: {本年处理决定: 5}
    行政处罚: {xyz: 1}
    政府集中采购: [1, 2]
    行政事业性收费: [1, 2.5, null, [1], {a: 1}, 6]
""")
    assert found == [
        ("RL203", 5, 21, "tables/主动公开/规章/本年新公开数量", "cell",
         "“规章”的“本年新公开数量”是 gov-2019 格式的列：2021年格式没有这一列，三列为“本年制发件数、本年废止件数、现行有效件数”",
         "column “本年新公开数量” of “规章” belongs to the gov-2019 format: the 2021 format has no such column; "
         "its three are 本年制发件数, 本年废止件数 and 现行有效件数"),
        ("RL004", 5, 33, "tables/主动公开/规章/本年制发件数", "cell", "“本年制发件数”重复出现（第一次在第 5 行）",
         "“本年制发件数” appears again (first on line 5)"),
        ("RL003", 7, 12, "tables/主动公开/行政许可/本年处理决定", "cell",
         "“行政许可”没有“本年处理决定”这一列，是不是想写“本年处理决定数量”？",
         "“行政许可” has no column “本年处理决定”; did you mean “本年处理决定数量”?"),
        ("RL003", 8, 12, "tables/主动公开/行政处罚/xyz", "cell", "“行政处罚”没有“xyz”这一列", "“行政处罚” has no column “xyz”"),
        ("RL203", 9, 5, "tables/主动公开/政府集中采购", "row",
         "“政府集中采购”是 gov-2019 格式的行：2021年格式已删去第二十条第（九）项“政府集中采购”，"
         "表二只有规章、行政规范性文件、行政许可、行政处罚、行政强制、行政事业性收费六行",
         "“政府集中采购” is a row of the gov-2019 format: the 2021 format dropped 第二十条第（九）项 政府集中采购; "
         "Table 二 has only 规章, 行政规范性文件, 行政许可, 行政处罚, 行政强制 and 行政事业性收费"),
        ("RL002", 10, 18, "tables/主动公开/行政事业性收费", "row",
         "“行政事业性收费”需要 1 个值（本年收费金额），这里有 6 个：多了 5 个值（第 2 个：2.5、第 3 个：null、第 4 个：[…]…）",
         "“行政事业性收费” has 6 where the format has 1 (本年收费金额): 5 values too many "
         "(the 2nd: 2.5, the 3rd: null, the 4th: […]…)"),
    ]
    # the other format's columns: RL203 says what this one has, no missing column on top
    assert missing == [
        ("column", "本年处理决定数量", "tables/主动公开/行政许可/本年处理决定数量", "cell", 7, 11, "行政许可"),
        ("column", "本年处理决定数量", "tables/主动公开/行政处罚/本年处理决定数量", "cell", 8, 11, "行政处罚"),
        ("row", "行政强制", "tables/主动公开/行政强制", "row", 4, 3, None),
    ]
    [foreign] = doc.foreign_rows
    assert (foreign.table, foreign.label, foreign.foreign.label, foreign.line, foreign.column, foreign.place.text(),
            foreign.place.kind) == ("主动公开", "政府集中采购", "政府集中采购", 9, 5, "tables/主动公开/政府集中采购", "row")
    table = doc.tables["主动公开"]
    assert (table.line, table.column, table.place.text(), table.place.kind) == (4, 3, "tables/主动公开", "table")
    rows = table.rows
    assert {p: (r.complete, r.line, r.column, r.place.kind, r.written_as) for p, r in rows.items()} == {
        "规章": (False, 5, 5, "row", "规章"),
        "行政规范性文件": (True, 6, 5, "row", "行政规范性文件"),
        "行政许可": (False, 7, 5, "row", "行政许可"),
        "行政处罚": (False, 8, 5, "row", "行政处罚"),
        "行政事业性收费": (False, 10, 5, "row", "行政事业性收费"),
    }
    assert _cells(rows["规章"]) == {
        "本年制发件数": (Decimal(1), 5, 18, "tables/主动公开/规章/本年制发件数", "cell", "1", False, None, "count"),
        "现行有效件数": (Decimal(3), 5, 52, "tables/主动公开/规章/现行有效件数", "cell", "3", False, None, "count"),
    }
    assert _cells(rows["行政规范性文件"]) == {
        "本年制发件数": (Decimal(1), 6, 23, "tables/主动公开/行政规范性文件/本年制发件数", "cell", "１", False, "full-width",
                   "count"),
        "本年废止件数": (Decimal(1000), 6, 34, "tables/主动公开/行政规范性文件/本年废止件数", "cell", "1,000", False,
                   "separators", "count"),
        "现行有效件数": (Decimal(0), 6, 51, "tables/主动公开/行政规范性文件/现行有效件数", "cell", "无", True, None, "count"),
    }
    assert rows["行政许可"].cells == {} and rows["行政事业性收费"].cells == {}


def test_rows_lengths_kinds_groups_duplicates_and_hints_in_nested_rows() -> None:
    doc, found, missing = _bind(f"""  依申请公开:
    一、本年新收政府信息公开申请数量: [1, 2]
    上年结转政府信息公开申请数量: 5
    属于国家秘密啊: {ZEROS}
    本年度办理结果:
      予以公开: {{自然人: [1], 商业企业: abc, 科研机构: -1, 社会公益组织: 0, 法律服务机构: 0, 其他: 0, 总计: 0}}
      部分公开: {ZEROS}
      予以公开: {ZEROS}
      不予公开: {ZEROS}
      无法提供:
        本机关不掌握: {ZEROS}
        没有现成信息需要另行制作: {ZEROS}
        补正后申请内容仍不明确: {ZEROS}
      其他处理: [1, 0, 0, 0, 0, 0, 1]
      总计: {ZEROS}
    结转下年度继续办理: [0, 0, 0, 0, 0, 0, 0, {{a: 1}}, x, null, z]
""")
    children = ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请、"
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请、3.其他")
    assert found == [
        ("RL002", 5, 23, "tables/依申请公开/本年新收政府信息公开申请数量", "row",
         f"“本年新收政府信息公开申请数量”需要 7 个值（{COLUMNS}），这里有 2 个，少了 5 个；无法判断缺的是哪一列",
         f"“本年新收政府信息公开申请数量” has 2 where the format has 7 ({COLUMNS}): 5 missing; "
         "which column is missing cannot be known"),
        ("RL002", 6, 21, "tables/依申请公开/上年结转政府信息公开申请数量", "row",
         f"“上年结转政府信息公开申请数量”需要 7 个值（{COLUMNS}），这里只有一个",
         f"“上年结转政府信息公开申请数量” has one value where the format has 7 ({COLUMNS})"),
        # only the rows of this level are hints: 属于国家秘密 is two levels down
        ("RL003", 7, 5, "tables/依申请公开/属于国家秘密啊", "row", "表格“依申请公开”没有“属于国家秘密啊”这一行",
         "table “依申请公开” has no row “属于国家秘密啊”"),
        ("RL002", 9, 19, "tables/依申请公开/本年度办理结果/予以公开/自然人", "cell", "“予以公开”的“自然人”应是一个数，这里是列表",
         "“予以公开” / “自然人” should be a number, not a list"),
        ("RL002", 9, 30, "tables/依申请公开/本年度办理结果/予以公开/商业企业", "cell", "“予以公开”的“商业企业”写的是“abc”：不是数字",
         "“予以公开” / “商业企业” is “abc”: not a number"),
        ("RL002", 9, 41, "tables/依申请公开/本年度办理结果/予以公开/科研机构", "cell", "“予以公开”的“科研机构”写的是“-1”：不能为负数",
         "“予以公开” / “科研机构” is “-1”: a count cannot be negative"),
        ("RL004", 11, 7, "tables/依申请公开/本年度办理结果/予以公开", "row", "“予以公开”重复出现（第一次在第 9 行）",
         "“予以公开” appears again (first on line 9)"),
        ("RL002", 12, 13, "tables/依申请公开/本年度办理结果/不予公开", "row",
         "“不予公开”是一组分项（属于国家秘密、其他法律行政法规禁止公开、危及“三安全一稳定”…），应写成映射",
         "“不予公开” is a group of sub-rows (属于国家秘密、其他法律行政法规禁止公开、危及“三安全一稳定”…) and should be a mapping"),
        ("RL003", 14, 9, "tables/依申请公开/本年度办理结果/无法提供/本机关不掌握", "row",
         "表格“依申请公开”没有“本机关不掌握”这一行，是不是想写“本机关不掌握相关政府信息”？",
         "table “依申请公开” has no row “本机关不掌握”; did you mean “本机关不掌握相关政府信息”?"),
        ("RL203", 17, 7, "tables/依申请公开/本年度办理结果/其他处理", "row",
         f"“其他处理”写成了一行，这是 gov-2019 格式的写法；本格式分为 3 项：{children}",
         f"“其他处理” is written as a single row, as in the gov-2019 format; this format splits it into 3 sub-items: "
         f"{children}"),
        ("RL002", 19, 38, "tables/依申请公开/结转下年度继续办理", "row",
         f"“结转下年度继续办理”需要 7 个值（{COLUMNS}），这里有 11 个：多了 4 个值（第 8 个：{{…}}、第 9 个：x、第 10 个：null…）",
         f"“结转下年度继续办理” has 11 where the format has 7 ({COLUMNS}): 4 values too many "
         "(the 8th: {…}, the 9th: x, the 10th: null…)"),
    ]
    assert missing == [
        ("column", "自然人", "tables/依申请公开/本年度办理结果/予以公开/自然人", "cell", 9, 13, "予以公开"),
        ("column", "商业企业", "tables/依申请公开/本年度办理结果/予以公开/商业企业", "cell", 9, 13, "予以公开"),
        ("column", "科研机构", "tables/依申请公开/本年度办理结果/予以公开/科研机构", "cell", 9, 13, "予以公开"),
        ("row", "本机关不掌握相关政府信息", "tables/依申请公开/本年度办理结果/无法提供/本机关不掌握相关政府信息", "row", 13, 7, None),
        ("row", "不予处理", "tables/依申请公开/本年度办理结果/不予处理", "row", 8, 5, None),
    ]
    rows = doc.tables["依申请公开"].rows
    assert {p: r.complete for p, r in rows.items()} == {
        "本年新收政府信息公开申请数量": False, "上年结转政府信息公开申请数量": False, "本年度办理结果/予以公开": False,
        "本年度办理结果/部分公开": True, "本年度办理结果/无法提供/没有现成信息需要另行制作": True,
        "本年度办理结果/无法提供/补正后申请内容仍不明确": True, "本年度办理结果/其他处理": True, "本年度办理结果/总计": True,
        "结转下年度继续办理": False,
    }
    assert rows["本年新收政府信息公开申请数量"].written_as == "一、本年新收政府信息公开申请数量"
    single = rows["本年度办理结果/其他处理"]
    assert (single.line, single.column, single.place.text(), single.place.kind) == (
        17, 7, "tables/依申请公开/本年度办理结果/其他处理", "row")
    assert [(c.value, c.line, c.column) for c in single.cells.values()] == [
        (Decimal(1), 17, 14), (Decimal(0), 17, 17), (Decimal(0), 17, 20), (Decimal(0), 17, 23), (Decimal(0), 17, 26),
        (Decimal(0), 17, 29), (Decimal(1), 17, 32)]


def test_the_other_formats_split_row_is_read_as_the_sum_of_its_sub_rows() -> None:
    doc, found, missing = _bind("""  主动公开:
    行政规范性文件: [1, 2, 3]
  依申请公开:
    本年度办理结果:
      其他处理:
        逾期不补正: [1, 2, 0, 0, 0, 0, 3]
        逾期未缴费: [0, 0, 1, 0, 0, 0, 1]
        其他: [0, 1, 0, 0, 0, 0]
""", year=2020)
    assert found == [
        ("RL203", 5, 5, "tables/主动公开/规范性文件", "row", "“行政规范性文件”是 gov-2021 格式的行名，本格式为“规范性文件”",
         "“行政规范性文件” is the gov-2021 name of this row; this format calls it “规范性文件”"),
        ("RL203", 8, 7, "tables/依申请公开/本年度办理结果/其他处理", "row",
         "“其他处理”写成了分项，这是 gov-2021 格式的写法；本格式只有一行（已按各分项之和核对）",
         "“其他处理” is split into sub-items as in the gov-2021 format; this format has one row (checked as their sum)"),
        ("RL002", 11, 13, "tables/依申请公开/本年度办理结果/其他处理/其他", "row",
         f"“其他处理”需要 7 个值（{COLUMNS}），这里有 6 个，少了 1 个；无法判断缺的是哪一列",
         f"“其他处理” has 6 where the format has 7 ({COLUMNS}): 1 missing; which column is missing cannot be known"),
    ]
    assert ("row", "规范性文件", "tables/主动公开/规范性文件", "row", 4, 3, None) not in missing
    assert doc.tables["主动公开"].rows["规范性文件"].written_as == "行政规范性文件"
    row = doc.tables["依申请公开"].rows["本年度办理结果/其他处理"]
    assert row.complete is False
    base = "tables/依申请公开/本年度办理结果/其他处理/"
    assert _cells(row) == {
        label: (Decimal(value), 8, 7, base + label, "cell", None, False, None, "count")
        for label, value in zip(COLUMNS.split("、"), [1, 2, 1, 0, 0, 0, 4], strict=True)
    }
    doc, found, _ = _bind(f"""  依申请公开:
    本年度办理结果:
      其他处理:
        逾期不补正: [1, 0, 0, 0, 0, 0, 1]
        逾期未缴费: {ZEROS}
""", year=2020)
    assert [f[0] for f in found] == ["RL203"]
    assert doc.tables["依申请公开"].rows["本年度办理结果/其他处理"].complete is True


def test_a_group_written_with_its_total_row_is_not_taken_for_columns() -> None:
    mapping = "{自然人: 1, 商业企业: 0, 科研机构: 0, 社会公益组织: 0, 法律服务机构: 0, 其他: 0, 总计: 1}"
    doc, found, _ = _bind(f"""  依申请公开:
    本年度办理结果:
      其他处理: {mapping}
      总计: {mapping}
""", year=2020)
    assert found == []
    rows = doc.tables["依申请公开"].rows
    assert rows["本年度办理结果/其他处理"].complete and rows["本年度办理结果/总计"].complete


def test_tables_themselves() -> None:
    _, found, _ = _bind("""  主动公开情况: {}
  xyz: {}
  依申请公开: [1]
  收到和处理政府信息公开申请情况: {}
  复议诉讼:
    行政复议: {结果维持: 0}
    行政诉讼复议后起诉: 3
""")
    assert [f[:5] for f in found] == [
        ("RL003", 4, 3, "tables/主动公开情况", "table"),
        ("RL003", 5, 3, "tables/xyz", "table"),
        ("RL002", 6, 10, "tables/依申请公开", "table"),
        ("RL004", 7, 3, "tables/依申请公开", "table"),
        ("RL002", 10, 16, "tables/复议诉讼/复议后起诉", "row"),
    ]
    assert "主动公开" in found[0][5] and "主动公开" not in found[1][5]


@pytest.mark.parametrize(("n", "text"), [
    (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (9, "9th"), (10, "10th"), (11, "11th"), (12, "12th"), (13, "13th"),
    (20, "20th"), (21, "21st"), (22, "22nd"), (23, "23rd"), (101, "101st"), (111, "111th"), (112, "112th"),
    (121, "121st"), (1001, "1001st"), (1011, "1011th"),
])
def test_ordinal(n: int, text: str) -> None:
    assert _ordinal(n) == text


def test_cli_a_group_written_with_its_total_row_is_not_a_group_error(tmp_path) -> None:
    from conftest import CORRECTED, run_cli

    text = CORRECTED.read_text(encoding="utf-8")
    start, end = text.index("    三、本年度办理结果:"), text.index("    四、结转下年度继续办理")
    zeros = "[0, 0, 0, 0, 0, 0, 0]"
    group = f"    三、本年度办理结果:\n      （六）其他处理: {zeros}\n      （七）总计: {zeros}\n"
    report = tmp_path / "report.yaml"
    report.write_text(text[:start] + group + text[end:], encoding="utf-8")
    result = run_cli(str(report), "--format", "concise")
    assert "RL002" not in result.stdout
    assert "RL203" in result.stdout  # 其他处理 as one row: the 2019 way
