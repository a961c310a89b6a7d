"""RL101–RL105: the six sections, their order, headings, emptiness, extras and repeats."""

from __future__ import annotations

from itertools import pairwise

from reportlint.checks.base import Check, CheckSettings
from reportlint.document.bind_sections import is_empty_text
from reportlint.document.edits import as_scalar, node_at, replace_scalar
from reportlint.document.model import BoundSection, Document
from reportlint.findings.emit import Emitter
from reportlint.findings.fixes import Fix


class SectionsCheck(Check):
    name = "sections"
    codes = ("RL101", "RL102", "RL103", "RL104", "RL105")

    def run(self, doc: Document, emit: Emitter, settings: CheckSettings) -> None:
        at = doc.key_at("sections")
        if doc.sections is None:
            emit("RL101", "no_sections", at, path="sections")
            return
        if doc.keys["sections"][1].kind != "map" and not doc.keys["sections"][1].is_null:
            return  # `sections` is not a mapping at all: RL002 says so
        bound = doc.sections
        found: dict[str, BoundSection] = {}
        for section in bound:
            path = f"sections/{section.heading}"
            if section.spec is None:
                emit("RL105", "extra", (section.line, section.column), path=path, heading=section.heading)
                continue
            official = f"{section.spec.id}、{section.spec.heading}"
            if section.spec.id in found:
                first = found[section.spec.id]
                emit("RL105", "repeated", (section.line, section.column), path=path, heading=section.heading,
                     official=official, first_line=first.line)
                continue
            found[section.spec.id] = section
            if section.how in ("variant", "fuzzy"):
                fix = _official(doc, section, official) if section.how == "variant" else None
                emit("RL103", section.how, (section.line, section.column), path=path, heading=section.heading,
                     official=official, fix=fix)
            text = section.text.strip()
            if section.spec.content == "text" and section.spec.required_text and is_empty_text(text):
                emit("RL104", "default", (section.text_line, section.text_column), path=path, official=official)
        for spec in doc.pack.sections:
            if spec.id not in found:
                emit("RL101", "default", at, path="sections", official=f"{spec.id}、{spec.heading}")
        order = [s.id for s in doc.pack.sections]
        written = list(found.values())
        rank = [order.index(section_id) for section_id in found]
        kept = _in_order(rank)
        for n, section in enumerate(written):
            if n in kept:
                continue
            path = f"sections/{section.heading}"
            later = [written[k] for k in sorted(kept) if k < n and rank[k] > rank[n]]
            if later:  # it comes after a section it should precede
                emit("RL102", "default", (section.line, section.column), path=path, heading=section.heading,
                     before=later[0].heading)
                continue
            earlier = [written[k] for k in sorted(kept) if k > n and rank[k] < rank[n]]
            emit("RL102", "after", (section.line, section.column), path=path, heading=section.heading,
                 after=earlier[-1].heading)


def _official(doc: Document, section: BoundSection, official: str) -> Fix | None:
    """A known variant of a heading replaced by the official heading, in the key's own quoting."""
    key = node_at(doc, section.line, section.column)
    if key is None:
        return None
    edit = replace_scalar(doc, section.line, section.column, as_scalar(official, key.style))
    return Fix((edit,)) if edit is not None else None


def _in_order(rank: list[int]) -> set[int]:
    """The positions of the most sections that are already in order (the earliest such choice):
    only the others are reported, so one section out of place is one finding, not a cascade.
    At most one position per section of the pack, so the search over subsets stays small."""
    if all(a < b for a, b in pairwise(rank)):
        return set(range(len(rank)))  # the usual report: every section in its place
    best: tuple[int, ...] = ()
    for mask in range(1 << len(rank)):
        chosen = tuple(i for i in range(len(rank)) if mask >> i & 1)
        if len(chosen) < len(best) or any(rank[a] >= rank[b] for a, b in pairwise(chosen)):
            continue
        if len(chosen) > len(best) or chosen < best:
            best = chosen
    return set(best)
