"""Web pages as government sites publish them (tests/fixtures/published_html, made by its make_pages.py).

Every page holds the seed report with a distinct number in every table cell; each must give those
numbers cell for cell through `reportlint convert`, and checking the page directly must give the
findings of checking the converted YAML.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import run_cli
from test_convert_documents import cells

PAGES = Path(__file__).resolve().parent / "fixtures" / "published_html"
EXPECTED = {"2021": PAGES / "expected-2021.yaml", "2019": PAGES / "expected-2019.yaml"}
TABLE_3 = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]

#: page: (what it has, the rows its tables use)
CASES = {
    "word-saved-gb2312.html": "2021",  # Word's "Save as web page": mso- styles, <o:p>, split numbers, <br> in labels
    "cms-layout-tables.html": "2021",  # pasted from Word into a CMS page laid out with tables; headers repeated
    "format-2019-rows-twice.html": "2019",  # the 2019 rows, 政府集中采购 printed twice
    "gbk-declared-utf8.html": "2021",  # GBK bytes, <meta charset="utf-8">
    "gb18030-declared-gb2312.html": "2021",  # GB18030-only characters, declared gb2312
    "columns-reordered.html": "2021",  # Table 三's columns in another order, labels split over lines
    "columns-unlabelled.html": "2021",  # Table 三 without its header rows
}


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, str]]:
    """Each page through `reportlint convert -o`: (the YAML, what the command said on stderr)."""
    out = tmp_path_factory.mktemp("converted")
    texts = {}
    for name in CASES:
        done = run_cli("convert", str(PAGES / name), "-o", str(out / f"{name}.yaml"))
        assert "Traceback" not in done.stderr, done.stderr
        written = out / f"{name}.yaml"
        texts[name] = (written.read_text(encoding="utf-8") if done.returncode == 0 else "", done.stderr)
    return texts


@pytest.fixture(scope="module")
def findings(converted: dict[str, tuple[str, str]], tmp_path_factory: pytest.TempPathFactory) -> dict[str, list]:
    """Findings of one `reportlint --format json` run over every page and its converted YAML, by file."""
    out = tmp_path_factory.mktemp("checked")
    files = [str(PAGES / name) for name in CASES]
    for name, (text, _) in converted.items():
        (out / f"{name}.yaml").write_text(text or "agency: 未能转换\n", encoding="utf-8")
        files.append(str(out / f"{name}.yaml"))
    done = run_cli("--format", "json", *files, timeout=120)
    assert "Traceback" not in done.stderr, done.stderr
    by_file: dict[str, list] = {Path(f).name: [] for f in files}
    for f in json.loads(done.stdout):
        by_file[Path(f["file"]).name].append((f["code"], f["message"]))
    return {name: sorted(found) for name, found in by_file.items()}


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_number_of_a_published_page(converted, findings, name: str) -> None:
    expected_yaml = {"agency": "某机关", "year": 2024, **yaml.safe_load(EXPECTED[CASES[name]].read_text("utf-8"))}
    expected = cells(yaml.safe_dump(expected_yaml, allow_unicode=True))
    assert len(set(map(str, expected.values()))) == len(expected)  # every cell its own number
    assert converted[name][0], converted[name][1]  # converted
    got = cells(converted[name][0])
    wrong = {path: (got.get(path), value) for path, value in expected.items() if got.get(path) != value}
    assert not wrong, wrong  # path: (converted, written)
    assert got == expected
    assert findings[name] and findings[name] == findings[f"{name}.yaml"]  # checking the page = checking its YAML


def _facts(converted, page: str) -> dict:
    data = yaml.safe_load(converted[page][0])
    return {key: data.get(key) for key in ("agency", "year", "period", "published", "preamble", "sections")}


def test_word_markup_reads_as_the_same_text_as_tidy_markup(converted) -> None:
    """Word wraps its source lines, also between two Chinese characters: no stray space or CR in the text."""
    word = _facts(converted, "word-saved-gb2312.html")
    assert word == _facts(converted, "gbk-declared-utf8.html")
    assert "\r" not in json.dumps(word, ensure_ascii=False, default=str)


def test_a_page_laid_out_with_tables_reads_the_report_in_its_cells(converted) -> None:
    """The layout table's cells are paragraphs; its print and close links are not text of the report.

    (The page's own lines above the report's title still head the preamble: telling them apart
    belongs to reading the title and the page's metadata.)"""
    page, word = _facts(converted, "cms-layout-tables.html"), _facts(converted, "word-saved-gb2312.html")
    assert page["preamble"].endswith(word["preamble"])
    assert {**page, "preamble": ""} == {**word, "preamble": ""}  # the closing date (落款) is read: no link after it
    assert "打印本页" not in converted["cms-layout-tables.html"][0]


def test_gb18030_characters_under_a_gb2312_declaration(converted) -> None:
    assert yaml.safe_load(converted["gb18030-declared-gb2312.html"][0])["agency"] == "忻州市䶮𬌗科学技术局"


def test_columns_follow_their_header_labels(converted) -> None:
    """Table 三's header over two rows (申请人情况 / 自然人, 法人或其他组织 / 商业企业 …), in another order."""
    text, stderr = converted["columns-reordered.html"]
    new = yaml.safe_load(text)["tables"]["依申请公开"]["一、本年新收政府信息公开申请数量"]
    assert new == {"总计": 2017, "法律服务机构": 2015, "商业企业": 2012, "其他": 2016, "科研机构": 2013,
                   "社会公益组织": 2014, "自然人": 2011}
    review = yaml.safe_load(text)["tables"]["复议诉讼"]["复议后起诉"]  # Table 四: 总计 first
    assert review == {"总计": 3035, "尚未审结": 3034, "结果维持": 3031, "其他结果": 3033, "结果纠正": 3032}
    assert "official order" not in text + stderr


def test_columns_without_labels_are_read_in_the_official_order_with_a_note(converted) -> None:
    text, stderr = converted["columns-unlabelled.html"]
    note = "表“依申请公开”的列找不到可对应的表头，按官方顺序（" + "、".join(TABLE_3) + "）读取"
    assert text.startswith(f"# reportlint convert: {note} / ")  # a comment in the converted YAML
    assert note in stderr and "the official order was assumed" in stderr
    assert yaml.safe_load(text)["tables"]["依申请公开"]["一、本年新收政府信息公开申请数量"] == list(range(2011, 2018))


def test_docx_columns_follow_their_header_labels(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same reordered Table 三 in a Word document: merged header cells, labels decide."""
    import test_convert_documents as rendering

    monkeypatch.syspath_prepend(str(PAGES))
    from make_pages import reordered_rows

    monkeypatch.setattr(rendering, "_table_rows", reordered_rows)
    numbered = rendering._numbered(rendering._example(), format_2021=True)
    rendering.write_docx(tmp_path / "reordered.docx", numbered)
    done = run_cli("convert", str(tmp_path / "reordered.docx"))
    assert done.returncode == 0, done.stderr
    assert cells(done.stdout) == cells(yaml.safe_dump(numbered, allow_unicode=True))
    assert "official order" not in done.stderr


def _pdf_table_3(path: Path, *, labelled: bool) -> None:
    """A one-page PDF with Table 三's first two rows, its columns in another order under a two-row header
    with labels split over lines (or with no header at all)."""
    from tiny_pdf import Page

    page = Page()
    page.text(60, 40, "某某县教育局2024年度政府信息公开工作年度报告", 14)
    page.text(40, 80, "一、总体情况")
    page.text(40, 100, "本报告统计期限为2024年1月1日至12月31日。")
    page.text(40, 130, "三、收到和处理政府信息公开申请情况")
    x, top, label_width, width = 30, 150, 170, 50
    if labelled:
        page.cell(x, top, label_width, 84, "（本列数据的勾稽关系为：\n第一项加第二项之和，\n等于第三项加第四项之和）")
        page.cell(x + label_width, top, width * 7, 24, "申请人情况")
        page.cell(x + label_width, top + 24, width, 60, "总计")
        page.cell(x + label_width + width, top + 24, width * 5, 24, "法人或其他组织")
        page.cell(x + label_width + width * 6, top + 24, width, 60, "自然人")
        for n, label in enumerate(["法律服务\n机构", "商业企业", "其他", "科研机构", "社会公益\n组织"], start=1):
            page.cell(x + label_width + width * n, top + 48, width, 36, label)
        top += 84
    for r, label in enumerate(["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量"]):
        page.cell(x, top, label_width, 24, label)
        for c in range(7):
            page.cell(x + label_width + width * c, top, width, 24, str(2000 + r * 10 + c))
        top += 24
    for n, line in enumerate(["五、存在的主要问题及改进情况", "无。", "六、其他需要报告的事项", "无"]):
        page.text(40, top + 20 * (n + 1), line)
    page.save(path)


def test_pdf_columns_follow_their_header_labels(tmp_path: Path) -> None:
    _pdf_table_3(tmp_path / "reordered.pdf", labelled=True)
    done = run_cli("convert", str(tmp_path / "reordered.pdf"))
    assert done.returncode == 0, done.stderr
    table = yaml.safe_load(done.stdout)["tables"]["依申请公开"]
    order = ["总计", "法律服务机构", "商业企业", "其他", "科研机构", "社会公益组织", "自然人"]
    assert table["一、本年新收政府信息公开申请数量"] == dict(zip(order, range(2000, 2007), strict=True))
    assert table["二、上年结转政府信息公开申请数量"] == dict(zip(order, range(2010, 2017), strict=True))
    assert "official order" not in done.stderr


def test_pdf_columns_without_labels_are_read_in_the_official_order_with_a_note(tmp_path: Path) -> None:
    _pdf_table_3(tmp_path / "unlabelled.pdf", labelled=False)
    done = run_cli("convert", str(tmp_path / "unlabelled.pdf"))
    assert done.returncode == 0, done.stderr
    assert yaml.safe_load(done.stdout)["tables"]["依申请公开"]["一、本年新收政府信息公开申请数量"] == list(range(2000, 2007))
    comments = [line for line in done.stdout.splitlines() if line.startswith("# reportlint convert: ")]
    assert any("表“依申请公开”的列找不到可对应的表头，按官方顺序" in line for line in comments)
    assert "the official order was assumed" in done.stderr


def test_verbose_checking_says_what_the_converter_assumed() -> None:
    page = str(PAGES / "columns-unlabelled.html")
    quiet, verbose = run_cli("--format", "json", page), run_cli("--format", "json", "--verbose", page)
    assert "official order" not in quiet.stderr
    assert f"reportlint: {page}: 表“依申请公开”的列找不到可对应的表头，按官方顺序" in verbose.stderr
    assert "the official order was assumed" in verbose.stderr
    assert quiet.stdout == verbose.stdout
