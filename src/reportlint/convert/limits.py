"""How much a document may expand to when read (issue 10): lines, blocks, span grids, cell text.

A document is limited by what it expands to, not only by its size on disk: a 2 MB page of
unclosed table cells repeats its text in every enclosing cell, 40 MB of newlines are 40 million
lines. Past a limit the document is not read (RL001 names the limit); below it every stage after
the readers is linear in the number of blocks and characters.
"""

from __future__ import annotations

from reportlint.read.source import Unreadable

#: Lines of a text document, and blocks (paragraphs, lines, table cells) of any document.
#: Published reports have a few hundred to a few thousand (the seed: 413 lines).
MAX_BLOCKS = 20_000
#: Start tags of an HTML page, counted before it is parsed (a Word-saved report has a few thousand).
MAX_ELEMENTS = 30_000
#: Grid positions that the row and column spans of all HTML table cells cover together.
MAX_GRID_CELLS = 50_000
#: Characters of text a document expands to (every table cell's text, counted once per cell).
MAX_TEXT_CHARS = 500_000
#: Misspelt row labels compared in full with the official ones, per table (cheap bounds first).
MAX_FUZZY_COMPARISONS = 5_000
#: Elements visited to take the text of HTML table cells (a cell inside a cell is visited twice).
MAX_NODE_VISITS = 1_000_000


def too_many(limit: int, zh: str, en: str) -> Unreadable:
    """RL001 for a document past `limit`: `zh`/`en` name what was counted ("行/块", "lines or blocks")."""
    return Unreadable(f"文档超过 {limit:,} {zh}的上限，不予读取", f"the document has more than {limit:,} {en}; not read")


def check_blocks(count: int) -> None:
    """Refuse a document of more than `MAX_BLOCKS` lines or blocks."""
    if count > MAX_BLOCKS:
        raise too_many(MAX_BLOCKS, "行/块", "lines or blocks")


def check_text(text: str) -> None:
    """Refuse a text of more than `MAX_TEXT_CHARS` characters or `MAX_BLOCKS` lines, before it is split."""
    check_blocks(text.count("\n") + text.count("\r") - text.count("\r\n") + 1)
    if len(text) > MAX_TEXT_CHARS:
        raise too_many(MAX_TEXT_CHARS, "个字符", "characters")


class Budget:
    """Work one document may still cause, spent as it is read; past a limit, `Unreadable`."""

    __slots__ = ("chars", "grid", "visits")

    def __init__(self) -> None:
        self.grid = MAX_GRID_CELLS
        self.chars = MAX_TEXT_CHARS
        self.visits = MAX_NODE_VISITS

    def spend_grid(self, cells: int) -> None:
        """Spend grid positions of a cell's spans."""
        self.grid -= cells
        if self.grid < 0:
            raise too_many(MAX_GRID_CELLS, "个表格格子（合并单元格展开后）", "table grid positions once spans are expanded")

    def spend_text(self, chars: int, visits: int = 0) -> None:
        """Spend characters of text taken and elements visited to take it."""
        self.chars -= chars
        self.visits -= visits
        if self.chars < 0:
            raise too_many(MAX_TEXT_CHARS, "个字符", "characters")
        if self.visits < 0:
            raise too_many(MAX_NODE_VISITS, "次元素访问（表格嵌套过深）", "element visits (tables nested too deeply)")
