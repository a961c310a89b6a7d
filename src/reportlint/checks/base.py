"""What a check is: a class that names the codes it may report and reports them on a document."""

from __future__ import annotations

from typing import Any, ClassVar, Protocol

from reportlint.document.model import Document
from reportlint.findings.emit import Emitter


class CheckSettings(Protocol):
    """What checks read of the run's settings (the engine's `Settings` has it)."""

    township_deadline: tuple[int, int] | None
    agency_kind: str | None
    today: str | None

    def enabled(self, code: str) -> bool: ...


class Check:
    """Subclass this, set `name` and `codes`, implement `run`. Register it through the
    `reportlint_checks` hook. Every code needs a catalogue entry (rules/catalog/<CODE>.yaml)."""

    name: ClassVar[str]
    codes: ClassVar[tuple[str, ...]]
    #: kinds of pack entry this check runs; the codes such entries name (`rule:`) are its codes too
    kinds: ClassVar[tuple[str, ...]] = ()

    def run(self, doc: Document, emit: Emitter, settings: CheckSettings) -> None:
        raise NotImplementedError


def agency_kind(doc: Document, settings: CheckSettings) -> tuple[str, bool, str]:
    """The kind of agency, whether it is sure, and whence: `report` (agency_kind:), `config`
    (the setting agency-kind) or `name` (the pack's patterns, some of which are unsure)."""
    if doc.meta.agency_kind:
        return doc.meta.agency_kind, True, "report"
    configured = getattr(settings, "agency_kind", None)
    if configured:
        return configured, True, "config"
    return doc.agency_kind, doc.agency_kind_sure, "name"


def content_entries(doc: Document, kind: str) -> list[dict[str, Any]]:
    """The pack's `content:` entries of `kind` (a list of mappings; anything else is ignored)."""
    content = doc.pack.content
    entries = content if isinstance(content, list) else []
    return [e for e in entries if isinstance(e, dict) and e.get("kind") == kind]
