"""Pairing each report of a folder run with the same agency's report of the year before, for the
RL7 rules: a small index (agency key, year → file) built from a cheap look at each file, and a plan
saying which file is compared with which, and why a report has no pair.

The index only proposes: the check binds both reports and compares them only when their agency
keys are equal and the years follow (`run._attach_previous`). Two reports of one agency and year
make a pair uncertain, so none is made: a wrong pair would accuse a report of copying."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from reportlint.engine.run import YAML_SUFFIXES
from reportlint.record import dataclass, field

if TYPE_CHECKING:
    from reportlint.engine.settings import Settings

#: Bytes of a YAML report looked at for its agency and year (they come first in every real one).
SCAN_BYTES = 64 * 1024
#: A top-level `agency:`, `year:` or `previous:` line and its value.
#: How the lines `_FIELD` matches begin.
_FIELD_STARTS = frozenset("ayp\"'")
_FIELD = re.compile(r"""^(agency|year|previous|["']agency["']|["']year["']|["']previous["'])[ \t]*:(.*)$""")


@dataclass(frozen=True, slots=True)
class Entry:
    """What the index knows of one report: where, whose (`key`: `document.agency.pair_key`), which year."""

    path: str
    agency: str
    year: int
    key: str
    names_previous: bool = False  # it says `previous:` itself, which wins
    tails: tuple[str, ...] = ()  # `document.agency.tails`: its key without leading places


@dataclass(slots=True)
class Plan:
    """Last year's file for each report paired (by the name it is checked under), and one line per
    report checked for `--verbose`."""

    previous: dict[str, str] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)


def scan(text: str) -> tuple[str | None, int | None, bool]:
    """(agency, year, whether it names a previous report) from a YAML text's top-level lines; None
    for what is not plainly there (the check finds out why)."""
    found: dict[str, str | None] = {}
    for line in text.splitlines():
        if line[:1] not in _FIELD_STARTS:  # most lines (indented ones): not one of the three (fast path)
            continue
        match = _FIELD.match(line)
        if match is None:
            continue
        name = match[1].strip("\"'")
        if name not in found:  # a duplicate key is RL004; the first is used here
            found[name] = _scalar(match[2])
    year = found.get("year")
    return (found.get("agency") or None, int(year) if year and re.fullmatch(r"[0-9]{4}", year) else None,
            bool(found.get("previous")))


def _scalar(raw: str) -> str | None:
    """A one-line YAML scalar: quoted (single or double, simple escapes) or plain up to a comment."""
    raw = raw.strip()
    if raw[:1] in ("'", '"'):
        quote = raw[0]
        end = raw.find(quote, 1)
        while quote == "'" and end != -1 and raw[end + 1 : end + 2] == "'":
            end = raw.find(quote, end + 2)
        if end == -1 or (quote == '"' and "\\" in raw[1:end]):
            return None  # an escape or a value over several lines: the index leaves it out
        return raw[1:end].replace("''", "'") if quote == "'" else raw[1:end]
    value = re.split(r"\s#", raw, maxsplit=1)[0].strip()
    if not value or value[0] in "|>&*!{[%@`":
        return None
    return value


def entry_of(path: Path, settings: Settings, shown: str | None = None) -> Entry | None:
    """The index entry of one report file, or None when its agency or year cannot be read cheaply.

    A YAML report: its opening `SCAN_BYTES`. A document: its conversion, kept in
    `settings.conversions` so that checking or comparing it later does not convert it again."""
    from reportlint.document.agency import pair_key, tails

    try:
        text = _yaml_prefix(path) if path.suffix.lower() in YAML_SUFFIXES or not path.suffix else _converted(path, settings)
    except Exception:  # whatever is wrong with the file, its check says it; it is not indexed
        return None
    if text is None:
        return None
    agency, year, names_previous = scan(text)
    if agency is None or year is None or not pair_key(agency):
        return None
    return Entry(shown or str(path), agency, year, pair_key(agency), names_previous, tails(agency))


def _yaml_prefix(path: Path) -> str | None:
    from reportlint.read.paths import open_regular

    with open_regular(path) as handle:
        data = handle.read(SCAN_BYTES)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            if exc.start >= len(data) - 4:  # a character cut at the end of the prefix
                return data[: exc.start].decode(encoding, "ignore")
    return None


def _converted(path: Path, settings: Settings) -> str:
    from reportlint.engine.run import convert_kept
    from reportlint.plugins.manager import installed

    return convert_kept(path, installed(settings.autoload), settings).yaml_text


#: How many of the reports that make a pair ambiguous a line names (a line per report: naming them
#: all would be quadratic in a collection where one agency has thousands).
_SHOWN = 3


def plan(checked: list[tuple[str, Entry | None]], earlier: list[Entry]) -> Plan:
    """Which report of `checked` (name, entry) is compared with which report of the year before,
    among `checked` and `earlier` (`--previous-dir`), with a line for each.

    Equal keys pair. Failing that, a name and the same name with a leading city (洪泽区人民政府,
    淮安市洪泽区人民政府) are proposed when no other agency of the run has that name after its own
    leading city (南京市 and 福州市鼓楼区); the check then also wants the report with the shorter
    name to name the longer one in its text."""
    index: dict[tuple[str, int], list[str]] = {}
    claims: dict[str, set[str]] = {}  # a tail → the keys that end in it, over all years
    seen: set[str] = set()
    for known in [e for _, e in checked if e is not None] + earlier:
        if known.path not in seen:
            seen.add(known.path)
            index.setdefault((known.key, known.year), []).append(known.path)
            for tail in known.tails:
                claims.setdefault(tail, set()).add(known.key)
    out = Plan()
    for name, entry in checked:
        if entry is None:
            out.lines.append(f"no report of the year before for: {name} (its agency or year could not be read)")
            continue
        if entry.names_previous:
            out.lines.append(f"not paired: {name} ({entry.year}) names its own previous:")
            continue
        same_year = index.get((entry.key, entry.year), [])
        before, how = index.get((entry.key, entry.year - 1), []), ""
        if not before:
            before, how = _with_a_leading_place(entry, index, claims), ", a leading place aside"
        if len(same_year) > 1 or len(before) > 1:
            many, year = (same_year, entry.year) if len(same_year) > 1 else (before, entry.year - 1)
            shown = ", ".join(many[:_SHOWN]) + (f" and {len(many) - _SHOWN} more" if len(many) > _SHOWN else "")
            out.lines.append(f"not paired: {name} ({entry.year}): {len(many)} reports of {entry.agency} for {year}: "
                             f"{shown}")
        elif not before:
            out.lines.append(f"no report of the year before for: {name} ({entry.agency}, {entry.year})")
        else:
            out.previous[name] = before[0]
            out.lines.append(f"paired: {name} ({entry.year}) ← {before[0]} ({entry.year - 1}){how}")
    return out


def _with_a_leading_place(entry: Entry, index: dict[tuple[str, int], list[str]],
                          claims: dict[str, set[str]]) -> list[str]:
    """Last year's files of the same agency named with or without a leading city, when only one
    agency of the run could be meant."""
    found: list[str] = []
    if len(claims.get(entry.key, ())) == 1:  # this name is the shorter: one longer name ends in it
        (longer,) = claims[entry.key]
        found += index.get((longer, entry.year - 1), [])
    for tail in entry.tails:  # this name is the longer
        if claims.get(tail) == {entry.key}:
            found += index.get((tail, entry.year - 1), [])
    return found
