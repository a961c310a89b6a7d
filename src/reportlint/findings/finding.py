"""What a check reports: a `Finding`, with its code, severity, bilingual message and place."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlint.format.catalog import SEVERITIES, Severity

SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}


@dataclass(slots=True)
class Related:
    """Another place that takes part in a finding (an addend of a total, the first of two keys)."""

    path: str | None
    line: int
    column: int
    note: str = ""


@dataclass(slots=True)
class Finding:
    code: str
    severity: Severity
    message_zh: str
    message_en: str
    file: str
    line: int = 1
    column: int = 1
    path: str | None = None
    name: str = ""
    related: list[Related] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    source: str | None = None  # where in a converted document (TXT line, DOCX table/row/column, PDF page)

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)

    def as_dict(self, lang: str = "zh") -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message(lang),
            "message_zh": self.message_zh,
            "message_en": self.message_en,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
        }
        if self.source:
            out["source"] = self.source
        if self.related:
            out["related"] = [
                {"path": r.path, "line": r.line, "column": r.column, "note": r.note} for r in self.related
            ]
        if self.data:
            out["data"] = self.data
        return out
