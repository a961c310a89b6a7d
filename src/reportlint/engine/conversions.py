"""Conversions of documents kept on disk for one run, so that a document converted to learn its
agency and year (pairing reports with last year's) is not converted again when it is checked or
compared: each document is converted once per run, and the run's memory does not grow with them.

A failed conversion is kept too (its RL001 is said once, not after a second timeout)."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reportlint.convert.converted import Converted


def _file(folder: str, path: Path) -> Path:
    name = hashlib.sha256(os.fsencode(os.path.abspath(path))).hexdigest()[:32]
    return Path(folder) / f"{name}.json"


def cached(folder: str, path: Path, convert: Callable[[], Converted]) -> Converted:
    """`convert()`'s result for `path`, or what it raised, from `folder` when it is there."""
    from reportlint.convert.errors import ConversionFailed, NotAReport
    from reportlint.read.source import Unreadable

    kept = _file(folder, path)
    try:
        data = json.loads(kept.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = None
    if isinstance(data, dict) and "kind" in data:
        return _replay(data)
    try:
        converted = convert()
    except Unreadable as exc:
        _keep(kept, {"kind": "unreadable", "zh": exc.zh, "en": exc.en, "line": exc.line, "column": exc.column})
        raise
    except NotAReport as exc:
        _keep(kept, {"kind": "not_a_report", "zh": exc.zh, "en": exc.en})
        raise
    except ConversionFailed as exc:
        _keep(kept, {"kind": "failed", "variant": exc.variant, "detail": exc.detail,
                     "fields": {k: str(v) for k, v in exc.fields.items()}})
        raise
    from dataclasses import asdict

    _keep(kept, {"kind": "ok", "yaml_text": converted.yaml_text, "notes": list(converted.notes),
                 "refs": {key: asdict(ref) for key, ref in converted.refs.items()}})
    return converted


def _keep(file: Path, data: dict[str, Any]) -> None:
    """Write `data` whole or not at all (a worker may be stopped while writing)."""
    part = file.with_suffix(f".{os.getpid()}.part")
    try:
        part.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(part, file)
    except OSError:  # a full disk: the document is converted again when needed
        part.unlink(missing_ok=True)


def _replay(data: dict[str, Any]) -> Converted:
    from reportlint.convert.converted import Converted, SourceRef
    from reportlint.convert.errors import ConversionFailed, NotAReport
    from reportlint.read.source import Unreadable

    kind = data["kind"]
    if kind == "unreadable":
        raise Unreadable(data["zh"], data["en"], data["line"], data["column"])
    if kind == "not_a_report":
        raise NotAReport(data["zh"], data["en"])
    if kind == "failed":
        raise ConversionFailed(data["variant"], data["detail"], **data["fields"])
    refs = {key: SourceRef(**ref) for key, ref in data["refs"].items()}
    return Converted(data["yaml_text"], refs, list(data["notes"]))
