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
    """True when the names match, a leading province or city aside; True when either is unknown."""
    if not a or not b:
        return True
    a, b = key(a), key(b)
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return bool(short) and long.endswith(short) and _PREFIX.fullmatch(long[: len(long) - len(short)]) is not None
