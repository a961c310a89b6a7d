"""`--format html`: one self-contained page for the office (docs/page.md).

The page is written as results arrive: each report becomes two small JSON blocks (a summary for
the list, and its findings and numbers, read only when the report is opened); a table layout is
written once, the first time a report uses it. Nothing of the run is kept here but the layouts
seen and the rule names (both bounded by the rules, not by the number of files)."""

from __future__ import annotations

import contextlib
import json
from typing import IO, Any

from reportlint.findings.finding import Finding, Place
from reportlint.output import Options, Results, facts_of
from reportlint.output.html_assets import page_head, page_tail
from reportlint.output.safe import utf8

#: The verdict of a report, as the page's status column shows it.
STATUSES = ("clean", "warnings", "errors", "unreadable")


def _script(kind: str, data: object, ident: str = "") -> str:
    """A JSON block that no text in it can end early: `<`, `>` and `&` are written as escapes."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = utf8(text).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    attr = f' id="{ident}"' if ident else ""
    return f'<script type="application/json" class="{kind}"{attr}>{text}</script>\n'


def status(findings: list[Finding], readable: bool) -> str:
    """clean, warnings (only), errors, or unreadable (no facts, and an RL001 says why)."""
    if not readable and any(f.code == "RL001" for f in findings):
        return "unreadable"
    severities = {f.severity for f in findings}
    return "errors" if "error" in severities else "warnings" if "warning" in severities else "clean"


def _place(place: Place | str | None) -> list[Any] | None:
    return [list(place.parts), place.kind] if isinstance(place, Place) else None


def _finding(finding: Finding, lang: str) -> dict[str, Any]:
    """A finding for the page: its message in `lang` ("m") and in the other language ("o")."""
    out: dict[str, Any] = {"c": finding.code, "s": finding.severity, "m": finding.message(lang),
                           "o": finding.message(_other(lang)), "n": finding.name, "l": finding.line,
                           "p": _place(finding.place)}
    if finding.source and finding.source.get("where"):
        out["w"] = str(finding.source["where"])
    if finding.related:
        out["r"] = [[*(_place(r.place) or [[], ""]), r.note] for r in finding.related]
    return out


def _other(lang: str) -> str:
    return "zh" if lang == "en" else "en"


def _layout(tables: tuple[Any, ...]) -> list[dict[str, Any]]:
    """How a report's tables are laid out (the same for every report of a pack)."""
    return [{"id": t.id, "title": t.title, "columns": list(t.columns),
             "rows": [[r.path, r.label, r.depth, r.group, list(r.columns), r.block or ""] for r in t.rows]}
            for t in tables]


def write(results: Results, stream: IO[str], options: Options) -> None:
    """The page, closed even when the run is interrupted (the exit code says so)."""
    lang = options.lang
    stream.write(page_head(lang))
    layouts: dict[str, int] = {}
    names: dict[str, str] = {}
    try:
        for index, item in enumerate(results):
            file, findings = item
            facts = facts_of(item)
            for f in findings:
                names.setdefault(f.code, f.name)
            summary: dict[str, Any] = {"i": index, "f": file, "s": status(findings, facts is not None),
                                       "e": sum(f.severity == "error" for f in findings),
                                       "w": sum(f.severity == "warning" for f in findings)}
            codes: dict[str, int] = {}
            for f in findings:
                codes[f.code] = codes.get(f.code, 0) + 1
            summary["c"] = codes
            detail: dict[str, Any] = {"F": [_finding(f, lang) for f in findings]}
            if facts is not None:
                summary.update(a=facts.agency, k=facts.kind, ks=facts.kind_sure, y=facts.year, p=facts.pack)
                layout = json.dumps(_layout(facts.tables), ensure_ascii=False)
                if layout not in layouts:
                    layouts[layout] = len(layouts)
                    stream.write(_script("L", json.loads(layout), f"L{layouts[layout]}"))
                detail["L"] = layouts[layout]
                detail["V"] = [[list(r.values) for r in t.rows] for t in facts.tables]
            else:
                unread = next((f for f in findings if f.code == "RL001"), None)
                summary["r"] = unread.message(lang) if unread is not None else None
                summary["ro"] = unread.message(_other(lang)) if unread is not None else None
            stream.write(_script("s", summary))
            stream.write(_script("d", detail, f"d{index}"))
    finally:
        with contextlib.suppress(OSError, ValueError):
            stream.write(_script("n", {"names": names, "skipped": len(options.skipped)}, "names"))
            stream.write(page_tail())

