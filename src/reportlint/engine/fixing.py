"""--fix: the fixes that findings carry, applied to a YAML report's text and kept only when the
result still reads and brings no new finding.

Edits are applied at their positions, last first, never overlapping; the YAML is never re-dumped,
so comments, order and layout stay as written. The fixed text is checked again with every rule on:
if it does not parse, a finding appears that was not there, or a fixed finding is still there,
the fixes are tried one by one and only those that pass are kept; if even that fails, nothing is.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from reportlint import record
from reportlint.engine.run import check_file
from reportlint.engine.settings import Settings
from reportlint.findings.finding import Finding
from reportlint.findings.fixes import Fix
from reportlint.record import dataclass, field

#: Where YAML (1.1, as the parser reads it) starts a new line.
_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
#: Rounds of fixing: a fix may make another one possible; every round is checked.
MAX_ROUNDS = 3


@dataclass(slots=True)
class Outcome:
    """What fixing one report did: the text after (the original when nothing was kept), the
    findings mended, the fixes left because they are unsafe, and why fixes were dropped."""

    original: str
    text: str
    fixed: list[Finding] = field(default_factory=list)
    unsafe_left: int = 0
    dropped: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.text != self.original


def apply(text: str, fixes: list[Fix]) -> tuple[str, list[int]]:
    """`text` with the fixes applied (all edits of a fix or none; a fix that overlaps one before it,
    or whose edits no longer match the text, is skipped), and the indexes of those applied."""
    starts = [0, *(m.end() for m in _BREAK.finditer(text))]
    chosen: list[tuple[int, list[tuple[int, int, str]]]] = []
    taken: list[tuple[int, int]] = []
    for n, fix in sorted(enumerate(fixes), key=lambda f: min(((e.line, e.column) for e in f[1].edits), default=(0, 0))):
        spans = _spans(text, starts, fix)
        if not spans or any((a < end and start < b) or a == b == start for a, b, _ in spans for start, end in taken):
            continue
        chosen.append((n, spans))
        taken.extend((a, b) for a, b, _ in spans)
    edits = sorted((s for _, spans in chosen for s in spans), key=lambda s: s[0], reverse=True)
    for a, b, new in edits:
        text = text[:a] + new + text[b:]
    return text, sorted(n for n, _ in chosen)


def _spans(text: str, starts: list[int], fix: Fix) -> list[tuple[int, int, str]]:
    """The fix's edits as (start, end, new) offsets; empty when one does not fit the text."""
    out = []
    for edit in fix.edits:
        a, b = _offset(text, starts, edit.line, edit.column), _offset(text, starts, edit.end_line, edit.end_column)
        if a is None or b is None or b < a or _BREAK.sub("\n", text[a:b]) != edit.old:
            return []
        out.append((a, b, edit.new))
    return out


def _offset(text: str, starts: list[int], line: int, column: int) -> int | None:
    """The offset of 1-based (line, column); the line after the last is the end of the text."""
    if line == len(starts) + 1 and column == 1:
        return len(text)
    if not 1 <= line <= len(starts) or column < 1:
        return None
    offset = starts[line - 1] + column - 1
    line_end = starts[line] if line < len(starts) else len(text)
    return offset if offset <= line_end else None


def _key(finding: Finding) -> tuple[str, str | None]:
    """A finding as fixing compares them: its code and place. Positions move when lines are removed,
    and messages quote what a fix changed (RL504 quotes the address RL502's fix mended)."""
    return finding.code, finding.path


def _named(finding: Finding) -> str:
    """How a note names a finding whose fix was dropped: its code and place."""
    return f"{finding.code} {finding.path or '(file)'}"


def fix_text(path: Path, text: str, settings: Settings, unsafe: bool = False) -> Outcome:
    """Fix the YAML report `text` of `path` (its place matters for `previous:`): the fixes of the
    findings `settings` select, the unsafe ones too with `unsafe`. Never raises for a report."""
    everything = record.replace(settings, select=(), ignore=(), severity={})
    outcome = Outcome(text, text)
    for _ in range(MAX_ROUNDS):
        before = check_file(path, everything, text=outcome.text)
        if any(f.code == "RL001" for f in before):
            break
        wanted = [f for f in before if f.fix is not None and settings.enabled(f.code)]
        candidates = [f for f in wanted if f.fix is not None and (f.fix.safe or unsafe)
                      and _named(f) not in outcome.dropped]
        if not outcome.fixed:
            outcome.unsafe_left = len(wanted) - len(candidates)
        kept = _round(path, outcome.text, before, candidates, everything, outcome.dropped)
        if kept is None:
            break
        outcome.text, fixed = kept
        outcome.fixed.extend(fixed)
    return outcome


def _round(path: Path, text: str, before: list[Finding], candidates: list[Finding], settings: Settings,
           dropped: list[str]) -> tuple[str, list[Finding]] | None:
    """One round: all candidates at once, else each alone and then those that passed together."""
    if not candidates:
        return None
    result = _try(path, text, before, candidates, settings)
    if result is not None:
        return result
    good = []
    for finding in candidates:
        if _try(path, text, before, [finding], settings) is not None:
            good.append(finding)
        else:
            dropped.append(_named(finding))
    if not good:
        return None
    result = _try(path, text, before, good, settings)
    if result is None:
        dropped.extend(_named(f) for f in good)
    return result


def _try(path: Path, text: str, before: list[Finding], findings: list[Finding], settings: Settings
         ) -> tuple[str, list[Finding]] | None:
    """The text with the findings' fixes and those fixed, if the result reads, has no new finding
    and none of the fixed findings; else None."""
    fixed_text, applied = apply(text, [f.fix for f in findings if f.fix is not None])
    if not applied:
        return None
    fixed = [findings[n] for n in applied]
    after = check_file(path, settings, text=fixed_text)
    new = Counter(map(_key, after)) - Counter(map(_key, before))
    gone = Counter(map(_key, before)) - Counter(map(_key, after))
    if new or any(gone[k] < n for k, n in Counter(map(_key, fixed)).items()):
        return None
    return fixed_text, fixed
