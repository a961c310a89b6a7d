"""Tables pasted as text (issue 11), and rows of the other format version in a DOCX.

The pasted forms are made the way the real thing is: from the DOCX rendering of the seed, what
Word's copy gives (cells joined by tabs, a vertically merged cell as an empty cell in the rows
below, a horizontally merged one as one cell, a line break inside a cell as a line break), what a
browser gives from the HTML rendering (no cell for a spanned place), one cell per line with no blank
line between rows, and a PDF viewer's runs of spaces. Each must give the numbers of the DOCX, cell
for cell, through `reportlint convert` and through direct checking alike.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import yaml

from conftest import run_cli
from test_convert_documents import _example, _numbered, cells, write_docx, write_html

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TEMPLATE = FIXTURES / "realworld" / "official-template-blank.docx"
PASTED = FIXTURES / "pasted"
SEED_TXT = FIXTURES / "seeds" / "000_be6913bfd7940931.txt"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def convert_cli(document: Path, tmp_path: Path) -> dict:
    """The report YAML `reportlint convert` writes for `document`."""
    out = tmp_path / f"{document.stem}-converted.yaml"
    done = run_cli("convert", str(document), "-o", str(out), "--force")
    assert done.returncode == 0, done.stderr
    return yaml.safe_load(out.read_text(encoding="utf-8"))


def findings_cli(path: Path) -> list[tuple[str, str]]:
    """(code, message) of every finding `reportlint --format json` prints for `path`."""
    done = run_cli("--format", "json", str(path))
    assert done.returncode in (0, 1), done.stderr
    return sorted((f["code"], f["message_zh"]) for f in json.loads(done.stdout))


def agree(document: Path, tmp_path: Path) -> dict:
    """Convert `document`; checking it directly must find what checking the converted YAML finds."""
    data = convert_cli(document, tmp_path)
    converted = tmp_path / f"{document.stem}-converted.yaml"
    assert findings_cli(document) == findings_cli(converted)
    return data


# --- rows of the other format version keep their shape ------------------------------------------


def _set_text(tc, text: str) -> None:
    from docx.text.paragraph import Paragraph

    paragraphs = tc.findall(f"{_W}p")
    for extra in paragraphs[1:]:
        tc.remove(extra)
    for run in paragraphs[0].findall(f"{_W}r"):
        paragraphs[0].remove(run)
    Paragraph(paragraphs[0], None).add_run(text)


def write_template_with_2019_row(path: Path) -> None:
    """The official 2021 template, Table 二 filled in, with 第二十条第（九）项 kept the way clerks do:
    rows of the 第（一）项 block copied and retyped, the 采购总金额 header merged over the last two
    cells, the value row left with its four cells (the last one empty)."""
    import docx

    document = docx.Document(str(TEMPLATE))
    table = document.tables[0]._tbl
    rows = table.findall(f"{_W}tr")
    for tr, values in ((rows[2], ["2", "0", "5"]), (rows[3], ["4", "1", "9"])):
        for tc, value in zip(tr.findall(f"{_W}tc")[1:], values, strict=True):
            _set_text(tc, value)
    for tr, value in ((rows[6], "7"), (rows[9], "11"), (rows[10], "0"), (rows[13], "1.5")):
        _set_text(tr.findall(f"{_W}tc")[1], value)
    block, header, row = (copy.deepcopy(rows[i]) for i in (0, 1, 2))
    _set_text(block.findall(f"{_W}tc")[0], "第二十条第（九）项")
    cells = header.findall(f"{_W}tc")
    _set_text(cells[1], "采购项目数量")
    _set_text(cells[2], "采购总金额")
    properties = cells[2].get_or_add_tcPr()
    properties.append(properties.makeelement(f"{_W}gridSpan", {f"{_W}val": "2"}))
    header.remove(cells[3])
    for tc, value in zip(row.findall(f"{_W}tc"), ["政府集中采购", "3", "12.5", ""], strict=True):
        _set_text(tc, value)
    for element in (block, header, row):
        table.append(element)
    document.save(str(path))


def test_a_2019_row_in_a_2021_docx_keeps_its_values(tmp_path: Path) -> None:
    """政府集中采购 gets its two values, not a third null from the cell its merged header covers."""
    document = tmp_path / "template-2019-row.docx"
    write_template_with_2019_row(document)
    data = agree(document, tmp_path)
    assert data["tables"]["主动公开"] == {
        "规章": [2, 0, 5], "行政规范性文件": [4, 1, 9], "行政许可": 7, "行政处罚": 11, "行政强制": 0,
        "行政事业性收费": 1.5, "政府集中采购": [3, 12.5],
    }
    assert ("RL203" in {code for code, _ in findings_cli(document)})


# --- what copying a table gives -----------------------------------------------------------------


def _cell_text(tc) -> str:
    """A Word cell's text, a line break inside it (or a second paragraph) as a line break."""
    lines = []
    for p in tc.iter(f"{_W}p"):
        parts = []
        for node in p.iter():
            if node.tag == f"{_W}t" and node.text:
                parts.append(node.text)
            elif node.tag == f"{_W}br":
                parts.append("\r\n")
        lines.append("".join(parts))
    return "\r\n".join(lines)


def _docx_body(path: Path):
    """('p', text) and ('table', rows of (text, continues-above, span)) in document order."""
    import docx

    document = docx.Document(str(path))
    for element in document.element.body.iterchildren():
        if element.tag == f"{_W}p":
            yield "p", _cell_text(element)
        elif element.tag == f"{_W}tbl":
            rows = []
            for tr in element.iter(f"{_W}tr"):
                row = []
                for tc in tr.findall(f"{_W}tc"):
                    pr = tc.tcPr
                    merge = pr.find(f"{_W}vMerge") if pr is not None else None
                    span = pr.find(f"{_W}gridSpan") if pr is not None else None
                    below = merge is not None and merge.get(f"{_W}val") != "restart"
                    row.append((_cell_text(tc), below, int(span.get(f"{_W}val")) if span is not None else 1))
                rows.append(row)
            yield "table", rows


def word_copy(docx_path: Path) -> str:
    """What Word's copy of the whole document gives as text: a row per line, cells joined by tabs,
    a vertically merged cell empty in the rows below, CR LF line ends."""
    lines = []
    for kind, content in _docx_body(docx_path):
        if kind == "p":
            lines.append(content)
            continue
        for row in content:
            lines.append("\t".join("" if below else text for text, below, _ in row))
    return "\r\n".join(lines) + "\r\n"


def browser_copy(html_path: Path) -> str:
    """What a browser's copy of the page gives: a blank line between paragraphs, a table row per
    line with its cells joined by tabs (nothing for a place a span covers), <br> as a line break."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html_path.read_bytes().decode("gbk"), "html.parser")
    out = []
    for element in soup.body.find_all(["p", "div", "table"], recursive=False):
        if element.name != "table":
            out.append(element.get_text().strip() + "\n")
            continue
        rows = []
        for tr in element.find_all("tr"):
            cells = []
            for td in tr.find_all("td"):
                for br in td.find_all("br"):
                    br.replace_with("\n")
                cells.append(td.get_text())
            rows.append("\t".join(cells))
        out.append("\n".join(rows))
    return "\n".join(out) + "\n"


def cell_per_line(docx_path: Path) -> str:
    """One cell per line, no blank line between rows (a merged cell once, empty cells left out)."""
    lines = []
    for kind, content in _docx_body(docx_path):
        if kind == "p":
            lines.append(content)
            continue
        lines += [text for row in content for text, below, _ in row if text.strip() and not below]
    return "\n".join(line for text in lines for line in text.split("\r\n")) + "\n"


def pdf_copy(docx_path: Path, gap: str = "   ") -> str:
    """A PDF viewer's copy: each row's cells padded to their column and joined by runs of spaces;
    a cell on two lines puts its second line on the next line of text; a merged cell once."""
    lines = []
    for kind, content in _docx_body(docx_path):
        if kind == "p":
            lines.append(content)
            continue
        for row in content:
            cells = [[] if below else text.split("\r\n") for text, below, _ in row]
            for k in range(max(len(c) for c in cells)):
                parts = [(c[k] if k < len(c) else "").strip() for c in cells]
                width = [max((len(x) for x in c), default=0) for c in cells]
                pad = "\u3000" if gap.startswith("\u3000") else " "
                line = gap.join(p.ljust(w, pad) for p, w in zip(parts, width, strict=True))
                lines.append(line.rstrip())
    return "\n".join(lines) + "\n"


def columns_moved(word_text: str) -> str:
    """Word's copy of a Table 三 whose 总计 column comes first: the header and every row of values."""
    lines = word_text.split("\r\n")
    start = next(n for n, line in enumerate(lines) if line.startswith("\t自然人\t"))
    lines[start] = "\t总计\t自然人\t法人或其他组织"
    lines[start + 1] = "\t\t\t商业"
    stop = next(n for n, line in enumerate(lines) if line.startswith("四、政府信息公开行政复议"))
    for n in range(start + 1, stop):
        cells_ = lines[n].split("\t")
        if len(cells_) > 7 and all(c.strip().isdigit() for c in cells_[-7:]):
            lines[n] = "\t".join([*cells_[:-7], cells_[-1], *cells_[-7:-1]])
    lines[start + 3] = lines[start + 3].removesuffix("\t")  # the empty cell under 总计 moved to the front
    return "\r\n".join(lines)


def _sources(folder: Path) -> tuple[Path, Path, Path]:
    """The DOCX and HTML renderings of the seed with every cell its own number, and of the seed itself."""
    numbered, seed, page = folder / "numbered.docx", folder / "seed.docx", folder / "numbered.html"
    example = _numbered(_example(), format_2021=False)
    write_docx(numbered, example)
    write_html(page, example)
    write_docx(seed)
    return numbered, page, seed


def pasted_forms(folder: Path) -> dict[str, tuple[str, str]]:
    """file name -> (its text, the DOCX it must give the numbers of)."""
    numbered, page, seed = _sources(folder)
    word = word_copy(numbered)
    return {
        "word-copy.txt": (word, "numbered"),
        "browser-copy.txt": (browser_copy(page), "numbered"),
        "cell-per-line.txt": (cell_per_line(numbered), "numbered"),
        "pdf-copy.txt": (pdf_copy(numbered), "numbered"),
        "fullwidth-copy.txt": (pdf_copy(numbered, "\u3000"), "numbered"),
        "word-copy-total-first.txt": (columns_moved(word), "numbered"),
        "word-copy-seed.txt": (word_copy(seed), "seed"),
    }


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("sources")
    numbered, _, seed = _sources(folder)
    return {"numbered": numbered, "seed": seed}


def test_the_fixtures_are_what_copying_the_renderings_gives(tmp_path: Path) -> None:
    """tests/fixtures/pasted/ holds what the copies of today's renderings give (regenerate with
    `python tests/test_pasted_tables.py` when the renderings change)."""
    for name, (text, _) in pasted_forms(tmp_path).items():
        assert (PASTED / name).read_bytes() == text.encode("utf-8"), name


@pytest.mark.parametrize("name", ["word-copy.txt", "browser-copy.txt", "cell-per-line.txt", "pdf-copy.txt",
                                  "fullwidth-copy.txt", "word-copy-total-first.txt", "word-copy-seed.txt"])
def test_a_pasted_table_gives_the_numbers_of_the_docx(name: str, sources: dict[str, Path], tmp_path: Path) -> None:
    """Every cell of every table, through `reportlint convert`; checking directly agrees."""
    text_form = PASTED / name
    docx_name = "seed" if name == "word-copy-seed.txt" else "numbered"
    expected = cells(yaml.safe_dump(convert_cli(sources[docx_name], tmp_path), allow_unicode=True))
    got = cells(yaml.safe_dump(agree(text_form, tmp_path), allow_unicode=True))
    wrong = {path: (got.get(path), value) for path, value in expected.items() if got.get(path) != value}
    assert not wrong, wrong  # path: (from the text, from the DOCX)
    assert got == expected and len(expected) == 10 + 1 + 23 * 7 + 15


def test_a_tab_separated_report_has_its_six_sections_and_three_tables(sources: dict[str, Path]) -> None:
    """Word's copy of the seed: no RL201, no table row taken for a heading, the findings of the DOCX."""
    findings = findings_cli(PASTED / "word-copy-seed.txt")
    assert findings == findings_cli(sources["seed"])
    assert not {"RL101", "RL105", "RL201", "RL202"} & {code for code, _ in findings}
    done = run_cli("convert", str(PASTED / "word-copy-seed.txt"))
    assert list(yaml.safe_load(done.stdout)["sections"]) == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


@pytest.mark.parametrize(("name", "assumed"), [("word-copy.txt", False), ("browser-copy.txt", False),
                                               ("word-copy-total-first.txt", False), ("cell-per-line.txt", True),
                                               ("pdf-copy.txt", True)])
def test_columns_by_their_labels_else_a_note(name: str, assumed: bool) -> None:
    """Table 三's two header rows name its columns (read by them); where they cannot, the official
    order is assumed and the converted YAML says so above the table."""
    done = run_cli("convert", str(PASTED / name))
    assert done.returncode == 0, done.stderr
    note = "表“依申请公开”的表头不能逐列对应到各列，按官方列序"
    assert (note in done.stderr) is assumed
    assert (f"  # {note}" in done.stdout) is assumed
    if assumed:
        above = done.stdout.split("\n")[done.stdout.split("\n").index("  依申请公开:") - 1]
        assert above.startswith(f"  # {note}")


def test_one_cell_a_line_with_whole_labels_still_gets_the_note(sources: dict[str, Path], tmp_path: Path) -> None:
    """One cell a line with every header label whole (自然人, 法人或其他组织, 总计, 商业企业 …): which
    labels sat in the upper row cannot be told, so the official order is assumed, and said."""
    text = (PASTED / "cell-per-line.txt").read_text(encoding="utf-8")
    for label in ("商业企业", "科研机构", "结果纠正", "其他结果", "尚未审结"):
        text = text.replace(f"{label[:2]}\n{label[2:]}\n", f"{label}\n")
    path = tmp_path / "whole-labels.txt"
    path.write_text(text, encoding="utf-8")
    done = run_cli("convert", str(path))
    assert "表“依申请公开”的表头不能逐列对应到各列，按官方列序" in done.stderr
    assert cells(done.stdout) == cells(yaml.safe_dump(convert_cli(sources["numbered"], tmp_path), allow_unicode=True))


def test_a_line_of_very_many_cells_is_no_table_row(tmp_path: Path) -> None:
    """A line of a thousand tab-separated cells is read as text, not as a row of a thousand values."""
    text = (PASTED / "word-copy-seed.txt").read_bytes().decode("utf-8")
    path = tmp_path / "many-cells.txt"
    path.write_text(text.replace("规章\t0\t0\t0", "规章" + "\t0" * 1000), encoding="utf-8", newline="")
    data = agree(path, tmp_path)
    assert "规章" not in data["tables"]["主动公开"]


def _seed_with_total_first() -> tuple[str, dict[str, int]]:
    """The real seed with Table 三's 总计 column first: its header ("\t自然人 / \t法人或其他组织 /
    \t总计") and every row; each value is row·100 + the official place of its column (1–7)."""
    lines = SEED_TXT.read_text(encoding="utf-8").split("\n")
    start = lines.index("三、收到和处理政府信息公开申请情况")
    stop = lines.index("四、政府信息公开行政复议、行政诉讼情况")
    at = lines.index("\t自然人", start)
    lines[at : at + 3] = ["\t总计", "\t自然人", "\t法人或其他组织"]
    row, n = 0, start
    while n < stop:
        if all(lines[n + k].strip().isdigit() for k in range(7)) and lines[n + 7] == "":
            row += 1
            values = [f"\t{row * 100 + c}" for c in range(1, 8)]
            lines[n : n + 7] = [values[-1], *values[:-1]]
            n += 7
        n += 1
    assert row == 23
    return "\n".join(lines), {"自然人": 1, "商业企业": 2, "科研机构": 3, "社会公益组织": 4, "法律服务机构": 5,
                             "其他": 6, "总计": 7}


def test_the_real_seeds_form_reads_columns_by_their_labels(tmp_path: Path) -> None:
    """The seed's own form (one cell a line, rows apart by an empty line, a merged cell an empty
    line) with Table 三's columns in another order: each value lands under its column's label."""
    text, place = _seed_with_total_first()
    path = tmp_path / "seed-total-first.txt"
    path.write_text(text, encoding="utf-8")
    got = {p: v for p, v in cells(yaml.safe_dump(agree(path, tmp_path), allow_unicode=True)).items()
           if p.startswith("tables/依申请公开/")}
    assert len(got) == 23 * 7
    wrong = {p: v for p, v in got.items() if v % 100 != place[p.rsplit("/", 1)[1]]}
    assert not wrong, wrong


def test_the_real_seed_reads_its_columns_by_their_labels() -> None:
    """The seed's tables are one cell a line, rows apart by an empty line, a merged cell an empty line:
    its two header rows are read as one, with no note."""
    done = run_cli("convert", str(SEED_TXT))
    assert done.returncode == 0 and "表头" not in done.stderr, done.stderr


def test_a_table_row_is_no_heading() -> None:
    """Even read line by line, "四、结转下年度继续办理\t0\t0…" followed by "四、政府信息公开行政复议、
    行政诉讼情况" is a row and a heading, not one heading of the two."""
    from reportlint.convert.headings import find_headings
    from reportlint.convert.text_reader import read_text_blocks
    from reportlint.format.library import builtin

    blocks = read_text_blocks(PASTED / "word-copy-seed.txt")
    written = [h.written for h in find_headings(blocks, builtin().pack("gov-2021"))]
    assert written[3] == "四、政府信息公开行政复议、行政诉讼情况"


def test_headings_with_words_list_number_and_a_tab(tmp_path: Path) -> None:
    """Word's copy of a numbered heading puts a tab after the number ("一、\t总体情况"): still a heading."""
    text = (PASTED / "word-copy-seed.txt").read_bytes().decode("utf-8")
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"):
        text = text.replace(f"\r\n{heading}\r\n", f"\r\n{heading[:2]}\t{heading[2:]}\r\n")
    assert text.count("、\t") == 4
    path = tmp_path / "list-numbers.txt"
    path.write_text(text, encoding="utf-8", newline="")
    data = agree(path, tmp_path)
    assert len(data["sections"]) == 6 and len(data["tables"]) == 3


def test_prose_with_tabs_stays_prose(tmp_path: Path) -> None:
    """A heading or a paragraph with a tab in it is no table row."""
    text = (PASTED / "word-copy-seed.txt").read_bytes().decode("utf-8")
    old = "\r\n我局认真学习贯彻《中华人民共和国政府信息公开条例》"
    assert "\r\n一、总体情况\r\n" in text and old in text
    text = text.replace("\r\n一、总体情况\r\n", "\r\n一、总体情况\t\r\n").replace(old, old.replace("贯彻", "贯彻\t"))
    path = tmp_path / "tabs.txt"
    path.write_text(text, encoding="utf-8", newline="")
    data = agree(path, tmp_path)
    assert data["sections"]["一、总体情况"].startswith("我局认真学习贯彻\t《中华人民共和国政府信息公开条例》")


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        PASTED.mkdir(exist_ok=True)
        for name, (text, _) in pasted_forms(Path(folder)).items():
            (PASTED / name).write_bytes(text.encode("utf-8"))
