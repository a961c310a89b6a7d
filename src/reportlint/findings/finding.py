"""What a check reports: a `Finding`, with its code, severity, bilingual message and place."""

from __future__ import annotations

from typing import Any

from reportlint.findings.fixes import Fix
from reportlint.format.catalog import SEVERITIES, Severity
from reportlint.record import dataclass, field

SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}


@dataclass(slots=True, frozen=True)
class Place:
    """A place in the report model: the keys from the top, each kept whole.

    ``Place(("tables", "主动公开", "行政许可", "本年增/减"), "cell")`` is a cell whose column label
    holds a "/"; only `text()` joins the keys with "/", for output (cli.md: "/"-separated keys).
    `kind` says what the last key is: "table", "row", "cell" (a column label), or "" (any key).
    """

    parts: tuple[str, ...]
    kind: str = ""

    @classmethod
    def parse(cls, text: str) -> Place:
        """A place from its text form; a key that holds a "/" cannot be told apart here."""
        return cls(tuple(p for p in text.split("/") if p))

    @classmethod
    def of(cls, value: Place | str | None) -> Place | None:
        """`value` as a place: a place as is, a text parsed, None kept."""
        if value is None or isinstance(value, Place):
            return value
        return cls.parse(value)

    def child(self, *parts: str, kind: str = "") -> Place:
        """The place of `parts` under this one."""
        return Place((*self.parts, *parts), kind)

    @property
    def parent(self) -> Place:
        """The place one key up (a cell's row, a row's table or group)."""
        kind = "row" if self.kind == "cell" else ""
        return Place(self.parts[:-1], kind)

    @property
    def table(self) -> str | None:
        """The table's id, for a place inside `tables`."""
        return self.parts[1] if len(self.parts) > 1 and self.parts[0] == "tables" else None

    @property
    def row(self) -> tuple[str, ...]:
        """The row's labels from the table down (empty outside a row)."""
        if self.table is None or self.kind not in ("row", "cell"):
            return ()
        return self.parts[2:-1] if self.kind == "cell" else self.parts[2:]

    @property
    def column(self) -> str | None:
        """The column label of a cell."""
        return self.parts[-1] if self.kind == "cell" else None

    @property
    def last(self) -> str:
        return self.parts[-1] if self.parts else ""

    def prefixes(self) -> list[Place]:
        """This place and every place above it, nearest first (the whole file last)."""
        return [Place(self.parts[:n]) for n in range(len(self.parts), -1, -1)]

    def text(self) -> str:
        """The output form: the keys joined with "/" (`tables/依申请公开/本年度办理结果/总计`)."""
        return "/".join(self.parts)

    def escaped(self) -> str:
        """An unambiguous text form: JSON Pointer escaping ("~" → "~0", "/" → "~1") of each key."""
        return "/".join(p.replace("~", "~0").replace("/", "~1") for p in self.parts)

    def __str__(self) -> str:
        return self.text()


@dataclass(slots=True)
class Related:
    """Another place that takes part in a finding (an addend of a total, the first of two keys)."""

    place: Place | str | None
    line: int
    column: int
    note: str = ""
    source: dict[str, Any] | None = None  # where in a converted document (see `Finding.source`)

    def __post_init__(self) -> None:
        self.place = Place.of(self.place)

    @property
    def path(self) -> str | None:
        """The place's text form, for output."""
        return self.place.text() if isinstance(self.place, Place) else None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.path, "line": self.line, "column": self.column, "note": self.note}
        if isinstance(self.place, Place):
            out["place"] = list(self.place.parts)
        if self.source:
            out["source"] = self.source
        return out


@dataclass(slots=True)
class Finding:
    code: str
    severity: Severity
    message_zh: str
    message_en: str
    file: str
    line: int = 1
    column: int = 1
    place: Place | None = None
    name: str = ""
    related: list[Related] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    #: where in a converted document: {"kind": "pdf", "page": 4, "table": 5, "row": 8, "column": 2,
    #: "where": "第4页 表5 第8行第2列"} (docs/output.md); None for a YAML report
    source: dict[str, Any] | None = None
    #: what the message says, without where: its key and values, positions (a first line) left out;
    #: a baseline keys findings by it (`findings.baseline`), so editing elsewhere keeps it
    fingerprint: str = ""
    #: the edits of the YAML text that make this finding go away (`--fix`); None when there are none
    fix: Fix | None = None

    @property
    def path(self) -> str | None:
        """The place's text form (`tables/…/…`), for output; None for the whole file."""
        return self.place.text() if self.place is not None else None

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
            "place": list(self.place.parts) if self.place is not None else None,
        }
        if self.source:
            out["source"] = self.source
        if self.related:
            out["related"] = [r.as_dict() for r in self.related]
        if self.data:
            out["data"] = self.data
        if self.fix is not None:
            out["fix"] = self.fix.as_dict()
        return out
