"""The document loaders registered through the `reportlint_loaders` hook.

Import-light on purpose: python-docx, BeautifulSoup and pdfplumber are imported only when a
document of their kind is converted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reportlint.convert.blocks import Block
from reportlint.convert.converted import Converted


@dataclass(frozen=True, slots=True)
class ReaderLoader:
    """Reads one kind of document: its reader gives blocks, the shared core makes the YAML."""

    name: str
    suffixes: tuple[str, ...]
    reader: str  # "module:function" under reportlint.convert, imported on first use
    header: str = ""  # a comment put before the YAML ({name}: the document's file name)
    seconds: float = 0  # the least time a conversion is given, above --timeout (a program it runs has its own limit)

    def convert(self, path: Path) -> Converted:
        from importlib import import_module

        from reportlint.convert.assemble import build

        module, _, function = self.reader.partition(":")
        read: Callable[[Path], list[Block]] = getattr(import_module(f"reportlint.convert.{module}"), function)
        blocks = read(path)
        converted = build(blocks)
        converted.notes[:0] = getattr(blocks, "notes", [])  # what the reader left out (a page read as text)
        if self.header:
            name = " ".join(path.name.split())  # no line break may end the comment early
            converted.yaml_text = self.header.format(name=name) + converted.yaml_text
        return converted


#: LibreOffice's own time limit (convert/office.py); the loader is given more, so that its limit
#: stops LibreOffice's whole process group first.
OFFICE_TIMEOUT_S = 30

LOADERS = [
    ReaderLoader("text", (".txt", ".text"), "text_reader:read_text_blocks"),
    ReaderLoader("html", (".html", ".htm", ".xhtml"), "html_reader:read_html_blocks"),
    ReaderLoader("docx", (".docx",), "docx_reader:read_docx_blocks"),
    ReaderLoader("pdf", (".pdf",), "pdf_reader:read_pdf_blocks"),
    ReaderLoader("office", (".doc", ".wps", ".odt"), "office:read_office_blocks",
                 "# {name}：由 LibreOffice 转换为 DOCX 后读取 / converted to DOCX by LibreOffice, then read as DOCX\n",
                 seconds=OFFICE_TIMEOUT_S + 10),
]
