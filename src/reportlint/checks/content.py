"""RL601–RL606: what the text says. The pack's `content:` is a list of entries of a few generic
kinds, each naming its own code (and its message in the catalogue), so a new rule of such a kind
is data, not code:

- `mentions`: a section must mention any of `any` (words) or `patterns` (regexes, with `{year}`
  and `{previous_year}` filled in), or, with `items`, each of several named aspects; optionally
  only for some agency `kinds` (when the kind is known for sure) or `formats`.
- `text_numbers`: a number a `pattern` finds in the text (its group 1) against a table `cell`;
  a clause that also says one of `not_in_clause` (全市, 各部门 …) may count something else and is
  not compared.

Kinds this check does not know (the RL7 entries, read by `checks.years`) are left alone. RL606
(the period the text states) is not pack data. Every rule here rests on practice or inference,
so every finding is a warning."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from reportlint.checks.base import Check, CheckSettings, agency_kind, content_entries
from reportlint.checks.dates import period_in_text
from reportlint.document.bind_sections import is_empty_text
from reportlint.document.model import BoundSection, Document
from reportlint.findings.emit import Emitter

#: Where a clause ends, for `not_in_clause`.
_CLAUSE_END = re.compile(r"[。；;，,！？\n]")


def _section(doc: Document, section_id: str) -> BoundSection | None:
    return next((s for s in doc.sections or () if s.spec is not None and s.spec.id == section_id), None)


def _fill(pattern: str, year: int | None) -> str | None:
    """`pattern` with `{year}` and `{previous_year}` filled in; None when it needs an unknown year."""
    if "{year}" in pattern or "{previous_year}" in pattern:
        if year is None:
            return None
        return pattern.replace("{previous_year}", str(year - 1)).replace("{year}", str(year))
    return pattern


def _mentions(text: str, spec: dict[str, Any], year: int | None) -> bool:
    if any(str(word) in text for word in spec.get("any") or ()):
        return True
    patterns = (_fill(str(p), year) for p in spec.get("patterns") or ())
    return any(p is not None and re.search(p, text) for p in patterns)


def _texts(doc: Document) -> list[tuple[str, str, tuple[int, int, str]]]:
    """(path, text, (line, column, YAML style) of its value) of the preamble and every section text."""
    out = []
    if doc.meta.preamble and "preamble" in doc.keys:
        node = doc.keys["preamble"][1]
        out.append(("preamble", doc.meta.preamble, (node.line, node.column, node.style)))
    for s in doc.sections or ():
        if s.text:
            out.append((f"sections/{s.heading}", s.text, (s.text_line, s.text_column, s.text_style)))
    return out


def _at(doc: Document, where: tuple[int, int, str], text: str, offset: int) -> tuple[int, int]:
    return doc.in_text(where[0], where[1], where[2], text, offset)


def _clause(text: str, start: int, end: int) -> str:
    """The clause of `text` around [start, end), between punctuation marks."""
    before = [m.end() for m in _CLAUSE_END.finditer(text, 0, start)]
    after = _CLAUSE_END.search(text, end)
    return text[before[-1] if before else 0 : after.start() if after else len(text)]


class ContentCheck(Check):
    name = "content"
    codes = ("RL606",)  # the period the text states; the other codes are the pack entries' `rule:`
    kinds = ("mentions", "text_numbers")

    def run(self, doc: Document, emit: Emitter, settings: CheckSettings) -> None:
        if doc.sections is not None:
            for spec in content_entries(doc, "mentions"):
                self._mentions(doc, emit, settings, spec)
        for spec in content_entries(doc, "text_numbers"):
            self._numbers(doc, emit, spec)
        self._period(doc, emit)

    @staticmethod
    def _mentions(doc: Document, emit: Emitter, settings: CheckSettings, spec: dict[str, Any]) -> None:
        code = str(spec["rule"])
        if spec.get("kinds"):
            kind, sure, _ = agency_kind(doc, settings)
            if not sure or kind not in spec["kinds"]:
                return  # a kind guessed from the name is no ground to ask more of the report
        if spec.get("formats") and doc.pack.id not in spec["formats"]:
            return
        section = _section(doc, str(spec["section"]))
        if section is None:
            return  # RL101 says so
        year = doc.meta.year
        if spec.get("items"):
            if is_empty_text(section.text):
                return  # RL104 says so
            missing = [str(item["name"]) for item in spec["items"] if not _mentions(section.text, item, year)]
            if missing:
                emit(code, "default", (section.line, section.column), path=f"sections/{section.heading}",
                     heading=section.heading, missing="、".join(missing), count=len(missing))
            return
        if is_empty_text(section.text) and section.spec is not None and section.spec.required_text:
            return  # RL104 reports the empty section; saying what it lacks would only repeat it
        if is_empty_text(section.text) or not _mentions(section.text, spec, year):
            where = (section.text_line, section.text_column, section.text_style)
            start = len(section.text) - len(section.text.lstrip())
            # the message names last year when the rule asks for it by number ({previous_year} in a pattern)
            by_year = any("{previous_year}" in str(p) for p in spec.get("patterns") or ())
            fields = {"previous_year": year - 1} if by_year and year is not None else {}
            emit(code, "no_year" if by_year and year is None else "default", _at(doc, where, section.text, start),
                 path=f"sections/{section.heading}", heading=section.heading, **fields)

    @staticmethod
    def _numbers(doc: Document, emit: Emitter, spec: dict[str, Any]) -> None:
        table_id, _, rest = str(spec["cell"]).removeprefix("tables/").partition("/")
        row_path, _, column = rest.rpartition("/")
        table = doc.tables.get(table_id)
        cell = table.cell(row_path, column) if table is not None else None
        if cell is None:
            return
        pattern = re.compile(str(spec["pattern"]))
        others = [str(w) for w in spec.get("not_in_clause") or ()]
        for path, text, at in _texts(doc):
            for match in pattern.finditer(text):
                if others and any(w in _clause(text, match.start(), match.end()) for w in others):
                    continue  # 全市印发规范性文件 120 件 counts more than this body's own
                stated = Decimal(match.group(1))
                if stated != cell.value:
                    phrase = re.sub(r"\s+", "", match.group(0))  # a PDF wraps lines mid-phrase
                    emit(str(spec["rule"]), "default", _at(doc, at, text, match.start()), path=path,
                         phrase=phrase, stated=match.group(1), name=spec.get("name", ""),
                         cell=cell.path.removeprefix("tables/"), value=str(cell.value),
                         related=[], data={"cell": cell.path, "stated": match.group(1)})
                    break

    @staticmethod
    def _period(doc: Document, emit: Emitter) -> None:
        year = doc.meta.year
        if year is None:
            return
        period = doc.meta.period
        for path, text, at in _texts(doc):
            found = period_in_text(text)
            if found is None:
                continue
            start, end, offset = found
            spot = _at(doc, at, text, offset)
            if period is not None and (start, end) != (period.start, period.end):
                emit("RL606", "period", spot, path=path, start=start.isoformat(), end=end.isoformat(),
                     field_start=period.start.isoformat(), field_end=period.end.isoformat())
            elif start.year != year or end.year != year:
                emit("RL606", "year", spot, path=path, start=start.isoformat(), end=end.isoformat(), year=year)
