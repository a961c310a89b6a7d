"""Word documents (.docx): body paragraphs and table cells, merged cells once (walked in `docx_walk`)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from reportlint.convert.blocks import MAX_DOCUMENT_BYTES, Block
from reportlint.read.source import Unreadable

#: Most bytes the parts of a .docx may unpack to (a zip bomb is refused, not read).
MAX_UNPACKED = 300 * 1024 * 1024


def _check_zip(path: Path) -> None:
    from reportlint.convert.docx_walk import check_directory

    try:
        check_directory(path)
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


def read_docx_blocks(path: Path) -> list[Block]:
    """Paragraphs (``第N段``) and table cells (``表N 第R行第C列``) in document order."""
    if path.stat().st_size > MAX_DOCUMENT_BYTES:
        raise Unreadable("文件超过 50 MiB 的上限", "the file is larger than the 50 MiB limit")
    _check_zip(path)
    try:  # the `docx` extra brings lxml, which reads the XML; python-docx itself is not needed to read
        import lxml.etree  # noqa: F401
    except ImportError:
        raise Unreadable(
            "读取 .docx 需要 python-docx：pip install 'reportlint[docx]'",
            "reading .docx needs python-docx: pip install 'reportlint[docx]'",
        ) from None
    from reportlint.convert.docx_walk import open_document_xml, walk

    try:
        with zipfile.ZipFile(path) as archive, open_document_xml(archive) as part:
            return walk(part)
    except Unreadable:
        raise
    except Exception as exc:
        raise Unreadable(f"无法读取 .docx：{type(exc).__name__}", f"cannot read the .docx: {exc!r}"[:300]) from None
