"""Output formats. Each writer takes the results as they come — an iterable of
``(file, findings)`` — and writes them to a stream. Only the text writer imports rich."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import IO, TYPE_CHECKING, Protocol

from reportlint.findings.finding import Finding
from reportlint.format.catalog import RuleDoc
from reportlint.record import dataclass

if TYPE_CHECKING:
    from reportlint.document.facts import Facts

Results = Iterable[tuple[str, list[Finding]]]


class Checked(tuple[str, list[Finding]]):
    """One file's result: ``(file, findings)`` as every writer unpacks it, with what writers that
    need more may read — the report's facts (None when it could not be read, or when the run did not
    ask for them) and the converter's notes."""

    facts: Facts | None
    notes: tuple[str, ...]
    lines: tuple[str, ...] | None  # the text checked, when it is not in the file named (standard input)

    def __new__(cls, file: str, findings: list[Finding], facts: Facts | None = None,
                notes: tuple[str, ...] = (), lines: tuple[str, ...] | None = None) -> Checked:
        item = super().__new__(cls, (file, findings))
        item.facts = facts
        item.notes = notes
        item.lines = lines
        return item


def facts_of(item: tuple[str, list[Finding]]) -> Facts | None:
    """The facts of a result, if the run gathered them."""
    return getattr(item, "facts", None)


@dataclass(slots=True)
class Options:
    lang: str = "zh"
    color: bool | None = None  # None: decide from NO_COLOR, FORCE_COLOR and the terminal
    show_source: bool = True
    skipped: tuple[str, ...] = ()  # files set aside as evidently not reports (counted in the text summary)
    verbose: bool = False  # list the skipped files
    #: the run's rules (the code registry: catalogue and packs), asked for only by writers that list them
    rules: Callable[[], Mapping[str, RuleDoc]] | None = None
    output_file: str | None = None  # where the output goes (`-o`), None for standard output
    passed_over: int = 0  # files a folder search passed over (unreadable links, FIFOs, .doc …), counted in the summary
    quiet: int = 0  # `-q`: the text output shows only the summary (no finding lines, no hint)
    #: how many findings a baseline hid, known once every result has been read (in the summary)
    hidden: Callable[[], int] | None = None


class Writer(Protocol):
    """An output format, registered through the `reportlint_output_formats` hook."""

    def __call__(self, results: Results, stream: IO[str], options: Options, /) -> None: ...


def _lazy(module: str, wants_facts: bool = False) -> Writer:
    def write(results: Results, stream: IO[str], options: Options) -> None:
        import importlib

        importlib.import_module(f"reportlint.output.{module}").write(results, stream, options)

    write.__name__ = f"write_{module}"
    if wants_facts:
        write.wants_facts = True  # type: ignore[attr-defined]  # read by the command line
    return write


WRITERS: dict[str, Writer] = {
    "text": _lazy("text"),
    "concise": _lazy("concise"),
    "json": _lazy("json_out"),
    "sarif": _lazy("sarif"),
    "github": _lazy("github"),
    "html": _lazy("html_page", wants_facts=True),
}
