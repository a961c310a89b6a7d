"""Suppression comments in a report file, with codes required (there is no blanket form):

    published: 2025-02-03  # reportlint: ignore[RL402] 经批准延期发布
    # reportlint: ignore[RL203]          (on its own line: applies to the next line)
    # reportlint: file-ignore[RL504]     (anywhere: the whole file)

Text after the closing bracket is the reason. Codes are separated by commas (spaces optional). A
directive that names an unknown code, or no code at all (`# reportlint: ignore`, `ignore[]`), is
RL902 and suppresses nothing; one that suppresses nothing is RL903, so that stale suppressions do
not pile up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reportlint.findings.emit import Emitter
from reportlint.findings.finding import Finding

#: `ignore` or `file-ignore`, with its bracketed codes when it has them (a blanket form is RL902).
_DIRECTIVE = re.compile(r"#\s*reportlint:\s*(file-ignore|ignore)(?![\w-])(?:\s*\[([^\]]*)\])?")
_SEPARATOR = re.compile(r"[,，、\s]+")
_CODE = re.compile(r"^[A-Z]{2,4}[0-9]{0,3}$")


@dataclass(slots=True)
class Directive:
    kind: str  # ignore | file-ignore
    codes: tuple[str, ...]
    line: int  # where the comment is
    column: int
    target: int  # the line it applies to (0: the whole file)
    used: set[str] = field(default_factory=set)


def directives(text: str) -> list[Directive]:
    """Every suppression comment of a YAML text (a cheap scan: only lines containing "reportlint:")."""
    if "reportlint:" not in text:
        return []
    found: list[Directive] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "reportlint:" not in line:
            continue
        match = _DIRECTIVE.search(line)
        if match is None:
            continue
        codes = tuple(c.upper() for c in _SEPARATOR.split(match[2] or "") if c)
        own_line = line[: match.start()].strip() == ""
        target = 0 if match[1] == "file-ignore" else number + 1 if own_line else number
        found.append(Directive(match[1], codes, number, match.start() + 1, target))
    return found


def apply(findings: list[Finding], found: list[Directive], known: set[str], emit: Emitter) -> list[Finding]:
    """Drop suppressed findings (never a rule that cannot be hidden); report unknown codes (RL902)
    and unused directives (RL903), made by `emit` without keeping them."""
    kept = []
    usable = [(d, tuple(c for c in d.codes if _known(c, known))) for d in found]  # an unknown code hides nothing
    for finding in findings:
        if emit.library.doc(finding.code).always:  # an unreadable input is never hidden
            kept.append(finding)
            continue
        hit = next(
            ((d, codes) for d, codes in usable
             if d.target in (0, finding.line) and any(finding.code.startswith(c) for c in codes)),
            None,
        )
        if hit is None:
            kept.append(finding)
            continue
        hit[0].used.update(c for c in hit[1] if finding.code.startswith(c))
    for d in found:
        if not d.codes:
            kept.append(emit.make("RL902", "blanket", (d.line, d.column), kind=d.kind))
        for code in d.codes:
            if not _known(code, known):
                kept.append(emit.make("RL902", "default", (d.line, d.column), code=code))
            elif code not in d.used:
                kept.append(emit.make("RL903", "default", (d.line, d.column), code=code, kind=d.kind))
    return kept


def _known(code: str, known: set[str]) -> bool:
    """Whether `code` is a rule code or a prefix of one (RL4, RL40, RL402)."""
    return bool(_CODE.match(code)) and any(k.startswith(code) for k in known)
