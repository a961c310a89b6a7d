"""The bounded parts of reading HTML (issue 10): the declared charset, the element count before
parsing, a table's own rows and a cell's text, each in work linear in what the page expands to."""

from __future__ import annotations

import codecs
import re
from typing import TYPE_CHECKING

from reportlint.convert.limits import MAX_ELEMENTS, Budget, too_many

if TYPE_CHECKING:
    from bs4.element import Tag

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_START_TAG = re.compile(r"<[A-Za-z]")
#: Codecs a page may name but that are no web page encoding (a page is never read in them).
_NOT_WEB = frozenset({"utf-16", "utf-32", "utf-7", "unicode-escape", "raw-unicode-escape", "idna", "punycode",
                      "undefined", "charmap"})
#: Elements visited between two checks of the budget while taking a cell's text.
_CHECK_EVERY = 4096


def declared_charset(data: bytes) -> str | None:
    """The codec the page's `<meta charset>` names, if it is a known text encoding for web pages."""
    match = _CHARSET.search(data[:4096])
    if match is None:
        return None
    name = match.group(1).decode("ascii").lower()
    try:
        info = codecs.lookup("gb18030" if name in ("gb2312", "gbk") else name)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name.removesuffix("-le").removesuffix("-be") in _NOT_WEB:
        return None
    return info.name


def check_elements(text: str) -> None:
    """Refuse a page of more than `MAX_ELEMENTS` start tags before it is parsed (counted up to the limit)."""
    for count, _ in enumerate(_START_TAG.finditer(text), start=1):
        if count > MAX_ELEMENTS:
            raise too_many(MAX_ELEMENTS, "个 HTML 元素", "HTML elements")


def table_rows(table: Tag) -> list[Tag]:
    """The table's own rows: each `tr` under it outside any nested table, in document order
    (what ``find_all("tr")`` keeps when each row's nearest table is this one, without the walk up)."""
    from bs4.element import Tag

    rows: list[Tag] = []
    stack = list(reversed(table.contents))
    while stack:
        node = stack.pop()
        if not isinstance(node, Tag):
            continue
        if node.name == "tr":
            rows.append(node)
        if node.name != "table":
            stack.extend(reversed(node.contents))
    return rows


def cell_text(cell: Tag, budget: Budget) -> str:
    """``cell.get_text("\\n")``, its characters and the elements visited spent from `budget`
    (a cell left open holds every cell after it: its text is taken again for each)."""
    from bs4.element import NavigableString

    types = cell.interesting_string_types or cell.MAIN_CONTENT_STRING_TYPES
    parts: list[str] = []
    visits = chars = 0
    for node in cell.descendants:
        visits += 1
        if isinstance(node, NavigableString) and type(node) in types:
            parts.append(node)
            chars += len(node) + 1
        if visits >= _CHECK_EVERY:
            budget.spend_text(chars, visits)
            visits = chars = 0
    budget.spend_text(chars, visits)
    return "\n".join(parts)
