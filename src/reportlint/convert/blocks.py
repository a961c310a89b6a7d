"""The stream every reader produces: paragraphs, text lines and table cells, each with its place."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from reportlint.convert.converted import SourceRef

#: Largest document read (bytes); published reports are well under 10 MB.
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024

#: Cell texts that stand for "nothing" or zero (kept as written so the rules can report them).
BLANK_MARKS = frozenset({"/", "／", "-", "－", "—", "——", "–", "无", "空", "\\"})
_NUMBER = re.compile(r"^[+-]?(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(?:\.[0-9]+)?\s*(?:万元|元|件|个|条)?$")
_SPACES = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")


#: What a block is (see `Block`).
BlockKind = Literal["para", "line", "cell", "break", "picture", "meta"]


@dataclass(slots=True)
class Block:
    """One piece of the document.

    kind: ``para`` (a paragraph of a structured document), ``line`` (a line of plain text: a
    paragraph or a flattened table cell), ``cell`` (a table cell at `table`/`row`/`col`) or
    ``break`` (an empty line: in plain text it ends a flattened table row), ``picture`` (an
    image big enough to hold a table: a scanned page, a pasted screenshot; its text is empty) or
    ``meta`` (a fact of the page around the report, ``name=value``: a date `<meta>`, the page
    title; see `page_facts`).
    """

    kind: BlockKind
    text: str
    ref: SourceRef
    table: int | None = None
    row: int | None = None
    col: int | None = None


def squeeze(text: str) -> str:
    """Text with every kind of white space removed (labels of Chinese tables)."""
    return _SPACES.sub("", text)


def tidy(text: str) -> str:
    """Text with non-breaking and ideographic spaces made plain, trimmed."""
    return text.replace("\u00a0", " ").replace("\u3000", " ").replace("\ufeff", "").strip()


def is_value(text: str) -> bool:
    """Whether a cell text is a table value: a number, a blank, or a mark meaning zero."""
    raw = squeeze(text)
    if not raw or raw in BLANK_MARKS:
        return True
    return bool(_NUMBER.match(unicodedata.normalize("NFKC", raw)))


def value_of(text: str) -> object:
    """The YAML value of a cell: an int or a decimal as written, None for blank, else the text."""
    raw = squeeze(text)
    if not raw:
        return None
    if raw.isascii() and raw.isdigit():
        return int(raw)
    if raw.isascii() and re.fullmatch(r"[0-9]+\.[0-9]+", raw) and str(float(raw)) == raw:
        return float(raw)
    return raw
