"""Reading a table cell: exact decimals, blanks, full-width digits, separators and units."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from reportlint.record import dataclass

#: What report writers put in a cell that they mean as zero (or as "nothing to report").
BLANKS = frozenset({"", "/", "-", "—", "——", "–", "－", "／", "无", "空", "\\"})
_NUMBER = re.compile(r"^[+-]?[0-9]+(?:\.[0-9]+)?$")
_GROUPED = re.compile(r"^[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$")
_UNIT = re.compile(r"^(?P<num>.*?)\s*(?P<unit>万元|元)$")
#: Largest magnitude accepted: no report counts past a billion.
MAX_DIGITS = 12


@dataclass(slots=True)
class Parsed:
    """A cell as read. `value` is None only when `error` says why it is not a number."""

    value: Decimal | None
    blank: bool = False
    noncanonical: str | None = None  # "full-width" | "separators" | "unit" | "spaces"
    error: tuple[str, str] | None = None  # (zh, en) reason it is not a usable number


def parse_cell(text: str | None, kind: str = "count", unit: str | None = None) -> Parsed:
    """Parse one cell of a table. `kind` is count (non-negative integer), money or signed."""
    if text is None:
        return Parsed(Decimal(0), blank=True)
    if text.isdigit() and text.isascii() and len(text) <= MAX_DIGITS:  # the usual cell: a plain count
        value = Decimal(text)
        return Parsed(value.normalize() if kind == "money" else value)
    raw = text.strip()
    if raw in BLANKS:
        return Parsed(Decimal(0), blank=True)
    folded = unicodedata.normalize("NFKC", raw).replace("−", "-").strip()
    if folded in BLANKS:
        return Parsed(Decimal(0), blank=True)
    note = "full-width" if folded != raw else None
    scale = Decimal(1)
    match = _UNIT.match(folded)
    if match and kind == "money":
        folded = match["num"].strip()
        if match["unit"] == "元" and unit == "万元":
            scale = Decimal("0.0001")
        note = "unit"
    if _GROUPED.match(folded):
        folded = folded.replace(",", "")
        note = note or "separators"
    if not _NUMBER.match(folded):
        if folded.lower().lstrip("+-.") in ("inf", "infinity", "nan"):
            return Parsed(None, error=("不是有限的数", "not a finite number"))
        return Parsed(None, error=("不是数字", "not a number"))
    if len(folded.lstrip("+-").split(".")[0]) > MAX_DIGITS:
        return Parsed(None, error=("数字大得不可能", "an impossibly large number"))
    try:
        value = Decimal(folded) * scale
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        return Parsed(None, error=("不是数字", "not a number"))
    if value < 0 and kind != "signed":
        return Parsed(None, error=("不能为负数", "a count cannot be negative"))
    if kind == "count" and value != value.to_integral_value():
        return Parsed(None, error=("件数应为整数", "a count must be a whole number"))
    return Parsed(value.normalize() if kind == "money" else value, noncanonical=note)
