"""PDF through pdfplumber: ruled tables as cells, the other text as lines joined into paragraphs."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlint.convert.blocks import MAX_DOCUMENT_BYTES, Block, tidy
from reportlint.convert.converted import SourceRef
from reportlint.read.source import Unreadable

if TYPE_CHECKING:
    from pdfplumber.page import Page
    from pdfplumber.table import Table

#: Most pages read; a report has 3–15.
MAX_PAGES = 200
#: Smallest picture (width and height, points) that may hold a table: not a logo or an icon.
MIN_PICTURE_PT = 60
_PAGE_NUMBER = re.compile(r"^[-—–\s]*\d+[-—–\s]*$|^第\s*\d+\s*页(共\s*\d+\s*页)?$")
_PARAGRAPH_END = ("。", "：", ":", "；", "！", "？", "）", ")")


def read_pdf_blocks(path: Path) -> list[Block]:
    """Text lines (joined into paragraphs) and table cells, page by page, top to bottom."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise Unreadable(f"无法读取：{exc.strerror}", f"cannot read: {exc.strerror}") from None
    if size > MAX_DOCUMENT_BYTES:
        raise Unreadable("文件超过 50 MiB 的上限", "the file is larger than the 50 MiB limit")
    try:
        import pdfplumber
    except ImportError:
        raise Unreadable(
            "读取 PDF 需要 pdfplumber：pip install 'reportlint[pdf]'",
            "reading PDF needs pdfplumber: pip install 'reportlint[pdf]'",
        ) from None
    from reportlint.convert import pdf_limits as limits

    budget = limits.PdfBudget()
    try:
        data = path.read_bytes()
        limits.check_opening(data, budget)
        with pdfplumber.open(BytesIO(data)) as pdf:
            limits.guard(pdf.doc, budget)
            if len(pdf.pages) > MAX_PAGES:
                raise Unreadable(f"PDF 超过 {MAX_PAGES} 页，不像是一份年度报告",
                                 f"the PDF has more than {MAX_PAGES} pages; it is not a report")
            blocks: list[Block] = []
            notes: list[str] = []
            tables = [0]
            for number, page in enumerate(pdf.pages, start=1):
                budget.start_page(number)
                limits.interpret(page, budget)
                ruled = not limits.too_ruled(page, budget)
                if not ruled:
                    notes.append(f"第{number}页的表格线超过 {limits.MAX_RULED:,} 条，只读取文字、不识别表格 / page {number} "
                                 f"has more than {limits.MAX_RULED:,} ruled lines: read as text, without tables")
                blocks.extend(_page_blocks(page, number, tables, ruled))
            if blocks and all(b.kind == "picture" for b in blocks):
                raise Unreadable("扫描件，没有文字层：无法读取（请先做文字识别，或检查 Word、网页原文）",
                                 "a scan with no text layer: cannot be read (run OCR first, or check the Word or web original)")
            return limits.NotedBlocks(blocks, notes)
    except Unreadable:
        raise
    except Exception as exc:
        raise limits.explain(exc, budget) from None


def _inside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _page_blocks(page: Page, number: int, tables: list[int], ruled: bool = True) -> list[Block]:
    found = page.find_tables() if ruled else []
    boxes = [t.bbox for t in found]
    items: list[tuple[float, int, list[Block]]] = []
    outside = page.filter(lambda obj: obj.get("object_type") != "char" or not _inside(obj, boxes))
    lines = outside.extract_text_lines()  # once: it clusters every character of the page (issue 14)
    right = max((line["x1"] for line in lines), default=page.width)
    for line in lines:
        text = tidy(line["text"])
        if not text or _PAGE_NUMBER.match(text):
            continue
        ref = SourceRef(number, 1, f"第{number}页 距顶{line['top']:.0f}pt", "pdf", page=number)
        block = Block("line", text, ref)
        block.col = 1 if line["x1"] >= right - 20 else 0  # 1: runs to the margin, so the paragraph goes on
        items.append((line["top"], 0, [block]))
    for image in page.images:  # a scanned page, a table pasted as a screenshot (RL206)
        if image["width"] >= MIN_PICTURE_PT and image["height"] >= MIN_PICTURE_PT:
            ref = SourceRef(number, 1, f"第{number}页 距顶{image['top']:.0f}pt", "pdf", page=number)
            items.append((image["top"], 1, [Block("picture", "", ref)]))
    for table in found:
        tables[0] += 1
        items.append((table.bbox[1], 1, _table_blocks(table, number, tables[0])))
    items.sort(key=lambda item: (item[0], item[1]))
    return _join_lines([b for _, _, group in items for b in group])


def _table_blocks(table: Table, page: int, number: int) -> list[Block]:
    blocks: list[Block] = []
    rows = table.extract()
    framed = [tidy(t) for row in rows for t in row if t is not None and sum(x is not None for x in row) == 1]
    widest = max((len(t) for t in framed), default=0)
    cells = table.rows
    for r, row in enumerate(rows, start=1):
        present = [(c, text) for c, text in enumerate(row, start=1) if text is not None]
        top = cells[r - 1].bbox[1] if r - 1 < len(cells) else table.bbox[1]
        where = f"第{page}页 表{number} 第{r}行"
        filled = [text for _, text in present if tidy(text)]
        if len(filled) == 1 and len(present) == 1:  # a line of text that sits in a frame
            ref = SourceRef(page, 1, f"{where}（距顶{top:.0f}pt）", "pdf", page=page, table=number, row=r, cell=1)
            line = Block("line", tidy(filled[0]), ref)
            line.col = 1 if len(line.text) >= widest - 2 else 0
            blocks.append(line)
            continue
        for c, text in present:
            ref = SourceRef(page, c, f"{where}第{c}列（距顶{top:.0f}pt）", "pdf", page=page, table=number, row=r, cell=c)
            blocks.append(Block("cell", text, ref, number, r, c))
    return blocks


def _join_lines(blocks: list[Block]) -> list[Block]:
    """Join wrapped text lines into paragraphs: a line that runs to the margin goes on in the next."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            block.kind == "line"
            and prev is not None
            and prev.kind == "line"
            and prev.col == 1
            and not prev.text.endswith(_PARAGRAPH_END)
            and not block.text.startswith(("一、", "二、", "三、", "四、", "五、", "六、"))
        ):
            prev.text += block.text
            prev.col = block.col
            continue
        out.append(Block(block.kind, block.text, block.ref, block.table, block.row, block.col))
    for block in out:
        if block.kind == "line":
            block.kind = "para"
            block.col = None
    return out
