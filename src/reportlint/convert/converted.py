"""What a document loader returns: the report as YAML text, and where each part came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from reportlint.convert.errors import ConversionFailed, NotAReport

if TYPE_CHECKING:
    from reportlint.findings.finding import Place

__all__ = ["LINED", "ConversionFailed", "Converted", "Loader", "NotAReport", "SourceRef"]

#: Document kinds whose `SourceRef.line` is a real line of the file (a TXT line, an HTML source line).
LINED = frozenset({"txt", "html"})


@dataclass(slots=True, frozen=True)
class SourceRef:
    """A place in the source document, in the fields its format has (docs/output.md).

    `line` and `column` are what findings report as their line and column: a real line and column
    for TXT (and the source line of the tag for HTML); for DOCX a running count of blocks, for a
    PDF the page. The other fields say where, as the format allows: `page` (PDF), `table`, `row`,
    `cell` (the column in that table; "column" in JSON), `paragraph` (HTML, DOCX).
    """

    line: int
    column: int = 1
    where: str = ""  # e.g. "表3 第5行第2列", "第2页 距顶120pt", "第4行"
    kind: str = ""  # txt | html | docx | pdf
    page: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    paragraph: int | None = None

    @property
    def has_lines(self) -> bool:
        """Whether `line` is a real line of the file (TXT, HTML), not a page or a count."""
        return self.kind in LINED

    def as_dict(self) -> dict[str, Any]:
        """The JSON form: ``{"kind": "pdf", "page": 4, "table": 5, "row": 8, "column": 2, "where": …}``.

        `column` is the column of the table when there is a `table`, else (TXT) the column of
        the line; `line` is given only where it is a real line of the file.
        """
        out: dict[str, Any] = {"kind": self.kind or None}
        if self.page is not None:
            out["page"] = self.page
        if self.table is not None:
            out["table"] = self.table
            out["row"] = self.row
            out["column"] = self.cell
        if self.paragraph is not None:
            out["paragraph"] = self.paragraph
        if self.has_lines:
            out["line"] = self.line
            if self.table is None:
                out["column"] = self.column
        out["where"] = self.where
        return out


@dataclass(slots=True)
class Converted:
    """A published document turned into report YAML (docs/report-file.md).

    `refs` maps a model path (``tables/依申请公开/本年度办理结果/予以公开/自然人``,
    ``sections/一、总体情况``, ``published``) to where it stands in the source, so that findings on
    the YAML can point into the document. The longest matching path prefix is used.
    """

    yaml_text: str
    refs: dict[str, SourceRef] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what the converter could not find or guessed not

    def locate(self, path: Place | str | None) -> SourceRef | None:
        """Where the nearest model place at or above `path` stands in the document."""
        from reportlint.findings.finding import Place  # not at import: loaders stay light

        place = Place.of(path)
        for above in place.prefixes() if place is not None else ():
            if above.text() in self.refs:
                return self.refs[above.text()]
        return self.refs.get("")


class Loader(Protocol):
    """A document loader, registered through the `reportlint_loaders` hook (the built-in ones are
    `reportlint.convert.loaders.LOADERS`). The first loader that claims a file's suffix reads it."""

    @property
    def name(self) -> str: ...

    @property
    def suffixes(self) -> tuple[str, ...]: ...  # e.g. (".docx",)

    def convert(self, path: Path) -> Converted:
        """The report in the document at `path`; raises `NotAReport` when there is none."""
        ...
