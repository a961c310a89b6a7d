"""Binding the `sections` of a report: each heading as written, matched to the six official ones
(exactly, as a known variant, or as the closest within `FUZZY_HEADING`)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import cast

from reportlint.document.model import BoundSection, HeadingMatch
from reportlint.findings.emit import Emitter
from reportlint.format.labels import normalise
from reportlint.format.packs import Pack, SectionSpec
from reportlint.read.yamltree import Node

#: How alike a heading must be to an official one to be taken for it (RL103) rather than extra (RL105).
FUZZY_HEADING = 0.6
#: Placeholder texts that leave a text section empty in substance.
EMPTY_TEXTS = frozenset({"", "无", "暂无", "略"})
#: The blank template's own placeholders: "（文字描述）", "（文字描述，收取信息处理费情况在此处报告。）".
_TEMPLATE_NOTE = re.compile(r"^[(（]文字描述[^()（）]*[)）]$")


def is_empty_text(text: str) -> bool:
    """Whether a section's text says nothing: blank, "无", or the template's placeholder left in."""
    stripped = text.strip()
    return stripped in EMPTY_TEXTS or bool(_TEMPLATE_NOTE.match(stripped))


def bind_sections(node: Node, pack: Pack, emit: Emitter) -> list[BoundSection]:
    if node.kind != "map":
        if not node.is_null:
            emit("RL002", "not_mapping", node, path="sections", field="sections", kind=node.kind_zh, kind_en=node.kind_en)
        return []
    bound: list[BoundSection] = []
    for key, value in node.pairs:
        heading = key.key_text().strip()
        if value.kind != "scalar":
            emit("RL002", "section_text", value, path=f"sections/{heading}", heading=heading, kind=value.kind_zh, kind_en=value.kind_en)
            text = ""
        else:
            text = value.text or ""
        spec, how = _match_section(heading, pack)
        bound.append(
            BoundSection(heading, spec, how, text, key.line, key.column, value.line, value.column, value.style)
        )
    return bound


_Matchers = list[tuple[SectionSpec, SequenceMatcher[str]]]


def _heading_matchers(pack: Pack) -> _Matchers:
    """One matcher per official heading and variant, built once per pack (difflib caches the 2nd sequence)."""
    cached = cast("_Matchers | None", pack.cache.get("heading_matchers"))  # only this function writes the key
    if cached is None:
        names = [(spec, normalise(n)) for spec in pack.sections for n in (spec.heading, *spec.variants)]
        cached = [(spec, SequenceMatcher(None, "", name)) for spec, name in names]
        pack.cache["heading_matchers"] = cached
    return cached


def _match_section(heading: str, pack: Pack) -> tuple[SectionSpec | None, HeadingMatch]:
    key = normalise(heading)
    for spec in pack.sections:
        if key == normalise(spec.heading):
            return spec, "exact"
    for spec in pack.sections:
        if any(key == normalise(v) for v in spec.variants):
            return spec, "variant"
    best: SectionSpec | None = None
    score = 0.0
    for spec, matcher in _heading_matchers(pack):
        # the same ratio as `similarity`, but the cheap upper bounds first: a candidate that can
        # neither beat the best so far nor reach FUZZY_HEADING is skipped (20 000 odd headings
        # took 8 s without this)
        matcher.set_seq1(key)
        floor = max(score, FUZZY_HEADING)
        if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
            continue
        s = matcher.ratio()
        if s > score:
            best, score = spec, s
    if best is not None and score >= FUZZY_HEADING:
        return best, "fuzzy"
    return None, "none"
