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


#: What a name must still begin with once a leading place is dropped: a place of county level or below.
_LOCAL = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:区|县|旗|市|镇|乡|街道)[\u4e00-\u9fff]")


def tails(name: str | None) -> tuple[str, ...]:
    """The pairing keys of `name` without one or more leading provinces or cities, each still
    beginning with a county, district, town or 街道: 江苏省淮安市洪泽区人民政府 → 淮安市洪泽区政府,
    洪泽区政府; none for 淮安市科学技术局 or 淮安市人民政府 (a department or a government without its
    place names nothing)."""
    full = pair_key(name)
    found = []
    for end in range(1, len(full)):
        if _PREFIX.fullmatch(full[:end]) and _LOCAL.match(full[end:]):
            found.append(full[end:])
    return tuple(found)


def names_itself(text: str, name: str | None) -> bool:
    """Whether `text` (a report's own words) names the agency `name`, spaces, line breaks and
    full-width forms aside: how a report whose name leaves out its city shows which city it is of."""
    import unicodedata

    wanted = key(unicodedata.normalize("NFKC", name or ""))
    return bool(wanted) and wanted in key(unicodedata.normalize("NFKC", text))
