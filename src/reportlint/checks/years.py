"""RL701–RL704: this year's report against last year's (`previous:` or `--previous`): carried-over
applications, documents in force, and text copied from last year. Practice, so warnings."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from reportlint.checks.base import Check, CheckSettings, content_entries
from reportlint.document.model import Document
from reportlint.findings.emit import Emitter

#: Shortest text compared for copying (shorter texts are alike by nature: "无").
MIN_COPY_LENGTH = 40


class YearsCheck(Check):
    name = "across-years"
    codes = ("RL704",)  # reported by the engine when last year's report is another agency's
    kinds = ("carried_over", "in_force", "copied")  # RL701–RL703 are these pack entries' `rule:`

    def run(self, doc: Document, emit: Emitter, settings: CheckSettings) -> None:
        previous = doc.previous
        if previous is None:
            return
        for spec in content_entries(doc, "carried_over"):
            self._carried(doc, previous, emit, spec)
        for spec in content_entries(doc, "in_force"):
            self._in_force(doc, previous, emit, spec)
        for spec in content_entries(doc, "copied"):
            self._copied(doc, previous, emit, spec)

    @staticmethod
    def _carried(doc: Document, prev: Document, emit: Emitter, spec: dict[str, Any] | None) -> None:
        if not spec:
            return
        table, old = doc.tables.get(spec["table"]), prev.tables.get(spec["table"])
        if table is None or old is None:
            return
        this_row, last_row = table.rows.get(spec["this"]), old.rows.get(spec["previous"])
        if this_row is None or last_row is None:
            return
        differ = []
        for label, cell in this_row.cells.items():
            before = last_row.cells.get(label)
            if before is not None and before.value != cell.value:
                differ.append(f"{label} {cell.value}（上年 {before.value}）")
        if differ:
            first = next(iter(this_row.cells.values()))
            emit(str(spec.get("rule", "RL701")), "default", (this_row.line, this_row.column), path=this_row.place,
                 row=this_row.spec.label, previous_row=last_row.spec.label, cells="、".join(differ),
                 data={"first": first.path})

    @staticmethod
    def _in_force(doc: Document, prev: Document, emit: Emitter, spec: dict[str, Any] | None) -> None:
        if not spec or prev.pack.id != doc.pack.id:
            return  # the 2019 columns are not the same quantities
        table, old = doc.tables.get(spec["table"]), prev.tables.get(spec["table"])
        if table is None or old is None:
            return
        for row_path in spec["rows"]:
            now, before = table.cell(row_path, spec["total"]), old.cell(row_path, spec["total"])
            made, repealed = table.cell(row_path, spec["plus"]), table.cell(row_path, spec["minus"])
            if now is None or before is None or made is None or repealed is None:
                continue
            expected = before.value + made.value - repealed.value
            if expected != now.value:
                emit(str(spec.get("rule", "RL702")), "default", now, path=now.place, row=row_path, now=str(now.value),
                     before=str(before.value), made=str(made.value), repealed=str(repealed.value),
                     expected=str(expected))

    @staticmethod
    def _copied(doc: Document, prev: Document, emit: Emitter, spec: dict[str, Any] | None) -> None:
        if not spec:
            return
        threshold = float(spec.get("threshold", 0.8))
        for section in doc.sections or ():
            if section.spec is None or section.spec.id not in spec["sections"]:
                continue
            old = next((s for s in prev.sections or () if s.spec is not None and s.spec.id == section.spec.id), None)
            if old is None or min(len(section.text.strip()), len(old.text.strip())) < MIN_COPY_LENGTH:
                continue
            ratio = sameness(old.text, section.text)
            if ratio >= threshold:
                emit(str(spec.get("rule", "RL703")), "default", (section.line, section.column), path=f"sections/{section.heading}",
                     heading=section.heading, percent=round(ratio * 100), year=prev.meta.year or "上一年")


#: Where a sentence ends, for the comparison of copied text.
_SENTENCE_END = re.compile(r"[。！？；!?;\n]+")
_DIGITS = re.compile(r"[0-9０-９]+")


def _sentences(text: str) -> Counter[str]:
    """The text's sentences, white space removed and numbers made alike ("发布信息388条" = "发布信息402条")."""
    return Counter(_DIGITS.sub("#", "".join(s.split())) for s in _SENTENCE_END.split(text) if s.strip())


def sameness(old: str, new: str) -> float:
    """How much of two texts is the same sentences (numbers aside), by length: 1.0 for a copy.

    Linear in the texts' length, whatever they hold (a character-level diff is quadratic on
    repetitive text: two sections of 10 000 "x" took 34 s); sentences copied and their numbers
    updated count as copied, which is the 内容雷同 the rule is about."""
    a, b = _sentences(old), _sentences(new)
    total = sum(len(s) * n for s, n in a.items()) + sum(len(s) * n for s, n in b.items())
    common = sum(len(s) * min(n, b[s]) for s, n in a.items() if s in b)
    return 2 * common / total if total else 0.0
