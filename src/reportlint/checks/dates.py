"""RL401–RL404: the statistical period, the 第四十九条 deadline, publication after the period,
and the report year against the format version."""

from __future__ import annotations

import re
from datetime import date

from reportlint.checks.base import Check, CheckSettings, agency_kind
from reportlint.document.model import Document
from reportlint.findings.emit import Emitter
from reportlint.format.packs import Pack

#: "2024年1月1日(起)至2024年12月31日" — the second year may be left out ("2024年1月1日至12月31日").
_PERIOD = re.compile(
    r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:起)?\s*(?:至|到|—|-|－|~|～)\s*"
    r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日"
)
_KIND_ZH = {"department": "政府部门", "government": "人民政府", "township": "乡镇（街道）"}
_KIND_EN = {"department": "government department", "government": "people's government",
            "township": "township or street office"}


def period_in_text(text: str) -> tuple[date, date, int] | None:
    """The first "YYYY年M月D日(起)至(YYYY年)M月D日" in `text`, with the offset where it starts."""
    for match in _PERIOD.finditer(text):
        try:
            y1, m1, d1, y2, m2, d2 = (int(g) if g else 0 for g in match.groups())  # only the 2nd year is optional
            y2 = y2 or y1
            return date(y1, m1, d1), date(y2, m2, d2), match.start()
        except ValueError:
            continue
    return None


def _deadline_of(doc: Document, settings: CheckSettings, kind: str) -> tuple[date, str, str, bool] | None:
    """(deadline month-day in a dummy year, basis, basis in English, inferred) for `kind`."""
    if kind == "township" and settings.township_deadline:
        month, day = settings.township_deadline
        return date(2001, month, day), "本地配置 township-deadline", "local setting township-deadline", False
    spec = doc.pack.deadlines.get(kind)
    if spec is None:
        return None
    return date(2001, spec.month, spec.day), spec.basis, spec.basis, spec.sure == "R"


def _deadline(doc: Document, emit: Emitter, settings: CheckSettings, published: date, year: int) -> None:
    """RL402. A kind guessed from the name by an unsure pattern gets the latest deadline of any
    kind (the reading that does not accuse), and the message names the kind assumed."""
    kind, sure, _ = agency_kind(doc, settings)
    applied = kind
    if not sure:
        kinds = [kind, *(k for k in doc.pack.deadlines if k != kind)]
        known = [(k, d) for k in kinds if (d := _deadline_of(doc, settings, k)) is not None]
        if known:
            latest = max(d[0] for _, d in known)
            applied = next(k for k, d in known if d[0] == latest)
    found = _deadline_of(doc, settings, applied)
    if found is None:
        return
    month_day, basis, basis_en, inferred = found
    deadline = date(year + 1, month_day.month, month_day.day)
    if published <= deadline:
        return
    guess = {} if sure else {"assumed": _KIND_ZH[kind], "assumed_en": _KIND_EN[kind], "agency": doc.meta.agency or ""}
    emit("RL402", "default" if sure else "guessed", doc.at("published"), path="published",
         published=published.isoformat(), deadline=deadline.isoformat(), kind=_KIND_ZH[applied],
         kind_en=_KIND_EN[applied], days=(published - deadline).days, basis=basis, basis_en=basis_en,
         sure="R" if inferred else None, **guess)  # an inferred deadline ([R]): the registry caps it at warning


class DatesCheck(Check):
    name = "dates"
    codes = ("RL401", "RL402", "RL403", "RL404", "RL405")

    def run(self, doc: Document, emit: Emitter, settings: CheckSettings) -> None:
        meta = doc.meta
        year = meta.year
        period_end: date | None = None
        start: date | None
        end: date | None
        if meta.period is not None:
            start, end, at, where = meta.period.start, meta.period.end, doc.at("period"), "period"
        elif meta.preamble and (found := period_in_text(meta.preamble)):
            start, end, _ = found
            at, where = doc.at("preamble"), "preamble"
        else:
            start = end = None
        if start is not None and end is not None:
            period_end = end
            if year is not None and (start, end) != (date(year, 1, 1), date(year, 12, 31)):
                emit("RL401", where, at, path=where, start=start.isoformat(), end=end.isoformat(), year=year)
        published = meta.published
        if published is not None and year is not None:
            _deadline(doc, emit, settings, published, year)
            end = period_end or date(year, 12, 31)
            if published <= end:
                emit("RL403", "default", doc.at("published"), path="published", published=published.isoformat(),
                     end=end.isoformat())
        elif year is not None and ("published" not in doc.keys or doc.keys["published"][1].is_null):
            emit("RL405", "default", doc.at("published"), path="published", year=year)
        if year is not None and not doc.pack_by_year and not doc.pack.fits_year(year):
            key = "pack" if meta.pack else "format"
            emit("RL404", "default", doc.at(key), path=key, year=year, format=doc.pack.id,
                 document=doc.pack.document, years=_years(doc.pack))


def _years(pack: Pack) -> str:
    if pack.year_from and pack.year_to:
        return f"{pack.year_from}–{pack.year_to}"
    if pack.year_from:
        return f"≥ {pack.year_from}"
    return f"≤ {pack.year_to}"
