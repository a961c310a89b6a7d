"""Issue 10: DOCX and PDF built to expand (spans, merge chains, XML size, object cycles, stream
bombs, ruled lines, page budgets, encryption) finish within the hostile bounds with a coded finding,
and the limits leave real documents read exactly as before."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

import hostile_documents as hostile
from reportlint.convert.blocks import Block
from reportlint.convert.docx_reader import read_docx_blocks
from reportlint.read.source import Unreadable
from robust_inputs import HOSTILE, check_hostile
from test_convert_documents import REAL, write_docx

DOCX = HOSTILE / "docx"
PDF = HOSTILE / "pdf"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# --- DOCX: the streamed walk reads real documents exactly as python-docx's cell lists did ----------


def _python_docx_blocks(path: Path) -> list[tuple[str, str, str, object, object, object]]:
    """The reader as it was before issue 10: python-docx's rows and cells, each merged cell once."""
    import docx
    from docx.table import Table

    def text_of(element: object) -> str:
        parts: list[str] = []
        for node in element.iter():  # type: ignore[attr-defined]
            if node.tag == f"{_W}t" and node.text:
                parts.append(node.text)
            elif node.tag == f"{_W}tab":
                parts.append("\t")
            elif node.tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
        return "".join(parts)

    document = docx.Document(str(path))
    out: list[tuple[str, str, str, object, object, object]] = []
    paragraphs = tables = 0
    for element in document.element.body.iterchildren():
        if element.tag == f"{_W}p":
            paragraphs += 1
            out += [("para", piece.strip(), f"第{paragraphs}段", None, None, None)
                    for piece in text_of(element).split("\n") if piece.strip()]
        elif element.tag == f"{_W}tbl":
            tables += 1
            seen: set[object] = set()
            for r, row in enumerate(Table(element, document).rows, start=1):
                for c, cell in enumerate(row.cells, start=1):
                    if cell._tc in seen:
                        continue
                    seen.add(cell._tc)
                    text = "\n".join(text_of(p) for p in cell._tc.iter(f"{_W}p"))
                    out.append(("cell", text, f"表{tables} 第{r}行第{c}列", tables, r, c))
    return out


def _shape(blocks: list[Block]) -> list[tuple[str, str, str, object, object, object]]:
    return [(b.kind, b.text, b.ref.where, b.table, b.row, b.col) for b in blocks]


@pytest.mark.parametrize("name", ["template", "seed", "numbered-2021"])
def test_streamed_walk_gives_python_docx_cells(tmp_path: Path, name: str) -> None:
    if name == "template":
        path = REAL / "official-template-blank.docx"
    else:
        from test_convert_documents import _example, _numbered

        path = tmp_path / f"{name}.docx"
        write_docx(path, _numbered(_example(), format_2021=True) if name == "numbered-2021" else None)
    got = _shape(read_docx_blocks(path))
    assert got == _python_docx_blocks(path)
    assert len(got) > 100


# --- DOCX: each limit, in process ----------------------------------------------------------------


def _refused(path: Path) -> Unreadable:
    with pytest.raises(Unreadable) as caught:
        read_docx_blocks(path)
    return caught.value


def test_docx_column_span_is_capped_without_expanding_it(tmp_path: Path) -> None:
    problem = _refused(hostile.docx_grid_span(tmp_path / "span.docx"))
    assert "表1 第1行展开后超过 1000 列" in problem.zh
    assert "spans more than 1000 columns" in problem.en
    blocks = read_docx_blocks(hostile.docx_grid_span(tmp_path / "ok.docx", span=300))  # wide, but within
    assert [b.col for b in blocks if b.kind == "cell"] == [1, 301, 601]


def test_docx_vertical_merge_chain_is_read_row_to_row(tmp_path: Path) -> None:
    blocks = read_docx_blocks(hostile.docx_merge_chain(tmp_path / "chain.docx", rows=5_000, columns=3))
    cells = [(b.row, b.col, b.text) for b in blocks if b.kind == "cell"]
    assert cells == [(1, 1, "规章"), (1, 2, "规章"), (1, 3, "规章")]  # every lower row continues the first


def test_docx_zip64_record_far_away(tmp_path: Path) -> None:
    problem = _refused(hostile.docx_zip64_far(tmp_path / "far.docx"))
    assert "zip 目录超过 2,000 个条目的上限" in problem.zh


def test_docx_continuation_without_a_cell_above_is_a_cell(tmp_path: Path) -> None:
    """python-docx raised on a continued merge in the first row; it is read as an ordinary cell."""
    path = hostile.docx(tmp_path / "first.docx", ["<w:tbl><w:tr>", hostile._cell("规章", "<w:vMerge/>"),
                                                   hostile._cell("1"), "</w:tr></w:tbl>"])
    assert [(b.col, b.text) for b in read_docx_blocks(path)] == [(1, "规章"), (2, "1")]


@pytest.mark.parametrize(
    ("limit", "value", "build", "zh", "en"),
    [
        ("MAX_NODES", 2_000, lambda p: hostile.docx_many_elements(p, 3_000), "超过 2,000 个 XML 元素",
         "more than 2,000 XML elements"),
        ("MAX_TEXT", 10_000, lambda p: hostile.docx_long_text(p, 20_480), "超过 10,000 字", "more than 10,000 characters"),
        ("MAX_BLOCKS", 100, lambda p: hostile.docx_many_cells(p, 20, 5), "超过 100 个", "more than 100 paragraphs"),
        ("MAX_XML_BYTES", 1024 * 1024, lambda p: hostile.docx_big_part(p, 2), "超过 1 MiB", "more than the 1 MiB limit"),
        ("MAX_ENTRIES", 50, lambda p: hostile.docx_many_entries(p, 60), "超过 50 个条目", "more than 50 entries"),
    ],
    ids=["nodes", "text", "blocks", "part-size", "zip-entries"],
)
def test_docx_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: str, value: int, build, zh: str,
                     en: str) -> None:
    from reportlint.convert import docx_walk

    path = build(tmp_path / "input.docx")
    read_docx_blocks(path) if limit != "MAX_ENTRIES" else None  # within the real limits: read
    monkeypatch.setattr(docx_walk, limit, value)
    problem = _refused(path)
    assert zh in problem.zh and en in problem.en, (problem.zh, problem.en)


# --- DOCX: through the command line, alone and in a -j 2 folder run ------------------------------


#: Inputs that are read whole within the limits get the findings of what they lack, not RL001.
READ_WHOLE = {"merge_chain_10000_rows.docx": ("RL201",)}


@pytest.mark.parametrize("name", sorted(p.name for p in DOCX.glob("*.docx")))
def test_hostile_docx_corpus(tmp_path: Path, name: str) -> None:
    check_hostile(DOCX / name, tmp_path / "run", READ_WHOLE.get(name, ("RL001",)))


@pytest.mark.parametrize("build", [hostile.docx_big_part, hostile.docx_many_entries], ids=["part-100mb", "entries-100k"])
def test_hostile_docx_generated(tmp_path: Path, build) -> None:
    found = check_hostile(build(tmp_path / "big.docx"), tmp_path / "run")
    assert any("上限" in str(f.get("message_zh")) for f in found), found


# --- PDF: each limit, in process ------------------------------------------------------------------


def _pdf_refused(path: Path) -> Unreadable:
    from reportlint.convert.pdf_reader import read_pdf_blocks

    with pytest.raises(Unreadable) as caught:
        read_pdf_blocks(path)
    return caught.value


def test_pdf_reference_loop_is_refused(tmp_path: Path) -> None:
    problem = _pdf_refused(hostile.pdf_reference_cycle(tmp_path / "loop.pdf"))
    assert "引用形成循环" in problem.zh and "loop of references" in problem.en


@pytest.mark.parametrize(("build", "zh"), [
    (lambda p: hostile.pdf_stream_bomb(p, 100), "第1页：一个数据流解压后超过 64 MiB"),
    (hostile.pdf_double_bomb, "第1页：一个数据流解压后超过 64 MiB"),
    (lambda p: hostile.pdf_xref_stream_bomb(p, 100), "一个数据流解压后超过 64 MiB"),  # on opening: no page yet
    (lambda p: hostile.pdf_operand_flood(p, 2), "第1页：页面内容超过 1 MiB"),
    (hostile.pdf_form_fan_out, "第1页：绘制的图形对象超过 2,000 次"),
], ids=["flate-100mb", "flate-twice", "xref-stream-100mb", "content-2mb", "form-fan-out"])
def test_pdf_expansion_limits(tmp_path: Path, build, zh: str) -> None:
    problem = _pdf_refused(build(tmp_path / "input.pdf"))
    assert problem.zh.startswith(zh), problem.zh
    assert problem.en.startswith("page 1: ") == zh.startswith("第1页："), problem.en


def test_pdf_characters_per_page(monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlint.convert import pdf_limits

    monkeypatch.setattr(pdf_limits, "MAX_CHARS", 5)
    problem = _pdf_refused(REAL / "hongze-district-2023.pdf")
    assert problem.zh == "第1页：字符超过 5 个的上限" and problem.en == "page 1: more than 5 characters"


def test_pdf_time_budget_per_page(monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlint.convert import pdf_limits

    monkeypatch.setattr(pdf_limits, "PAGE_SECONDS", 0.0)
    problem = _pdf_refused(REAL / "hongze-district-2023.pdf")
    assert problem.zh.startswith("第1页：处理超过 0 秒的上限") and "page 1: reading took more than" in problem.en
    assert problem.line == 1


def test_pdf_with_too_many_ruled_lines_reads_that_page_as_text(tmp_path: Path) -> None:
    """Every page but the ruled one as before, tables and all; that one as text, with a note."""
    from reportlint.convert.loaders import LOADERS

    real = REAL / "hongze-district-2023.pdf"
    ruled = hostile.pdf_with_ruled_page(real, tmp_path / "ruled.pdf", 4_000)
    pdf = next(loader for loader in LOADERS if loader.name == "pdf")
    before, after = pdf.convert(real), pdf.convert(ruled)
    assert after.yaml_text == before.yaml_text
    assert after.notes[0].startswith("第6页的表格线超过 3,000 条，只读取文字、不识别表格")
    assert before.notes == after.notes[1:]


def test_pdf_library_errors_are_told_in_both_languages_with_the_page(tmp_path: Path) -> None:
    path = hostile._page_pdf(tmp_path / "filter.pdf", hostile.stream(b"BT ET", b" /Filter /NoSuchFilter"))
    problem = _pdf_refused(path)
    assert problem.zh == "第1页：PDF 无法读取：使用了不支持的功能（如压缩方式）", problem.zh
    assert problem.en.startswith("page 1: cannot read the PDF: an unsupported feature (such as a compression filter)")


def test_pdf_encrypted_without_its_password(tmp_path: Path) -> None:
    problem = _pdf_refused(hostile.pdf_encrypted(tmp_path / "locked.pdf"))
    assert (problem.zh, problem.en) == ("文件已加密：请提供未加密的版本", "the file is encrypted: provide an unencrypted version")


# --- PDF: through the command line, alone and in a -j 2 folder run ------------------------------


@pytest.mark.parametrize("name", sorted(p.name for p in PDF.glob("*.pdf")))
def test_hostile_pdf_corpus(tmp_path: Path, name: str) -> None:
    found = check_hostile(PDF / name, tmp_path / "run")
    if name.startswith("encrypted"):
        assert any("文件已加密：请提供未加密的版本" in str(f["message_zh"]) for f in found), found


@pytest.mark.parametrize("build", [hostile.pdf_stream_bomb, hostile.pdf_operand_flood,
                                   lambda p: hostile.pdf_ruled_lines(p, 60_000), hostile.pdf_xref_stream_bomb],
                         ids=["flate-2gb", "operands-8mb", "ruled-60000", "xref-stream-512mb"])
def test_hostile_pdf_generated(tmp_path: Path, build) -> None:
    found = check_hostile(build(tmp_path / "big.pdf"), tmp_path / "run")
    assert any("上限" in str(f["message_zh"]) for f in found), found


def test_convert_notes_a_page_read_as_text(tmp_path: Path) -> None:
    import subprocess
    import sys

    ruled = hostile.pdf_with_ruled_page(REAL / "hongze-district-2023.pdf", tmp_path / "ruled.pdf", 4_000)
    done = subprocess.run([sys.executable, "-m", "reportlint", "convert", str(ruled), "-o", str(tmp_path / "out.yaml")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "第6页的表格线超过 3,000 条，只读取文字、不识别表格 / page 6 has more than 3,000 ruled lines" in done.stderr


def test_pdf_streams_decoded_in_all(monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlint.convert import pdf_limits

    monkeypatch.setattr(pdf_limits, "MAX_DECODED_BYTES", 64 * 1024)
    problem = _pdf_refused(REAL / "hongze-district-2023.pdf")
    assert "数据流解压后合计超过 64 KiB 的上限" in problem.zh and "more than 64 KiB in all" in problem.en


def test_pdf_lzw_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlint.convert import pdf_limits

    monkeypatch.setattr(pdf_limits, "MAX_LZW_INPUT", 1024)
    path = hostile._page_pdf(tmp_path / "lzw.pdf", hostile.stream(bytes(range(256)) * 8, b" /Filter /LZWDecode"))
    problem = _pdf_refused(path)
    assert problem.zh == "第1页：LZW 或行程编码的数据流超过 1 KiB 的上限", problem.zh


def test_pdf_chain_of_references(tmp_path: Path) -> None:
    """Object 4 (the page's content) refers to 6, 6 to 7, … 80 objects long, no loop: refused at 64."""
    chain = [b"%d 0 R" % (n + 1) for n in range(6, 86)] + [hostile.stream(b"BT ET")]
    problem = _pdf_refused(hostile._page_pdf(tmp_path / "chain.pdf", b"6 0 R", chain))
    assert "链长超过 64" in problem.zh and "a chain over 64" in problem.en


def test_pdf_damaged_flate_stream_keeps_what_inflated(tmp_path: Path) -> None:
    """pdfminer retried a damaged stream byte by byte (quadratic); the text before the damage is kept."""
    from reportlint.convert.pdf_reader import read_pdf_blocks

    text = b"BT /F1 12 Tf 72 800 Td (Report 2024) Tj ET\n" + b"0 0 m 1 1 l S\n" * 2_000
    data = zlib.compress(text, 9)[:-40]
    path = hostile._page_pdf(tmp_path / "damaged.pdf", b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data)
                             + data + b"\nendstream")
    assert [b.text for b in read_pdf_blocks(path)] == ["Report 2024"]


def test_pdf_time_budget_per_document(monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlint.convert import pdf_limits

    monkeypatch.setattr(pdf_limits, "DOCUMENT_SECONDS", 0.0)
    problem = _pdf_refused(REAL / "hongze-district-2023.pdf")
    assert "读取整个 PDF 超过 0 秒的上限" in problem.zh and "took more than the 0 s limit" in problem.en


def test_docx_xml_and_zip_errors_are_told_in_both_languages(tmp_path: Path) -> None:
    broken = hostile.docx(tmp_path / "broken.docx", ["<w:p><w:r><w:t>一、总体情况</w:t></w:r>", "</w:tbl>"])
    problem = _refused(broken)
    assert problem.zh.startswith("Word 文档正文（word/document.xml）不是有效的 XML：第1行第")
    assert "word/document.xml is not well-formed XML: line 1, column" in problem.en
    damaged = tmp_path / "damaged.docx"
    data = bytearray(hostile.docx_many_cells(tmp_path / "ok.docx", 20, 5).read_bytes())
    start = data.index(b"word/document.xml") + len("word/document.xml") + 200
    data[start:start + 50] = b"\xff" * 50  # the deflated document.xml, damaged
    damaged.write_bytes(bytes(data))
    problem = _refused(damaged)
    assert problem.zh.startswith("Word 文档已损坏") or "不是有效的 XML" in problem.zh, problem.zh
