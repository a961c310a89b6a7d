"""Whether two agency names name one agency: "洪泽区人民政府" and "淮安市洪泽区人民政府" do."""

from __future__ import annotations

import re

_IGNORED = re.compile(r"[\s()（）\[\]【】〔〕<>《》“”\"']")
#: A leading place that a name may leave out: provinces, autonomous regions, cities, leagues.
_PREFIX = re.compile(r"(?:[\u4e00-\u9fff]{1,10}?(?:省|自治区|特别行政区|市|自治州|地区|盟))+")


def key(name: str) -> str:
    """A name without spaces, brackets and quotes."""
    return _IGNORED.sub("", name)


def same_agency(a: str | None, b: str | None) -> bool:
    """True when the names match, a leading province or city or an ending of `_SAME_ENDINGS` aside
    (人民政府 = 政府); True when either is unknown."""
    if not a or not b:
        return True
    if pair_key(a) == pair_key(b):
        return True
    a, b = key(a), key(b)
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return bool(short) and long.endswith(short) and _PREFIX.fullmatch(long[: len(long) - len(short)]) is not None


#: Endings that name one body in two ways, each → the form a pairing key uses ("XX县人民政府办公室"
#: = "XX县政府办公室" = "XX县政府办"; "XX县人民政府" = "XX县政府"; "XX街道办事处" = "XX街道办").
#: Only whole endings: a leading place is never dropped (鼓楼区 is in four cities).
_SAME_ENDINGS = (
    ("人民政府办公室", "政府办"), ("人民政府办公厅", "政府办"), ("政府办公室", "政府办"), ("政府办公厅", "政府办"),
    ("人民政府办", "政府办"), ("人民政府", "政府"), ("街道办事处", "街道办"),
)


def pair_key(name: str | None) -> str:
    """The key reports of one agency share across years, "" when there is no name: full-width
    letters, digits and brackets as half-width, no spaces, brackets nor quotes, and one form for
    the endings of `_SAME_ENDINGS`. Equal keys name one agency; a leading province or city is kept,
    so "淮安市洪泽区人民政府" and "洪泽区人民政府" have different keys (never a wrong pair)."""
    import unicodedata

    if not name:
        return ""
    text = key(unicodedata.normalize("NFKC", name)).lower()
    for ending, same in _SAME_ENDINGS:
        if text.endswith(ending) and len(text) > len(ending):
            return text[: len(text) - len(ending)] + same
    return text
