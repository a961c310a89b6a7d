"""What web pages put around a report's text: layout tables, page controls, source line breaks."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bs4.element import Tag

#: Tags of a layout table: each cell is a block of the page, not a cell of the report.
LAYOUT_TAGS = frozenset(["table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th"])
_WIDE = "\u2e80-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u2018\u2019\u201c\u201d\U00020000-\U0003ffff"
_WIDE_BREAK = re.compile(f"(?<=[{_WIDE}])[ \\t]*(?:\\r\\n|\\r|\\n)[ \\t]*(?=[{_WIDE}])")
_BREAK = re.compile(r"[ \t]*[\r\n]+[ \t]*")


def source_text(text: str) -> str:
    """Text with the line breaks of the HTML source as a browser shows them.

    Word and CMS editors wrap source lines at about 76 characters, also between two Chinese
    characters; there the break is no space (CSS Text 3), elsewhere it is one."""
    return _BREAK.sub(" ", _WIDE_BREAK.sub("", text))


def is_layout(table: Tag) -> bool:
    """Whether a table lays out the page (it holds another table) rather than being a table of the report."""
    from bs4.element import Tag

    # depth first, stopping at the first table: bs4's `find` first walks to the last descendant,
    # which made nested tables quadratic
    stack = list(reversed(table.contents))
    while stack:
        node = stack.pop()
        if isinstance(node, Tag):
            if node.name == "table":
                return True
            stack.extend(reversed(node.contents))
    return False


def is_control(link: Tag) -> bool:
    """Whether a link works the page rather than leading anywhere (【打印本页】, 【关闭窗口】): not text of the report."""
    href = str(link.get("href") or "").strip().lower()
    return href.startswith("javascript:") or link.has_attr("onclick")
