"""The two ways a conversion ends without a report, apart from `reportlint.read.source.Unreadable`.

Kept apart from `reportlint.convert.converted` (which re-exports them) so that checking a YAML
report, which only needs to name them in its `except` clauses, does not build that module's
dataclasses and protocol."""

from __future__ import annotations


class NotAReport(Exception):
    """The document could be read but holds no report (an empty file, an unrelated web page)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en


class ConversionFailed(Exception):
    """A conversion that did not finish: the RL001 message `variant` (failed, timeout, memory, died)
    with its `fields`, and the child's traceback (`detail`, printed with --debug). Raised by
    `reportlint.engine.isolate` for a document that timed out, ran out of memory or crashed its process."""

    def __init__(self, variant: str, detail: str = "", **fields: object) -> None:
        super().__init__(f"{variant} {fields}")
        self.variant, self.fields, self.detail = variant, fields, detail
