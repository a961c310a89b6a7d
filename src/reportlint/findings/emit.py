"""Making findings: a check names a code, a message key, a place and the numbers; the library's
catalogue (or registry, for a code a pack defines) supplies name and bilingual text, and the registry
decides the severity (catalogue default → pack entry → configuration override)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from reportlint.findings.finding import Finding, Place, Related
from reportlint.findings.fixes import Fix
from reportlint.format.catalog import Level
from reportlint.format.library import Library, builtin
from reportlint.format.registry import severity


class Positioned(Protocol):
    line: int
    column: int


#: Longest value quoted in a message; a 4 MiB key is shown by its start and length, not whole.
MAX_QUOTED = 200
#: Message values that say where, not what (a line number): left out of a finding's fingerprint.
POSITIONAL_FIELDS = frozenset({"first_line"})


def _short(value: Any) -> Any:
    if isinstance(value, str) and len(value) > MAX_QUOTED:
        return f"{value[: MAX_QUOTED - 20]}…（共 {len(value)} 字 / {len(value)} chars）"
    return value


def _fingerprint(key: str, fields: dict[str, Any]) -> str:
    """The message's key and values, positions left out, as one text (hashed by a baseline)."""
    kept = (f"{name}={_short(value)}" for name, value in sorted(fields.items()) if name not in POSITIONAL_FIELDS)
    return "\x1f".join((key, *kept))


class Emitter:
    """Collects the findings of one file."""

    def __init__(self, file: str, library: Library | None = None, overrides: dict[str, Level] | None = None) -> None:
        self.file = file
        self.library = library or builtin()
        self.overrides = overrides or {}  # the configuration's severities, by code or prefix
        self.findings: list[Finding] = []

    def __call__(self, code: str, key: str = "default", at: Positioned | tuple[int, int] | None = None, /,
                 **kwargs: Any) -> Finding:
        """Make a finding (see `make`) and keep it."""
        finding = self.make(code, key, at, **kwargs)
        self.findings.append(finding)
        return finding

    def make(
        self,
        code: str,
        key: str = "default",
        at: Positioned | tuple[int, int] | None = None,
        /,
        path: Place | str | None = None,
        related: Iterable[Related] = (),
        data: dict[str, Any] | None = None,
        sure: str | None = None,
        fix: Fix | None = None,
        **fields: Any,
    ) -> Finding:
        """A finding of `code` with the catalogue's message `key` filled with `fields`, at `at`.

        `path` is its place in the report model: a `Place`, or its "/"-joined text (which cannot
        hold a key with a "/" in it; checks pass the places of the model's cells and rows).
        `sure` is how sure the pack entry behind the finding is: "R" (inferred) never gives an error.
        `fix` is kept as the catalogue says (`fix: safe | unsafe`), dropped when it says none."""
        entry = self.library.doc(code)
        zh, en = entry.render(key, {k: _short(v) for k, v in fields.items()})
        if at is None:
            line, column = 1, 1
        elif isinstance(at, tuple):
            line, column = at
        else:
            line, column = at.line, at.column
        finding = Finding(
            code=code,
            severity=severity(entry, sure, overrides=self.overrides),
            message_zh=zh,
            message_en=en,
            file=self.file,
            line=line,
            column=column,
            place=Place.of(path),
            name=entry.name,
            related=list(related),
            data=data or {},
            fingerprint=_fingerprint(key, fields),
            fix=Fix(fix.edits, safe=entry.fix == "safe") if fix is not None and entry.fix != "none" else None,
        )
        return finding
