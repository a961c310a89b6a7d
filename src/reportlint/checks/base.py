"""What a check is: a class that names the codes it may report and reports them on a document."""

from __future__ import annotations

from typing import ClassVar, Protocol

from reportlint.document.model import Document
from reportlint.findings.emit import Emitter


class CheckSettings(Protocol):
    """What checks read of the run's settings (the engine's `Settings` has it)."""

    township_deadline: tuple[int, int] | None
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
