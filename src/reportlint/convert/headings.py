"""Finding the six section headings in the stream, with their variants, wherever they are written.

A heading is a short paragraph or line whose label (numbering stripped) is an official heading or a
known variant, or close to one when written with the section's own number; a line with tabs (a
table row pasted as text) is none, and a heading spread over lines never takes in a numbered line. Labels of the
pack's table rows are never headings: Table 三 has rows "三、本年度办理结果" and
"四、结转下年度继续办理" that look like section headings.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from reportlint.convert.blocks import Block, squeeze, tidy
from reportlint.convert.limits import MAX_FUZZY_COMPARISONS
from reportlint.format.labels import normalise
from reportlint.format.packs import Pack, SectionSpec

#: Longest text taken for a heading.
MAX_HEADING = 40
#: How alike a numbered heading must be to its official text (same number) to be taken for it.
FUZZY = 0.6
_NUMBERED = re.compile(r"^\s*(?:第)?([一二三四五六七八九十]+)(?:部分)?\s*[、.．,，:：]")


@dataclass(slots=True)
class Heading:
    spec: SectionSpec
    written: str  # the heading as written, white space removed
    start: int  # index of its first block
    end: int  # index after its last block


def _row_labels(pack: Pack) -> set[str]:
    return {normalise(name) for table in pack.tables for row in table.all_rows() for name in row.names()}


def score_heading(text: str, pack: Pack, taken: frozenset[str] | set[str] = frozenset(),
                  fuzzy: _Fuzzy | None = None) -> tuple[SectionSpec | None, float]:
    """The section `text` is the heading of and how sure: 2 for an official text or variant,
    the similarity for a heading with the section's own number, (None, 0) otherwise.

    A numbered heading of a section in `taken` (found already) is not compared: it would be dropped;
    `fuzzy` keeps difflib's work across calls and bounds it."""
    key = normalise(text)
    if not key:
        return None, 0.0
    for spec in pack.sections:
        if key in {normalise(n) for n in (spec.heading, *spec.variants)}:
            return spec, 2.0
    numbered = _NUMBERED.match(text)
    if numbered is None:
        return None, 0.0
    for spec in pack.sections:
        if spec.id == numbered.group(1) and spec.id not in taken:
            fuzzy = fuzzy or _Fuzzy()
            best = max(fuzzy.similarity(text, n) for n in (spec.heading, *spec.variants))
            return (spec, best) if best >= FUZZY else (None, 0.0)
    return None, 0.0


class _Fuzzy:
    """Numbered lines compared with official headings: one matcher per heading, at most
    `MAX_FUZZY_COMPARISONS` compared past the length bound (then they are no headings)."""

    def __init__(self) -> None:
        self.matchers: dict[str, difflib.SequenceMatcher[str]] = {}
        self.left = MAX_FUZZY_COMPARISONS

    def similarity(self, text: str, heading: str) -> float:
        """`labels.similarity`, or 0 when difflib's cheap upper bounds say it is below `FUZZY`."""
        matcher = self.matchers.get(heading)
        if matcher is None:
            matcher = self.matchers[heading] = difflib.SequenceMatcher(None, "", normalise(heading))
        matcher.set_seq1(normalise(text))
        if matcher.real_quick_ratio() < FUZZY or self.left <= 0:
            return 0.0
        self.left -= 1
        return matcher.ratio() if matcher.quick_ratio() >= FUZZY else 0.0


def find_headings(blocks: list[Block], pack: Pack) -> list[Heading]:
    """Each section's first heading, in document order."""
    rows = _row_labels(pack)
    fuzzy = _Fuzzy()
    found: list[Heading] = []
    seen: set[str] = set()
    for i, block in enumerate(blocks):
        if block.kind not in ("para", "line"):
            continue
        text = tidy(block.text)
        if not text or len(text) > MAX_HEADING or "\t" in _NUMBERED.sub("", text, count=1).lstrip():
            continue  # a pasted table row ("四、结转下年度继续办理\t0\t0…"); a tab after Word's list number is no cell
        best: tuple[float, str, int, SectionSpec] | None = None
        for joined, end in _candidates(blocks, i, text):
            if normalise(joined) in rows:
                continue
            spec, score = score_heading(joined, pack, seen, fuzzy)
            if spec is not None and spec.id not in seen and (best is None or score > best[0]):
                best = (score, joined, end, spec)
        if best is not None:
            seen.add(best[3].id)
            found.append(Heading(best[3], squeeze(best[1]), i, best[2]))
    found.sort(key=lambda h: h.start)
    return _drop_overlaps(found)


def _candidates(blocks: list[Block], i: int, text: str) -> list[tuple[str, int]]:
    """The text alone, then joined with up to two following short lines (a heading spread over lines)."""
    out = [(text, i + 1)]
    if not _NUMBERED.match(text):
        return out
    joined, j = text, i + 1
    while j < len(blocks) and len(out) < 3:
        nxt = blocks[j]
        more = tidy(nxt.text)
        if nxt.kind not in ("para", "line") or not more or len(more) > 20 or "\t" in more or _NUMBERED.match(more):
            break  # a heading goes on in unnumbered text, never in a table row or the next numbered item
        joined += tidy(nxt.text)
        j += 1
        out.append((joined, j))
    return out


def _drop_overlaps(found: list[Heading]) -> list[Heading]:
    out: list[Heading] = []
    for heading in found:
        if out and heading.start < out[-1].end:
            continue
        out.append(heading)
    return out
