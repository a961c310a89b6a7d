"""`reportlint FILE.docx --annotate [-o COPY.docx]`: a copy of a Word report with each finding as a
comment (批注) on the cell or paragraph it is about; findings with no place in the document go in
one comment on the title. The original is only read."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlint.cli.common import UsageError, say
from reportlint.record import dataclass, field

if TYPE_CHECKING:
    import argparse

    from reportlint.findings.finding import Finding

#: Who the comments are from, as Word shows it.
AUTHOR, INITIALS = "reportlint", "RL"
#: The copy's name beside the original when -o is not given: 2024年报.docx → 2024年报-检查意见.docx.
SUFFIX = "-检查意见"
_SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass(slots=True)
class Annotation:
    """The document to annotate, where the copy goes, and the findings gathered for it."""

    source: Path
    target: Path
    force: bool
    findings: list[Finding] = field(default_factory=list)

    def write(self, lang: str) -> None:
        """Write the annotated copy (atomically; never over the original, nor over a file without --force)."""
        from reportlint.cli.atomic import Refused, write_bytes

        try:
            data, count = annotated(self.source, self.findings, lang)
        except Exception as exc:  # python-docx could not open what the checker read (or did not)
            raise UsageError(f"--annotate: cannot annotate {self.source}: {type(exc).__name__}: {exc}"[:300]) from None
        try:
            write_bytes(self.target, data, force=self.force, source=self.source)
        except Refused as exc:
            raise UsageError(f"--annotate: {exc}") from None
        say(f"wrote {self.target} ({count} comment{'s' if count != 1 else ''})")


def prepare(opts: argparse.Namespace) -> Annotation | None:
    """The annotation `--annotate` asks for, checked before anything is run; None without it.
    Refuses (exit 2) anything but one .docx file, and a target that exists without --force."""
    if not opts.annotate:
        if opts.force:
            raise UsageError("--force applies to --annotate only")
        return None
    paths = [Path(p) for p in opts.paths]
    if len(paths) != 1 or paths[0].suffix.lower() != ".docx" or os.path.isdir(paths[0]):
        raise UsageError("--annotate writes comments into a Word document: give one .docx file")
    source = paths[0]
    target = Path(opts.output_file) if opts.output_file and opts.output_file != "-" else \
        source.with_name(f"{source.stem}{SUFFIX}.docx")
    if target.suffix.lower() != ".docx":
        raise UsageError(f"-o {target}: the annotated copy is a Word document; name it ….docx")
    from reportlint.cli.atomic import Refused, refuse_target

    try:
        refuse_target(target, opts.force, source=source)
    except Refused as exc:
        raise UsageError(f"--annotate: {exc}") from None
    if not os.path.isdir(target.parent if str(target.parent) else "."):
        raise UsageError(f"-o {target}: no such folder")
    return Annotation(source, target, opts.force)


def annotated(path: Path, findings: list[Finding], lang: str) -> tuple[bytes, int]:
    """The document at `path` with `findings` as comments, as bytes, and how many comments it got."""
    import docx

    document = docx.Document(str(path))
    anchors: dict[tuple[str, int, int, int], list[Finding]] = {}
    for finding in findings:
        anchors.setdefault(_anchor_key(finding.source), []).append(finding)
    placed: list[tuple[list[Any], list[Finding]]] = []
    unplaced: list[Finding] = []
    for key, group in anchors.items():
        runs = _runs(document, key) if key[0] else None
        if runs is None:  # no place in the document (or none there any more): with the others at the title
            unplaced.extend(group)
        else:
            placed.append((runs, group))
    if unplaced:
        placed.insert(0, (_title_runs(document), unplaced))
    for runs, group in placed:
        _comment(document, runs, group, lang)
    count = len(placed)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), count


def _anchor_key(source: dict[str, Any] | None) -> tuple[str, int, int, int]:
    """("cell", table, row, column), ("paragraph", n, 0, 0), or ("", 0, 0, 0) for no place."""
    if not source or source.get("kind") != "docx":
        return "", 0, 0, 0
    if source.get("table") is not None:
        return "cell", int(source["table"]), int(source.get("row") or 0), int(source.get("column") or 0)
    if source.get("paragraph") is not None:
        return "paragraph", int(source["paragraph"]), 0, 0
    return "", 0, 0, 0


def _runs(document: Any, key: tuple[str, int, int, int]) -> list[Any] | None:
    """The runs to anchor on at `key` (a run is added to an empty paragraph); None if it is not there."""
    kind, a, b, c = key
    if kind == "paragraph" and 1 <= a <= len(document.paragraphs):
        return _runs_of([document.paragraphs[a - 1]])
    if kind == "cell" and 1 <= a <= len(document.tables):
        cell = _cell(document.tables[a - 1], b, c)
        return _runs_of(cell.paragraphs) if cell is not None else None
    return None


def _cell(table: Any, row: int, column: int) -> Any:
    """The cell at grid `column` (1-based, as the converter counts: gridBefore and spans) of `row`."""
    from docx.oxml.ns import qn
    from docx.table import _Cell

    rows = table._tbl.tr_lst
    if not 1 <= row <= len(rows):
        return None
    tr = rows[row - 1]
    at = 1 + (tr.grid_before or 0)
    for tc in tr.tc_lst:
        if at == column:
            return _Cell(tc, table)
        span = tc.tcPr.find(qn("w:gridSpan")) if tc.tcPr is not None else None
        at += max(1, int(span.get(qn("w:val"), "1"))) if span is not None else 1
    return None


def _runs_of(paragraphs: list[Any]) -> list[Any]:
    runs = [run for paragraph in paragraphs for run in paragraph.runs]
    return runs or [paragraphs[0].add_run("")]


def _title_runs(document: Any) -> list[Any]:
    """The runs of the first paragraph with text (the title), else of the first paragraph."""
    paragraphs = document.paragraphs or [document.add_paragraph()]
    title = next((p for p in paragraphs if p.text.strip()), paragraphs[0])
    return _runs_of([title])


def _comment(document: Any, runs: list[Any], findings: list[Finding], lang: str) -> None:
    """One comment on `runs`: a paragraph per finding (code, severity, message), and where the
    other cells of its equation are."""
    lines = []
    for f in findings:
        severity = _SEVERITY_ZH.get(f.severity, f.severity) if lang != "en" else f.severity
        lines.append(f"{f.code} {severity} {f.message(lang)}" + (f" ({f.name})" if f.name else ""))
        others = [str(r.source["where"]) for r in f.related if r.source and r.source.get("where")]
        if others:
            lines.append(("相关单元格：" if lang != "en" else "other cells: ") + "、".join(dict.fromkeys(others)))
    comment = document.add_comment(runs, text=lines[0], author=AUTHOR, initials=INITIALS)
    for line in lines[1:]:
        comment.add_paragraph(line)
