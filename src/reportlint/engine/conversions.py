"""Conversions of documents kept on disk for one run, so that a document converted to learn its
agency and year (pairing reports with last year's) is not converted again when it is checked or
compared: each document is converted once per run, and the run's memory does not grow with them.

A failed conversion is kept too (its RL001 is said once, not after a second timeout)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reportlint.convert.converted import Converted, Loader
    from reportlint.engine.isolate import Limits
    from reportlint.engine.settings import Settings


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


def is_kept(folder: str, path: Path) -> bool:
    """Whether `path`'s conversion (or why it failed) is kept in `folder`."""
    return _file(folder, path).is_file()


class Ahead:
    """Documents (with their settings, whose `conversions` folder keeps each outcome) converted
    ahead of their checks, `width` at a time in children of this process (`isolate.convert_many`),
    in the order given. A document already kept, one no loader reads and one that cannot be opened
    are left to their check, which says why. Close it to stop the children still converting.
    `warm`: see `convert_many` (not when workers are forked afterwards)."""

    def __init__(self, documents: list[tuple[Path, Settings]], width: int, warm: bool = True) -> None:
        from reportlint.engine.isolate import convert_many
        from reportlint.engine.run import loader_for
        from reportlint.plugins.manager import installed
        from reportlint.read.paths import require_regular
        from reportlint.read.source import Unreadable

        self._jobs: list[tuple[Loader, Path, Limits]] = []
        self._folders: list[str] = []
        for path, settings in documents:
            loader = loader_for(path, installed(settings.autoload))
            if settings.conversions is None or loader is None or is_kept(settings.conversions, path):
                continue
            try:
                require_regular(path)  # a FIFO or a device is never handed to a loader
            except Unreadable:
                continue
            self._jobs.append((loader, path, settings.limits()))
            self._folders.append(settings.conversions)
        self._waiting = {str(path) for _, path, _ in self._jobs}
        self._finishing = convert_many(self._jobs, width, warm)

    def wait_for(self, path: Path) -> None:
        """Return once `path`'s outcome is kept (at once for a document not converted ahead)."""
        while str(path) in self._waiting:
            if not self._next():
                return

    def finish(self) -> None:
        """Return once every document is converted."""
        while self._next():
            pass

    def close(self) -> None:
        self._finishing.close()

    def _next(self) -> bool:
        try:
            index, outcome = next(self._finishing)
        except StopIteration:
            self._waiting.clear()
            return False
        _, path, _ = self._jobs[index]
        with contextlib.suppress(Exception):  # kept, whatever it was: its check replays it
            cached(self._folders[index], path, outcome)
        self._waiting.discard(str(path))
        return True
