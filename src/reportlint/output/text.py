"""`--format text` (the default): findings grouped by file, in colour, with the offending line."""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from reportlint.output import Options, Results

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_WORD = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}


def _source_lines(file: str) -> list[str] | None:
    path = Path(file)
    if path.suffix.lower() not in (".yaml", ".yml", ".txt", ".text"):
        return None  # findings in other documents carry their own description of the place
    from reportlint.source import Unreadable, decode

    try:
        if path.stat().st_size > 4 * 1024 * 1024:
            return None
        return decode(path.read_bytes())[0].splitlines()
    except (OSError, Unreadable):
        return None


def write(results: Results, stream: IO[str], options: Options) -> None:
    color = options.color
    if color is None:
        color = stream.isatty() and "NO_COLOR" not in os.environ
    console = Console(file=stream, force_terminal=color, no_color=not color, highlight=False, soft_wrap=True)
    words = _WORD["en" if options.lang == "en" else "zh"]
    counts = {"error": 0, "warning": 0, "info": 0}
    files = with_findings = 0
    for file, findings in results:
        files += 1
        if not findings:
            continue
        with_findings += 1
        console.print(Text(file, style="bold underline"))
        lines = _source_lines(file) if options.show_source else None
        for f in findings:
            counts[f.severity] += 1
            head = Text()
            head.append(f"  {f.line}:{f.column}".ljust(10), style="dim")
            head.append(f"{f.code} ", style=_STYLE[f.severity])
            head.append(f"{words[f.severity]} ", style=_STYLE[f.severity])
            head.append(f.message(options.lang))
            head.append(f"  ({f.name})", style="dim")
            console.print(head)
            if lines and 0 < f.line <= len(lines):
                line, caret = _window(lines[f.line - 1], f.column)
                console.print(Text(f"            {f.line} │ ", style="dim") + Text(line))
                pad = " " * (len(str(f.line)) + 3 + _display_width(line[:caret]))
                console.print(Text(f"            {pad}^", style=_STYLE[f.severity]))
            elif f.source:
                console.print(Text(f"            ↳ {f.source}", style="dim"))
        console.print()
    total = sum(counts.values())
    if options.lang == "en":
        summary = (
            f"{_n(counts['error'], 'error')}, {_n(counts['warning'], 'warning')}, {_n(counts['info'], 'note')} "
            f"in {with_findings} of {_n(files, 'file')}"
            if total
            else f"All clean: {files} file{'s' if files != 1 else ''} checked."
        )
    else:
        summary = (
            f"共 {counts['error']} 个错误、{counts['warning']} 个警告、{counts['info']} 个提示"
            f"（{files} 个文件中的 {with_findings} 个）"
            if total
            else f"全部通过：检查了 {files} 个文件。"
        )
    style = "bold red" if counts["error"] else "yellow" if counts["warning"] else "green"
    console.print(f"[{style}]{escape(summary)}[/]")
    if total:
        hint = (
            "Explain a rule: reportlint rules CODE"
            if options.lang == "en"
            else "查看规则说明：reportlint rules 代码（如 reportlint rules RL301）"
        )
        console.print(Text(hint, style="dim"))


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
