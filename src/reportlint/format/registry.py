"""The one code registry, built from data: every catalogue entry, plus every code a pack entry
names with `rule:` that the catalogue does not document (an equation `rule: RL391` of a
provincial pack). Selecting, ignoring, severities, suppression comments, `reportlint rules` and
the docs generator read it; nothing else keeps a list of codes.

A pack-defined code takes its name, summary, basis and sureness from the pack entry and its
messages from the generic kind (`rules/catalog/kinds/equation.yaml`) or from the catalogue code
named by the entry's `messages_from`.

Severity is decided here, in one order: the catalogue's default → the pack entry's (`severity:`;
a basis that is only inferred, `sure: R`, never gives an error) → the configuration's override.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, TypeVar, cast

from reportlint.format.catalog import CODE, Level, RuleDoc, Severity, pair
from reportlint.record import dataclass

if TYPE_CHECKING:
    from reportlint.format.library import Library
    from reportlint.format.packs import Pack

SELECTOR = re.compile(r"^[A-Z]{2,4}[0-9]{0,3}$")

#: A `Severity`, or a `Level` (which may also be "off").
_L = TypeVar("_L", bound=str)


class UnknownCode(ValueError):
    """A selector names no rule (exit 2, one line)."""


@dataclass(slots=True)
class Registry:
    docs: dict[str, RuleDoc]  # every code, sorted
    origin: dict[str, str]  # code → "catalogue" or the id of the pack that defines it
    kinds: dict[str, str]  # pack-defined code → its kind ("equation", "content")

    def __contains__(self, code: object) -> bool:
        return code in self.docs

    def __iter__(self) -> Iterator[str]:
        return iter(self.docs)

    def matches(self, selector: str) -> bool:
        """Whether `selector` (a code or a prefix such as RL3) names at least one rule."""
        return any(code.startswith(selector) for code in self.docs)

    def check(self, selectors: tuple[str, ...] | list[str], where: str) -> None:
        """Raise `UnknownCode` for the first selector that names no rule, with a "did you mean"."""
        for selector in selectors:
            if not self.matches(selector):
                close = difflib.get_close_matches(selector, list(self.docs), n=1, cutoff=0.6)
                hint = f" (did you mean {close[0]}?)" if close else ""
                raise UnknownCode(f"{where} {selector}: no such rule{hint}")


def build_registry(library: Library) -> Registry:
    catalog = library.catalog()
    docs = dict(catalog)
    origin = dict.fromkeys(catalog, "catalogue")
    kinds: dict[str, str] = {}
    for pack_id in library.available():
        pack = library.pack(pack_id)
        for code, kind, source in _pack_codes(pack):
            if code in docs:
                if origin[code] != "catalogue" and pack.id not in docs[code].formats:
                    docs[code].formats = (*docs[code].formats, pack.id)
                continue
            docs[code] = _pack_doc(code, kind, source, pack, library, catalog)
            origin[code], kinds[code] = pack.id, kind
    ordered = {code: docs[code] for code in sorted(docs)}
    return Registry(ordered, origin, kinds)


def _pack_codes(pack: Pack) -> Iterator[tuple[str, str, object]]:
    """(code, kind, entry) of every pack entry that names a rule."""
    for spec in pack.equations:
        yield spec.rule, "equation", spec
    stack: list[object] = [pack.content]
    while stack:
        item = stack.pop()
        if isinstance(item, Mapping):
            rule = item.get("rule")
            if isinstance(rule, str) and CODE.match(rule):
                yield rule, "content", item
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _pack_doc(code: str, kind: str, source: object, pack: Pack, library: Library,
              catalog: dict[str, RuleDoc]) -> RuleDoc:
    get: Callable[[str], object] = (
        source.get if isinstance(source, Mapping) else (lambda key: getattr(source, key, None))
    )
    generic = library.kind(kind)
    borrowed = catalog.get(str(get("messages_from") or ""))
    messages = borrowed.messages if borrowed else {k: pair(v) for k, v in (generic.get("messages") or {}).items()}
    summary = get("summary")
    if isinstance(summary, tuple):
        summary = {"zh": summary[0], "en": summary[1]}
    name = get("name") or f"{pack.id}-{get('id') or code}".lower()
    basis = str(get("basis") or "")
    return RuleDoc(
        code=code,
        name=str(name),
        # validated by `pack_schema` (the entry's and the kind's `severity:`), taken as written
        severity=cast(Severity, str(get("severity") or generic.get("severity") or "error")),
        family=str(generic.get("family", kind)),
        summary=pair(summary or generic.get("summary") or ""),
        what=pair(generic.get("what") or ""),
        why=pair(generic.get("why") or ""),
        basis=pair({"zh": basis, "en": basis} if basis else generic.get("basis") or ""),
        sure=str(get("sure") or "P"),
        messages=messages,
        formats=(pack.id,),
    )


def override(code: str, default: _L, overrides: Mapping[str, _L]) -> _L:
    """The configuration's severity for `code` (the longest matching code or prefix), else `default`."""
    best, length = default, -1
    for key, level in overrides.items():
        if code.startswith(key) and len(key) > length:
            best, length = level, len(key)
    return best


def severity(doc: RuleDoc, sure: str | None = None, entry_severity: Severity | None = None,
             overrides: Mapping[str, Level] | None = None) -> Severity:
    """A finding's severity: catalogue default → the pack entry's → the configuration's override.

    An override "off" is no severity: it deselects the code (`Settings.enabled`), and the run drops
    the finding; until then it keeps the entry's level."""
    if doc.always:
        return doc.severity  # a rule that cannot be hidden keeps its severity whatever is configured
    level = entry_severity or doc.severity
    if sure == "R" and level == "error":
        level = "warning"  # an inferred basis ([R]) gives warnings, never errors
    configured = override(doc.code, level, overrides or {})
    return level if configured == "off" else configured
