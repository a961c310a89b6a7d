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

    def convert(self, path: Path) -> Converted:
        from importlib import import_module

        from reportlint.convert.assemble import build

        module, _, function = self.reader.partition(":")
        read: Callable[[Path], list[Block]] = getattr(import_module(f"reportlint.convert.{module}"), function)
        blocks = read(path)
        converted = build(blocks)
        converted.notes[:0] = getattr(blocks, "notes", [])  # what the reader left out (a page read as text)
        return converted


LOADERS = [
    ReaderLoader("text", (".txt", ".text"), "text_reader:read_text_blocks"),
    ReaderLoader("html", (".html", ".htm", ".xhtml"), "html_reader:read_html_blocks"),
    ReaderLoader("docx", (".docx",), "docx_reader:read_docx_blocks"),
    ReaderLoader("pdf", (".pdf",), "pdf_reader:read_pdf_blocks"),
]
