"""Suppression comments in a report file, with codes required (there is no blanket form):

    published: 2025-02-03  # reportlint: ignore[RL402] 经批准延期发布
    # reportlint: ignore[RL203]          (on its own line: applies to the next line)
    # reportlint: file-ignore[RL504]     (anywhere: the whole file)

Text after the closing bracket is the reason. Codes are separated by commas (spaces optional). A
directive that names an unknown code, or no code at all (`# reportlint: ignore`, `ignore[]`), is
RL902 and suppresses nothing; one that suppresses nothing is RL903, so that stale suppressions do
not pile up.

Bounded work and output whatever the file holds: a code list is read up to `MAX_LIST_CHARS`
characters and `MAX_CODES` distinct codes (a longer one is RL902 and suppresses nothing), at most
`MAX_DIRECTIVES` comments are read per file (one RL902 says where the rest begin), and a comment
gives at most one finding per distinct code, with the number of times it names it.
"""

from __future__ import annotations

import re
from typing import Any

from reportlint.findings.emit import Emitter
from reportlint.findings.finding import Finding
from reportlint.record import dataclass, field

#: Longest code list read (the text between the brackets); a real one is a few codes long.
MAX_LIST_CHARS = 256
#: Most distinct codes one comment may name.
MAX_CODES = 16
#: Most suppression comments read in one file.
MAX_DIRECTIVES = 256

#: `ignore` or `file-ignore`, then its bracketed codes when it has them (a blanket form is RL902).
_DIRECTIVE = re.compile(r"#\s*reportlint:\s*(file-ignore|ignore)(?![\w-])")
_LIST = re.compile(rf"\s*\[([^\]]{{0,{MAX_LIST_CHARS}}})(\])?")
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
    counts: dict[str, int] = field(default_factory=dict)  # how often each code is named, when more than once
    problem: str = ""  # "too_long" (a list it does not read) or "too_many" (past `MAX_DIRECTIVES`)


def directives(text: str) -> list[Directive]:
    """Every suppression comment of a YAML text (a cheap scan: only lines containing "reportlint:"),
    up to `MAX_DIRECTIVES`; one past it is returned with the problem "too_many" and ends the scan."""
    if "reportlint:" not in text:
        return []
    found: list[Directive] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "reportlint:" not in line:
            continue
        match = _DIRECTIVE.search(line)
        if match is None:
            continue
        own_line = line[: match.start()].strip() == ""
        target = 0 if match[1] == "file-ignore" else number + 1 if own_line else number
        directive = Directive(match[1], (), number, match.start() + 1, target)
        if len(found) == MAX_DIRECTIVES:
            directive.problem = "too_many"
            found.append(directive)
            break
        _read_codes(directive, line, match.end())
        found.append(directive)
    return found


def _read_codes(directive: Directive, line: str, start: int) -> None:
    """The codes of the bracketed list after `start`, distinct and counted, or the problem "too_long"."""
    listed = _LIST.match(line, start)
    if listed is None:
        return  # no list: a blanket form
    if listed[2] is None:  # unclosed: a blanket form, or a list longer than is read
        directive.problem = "too_long" if len(listed[1]) == MAX_LIST_CHARS else ""
        return
    counts: dict[str, int] = {}
    for code in _SEPARATOR.split(listed[1]):
        if code:
            counts[code.upper()] = counts.get(code.upper(), 0) + 1
    if len(counts) > MAX_CODES:
        directive.problem = "too_long"
        return
    directive.codes = tuple(counts)
    directive.counts = {code: n for code, n in counts.items() if n > 1}


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
        at = (d.line, d.column)
        if d.problem == "too_long":
            kept.append(emit.make("RL902", "too_long", at, kind=d.kind, chars=MAX_LIST_CHARS, codes=MAX_CODES))
        elif d.problem == "too_many":
            kept.append(emit.make("RL902", "too_many", at, count=MAX_DIRECTIVES))
        elif not d.codes:
            kept.append(emit.make("RL902", "blanket", at, kind=d.kind))
        for code in d.codes:
            # a code named more than once: one finding, with the count
            fields: dict[str, Any] = {"code": code} | ({"count": d.counts[code]} if code in d.counts else {})
            key = "repeated" if code in d.counts else "default"
            if not _known(code, known):
                kept.append(emit.make("RL902", key, at, **fields))
            elif code not in d.used:
                kept.append(emit.make("RL903", key, at, kind=d.kind, **fields))
    return kept


def _known(code: str, known: set[str]) -> bool:
    """Whether `code` is a rule code or a prefix of one (RL4, RL40, RL402)."""
    return bool(_CODE.match(code)) and any(k.startswith(code) for k in known)
