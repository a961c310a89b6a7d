"""Issue 10, HTML and TXT: documents are bounded by what they expand to (span grids, blocks,
nesting, lines, text), not by their size on disk.

Each hostile input finishes within 15 s and 600 MB with a coded finding, alone and in a `-j 2`
folder run beside good reports (`robust_inputs.check_hostile`); each limit is also tried in
process just below and just past it; reading nested tables takes linear time; and normal
documents (the seed as TXT and as a web page) read to the same numbers as before.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.test_convert_documents import EXAMPLE, SEED_TXT, cells, convert, write_html

from reportlint.convert import limits
from reportlint.convert.assemble import build
from reportlint.convert.converted import NotAReport
from reportlint.convert.html_bounds import cell_text, check_elements, table_rows
from reportlint.convert.html_reader import decode_html, read_html_blocks
from reportlint.convert.text_reader import text_blocks
from reportlint.format.labels import normalise
from reportlint.read.source import Unreadable
from robust_inputs import HOSTILE, check_hostile

#: A finding that says the document was not read, or (for inputs that do read as a report) an error of it.
REPORT_ERRORS = ("RL001", "RL005", "RL101", "RL201")
#: Committed inputs: name -> (codes one of which must be found, text the RL001 message must contain).
COMMITTED: dict[str, tuple[tuple[str, ...], str]] = {
    "html/nested_tables_5000.html": (("RL001",), "嵌套过深"),  # tables in tables are layout: walked as blocks
    "html/unclosed_rows_5000.html": (("RL001",), "没有找到年度报告"),
    "html/unclosed_cells_5000.html": (("RL001",), f"{limits.MAX_TEXT_CHARS:,} 个字符"),
    "html/colspan_1000x1000.html": (("RL001",), f"{limits.MAX_GRID_CELLS:,} 个表格格子"),
    "html/span_grid_30x30.html": (("RL001",), f"{limits.MAX_GRID_CELLS:,} 个表格格子"),
    "html/paragraphs_25000.html": (("RL001",), f"{limits.MAX_BLOCKS:,} 行/块"),
    "html/charset_undefined.html": (REPORT_ERRORS, ""),
    "html/charset_rot13.html": (REPORT_ERRORS, ""),
    "html/charset_utf-16.html": (REPORT_ERRORS, ""),
    "html/charset_x-no-such-codec.html": (REPORT_ERRORS, ""),
    "txt/notes_label.txt": (REPORT_ERRORS, ""),
    "txt/label_run.txt": (REPORT_ERRORS, ""),
    "txt/lines_30000.txt": (("RL001",), f"{limits.MAX_BLOCKS:,} 行/块"),
}


def _big(path: Path) -> None:
    """Write the generated input named by `path` (too big to commit)."""
    name = path.name
    if name == "short_lines_1mi.txt":
        path.write_bytes(b"x\n" * (1 << 20))
    elif name == "newlines_40mb.txt":
        path.write_bytes(b"\n" * (40 << 20))
    elif name == "paragraphs_1m.html":
        path.write_bytes(b"<html><body>" + b"<p>x</p>" * 1_000_000 + b"</body></html>")
    elif name == "numbered_lines.txt":  # just under the line limit, each line a near-heading
        path.write_text("".join(f"三、政府信息公开行政复议{i % 7}\n" for i in range(limits.MAX_BLOCKS - 10)), encoding="utf-8")
    elif name == "long_text.txt":  # just under the character limit, one section
        line = "这是一行很长的文字，" * 8 + "\n"
        count = (limits.MAX_TEXT_CHARS - 100) // len(line)
        path.write_text("某县科学技术局2024年政府信息公开工作年度报告\n一、总体情况\n" + line * count, encoding="utf-8")


#: Generated inputs: name -> (codes, text the first finding's message must contain).
GENERATED: dict[str, tuple[tuple[str, ...], str]] = {
    "short_lines_1mi.txt": (("RL001",), f"{limits.MAX_BLOCKS:,} 行/块"),
    "newlines_40mb.txt": (("RL001",), f"{limits.MAX_BLOCKS:,} 行/块"),
    "paragraphs_1m.html": (("RL001",), f"{limits.MAX_ELEMENTS:,} 个 HTML 元素"),
    "numbered_lines.txt": (("RL001",), "没有找到年度报告"),
    "long_text.txt": (REPORT_ERRORS, ""),
}


def _assert_hostile(path: Path, run: Path, codes: tuple[str, ...], says: str) -> None:
    found = check_hostile(path, run, codes)
    if says:
        assert any(says in str(f.get("message_zh")) for f in found if f.get("code") == "RL001"), found[:3]


def test_committed_inputs_are_the_listed_ones() -> None:
    on_disk = {f"{p.parent.name}/{p.name}" for folder in ("html", "txt") for p in (HOSTILE / folder).iterdir()}
    assert on_disk == set(COMMITTED)


@pytest.mark.parametrize("name", sorted(COMMITTED))
def test_committed_hostile_input(name: str, tmp_path: Path) -> None:
    _assert_hostile(HOSTILE / name, tmp_path / "run", *COMMITTED[name])


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_hostile_input(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    _big(path)
    _assert_hostile(path, tmp_path / "run", *GENERATED[name])


# --- each limit, in process: just below it reads, just past it is RL001 naming it -----------------


def _refused(read: Callable[[], object], says: str) -> None:
    with pytest.raises(Unreadable) as caught:
        read()
    assert says in caught.value.zh and "not read" in caught.value.en


def test_txt_lines() -> None:
    assert len(text_blocks("x\n" * (limits.MAX_BLOCKS - 1))) == limits.MAX_BLOCKS
    assert len(text_blocks("x\r\n" * (limits.MAX_BLOCKS - 1))) == limits.MAX_BLOCKS  # CRLF is one break
    for newline in ("\n", "\r", "\r\n"):
        _refused(lambda newline=newline: text_blocks("x" + newline * limits.MAX_BLOCKS), f"{limits.MAX_BLOCKS:,} 行/块")


def test_txt_characters() -> None:
    assert len(text_blocks("x" * limits.MAX_TEXT_CHARS)) == 1
    _refused(lambda: text_blocks("x" * (limits.MAX_TEXT_CHARS + 1)), f"{limits.MAX_TEXT_CHARS:,} 个字符")


def _page(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "page.html"
    path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    return path


def test_html_elements() -> None:
    check_elements("<p>" * limits.MAX_ELEMENTS + "< p> <3 </p>" * 10)  # only start tags count
    _refused(lambda: check_elements("<p>" * (limits.MAX_ELEMENTS + 1)), f"{limits.MAX_ELEMENTS:,} 个 HTML 元素")


def test_html_blocks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Paragraphs and cells count together (the real limit through the CLI: html/paragraphs_25000.html)."""
    monkeypatch.setattr(limits, "MAX_BLOCKS", 50)
    assert len(read_html_blocks(_page(tmp_path, "<p>x</p>" * 40 + "<table><tr><td>1</td></tr></table>" * 10))) == 50
    page = _page(tmp_path, "<p>x</p>" * 40 + "<table><tr><td>1</td></tr></table>" * 11)
    _refused(lambda: read_html_blocks(page), "50 行/块")


def test_html_span_grid_is_summed_over_cells(tmp_path: Path) -> None:
    cells_at_limit = limits.MAX_GRID_CELLS // 100
    row = '<td colspan="100">1</td>'
    assert len(read_html_blocks(_page(tmp_path, f"<table><tr>{row * cells_at_limit}</tr></table>"))) == cells_at_limit
    page = _page(tmp_path, f"<table><tr>{row * cells_at_limit}</tr><tr>{row}</tr></table>")
    _refused(lambda: read_html_blocks(page), f"{limits.MAX_GRID_CELLS:,} 个表格格子")


def test_html_cell_text_and_visits(tmp_path: Path) -> None:
    texts = _page(tmp_path, "<table>" + "<tr><td>自然人" * 3000)  # each cell holds the cells after it
    _refused(lambda: read_html_blocks(texts), f"{limits.MAX_TEXT_CHARS:,} 个字符")
    empty = _page(tmp_path, "<table>" + ("<tr><td>" + "<i></i>" * 10) * 2000)  # the same without text
    _refused(lambda: read_html_blocks(empty), f"{limits.MAX_NODE_VISITS:,} 次元素访问")


def test_html_rows_and_cell_text_as_beautifulsoup_gives_them() -> None:
    from bs4 import BeautifulSoup

    page = ("<table id=t><tr><td>a<!-- note --><b>b</b><script>x()</script><![CDATA[c]]></td><td><table><tr><td>in"
            "</td></tr></table>after</td></tr><tbody><tr><th>h<tr><td>nested row</td></tr></th></tr></tbody></table>")
    table = BeautifulSoup(page, "html.parser").find("table")
    assert table is not None
    expected = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    assert table_rows(table) == expected and len(expected) == 3
    for cell in table.find_all(["td", "th"]):
        assert cell_text(cell, limits.Budget()) == cell.get_text("\n")


@pytest.mark.parametrize("charset", ["undefined", "rot13", "base64", "idna", "punycode", "utf-16", "utf-32", "utf-7",
                                     "unicode_escape", "x-bogus", "latin-1"])
@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_bogus_meta_charset_falls_back(charset: str, encoding: str) -> None:
    text = f'<html><head><meta charset="{charset}"></head><body><p>一、总体情况</p></body></html>'
    data = text.encode(encoding)
    assert decode_html(data) == text or charset == "latin-1"  # a real charset that decodes is honoured


def test_a_declared_charset_that_decodes_is_honoured() -> None:
    assert decode_html(b'<meta charset="gbk"><p>' + "年度".encode("gbk")) == '<meta charset="gbk"><p>年度'
    assert decode_html(b'<meta charset="big5"><p>' + "年度".encode("big5")) == '<meta charset="big5"><p>年度'


def test_normalise_is_linear_in_the_label() -> None:
    start = time.perf_counter()
    assert normalise("自然人" + "(注)" * 40_000) == "自然人"
    assert normalise("一、" * 40_000 + "自然人") == "自然人"
    assert time.perf_counter() - start < 2  # 10 000 notes took 18 s, 40 000 would take minutes


# --- linear time in nesting --------------------------------------------------------------------------


def _seconds(body: str, tmp_path: Path) -> float:
    page = _page(tmp_path, body)
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        with contextlib.suppress(NotAReport, Unreadable):  # not a report, too deep: only the time counts
            build(read_html_blocks(page))
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize(
    "nest",
    [lambda n: "<table>" + "<tr><td>自然人</td><td>1</td>" * n,  # rows left open: each inside the one before
     lambda n: "<table><tr><td>自然人</td><td>" * n + "1" + "</td></tr></table>" * n],  # tables in cells
    ids=["open-rows", "nested-tables"],
)
def test_nesting_takes_linear_time(nest: Callable[[int], str], tmp_path: Path) -> None:
    """Four times as deep takes about four times as long (quadratic: sixteen), with room for noise."""
    small, large = _seconds(nest(1_500), tmp_path), _seconds(nest(6_000), tmp_path)
    assert large < 8 * small + 0.2, (small, large)


# --- normal documents read as before -------------------------------------------------------------------


def test_the_seed_as_text_and_as_a_web_page_reads_to_the_same_numbers(tmp_path: Path) -> None:
    expected = cells(EXAMPLE.read_text(encoding="utf-8"))
    page = tmp_path / "seed.html"
    write_html(page)
    assert cells(convert(SEED_TXT).yaml_text) == expected
    assert cells(convert(page).yaml_text) == expected
