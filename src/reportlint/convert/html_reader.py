"""Web pages (.html/.htm) through BeautifulSoup: text by block element, tables as a cell grid."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from reportlint.convert.blocks import MAX_DOCUMENT_BYTES, Block, tidy
from reportlint.convert.converted import SourceRef
from reportlint.convert.html_bounds import cell_text, check_elements, declared_charset, table_rows
from reportlint.convert.html_clean import LAYOUT_TAGS, is_control, is_layout, source_text
from reportlint.convert.limits import Budget, check_blocks
from reportlint.read.source import Unreadable, read_bytes

if TYPE_CHECKING:
    from bs4.element import Tag

_BLOCK_TAGS = frozenset(
    ["p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "section", "article", "header", "footer", "title", "blockquote", "pre", "hr", "dd", "dt"]
)
_SKIP_TAGS = frozenset(["script", "style", "noscript", "template", "head", "iframe", "object", "svg", "canvas", "select", "button"])
#: Smallest width or height (pixels) of an <img> that may hold a table: not an icon.
MIN_PICTURE_PX = 60
_PIXELS = re.compile(r"^\s*([0-9]{1,6})\s*(?:px)?\s*$")
#: Largest rowspan/colspan honoured (a hostile page must not make a grid of billions of cells).
MAX_SPAN = 100


def decode_html(data: bytes) -> str:
    """The page as text: its declared charset (a web page encoding that decodes it), else UTF-8,
    else GB18030."""
    declared = declared_charset(data)
    for name in [*([declared] if declared else []), "utf-8", "gb18030"]:
        try:
            return data.decode(name)
        except (LookupError, ValueError):  # ValueError: UnicodeError, raised by some codecs
            continue
    return data.decode("utf-8", errors="replace")


def read_html_blocks(path: Path) -> list[Block]:
    data = read_bytes(path, MAX_DOCUMENT_BYTES)
    try:
        from bs4 import BeautifulSoup
    except ImportError:
        raise Unreadable(
            "读取 HTML 需要 beautifulsoup4：pip install 'reportlint[html]'",
            "reading HTML needs beautifulsoup4: pip install 'reportlint[html]'",
        ) from None
    text = decode_html(data)
    check_elements(text)
    soup = BeautifulSoup(text, "html.parser")
    walker = _Walker()
    try:
        walker.walk(soup.body or soup)
    except RecursionError:
        raise Unreadable("HTML 嵌套过深，无法读取", "the HTML is nested too deeply to read") from None
    walker.flush()
    from reportlint.convert.page_facts import html_meta

    return [*html_meta(soup), *walker.blocks]


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.line = 1
        self.tables = 0
        self.paragraphs = 0
        self.budget = Budget()

    def add(self, block: Block) -> None:
        """Keep `block`, within the document's limits on blocks and (for paragraphs) text."""
        check_blocks(len(self.blocks) + 1)
        if block.kind != "cell":
            self.budget.spend_text(len(block.text))
        self.blocks.append(block)

    def flush(self) -> None:
        text = "".join(self.buffer)
        self.buffer = []
        for piece in text.split("\n"):
            if tidy(piece):
                self.paragraphs += 1
                ref = SourceRef(self.line, 1, f"第{self.line}行", "html", paragraph=self.paragraphs)
                self.add(Block("para", tidy(piece), ref))

    def walk(self, element: Tag) -> None:
        from bs4.element import NavigableString, Tag

        for child in element.children:
            if isinstance(child, Tag):
                name = child.name.lower() if child.name else ""
                if name in _SKIP_TAGS or (name == "a" and is_control(child)):
                    continue
                if name == "table" and not is_layout(child):
                    self.flush()
                    self.table(child)
                    continue
                if name == "img":
                    self.picture(child)
                    continue
                if name in _BLOCK_TAGS or name in LAYOUT_TAGS:
                    self.flush()
                    if child.sourceline:
                        self.line = child.sourceline
                    if name == "br":
                        continue
                    self.walk(child)
                    self.flush()
                else:
                    if not self.buffer and child.sourceline:
                        self.line = child.sourceline
                    self.walk(child)
            elif type(child) is NavigableString:  # not a comment, doctype or processing instruction
                self.buffer.append(source_text(str(child)))

    def picture(self, element: Tag) -> None:
        """An image that may hold a table (not one sized as an icon): a ``picture`` block."""
        sizes = [_PIXELS.match(str(element.get(side, ""))) for side in ("width", "height")]
        if any(size is not None and int(size.group(1)) < MIN_PICTURE_PX for size in sizes):
            return
        self.flush()
        line = element.sourceline or self.line
        self.blocks.append(Block("picture", "", SourceRef(line, 1, f"第{line}行", "html")))

    def table(self, element: Tag) -> None:
        self.tables += 1
        number = self.tables
        occupied: set[tuple[int, int]] = set()
        rows = table_rows(element)
        for r, tr in enumerate(rows):
            c = 0
            for cell in tr.find_all(["td", "th"], recursive=False):
                while (r, c) in occupied:
                    c += 1
                rowspan = _span(cell.get("rowspan"))
                colspan = _span(cell.get("colspan"))
                self.budget.spend_grid(rowspan * colspan)
                for dr in range(rowspan):
                    for dc in range(colspan):
                        occupied.add((r + dr, c + dc))
                text = cell_text(cell, self.budget)
                line = cell.sourceline or self.line
                ref = SourceRef(line, 1, f"表{number} 第{r + 1}行第{c + 1}列", "html", table=number, row=r + 1,
                                cell=c + 1)
                self.add(Block("cell", text, ref, number, r + 1, c + 1))
                c += colspan


def _span(value: object) -> int:
    try:
        return max(1, min(MAX_SPAN, int(str(value).strip())))
    except (TypeError, ValueError):
        return 1
