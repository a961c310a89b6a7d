"""Converting published reports (TXT, HTML, DOCX, PDF) to report YAML, and checking them directly.

The seed text (tests/fixtures/seeds), DOCX and HTML renderings built here, the official blank
template and the three real PDFs (tests/fixtures/realworld) must come out with every table number
of the document.
"""

from __future__ import annotations

import copy
import sys
from decimal import Decimal
from html import escape
from pathlib import Path

import pytest
import yaml

from reportlint.document.bind import bind
from reportlint.engine.run import check_file
from reportlint.engine.settings import Settings
from reportlint.findings.emit import Emitter
from reportlint.read.yamltree import parse

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "xinzhou-kjj-2024.yaml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_TXT = FIXTURES / "seeds" / "000_be6913bfd7940931.txt"
REAL = FIXTURES / "realworld"


# --- helpers ------------------------------------------------------------------------------------


def convert(path: Path):
    from reportlint.plugins.manager import installed

    loader = next(lo for lo in installed().loaders() if path.suffix.lower() in lo.suffixes)
    return loader.convert(path)


def cells(yaml_text: str) -> dict[str, Decimal]:
    """Every table number of a report, by model path (rows of the other format by their label)."""
    emit = Emitter("x.yaml")
    doc = bind(parse(yaml_text), "x.yaml", emit, None)
    assert doc is not None
    out = {cell.path: cell.value for table in doc.tables.values() for row in table.rows.values()
           for cell in row.cells.values()}
    raw = yaml.safe_load(yaml_text)["tables"]
    for table, rows in raw.items():
        for label, value in rows.items():
            if label == "政府集中采购":  # kept as the document writes it; the rules report it (RL203)
                out[f"tables/{table}/{label}"] = value
    return out


def messages(path: Path) -> list[tuple[str, str]]:
    return sorted((f.code, f.message_zh) for f in check_file(path, Settings()))


# --- renderings of the seed, laid out as published Word and web documents -----------------------


def _example() -> dict:
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


def _table_rows(table: str, data: dict) -> list[list[tuple[str, int, int]]]:
    """Rows of (text, rowspan, colspan) cells, laid out like the official template."""
    rows: list[list[tuple[str, int, int]]] = []
    if table == "主动公开":
        blocks = [("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "行政规范性文件"]),
                  ("第二十条第（五）项", ["本年处理决定数量"], ["行政许可"]),
                  ("第二十条第（六）项", ["本年处理决定数量"], ["行政处罚", "行政强制"]),
                  ("第二十条第（八）项", ["本年收费金额（单位：万元）"], ["行政事业性收费"]),
                  ("第二十条第（九）项", ["采购项目数量", "采购总金额"], ["政府集中采购"])]
        for block, columns, all_labels in blocks:
            labels = [label for label in all_labels if label in data]
            if not labels:  # 政府集中采购 is not in a 2021 report
                continue
            rows.append([(block, 1, 4)])
            span = 3 - len(columns)
            rows.append([("信息内容", 1, 1)] + [(c, 1, 1 + (span if i == len(columns) - 1 else 0))
                                             for i, c in enumerate(columns)])
            for label in labels:
                values = data[label] if isinstance(data[label], list) else [data[label]]
                rows.append([(label, 1, 1)] + [(str(v), 1, 1 + (span if i == len(values) - 1 else 0))
                                               for i, v in enumerate(values)])
        return rows
    if table == "依申请公开":
        note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
        rows.append([(note, 3, 3), ("申请人情况", 1, 7)])
        rows.append([("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)])
        rows.append([("商业\n企业", 1, 1), ("科研\n机构", 1, 1), ("社会公益组织", 1, 1), ("法律服务机构", 1, 1),
                     ("其他", 1, 1)])
        for label, value in data.items():
            if isinstance(value, list):
                rows.append([(label, 1, 3)] + [(f" {v}", 1, 1) for v in value])
                continue
            group_rows = sum(len(v) if isinstance(v, dict) else 1 for v in value.values())
            first = True
            for sub, sub_value in value.items():
                leaves = sub_value.items() if isinstance(sub_value, dict) else [(None, sub_value)]
                for k, (leaf, leaf_value) in enumerate(leaves):
                    row = [(label, group_rows, 1)] if first else []
                    first = False
                    if leaf is None:
                        row.append((sub, 1, 2))
                    else:
                        row += [(sub, len(sub_value), 1)] if k == 0 else []
                        row.append((leaf, 1, 1))
                    rows.append(row + [(f"{v} ", 1, 1) for v in leaf_value])
        return rows
    head = ["结果维持", "结果\n纠正", "其他\n结果", "尚未\n审结", "总计"]
    rows.append([("行政复议", 1, 5), ("行政诉讼", 1, 10)])
    rows.append([(h, 2, 1) for h in head] + [("未经复议直接起诉", 1, 5), ("复议后起诉", 1, 5)])
    rows.append([(h, 1, 1) for h in head * 2])
    rows.append([(str(v), 1, 1) for label in ("行政复议", "未经复议直接起诉", "复议后起诉") for v in data[label]])
    rows.append([("", 1, 1)] * 15)  # the seed's trailing blank row
    return rows


def _paragraphs(example: dict) -> list[tuple[str, str | None]]:
    """(paragraph, table id or None) in document order."""
    out: list[tuple[str, str | None]] = [(example["agency"], None), ("2024年度政府信息公开年度报告", None),
                                          (example["preamble"].strip(), None)]
    tables = {"二": "主动公开", "三": "依申请公开", "四": "复议诉讼"}
    for heading, text in example["sections"].items():
        out.append((heading, None))
        if heading[0] in tables:
            out.append(("", tables[heading[0]]))
        out.extend((line, None) for line in (text or "").splitlines() if line.strip())
    out += [(example["agency"], None), ("2025年1月20日", None)]
    return out


def write_docx(path: Path, example: dict | None = None) -> None:
    import docx

    example = example or _example()
    document = docx.Document()
    for text, table_id in _paragraphs(example):
        if table_id is None:
            document.add_paragraph(text)
            continue
        layout = _table_rows(table_id, example["tables"][table_id])
        width = 4 if table_id == "主动公开" else (10 if table_id == "依申请公开" else 15)
        table = document.add_table(rows=len(layout), cols=width)
        taken: set[tuple[int, int]] = set()
        for r, row in enumerate(layout):
            c = 0
            for text_, rowspan, colspan in row:
                while (r, c) in taken:
                    c += 1
                cell = table.cell(r, c)
                if rowspan > 1 or colspan > 1:
                    cell = cell.merge(table.cell(r + rowspan - 1, c + colspan - 1))
                cell.text = text_
                taken |= {(r + i, c + j) for i in range(rowspan) for j in range(colspan)}
                c += colspan
    document.save(str(path))


def write_html(path: Path, example: dict | None = None, encoding: str = "gbk") -> None:
    example = example or _example()
    parts = [f'<html><head><meta charset="{encoding}"><title>年报</title></head><body><div class="nav">首页 &gt; 年报</div>']
    for text, table_id in _paragraphs(example):
        if table_id is None:
            parts.append(f"<p>{escape(text)}</p>")
            continue
        parts.append('<table border="1">')
        for row in _table_rows(table_id, example["tables"][table_id]):
            tds = "".join(f'<td rowspan="{rs}" colspan="{cs}">{escape(t).replace(chr(10), "<br>")}</td>'
                          for t, rs, cs in row)
            parts.append(f"<tr>{tds}</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    path.write_bytes("\n".join(parts).encode(encoding, "xmlcharrefreplace"))


# --- the seed -----------------------------------------------------------------------------------


def test_seed_text_converts_to_every_number_of_the_example(tmp_path: Path) -> None:
    converted = convert(SEED_TXT)
    expected = cells(EXAMPLE.read_text(encoding="utf-8"))
    assert cells(converted.yaml_text) == expected
    assert len(expected) == 10 + 1 + 23 * 7 + 15  # 2021 Table 二, the 政府集中采购 row, 23 rows of 三, 四
    data = yaml.safe_load(converted.yaml_text)
    example = _example()
    for key in ("agency", "year", "period", "published", "url", "preamble"):
        assert data[key] == example[key] or str(data[key]).strip() == str(example[key]).strip(), key
    assert list(data["sections"]) == list(example["sections"])
    assert data["sections"]["六、其他需要报告的事项"] == "无"  # the signature is not part of section 六
    assert data["tables"]["依申请公开"]["三、本年度办理结果"]["（六）其他处理"] == [0] * 7  # the 2019 single row


def test_checking_the_seed_text_gives_the_findings_of_the_example(tmp_path: Path) -> None:
    findings = check_file(SEED_TXT, Settings())
    assert sorted((f.code, f.message_zh) for f in findings) == messages(EXAMPLE)
    by_code = {f.code: f for f in findings}
    assert by_code["RL502"].line == 3 and by_code["RL502"].source["where"] == "第3行"  # the preamble line of the text


def test_gbk_text_reads_as_utf8(tmp_path: Path) -> None:
    gbk = tmp_path / "seed-gbk.txt"
    gbk.write_bytes(SEED_TXT.read_text(encoding="utf-8").replace("\xa0", " ").encode("gbk"))
    assert cells(convert(gbk).yaml_text) == cells(EXAMPLE.read_text(encoding="utf-8"))
    assert messages(gbk) == messages(EXAMPLE)


@pytest.mark.parametrize(
    ("suffix", "write", "path", "where"),
    [
        (".docx", "write_docx", "tables/依申请公开/本年度办理结果/予以公开/商业企业", "表2 第6行第5列"),
        (".html", "write_html", "tables/复议诉讼/复议后起诉/总计", "表3 第4行第15列"),
    ],
)
def test_word_and_web_renderings_of_the_seed(tmp_path: Path, suffix, write, path, where) -> None:
    """Laid out as published (one table per Table, merged header cells): the example's numbers and findings."""
    document = tmp_path / f"seed{suffix}"
    globals()[write](document)
    converted = convert(document)
    assert cells(converted.yaml_text) == cells(EXAMPLE.read_text(encoding="utf-8"))
    assert messages(document) == messages(EXAMPLE)
    assert converted.locate(path).where == where


OTHER_HANDLING_2021 = ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                       "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他")


def _numbered(example: dict, *, format_2021: bool) -> dict:
    """The example with every table cell a distinct non-zero number: table t, row r, column c -> t·1000 + r·10 + c.

    The numbers break every identity on purpose: the conversion must copy numbers, not reason about them.
    With `format_2021`, the 2019 rows of the seed (政府集中采购, a single （六）其他处理) become the 2021 ones.
    """
    tables = copy.deepcopy(example["tables"])
    if format_2021:
        del tables["主动公开"]["政府集中采购"]
        outcome = tables["依申请公开"]["三、本年度办理结果"]
        outcome["（六）其他处理"] = {label: [0] * 7 for label in OTHER_HANDLING_2021}
        outcome["（七）总计"] = outcome.pop("（七）总计")  # keep it last
    for t, (table, rows) in enumerate(list(tables.items()), start=1):
        counter = iter(range(1, 100))

        def number(value, t=t, counter=counter):
            if isinstance(value, dict):
                return {label: number(v) for label, v in value.items()}
            r = next(counter)
            if isinstance(value, list):
                return [t * 1000 + r * 10 + c for c in range(1, len(value) + 1)]
            return t * 1000 + r * 10 + 1

        tables[table] = number(rows)
    return {**example, "tables": tables}


@pytest.mark.parametrize("format_2021", [False, True], ids=["seed-rows", "2021-rows"])
@pytest.mark.parametrize(("suffix", "write"), [(".docx", "write_docx"), (".html", "write_html")])
def test_every_cell_of_a_numbered_rendering(tmp_path: Path, suffix: str, write: str, format_2021: bool) -> None:
    """Every cell of every table holds its own number, so a swapped row or column cannot go unnoticed."""
    example = _numbered(_example(), format_2021=format_2021)
    expected = cells(yaml.safe_dump(example, allow_unicode=True, sort_keys=False))
    assert 0 not in expected.values() and len(set(map(str, expected.values()))) == len(expected)
    assert len(expected) == (10 + 23 * 7 + 15 + 1 if not format_2021 else 10 + 25 * 7 + 15)
    document = tmp_path / f"numbered{suffix}"
    globals()[write](document, example)
    got = cells(convert(document).yaml_text)
    wrong = {path: (got.get(path), value) for path, value in expected.items() if got.get(path) != value}
    assert not wrong, wrong  # path: (converted, written)
    assert got == expected


def test_flattened_text_variants(tmp_path: Path) -> None:
    """Split labels, headings over two lines, full-width digits and "/" cells, rows not blank-separated."""
    text = "\n".join([
        "某某县教育局2024年度政府信息公开工作年度报告",
        "本报告统计期限为2024年1月1日至12月31日。",
        "一、总体情况", "我局……", "二、主动公开政府信息情况",
        "第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数",
        "规章", "/", "0", "0", "行政规范", "性文件", "２", "0", "５",
        "三、收到和处理政府信息", "公开申请情况",
        "一、本年新收政府信息公开申请数量", "1", "0", "0", "0", "0", "0", "1",
        "四、结转下年度继续办理", "0", "0", "0", "0", "0", "0", "0",
        "四、政府信息公开行政复议、行政诉讼情况", "行政复议", "0", "0", "0", "0", "0",
        "五、存在的主要问题及改进情况", "问题……", "六、其他需要报告的事项", "无",
    ])
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    data = yaml.safe_load(convert(path).yaml_text)
    assert data["agency"] == "某某县教育局" and data["year"] == 2024
    assert data["tables"]["主动公开"] == {"规章": ["/", 0, 0], "行政规范性文件": ["２", 0, "５"]}
    assert data["tables"]["依申请公开"]["四、结转下年度继续办理"] == [0] * 7
    assert "三、收到和处理政府信息公开申请情况" in data["sections"]
    assert "published" not in data and "url" not in data  # not in the document: left out, not guessed
    codes = {f.code for f in check_file(path, Settings())}
    assert "RL204" in codes  # "/" and full-width digits are reported


# --- the real PDFs ------------------------------------------------------------------------------

#: Numbers read off the published PDFs (pdfplumber text and page images, checked by eye):
#: Table 二 rows, Table 三 新收/上年结转/予以公开/（七）总计/结转下年度 and a few sub-rows, Table 四 all 15.
PDF_EXPECTED = {
    "huaian-city-2024.pdf": {
        "主动公开/规章": [1, 0, 11], "主动公开/行政规范性文件": [8, 26, 66], "主动公开/行政许可": [447228],
        "主动公开/行政处罚": [3985758], "主动公开/行政强制": [88283], "主动公开/行政事业性收费": ["96171.6"],
        "依申请公开/本年新收政府信息公开申请数量": [3001, 53, 0, 0, 61, 4, 3119],
        "依申请公开/上年结转政府信息公开申请数量": [34, 0, 0, 0, 0, 0, 34],
        "依申请公开/本年度办理结果/予以公开": [1288, 21, 0, 0, 50, 3, 1362],
        "依申请公开/本年度办理结果/部分公开": [447, 7, 0, 0, 0, 0, 454],
        "依申请公开/本年度办理结果/不予公开/属于行政查询事项": [105, 0, 0, 0, 0, 0, 105],
        "依申请公开/本年度办理结果/无法提供/本机关不掌握相关政府信息": [746, 12, 0, 0, 10, 1, 769],
        "依申请公开/本年度办理结果/无法提供/没有现成信息需要另行制作": [11, 0, 0, 0, 0, 0, 11],  # across pages
        "依申请公开/本年度办理结果/其他处理/申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请":
            [67, 3, 0, 0, 1, 0, 71],
        "依申请公开/本年度办理结果/其他处理/其他": [108, 2, 0, 0, 0, 0, 110],
        "依申请公开/本年度办理结果/总计": [2932, 53, 0, 0, 61, 4, 3050],
        "依申请公开/结转下年度继续办理": [103, 0, 0, 0, 0, 0, 103],
        "复议诉讼/行政复议": [72, 64, 178, 37, 351], "复议诉讼/未经复议直接起诉": [13, 4, 8, 1, 26],
        "复议诉讼/复议后起诉": [12, 1, 1, 6, 20],
    },
    "hongze-district-2024.pdf": {
        "主动公开/规章": [0, 0, 0], "主动公开/行政规范性文件": [3, 0, 8], "主动公开/行政许可": [9487],
        "主动公开/行政处罚": [2776], "主动公开/行政强制": [84], "主动公开/行政事业性收费": [7545],
        "依申请公开/本年新收政府信息公开申请数量": [95, 0, 0, 0, 0, 0, 95],
        "依申请公开/本年度办理结果/予以公开": [50, 0, 0, 0, 0, 0, 50],
        "依申请公开/本年度办理结果/部分公开": [9, 0, 0, 0, 0, 0, 9],
        "依申请公开/本年度办理结果/不予公开/危及“三安全一稳定”": [1, 0, 0, 0, 0, 0, 1],
        # printed "2.其他法律行政止公开" in the document (a typo); read as the official row
        "依申请公开/本年度办理结果/不予公开/其他法律行政法规禁止公开": [0] * 7,
        "依申请公开/本年度办理结果/无法提供/本机关不掌握相关政府信息": [31, 0, 0, 0, 0, 0, 31],
        "依申请公开/本年度办理结果/无法提供/没有现成信息需要另行制作": [1, 0, 0, 0, 0, 0, 1],
        "依申请公开/本年度办理结果/不予处理/信访举报投诉类申请": [1, 0, 0, 0, 0, 0, 1],
        "依申请公开/本年度办理结果/其他处理": [0] * 7,  # the 2019 single row, in a 2024 report
        "依申请公开/本年度办理结果/总计": [95, 0, 0, 0, 0, 0, 95],
        "复议诉讼/行政复议": [1, 1, 0, 0, 2], "复议诉讼/未经复议直接起诉": [1, 0, 0, 0, 1],
        "复议诉讼/复议后起诉": [2, 0, 1, 0, 3],
    },
    "hongze-district-2023.pdf": {
        "主动公开/规章": [0, 0, 0], "主动公开/行政规范性文件": [0, 5, 5], "主动公开/行政许可": [550],
        "主动公开/行政处罚": [4119], "主动公开/行政强制": [195], "主动公开/行政事业性收费": ["7730.28"],
        "依申请公开/本年新收政府信息公开申请数量": [21, 0, 0, 0, 0, 0, 21],
        "依申请公开/本年度办理结果/部分公开": [4, 0, 0, 0, 0, 0, 4],
        "依申请公开/本年度办理结果/不予公开/属于国家秘密": [1, 0, 0, 0, 0, 0, 1],
        "依申请公开/本年度办理结果/无法提供/本机关不掌握相关政府信息": [10, 0, 0, 0, 0, 0, 10],
        "依申请公开/本年度办理结果/无法提供/没有现成信息需要另行制作": [3, 0, 0, 0, 0, 0, 3],
        "依申请公开/本年度办理结果/其他处理": [0] * 7,  # the 2019 single row
        "依申请公开/本年度办理结果/总计": [21, 0, 0, 0, 0, 0, 21],
        # as printed: 总计 0 beside 结果维持 10 and 结果纠正 1 (RL304 must report it)
        "复议诉讼/行政复议": [10, 1, 0, 0, 0], "复议诉讼/未经复议直接起诉": [0, 0, 0, 0, 0],
        "复议诉讼/复议后起诉": [5, 0, 0, 0, 0],
    },
}


@pytest.mark.parametrize("name", sorted(PDF_EXPECTED))
def test_real_pdf_tables(name: str) -> None:
    converted = convert(REAL / name)
    got = cells(converted.yaml_text)
    from reportlint.format.packs import load_pack

    pack = load_pack("gov-2021")
    for row_path, values in PDF_EXPECTED[name].items():
        table_id, _, path = row_path.partition("/")
        row = load_pack("gov-2021").table(table_id).find(path)
        columns = [c.label for c in row.columns] if not row.is_group else [c.label for c in pack.table(table_id).columns]
        for column, value in zip(columns, values, strict=True):
            assert got[f"tables/{table_id}/{path}/{column}"] == Decimal(str(value)), (row_path, column)
    # every leaf of the 2021 tables is there (the 2019 single （六） row stands for its three)
    assert len(got) >= 10 + 23 * 7 + 15
    data = yaml.safe_load(converted.yaml_text)
    assert data["year"] == int(name[-8:-4]) and data["period"]["start"].year == data["year"]
    assert next(iter(data["sections"])) == "一、总体情况" and len(data["sections"]) == 6


def test_real_pdf_findings_point_to_pages() -> None:
    findings = check_file(REAL / "hongze-district-2023.pdf", Settings())
    rl304 = [f for f in findings if f.code == "RL304"]
    assert rl304 and rl304[0].line == 4 and "第4页" in rl304[0].source["where"]


def test_blank_official_template_converts() -> None:
    converted = convert(REAL / "official-template-blank.docx")
    data = yaml.safe_load(converted.yaml_text)
    assert len(data["sections"]) == 6
    assert data["tables"]["主动公开"]["规章"] == [None, None, None]
    t3 = data["tables"]["依申请公开"]
    assert t3["三、本年度办理结果"]["（六）其他处理"]["3.其他"] == [None] * 7
    assert data["tables"]["复议诉讼"]["复议后起诉"] == [None] * 5
    assert len(cells(converted.yaml_text)) == 10 + 25 * 7 + 15


# --- not a report -------------------------------------------------------------------------------


def _not_reports(tmp_path: Path) -> list[Path]:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    page = tmp_path / "page.html"
    page.write_text("<html><head><meta charset='utf-8'><title>天气</title></head><body><h1>今日天气</h1>"
                    "<p>晴，25度。</p><table><tr><td>周一</td><td>3</td></tr></table></body></html>", encoding="utf-8")
    fake_docx = tmp_path / "fake.docx"
    fake_docx.write_text("这不是 Word 文档。\n", encoding="utf-8")
    truncated = tmp_path / "truncated.docx"
    good = tmp_path / "good.docx"
    import zipfile

    with zipfile.ZipFile(good, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>" * 1000)
    truncated.write_bytes(good.read_bytes()[:200])
    broken_pdf = tmp_path / "broken.pdf"
    broken_pdf.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog")
    return [empty, page, fake_docx, truncated, broken_pdf]


def test_not_a_report_is_rl001(tmp_path: Path) -> None:
    for path in _not_reports(tmp_path):
        findings = check_file(path, Settings())
        assert [f.code for f in findings] == ["RL001"], path.name


def test_not_a_report_on_the_command_line(tmp_path: Path) -> None:
    import subprocess

    paths = [str(p) for p in _not_reports(tmp_path)]
    done = subprocess.run([sys.executable, "-m", "reportlint", "--format", "json", *paths],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    import json

    found = json.loads(done.stdout)
    assert sorted(f["code"] for f in found) == ["RL001"] * len(paths)
    done = subprocess.run([sys.executable, "-m", "reportlint", "convert", paths[1]], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 1 and "Traceback" not in done.stderr and done.stdout == ""


def test_convert_command_writes_yaml_that_checks_like_the_example(tmp_path: Path) -> None:
    import subprocess

    out = tmp_path / "out.yaml"
    done = subprocess.run([sys.executable, "-m", "reportlint", "convert", str(SEED_TXT), "-o", str(out)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert messages(out) == messages(EXAMPLE)
    again = subprocess.run([sys.executable, "-m", "reportlint", "convert", str(SEED_TXT), "-o", str(out)],
                           capture_output=True, text=True, timeout=60)
    assert again.returncode != 0  # no overwrite without --force


def test_loaders_module_is_import_light() -> None:
    import subprocess

    code = ("import sys, reportlint.convert.loaders as m; "
            "print(sorted(x for x in ('docx','bs4','pdfplumber','yaml') if x in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stdout + done.stderr


@pytest.mark.parametrize(
    ("module", "suffix", "extra"),
    [("lxml", ".docx", "docx"), ("bs4", ".html", "html"), ("pdfplumber", ".pdf", "pdf")],  # .docx is read with lxml
)
def test_a_missing_optional_library_names_its_extra(tmp_path, module, suffix, extra):
    """Without the optional library, checking such a document is RL001 naming the extra to install."""
    import subprocess
    import zipfile

    document = tmp_path / f"report{suffix}"
    if suffix == ".docx":
        with zipfile.ZipFile(document, "w") as z:
            z.writestr("word/document.xml", "<w:document/>")
    else:
        document.write_bytes(b"%PDF-1.4\n" if suffix == ".pdf" else "<p>一、总体情况</p>".encode())
    probe = (f"import sys; sys.modules[{module!r}] = None; from reportlint.cli.main import main; "
             f"sys.exit(main(['--format', 'json', {str(document)!r}]))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1, result.stderr
    assert f"pip install 'reportlint[{extra}]'" in result.stdout
