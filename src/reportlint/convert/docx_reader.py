"""Word documents (.docx) through python-docx: body paragraphs and table cells, merged cells once."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from reportlint.convert.blocks import MAX_DOCUMENT_BYTES, Block, tidy
from reportlint.convert.converted import SourceRef
from reportlint.read.source import Unreadable

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.table import Table

#: Most bytes the parts of a .docx may unpack to (a zip bomb is refused, not read).
MAX_UNPACKED = 300 * 1024 * 1024
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            if "word/document.xml" not in names:
                raise Unreadable("不是 Word 文档（缺少 word/document.xml）", "not a Word document (no word/document.xml)")
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
                raise Unreadable("Word 文档解压后过大，拒绝读取", "the Word document unpacks to too much data")
    except zipfile.BadZipFile:
        raise Unreadable(
            "不是有效的 .docx 文件（不是 zip 压缩包，或文件不完整）",
            "not a valid .docx file (not a zip archive, or truncated)",
        ) from None
    except (OSError, EOFError, ValueError, RuntimeError, NotImplementedError) as exc:
        raise Unreadable(f"无法读取 .docx：{exc}", f"cannot read the .docx: {exc}") from None


def _paragraph_text(element: BaseOxmlElement) -> str:
    parts: list[str] = []
    for node in element.iter():
        tag = node.tag
        if tag == f"{_W}t" and node.text:
            parts.append(node.text)
        elif tag == f"{_W}tab":
            parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
    return "".join(parts)


def read_docx_blocks(path: Path) -> list[Block]:
    """Paragraphs (``第N段``) and table cells (``表N 第R行第C列``) in document order."""
    if path.stat().st_size > MAX_DOCUMENT_BYTES:
        raise Unreadable("文件超过 50 MiB 的上限", "the file is larger than the 50 MiB limit")
    _check_zip(path)
    try:
        import docx
        from docx.table import Table
    except ImportError:
        raise Unreadable(
            "读取 .docx 需要 python-docx：pip install 'reportlint[docx]'",
            "reading .docx needs python-docx: pip install 'reportlint[docx]'",
        ) from None
    try:
        document = docx.Document(str(path))
        return _walk(document, Table)
    except Unreadable:
        raise
    except Exception as exc:
        raise Unreadable(f"无法读取 .docx：{type(exc).__name__}", f"cannot read the .docx: {exc!r}"[:300]) from None


def _walk(document: DocxDocument, table_class: type[Table]) -> list[Block]:
    blocks: list[Block] = []
    paragraphs = tables = 0
    counter = 0
    for element in document.element.body.iterchildren():
        tag = element.tag
        if tag == f"{_W}p":
            paragraphs += 1
            counter += 1
            text = _paragraph_text(element)
            for piece in text.split("\n"):
                if tidy(piece):
                    blocks.append(Block("para", piece.strip(), SourceRef(counter, 1, f"第{paragraphs}段", "docx",
                                                                     paragraph=paragraphs)))
            if element.find(f".//{_W}drawing") is not None or element.find(f".//{_W}pict") is not None:
                ref = SourceRef(counter, 1, f"第{paragraphs}段", "docx", paragraph=paragraphs)
                blocks.append(Block("picture", "", ref))  # a pasted screenshot of a table, perhaps (RL206)
        elif tag == f"{_W}tbl":
            tables += 1
            table = table_class(element, document)
            seen: set[object] = set()  # the merged cell's element itself: kept alive, compared by identity
            for r, row in enumerate(table.rows, start=1):
                counter += 1
                for c, cell in enumerate(row.cells, start=1):
                    if cell._tc in seen:
                        continue
                    seen.add(cell._tc)
                    text = "\n".join(_paragraph_text(p) for p in cell._tc.iter(f"{_W}p"))
                    ref = SourceRef(counter, c, f"表{tables} 第{r}行第{c}列", "docx", table=tables, row=r, cell=c)
                    blocks.append(Block("cell", text, ref, tables, r, c))
    return blocks
