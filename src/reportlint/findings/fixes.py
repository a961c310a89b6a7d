"""A fix: edits of the report's text that make a finding go away, attached to the finding.

An edit replaces the characters from (line, column) up to (end_line, end_column), 1-based and
end-exclusive, as the positioned YAML tree counts them; `old` is the text it expects there, so that
an edit that no longer fits the file is never applied. Whether a fix is safe is the catalogue's word
(`fix: safe | unsafe | none` in rules/catalog/RLxxx.yaml), not the check's.
"""

from __future__ import annotations

from typing import Any

from reportlint.record import dataclass


@dataclass(slots=True, frozen=True)
class Edit:
    """Replace `old`, written from (line, column) to (end_line, end_column), with `new`."""

    line: int
    column: int
    end_line: int
    end_column: int
    old: str
    new: str

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "column": self.column, "end_line": self.end_line,
                "end_column": self.end_column, "old": self.old, "new": self.new}


@dataclass(slots=True, frozen=True)
class Fix:
    """The edits that fix one finding, all or none; `safe` fixes are applied by --fix, the others
    only with --unsafe-fixes."""

    edits: tuple[Edit, ...]
    safe: bool = True

    def as_dict(self) -> dict[str, Any]:
        return {"safe": self.safe, "edits": [e.as_dict() for e in self.edits]}
