"""What a document loader returns: the report as YAML text, and where each part came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol


@dataclass(slots=True, frozen=True)
class SourceRef:
    """A place in the source document: a line and column where the format has them, and words."""

    line: int
    column: int = 1
    where: str = ""  # e.g. "表3 第5行第2列", "第2页", "<td> in table 2"


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

    def locate(self, path: str | None) -> SourceRef | None:
        while path:
            if path in self.refs:
                return self.refs[path]
            path = path.rpartition("/")[0]
        return self.refs.get("")


class NotAReport(Exception):
    """The document could be read but holds no report (an empty file, an unrelated web page)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en


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
