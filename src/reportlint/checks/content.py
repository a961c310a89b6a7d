"""RL601–RL606: what the text says — the aspects 总体情况 must cover, 工作考核 for governments,
last year's problems, 信息处理费, numbers stated in the text against the tables, and the period or
year the text states. The words and patterns are the pack's `content:` data; every rule here
rests on practice or inference, so every finding is a warning."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from reportlint.checks.base import Check, CheckSettings
from reportlint.checks.dates import period_in_text
from reportlint.document.bind_sections import is_empty_text
from reportlint.document.model import BoundSection, Document
from reportlint.findings.emit import Emitter


def _section(doc: Document, section_id: str) -> BoundSection | None:
    return next((s for s in doc.sections or () if s.spec is not None and s.spec.id == section_id), None)


def _mentions(text: str, words: list[str]) -> bool:
    return any(word in text for word in words)


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


class ContentCheck(Check):
    name = "content"
    codes = ("RL601", "RL602", "RL603", "RL604", "RL605", "RL606")

    def run(self, doc: Document, emit: Emitter, settings: CheckSettings) -> None:
        content: dict[str, Any] = doc.pack.content
        if doc.sections is not None:
            self._aspects(doc, emit, content.get("aspects"))
            self._required(doc, emit, "RL602", content.get("government"))
            self._required(doc, emit, "RL603", content.get("rectification"))
            self._required(doc, emit, "RL604", content.get("fee"))
        self._numbers(doc, emit, content.get("numbers") or [])
        self._period(doc, emit)

    @staticmethod
    def _aspects(doc: Document, emit: Emitter, spec: dict[str, Any] | None) -> None:
        if not spec:
            return
        section = _section(doc, str(spec["section"]))
        if section is None or is_empty_text(section.text):
            return  # RL101/RL104 say so
        missing = [item["name"] for item in spec["items"] if not _mentions(section.text, list(item["any"]))]
        if missing:
            emit("RL601", "default", (section.line, section.column), path=f"sections/{section.heading}",
                 heading=section.heading, missing="、".join(missing), count=len(missing))

    @staticmethod
    def _required(doc: Document, emit: Emitter, code: str, spec: dict[str, Any] | None) -> None:
        if not spec:
            return
        if spec.get("kinds") and doc.agency_kind not in spec["kinds"]:
            return
        if spec.get("formats") and doc.pack.id not in spec["formats"]:
            return
        section = _section(doc, str(spec["section"]))
        if section is None:
            return  # RL101 says so
        if is_empty_text(section.text) and section.spec is not None and section.spec.required_text:
            return  # RL104 reports the empty section; saying what it lacks would only repeat it
        if is_empty_text(section.text) or not _mentions(section.text, list(spec["any"])):
            where = (section.text_line, section.text_column, section.text_style)
            start = len(section.text) - len(section.text.lstrip())
            emit(code, "default", _at(doc, where, section.text, start), path=f"sections/{section.heading}",
                 heading=section.heading, text=section.text.strip()[:20])

    @staticmethod
    def _numbers(doc: Document, emit: Emitter, specs: list[dict[str, Any]]) -> None:
        for spec in specs:
            table_id, _, rest = str(spec["cell"]).removeprefix("tables/").partition("/")
            row_path, _, column = rest.rpartition("/")
            table = doc.tables.get(table_id)
            cell = table.cell(row_path, column) if table is not None else None
            if cell is None:
                continue
            pattern = re.compile(spec["pattern"])
            for path, text, at in _texts(doc):
                for match in pattern.finditer(text):
                    stated = Decimal(match.group(1))
                    if stated != cell.value:
                        phrase = re.sub(r"\s+", "", match.group(0))  # a PDF wraps lines mid-phrase
                        emit("RL605", "default", _at(doc, at, text, match.start()), path=path, phrase=phrase,
                             stated=match.group(1),
                             name=spec["name"], cell=cell.path.removeprefix("tables/"), value=str(cell.value),
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
