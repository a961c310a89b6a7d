"""Tolerant label matching: the same label written with other numbering, brackets, quotes or spaces.

Report writers copy labels from Word, so "（三）不予公开", "(三)不予公开" and "不予公开" are one label,
and so are "危及“三安全一稳定”" and "危及\"三安全一稳定\"". `normalise` maps all of them to one key.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache

_NUMBERING = re.compile(
    r"(?:"
    r"[一二三四五六七八九十]+[、.．,，]"  # 一、
    r"|[(（][一二三四五六七八九十0-9]+[)）][、.．]?"  # （三） (3)
    r"|[0-9]+(?:[.．、,，)）]|\s)"  # 1. 1、 1)
    r"|第[一二三四五六七八九十]+(?:部分|[章节部])?[、:：]?"  # 第一部分 第二章
    r")"
)
_DROP = str.maketrans("", "", " \t\r\n\u3000\u00a0\"'“”‘’「」『』、，,；;：:。·")


@lru_cache(maxsize=4096)
def normalise(label: str) -> str:
    """The comparison key of a label: no numbering, trailing note, quotes, spaces or list commas."""
    text = unicodedata.normalize("NFKC", str(label)).strip()
    start, end = 0, len(text)  # numbering and notes are skipped by position, never copied: linear
    while (found := _NUMBERING.match(text, start)) is not None:
        after = _skip_space(text, found.end(), 1, end)
        if after >= end:
            break
        start = after
    while text[end - 1 : end] in (")", "）"):
        opening = end - 2
        while opening >= start and text[opening] not in "()（）":
            opening -= 1
        if opening < start or text[opening] not in "(（":
            break
        kept = _skip_space(text, opening, -1, start)
        if kept <= start:
            break
        end = kept
    return text[start:end].translate(_DROP).lower()


def _skip_space(text: str, at: int, step: int, limit: int) -> int:
    """`at` moved by `step` over white space, not past `limit`: the end of a strip without a copy."""
    if step < 0:
        while at > limit and text[at - 1].isspace():
            at -= 1
        return at
    while at < limit and text[at].isspace():
        at += 1
    return at


def suggest(label: str, candidates: list[str], cutoff: float = 0.5) -> str | None:
    """The candidate closest to `label`, for a "did you mean …" hint, or None."""
    if not candidates:
        return None
    keys = {normalise(c): c for c in candidates}
    found = difflib.get_close_matches(normalise(label), list(keys), n=1, cutoff=cutoff)
    return keys[found[0]] if found else None


def similarity(a: str, b: str) -> float:
    """How alike two labels are once normalised, from 0 to 1."""
    return difflib.SequenceMatcher(None, normalise(a), normalise(b)).ratio()
