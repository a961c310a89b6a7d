"""What the page around a report says of it: the publication date and the page title.

Many published reports have no 落款 date; the page that carries them does — in a `<meta
name="PubDate">`, a line such as "发布时间：2024-03-08 15:34" above the title, or the 发布日期 of the
page's information table. Readers hand such facts to the core as ``meta`` blocks
(``name=value``); `page_date` takes the first date found, most explicit source first.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlint.convert.blocks import Block, squeeze
from reportlint.convert.converted import SourceRef

if TYPE_CHECKING:
    from bs4 import BeautifulSoup

#: `<meta>` names that hold a page's publication date (lower case), as government sites write them.
DATE_META = ("pubdate", "publishdate", "publish_date", "firstpublishedtime", "article:published_time",
             "dc.date.issued", "dcterms.issued")
#: Labels of the publication date in a page's text or its information table (not 成文日期: written ≠ published).
_LABELS = ("发布时间", "发布日期", "公开日期", "发文日期", "发表时间", "时间", "日期")
_DATE = re.compile(r"((?:19|20)[0-9]{2})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})日?"
                   r"(?:\s*[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?")
_LABELLED = re.compile(rf"({'|'.join(_LABELS)})\s*[:：]\s*(?=[0-9])")


@dataclass(frozen=True, slots=True)
class PageDate:
    """A publication date found on the page, where, and how it was written."""

    date: dt.date
    ref: SourceRef
    written: str  # e.g. "<meta name=PubDate content=2024-03-08 15:34>", "发布时间：2024-03-08 15:34"


def html_meta(soup: BeautifulSoup) -> list[Block]:
    """The page's date `<meta>` tags and its `<title>`, as ``meta`` blocks in source order."""
    from bs4.element import Tag

    blocks: list[Block] = []
    for tag in soup.find_all(["meta", "title"], limit=500):
        if not isinstance(tag, Tag):
            continue
        line = tag.sourceline or 1
        ref = SourceRef(line, 1, f"第{line}行", "html")
        if tag.name == "title":
            text = tag.get_text(" ", strip=True)
            if text:
                blocks.append(Block("meta", f"title={text[:200]}", ref))
            continue
        name = str(tag.get("name") or tag.get("property") or "").strip()
        content = str(tag.get("content") or "").strip()
        if name.lower() in DATE_META and content:
            blocks.append(Block("meta", f"{name}={content[:100]}", ref))
    return blocks


def meta_value(blocks: list[Block], name: str) -> tuple[str, SourceRef] | None:
    """The value of the first ``meta`` block called `name` (case-insensitive)."""
    for block in blocks:
        key, _, value = block.text.partition("=")
        if block.kind == "meta" and key.lower() == name:
            return value, block.ref
    return None


def _date_in(text: str) -> dt.date | None:
    match = _DATE.search(unicodedata.normalize("NFKC", text))
    if match is None:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def page_date(meta: list[Block], head: list[Block]) -> PageDate | None:
    """The publication date the page states: a date `<meta>` first, then a labelled date in the
    lines above the title or in the page's information table (a 发布日期 cell and the cell after it)."""
    for block in meta:
        key, _, value = block.text.partition("=")
        if key.lower() in DATE_META and (date := _date_in(value)) is not None:
            return PageDate(date, block.ref, f'<meta name="{key}" content="{value}">')
    for n, block in enumerate(head):
        found = _from_cell(head, n) if block.kind == "cell" else _from_line(block)
        if found is not None:
            return found
    return None


def _from_cell(head: list[Block], n: int) -> PageDate | None:
    """A 发布日期 cell of an information table, and the date in the cell after it in its row."""
    label = squeeze(unicodedata.normalize("NFKC", head[n].text)).rstrip(":：")
    if label not in _LABELS[:5] or n + 1 >= len(head):
        return None
    cell, value = head[n], head[n + 1]
    if value.kind != "cell" or (value.table, value.row) != (cell.table, cell.row):
        return None
    date = _date_in(value.text)
    return PageDate(date, value.ref, f"{label}：{squeeze(value.text)}") if date is not None else None


def _from_line(block: Block) -> PageDate | None:
    """A labelled date in a line of the page ("发布时间：2024-03-08 15:34")."""
    written = unicodedata.normalize("NFKC", block.text)
    label = _LABELLED.search(written)
    value = _DATE.match(written, label.end()) if label is not None else None
    if label is None or value is None:
        return None
    date = _date_in(value.group(0))
    return PageDate(date, block.ref, f"{label.group(1)}：{value.group(0)}") if date is not None else None
