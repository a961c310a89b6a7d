"""`--format text` (the default): findings grouped by file, in colour (rich, on a terminal), with the
offending line and a caret under the column. Every span is made safe for a terminal (`safe.shown`)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, TYPE_CHECKING

from reportlint.output import Options, Results
from reportlint.output.safe import shown

if TYPE_CHECKING:
    from reportlint.findings.finding import Finding
    from reportlint.findings.verdict import Tally

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_WORD = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}


def _source_lines(file: str) -> list[str] | None:
    path = Path(file)
    if path.suffix.lower() not in (".yaml", ".yml", ".txt", ".text"):
        return None  # findings in other documents carry their own description of the place
    from reportlint.read.source import Unreadable, decode

    try:
        if path.stat().st_size > 4 * 1024 * 1024:
            return None
        return decode(path.read_bytes())[0].splitlines()
    except (OSError, Unreadable):
        return None


Span = tuple[str, str]  # (text, rich style); "" for no style


class _Plain:
    """Writes spans as plain text: no colour wanted, so rich is not even imported."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def line(self, *spans: Span) -> None:
        self.stream.write("".join(shown(text) for text, _ in spans) + "\n")


class _Coloured:
    """Writes spans through rich, in colour."""

    def __init__(self, stream: IO[str]) -> None:
        from rich.console import Console

        # colour was decided by `wants_color`: rich must not undo it from NO_COLOR or TERM
        self.console = Console(file=stream, force_terminal=True, no_color=False, color_system="standard",
                               highlight=False, soft_wrap=True)

    def line(self, *spans: Span) -> None:
        from rich.text import Text

        self.console.print(Text.assemble(*((shown(t), st) if st else shown(t) for t, st in spans)))


def wants_color(option: bool | None, stream: IO[str]) -> bool:
    """`--color`/`--no-color` win; then NO_COLOR (non-empty: never), then FORCE_COLOR (non-empty:
    even when not a terminal), then whether the output is a terminal."""
    if option is not None:
        return option
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty()


def write(results: Results, stream: IO[str], options: Options) -> None:
    from reportlint.findings.verdict import Tally

    out = _Coloured(stream) if wants_color(options.color, stream) else _Plain(stream)
    words = _WORD["en" if options.lang == "en" else "zh"]
    counts = {"error": 0, "warning": 0, "info": 0}
    tally = Tally()
    with_findings = 0
    for item in results:
        file, findings = item
        tally.add(findings)
        if not findings:
            continue
        with_findings += 1
        for f in findings:
            counts[f.severity] += 1
        if not options.quiet:
            _file(out, file, findings, options, words, getattr(item, "lines", None))
    if options.verbose and not options.quiet:
        for name in options.skipped:
            out.line((f"{name}: " + ("skipped, not a report" if options.lang == "en" else "已跳过，不是报告"), "dim"))
    _summary(out, counts, tally, with_findings, options)


def _file(out: _Plain | _Coloured, file: str, findings: list[Finding], options: Options,
          words: dict[str, str], given: tuple[str, ...] | list[str] | None = None) -> None:
    """One file's findings: its name, then each finding with its source line and a caret (the lines
    `given` are the text read from standard input)."""
    out.line((file, "bold underline"))
    lines = (list(given) if given is not None else _source_lines(file)) if options.show_source else None
    for f in findings:
        style = _STYLE[f.severity]
        out.line((f"  {f.line}:{f.column}".ljust(10), "dim"), (f"{f.code} ", style),
                 (f"{words[f.severity]} ", style), (f.message(options.lang), ""), (f"  ({f.name})", "dim"))
        if lines and 0 < f.line <= len(lines):
            line, caret = _window(lines[f.line - 1], f.column)
            out.line((f"            {f.line} │ ", "dim"), (line, ""))
            pad = " " * (len(str(f.line)) + 3 + _display_width(shown(line[:caret])))
            out.line((f"            {pad}^", style))
        elif f.source:
            out.line((f"            ↳ {f.source.get('where', '')}", "dim"))
    out.line()


def _summary(out: _Plain | _Coloured, counts: dict[str, int], tally: Tally, with_findings: int,
             options: Options) -> None:
    """The closing lines: the counts by severity, the verdicts (see `output.summary`) and a hint."""
    from reportlint.output import summary

    files = tally.checked
    total = sum(counts.values())
    if options.lang == "en":
        line = (
            f"{_n(counts['error'], 'error')}, {_n(counts['warning'], 'warning')}, {_n(counts['info'], 'note')} "
            f"in {with_findings} of {_n(files, 'file')}"
            if total
            else f"All clean: {files} file{'s' if files != 1 else ''} checked"
        )
        line += (f", {len(options.skipped)} skipped (not reports)" if options.skipped else "") + ("" if total else ".")
    else:
        line = (
            f"共 {counts['error']} 个错误、{counts['warning']} 个警告、{counts['info']} 个提示"
            f"（{files} 个文件中的 {with_findings} 个）"
            if total
            else f"全部通过：检查了 {files} 个文件"
        )
        line += (f"，跳过 {len(options.skipped)} 个非报告文件" if options.skipped else "") + ("" if total else "。")
    out.line((line, "bold red" if counts["error"] else "yellow" if counts["warning"] else "green"))
    if summary.wanted(tally, len(options.skipped), options.passed_over, options.quiet):
        hidden = options.hidden() if options.hidden is not None else 0
        for text in summary.lines(tally, len(options.skipped), options.passed_over, options.lang, hidden):
            out.line((text, ""))
    if total and not options.quiet:
        hint = (
            "Explain a rule: reportlint rules CODE"
            if options.lang == "en"
            else "查看规则说明：reportlint rules 代码（如 reportlint rules RL301）"
        )
        out.line((hint, "dim"))


def _window(line: str, column: int, before: int = 30, width: int = 80) -> tuple[str, int]:
    """The part of a long line around `column` (1-based), and the caret's index in it."""
    index = max(column - 1, 0)
    if len(line) <= width:
        return line, index
    start = max(0, min(index - before, len(line) - width))
    part = line[start : start + width]
    prefix = "…" if start else ""
    suffix = "…" if start + width < len(line) else ""
    return prefix + part + suffix, index - start + len(prefix)


def _display_width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in ("F", "W") else 1 for ch in text)


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
