"""`--format sarif`: SARIF 2.1.0, one run, the rules' documentation in ``tool.driver.rules``."""

from __future__ import annotations

import json
import re
from typing import IO, Any
from urllib.parse import quote

from reportlint.convert.converted import LINED
from reportlint.output import Options, Results
from reportlint.output.safe import utf8
from reportlint.version import __version__

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def file_uri(file: str) -> str:
    """A file name as a valid URI reference: percent-encoded; relative stays relative, absolute is file://.

    The bytes of a name that is not valid UTF-8 (Python's surrogate escapes) are encoded as they are."""
    posix = file.replace("\\", "/")

    def encoded(part: str) -> str:
        return quote(part.encode("utf-8", "surrogateescape" if _escaped_bytes(part) else "surrogatepass"))

    if re.match(r"[A-Za-z]:/", posix):  # a Windows drive
        return "file:///" + posix[:2] + encoded(posix[2:])
    if posix.startswith("/"):
        return "file://" + encoded(posix)
    return encoded(posix)


def _escaped_bytes(text: str) -> bool:
    """Whether every lone surrogate in `text` is one of the escapes of an undecodable byte (U+DC80–U+DCFF)."""
    return all("\udc80" <= ch <= "\udcff" for ch in text if "\ud800" <= ch <= "\udfff")


def describe(source: dict[str, Any] | None, lang: str) -> str:
    """Where in a document, from its fields: “第4页 表5 第8行第2列” / “page 4, table 5, row 8, column 2”."""
    if not source:
        return ""
    zh_parts, en_parts = [], []
    if source.get("page") is not None:
        zh_parts.append(f"第{source['page']}页")
        en_parts.append(f"page {source['page']}")
    if source.get("table") is not None:
        zh_parts.append(f"表{source['table']} 第{source['row']}行第{source['column']}列")
        en_parts.append(f"table {source['table']}, row {source['row']}, column {source['column']}")
    elif source.get("paragraph") is not None:
        zh_parts.append(f"第{source['paragraph']}段")
        en_parts.append(f"paragraph {source['paragraph']}")
    elif source.get("line") is not None:
        zh_parts.append(f"第{source['line']}行第{source.get('column', 1)}列")
        en_parts.append(f"line {source['line']}, column {source.get('column', 1)}")
    return ", ".join(en_parts) if lang == "en" else " ".join(zh_parts)


def _with_where(message: str, where: str, lang: str) -> str:
    if not where:
        return message
    return f"{message} ({where})" if lang == "en" else f"{message}（{where}）"


def _physical(uri: str, line: int, column: int, source: dict[str, Any] | None) -> dict[str, Any]:
    """A physicalLocation; a region only where the line is a real line of the file (YAML, TXT, HTML)."""
    location: dict[str, Any] = {"artifactLocation": {"uri": uri}}
    if source is None or source.get("kind") in LINED:
        location["region"] = {"startLine": max(1, line), "startColumn": max(1, column)}
    return location


def write(results: Results, stream: IO[str], options: Options) -> None:
    from reportlint.format.catalog import catalog

    docs = options.rules() if options.rules is not None else catalog()
    lang = options.lang
    rules = [
        {
            "id": d.code,
            "name": d.name,
            "shortDescription": {"text": d.summary[lang]},
            "fullDescription": {"text": d.what[lang] or d.summary[lang]},
            "help": {"text": f"{d.why[lang]}\n{d.basis[lang]}".strip()},
            "defaultConfiguration": {"level": _LEVEL[d.severity]},
            "properties": {"basis": d.basis[lang], "sure": d.sure},
        }
        for d in docs.values()
    ]
    index = {d.code: n for n, d in enumerate(docs.values())}
    out = []
    for _, findings in results:
        for f in findings:
            uri = file_uri(f.file)
            where = describe(f.source, lang)
            result: dict[str, object] = {
                "ruleId": f.code,
                "level": _LEVEL[f.severity],
                "message": {"text": _with_where(f.message(lang), where, lang)},
                "locations": [
                    {
                        "physicalLocation": _physical(uri, f.line, f.column, f.source),
                        **({"logicalLocations": [{"fullyQualifiedName": f.path, "name": f.place.last}]}
                           if f.place is not None and f.path else {}),
                    }
                ],
            }
            if f.code in index:
                result["ruleIndex"] = index[f.code]
            if f.source:
                result["properties"] = {"source": f.source}
            if f.related:
                result["relatedLocations"] = [
                    {
                        "id": n,
                        "physicalLocation": _physical(uri, r.line, r.column, r.source),
                        "message": {"text": " ".join(t for t in (r.path or "", describe(r.source, lang)) if t)},
                        **({"properties": {"source": r.source}} if r.source else {}),
                    }
                    for n, r in enumerate(f.related)
                ]
            out.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "reportlint",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/reportlint/",
                        "rules": rules,
                    }
                },
                "results": out,
            }
        ],
    }
    stream.write(utf8(json.dumps(log, ensure_ascii=False, indent=2)) + "\n")
