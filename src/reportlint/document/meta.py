"""The report's scalar fields as checks read them, and a fast path to them.

`reportlint.document.report_model` (pydantic) is the authority on what a valid report file is. Importing
pydantic costs more than the whole rest of a check, so a file whose fields are plainly valid is
read here without it; anything else goes to the pydantic model, which reports what is wrong.
A property test holds the two to the same answers.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from reportlint.format.packs import AgencyKind
from reportlint.record import dataclass

AGENCY_KINDS: tuple[AgencyKind, ...] = ("department", "government", "township")
_YEAR = re.compile(r"^[0-9]{4}$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_TEXT_FIELDS = ("format", "pack", "url", "previous", "preamble")


@dataclass(slots=True, frozen=True)
class Period:
    start: date
    end: date


@dataclass(slots=True)
class Meta:
    """Validated scalar fields; a field that was missing or invalid is None."""

    schema_version: int = 1
    format: str | None = None
    pack: str | None = None  # the same as `format`, by its newer name
    agency: str | None = None
    agency_kind: AgencyKind | None = None
    year: int | None = None
    period: Period | None = None
    published: date | None = None
    url: str | None = None
    previous: str | None = None
    preamble: str | None = None


def _date(value: Any) -> date | None:
    if not isinstance(value, str) or not _DATE.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def fast(data: dict[str, Any]) -> Meta | None:
    """The fields of a plainly valid file, or None when the pydantic model must decide."""
    allowed = {"schema", "agency", "agency_kind", "year", "period", "published", *_TEXT_FIELDS}
    if not set(data) <= allowed:
        return None
    meta = Meta()
    if "schema" in data and data["schema"] != "1":
        return None
    agency = data.get("agency")
    if agency is not None and (not isinstance(agency, str) or not agency):
        return None
    meta.agency = agency
    kind = data.get("agency_kind")
    if kind is not None and kind not in AGENCY_KINDS:
        return None
    meta.agency_kind = kind
    year = data.get("year")
    if year is not None:
        if not isinstance(year, str) or not _YEAR.match(year) or not 1990 <= int(year) <= 2100:
            return None
        meta.year = int(year)
    for name in _TEXT_FIELDS:
        value = data.get(name)
        if value is not None and not isinstance(value, str):
            return None
        setattr(meta, name, value)
    if "published" in data and data["published"] is not None:
        meta.published = _date(data["published"])
        if meta.published is None:
            return None
    period = data.get("period")
    if period is not None:
        if not isinstance(period, dict) or set(period) != {"start", "end"}:
            return None
        start, end = _date(period["start"]), _date(period["end"])
        if start is None or end is None:
            return None
        meta.period = Period(start, end)
    return meta


def from_model(model: Any) -> Meta:
    """Copy a validated pydantic `reportlint.document.report_model.FieldsModel` into the checks' `Meta`."""
    period = model.period
    return Meta(
        schema_version=model.schema_version,
        format=model.format,
        pack=model.pack,
        agency=model.agency,
        agency_kind=model.agency_kind,
        year=model.year,
        period=Period(period.start, period.end) if period is not None else None,
        published=model.published,
        url=model.url,
        previous=model.previous,
        preamble=model.preamble,
    )
