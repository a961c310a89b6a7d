"""What a check is: a class that names the codes it may report and reports them on a document."""

from __future__ import annotations

from typing import ClassVar

from reportlint.document import Document
from reportlint.emit import Emitter
from reportlint.settings import Settings


class Check:
    """Subclass this, set `name` and `codes`, implement `run`. Register it through the
    `reportlint_checks` hook. Every code needs a catalogue entry (rules/catalog/<CODE>.yaml)."""

    name: ClassVar[str]
    codes: ClassVar[tuple[str, ...]]

    def run(self, doc: Document, emit: Emitter, settings: Settings) -> None:
        raise NotImplementedError
