"""Agency, year, period, publication date and address, from the title, preamble and signature.

Only what the document states is taken; what cannot be found is left out, never guessed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata

from reportlint.convert.blocks import Block, squeeze, tidy
from reportlint.convert.converted import SourceRef

_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_YEAR = re.compile(r"((?:19|20)[0-9]{2}|[〇零○一二三四五六七八九]{4})年")
_DATE = re.compile(r"^([0-9]{4}|[〇零○Ｏ一二三四五六七八九]{4})年([0-9]{1,2}|[一二三四五六七八九十]{1,3})月"
                   r"([0-9]{1,2}|[一二三四五六七八九十]{1,3})日$")
_PERIOD = re.compile(
    r"([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日(?:起)?(?:至|到|—|－|-|~|～)(?:([0-9]{4})年)?([0-9]{1,2})月([0-9]{1,2})日"
)
_URL = re.compile(r"(?:https?://|www\.)[^\s\u3000“”‘’\"'，。；：、（）《》【】<>]+", re.IGNORECASE)
_SENTENCE_MARKS = ("。", "，", "；", "：", "！", "？", ",", ";")
#: Lines of a web page's footer, which may follow the 落款 in a page saved or copied whole.
_FOOTER = re.compile(r"版权所有|主办单位|主办：|承办单位|网站标识码|ICP备|公网安备|技术支持|网站地图|联系我们|"
                     r"责任编辑|扫一扫|分享到|打印本页|关闭窗口|浏览次数|Copyright|©")
#: Most footer lines passed over to find the 落款.
MAX_FOOTER_LINES = 20
#: How the names of agencies end (the line above the closing date is the signature when it does).
_AGENCY_ENDINGS = tuple("局府室会院处委厅部所心办站司署团队馆组")


def _cn_number(text: str) -> int:
    """1–31 or a year written in Chinese numerals (二〇二五, 二十, 十一)."""
    if text.isdigit():
        return int(text)
    if len(text) == 4 and all(ch in _CN_DIGITS for ch in text):
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return _CN_DIGITS.get(text, 0)


def parse_date(text: str) -> dt.date | None:
    """A date written alone on a line (2025年1月20日, 二〇二五年一月二十日), or None."""
    match = _DATE.match(squeeze(unicodedata.normalize("NFKC", text)))
    if match is None:
        return None
    try:
        return dt.date(*(_cn_number(g) for g in match.groups()))
    except ValueError:
        return None


def title_facts(title: list[Block]) -> tuple[tuple[str, SourceRef] | None, tuple[int, SourceRef] | None]:
    """(agency, year) from the title lines: the name before the year, or the line above it."""
    for i, block in enumerate(title):
        text = squeeze(unicodedata.normalize("NFKC", block.text))
        match = _YEAR.search(text)
        if match is None:
            continue
        year = (_cn_number(match.group(1)), block.ref)
        name = text[: match.start()].strip("《》“”\"'")
        if name:
            return (name, block.ref), year
        if i > 0 and len(squeeze(title[i - 1].text)) <= 40:
            return (squeeze(title[i - 1].text), title[i - 1].ref), year
        return None, year
    return None, None


def period_of(blocks: list[Block]) -> tuple[dict[str, dt.date], SourceRef] | None:
    """The statistical period stated in these blocks (the preamble), also across wrapped lines."""
    texts = [b for b in blocks if tidy(b.text)]
    whole = Block("para", "".join(b.text for b in texts), texts[0].ref) if texts else None
    for block in [*texts, *([whole] if whole else [])]:
        text = squeeze(unicodedata.normalize("NFKC", block.text))
        match = _PERIOD.search(text)
        if match is None:
            continue
        y1, m1, d1, y2, m2, d2 = match.groups()
        try:
            start = dt.date(int(y1), int(m1), int(d1))
            end = dt.date(int(y2 or y1), int(m2), int(d2))
        except ValueError:
            continue
        return {"start": start, "end": end}, block.ref
    return None


def url_of(blocks: list[Block]) -> tuple[str, SourceRef] | None:
    """The first web address written in these blocks, as written (up to a Chinese quote or space)."""
    for block in blocks:
        match = _URL.search(block.text)
        if match is not None:
            offset = match.start() - (len(block.text) - len(block.text.lstrip()))
            ref = dataclasses.replace(block.ref, column=block.ref.column + max(0, offset))
            return match.group(0), ref
    return None


def signature(blocks: list[Block], agency: str | None) -> tuple[dt.date | None, SourceRef | None, int]:
    """The closing date (落款) among the last blocks: (date, where, how many blocks it takes).

    The signature is the date on its own line and, just above it, a short line with the agency's
    name. Returns (None, None, 0) when the document does not end with a date.
    """
    texts = [(i, b) for i, b in enumerate(blocks) if b.kind in ("para", "line") and tidy(b.text)]
    for _ in range(MAX_FOOTER_LINES):  # the page's footer after the 落款 (版权所有, 网站标识码, 责任编辑 …)
        if not texts or not _FOOTER.search(tidy(texts[-1][1].text)):
            break
        texts.pop()
    if not texts:
        return None, None, 0
    last_index, last = texts[-1]
    date = parse_date(last.text)
    if date is None:
        return None, None, 0
    first = last_index
    if len(texts) >= 2:
        index, above = texts[-2]
        text = tidy(above.text)
        short = len(text) <= 30 and not any(m in text for m in _SENTENCE_MARKS)
        if short and (squeeze(text) == agency or squeeze(text).endswith(_AGENCY_ENDINGS)):
            first = index
    return date, last.ref, len(blocks) - first
