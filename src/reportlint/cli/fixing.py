"""`--fix`, `--diff` and `--unsafe-fixes` of the check (docs/fix.md): YAML reports are fixed in
place, atomically and in their own encoding; documents are checked as they are, with one note."""

from __future__ import annotations

import codecs
import difflib
import sys
from pathlib import Path
from typing import IO

from reportlint.engine.run import YAML_SUFFIXES
from reportlint.engine.settings import Settings
from reportlint.record import dataclass, field


@dataclass(slots=True)
class Summary:
    """What fixing the files of a run did, for the closing line."""

    fixed: int = 0  # findings mended (or that would be, with --diff)
    files: int = 0  # files changed (or that would be)
    unsafe_left: int = 0  # fixes held back: unsafe, and --unsafe-fixes not given
    documents: int = 0  # files that are not YAML reports: not fixed
    failed: list[str] = field(default_factory=list)  # files whose fixes could not be written


def fix_files(files: list[tuple[Path, Settings]], unsafe: bool, diff: bool, out: IO[str]) -> Summary:
    """Fix every YAML report of `files`, each with its settings (those of its folder's
    configuration: what it ignores is not fixed); with `diff`, print the unified diff to `out`
    instead of writing. Notes go to standard error."""
    from reportlint.engine.fixing import fix_text
    from reportlint.read.source import MAX_TEXT_BYTES, Unreadable, decode, read_bytes

    summary = Summary()
    for path, settings in files:
        if path.suffix.lower() not in YAML_SUFFIXES and path.suffix:
            summary.documents += 1
            continue
        try:
            data = read_bytes(path, MAX_TEXT_BYTES)
            text, encoding = decode(data)
        except Unreadable:
            continue  # the check that follows says why (RL001)
        outcome = fix_text(path, text, settings, unsafe)
        summary.unsafe_left += outcome.unsafe_left
        if outcome.dropped:
            _note(f"{path}: not fixed, the result would add or keep a finding: {', '.join(outcome.dropped)}")
        if not outcome.changed:
            continue
        if diff:
            _diff(path, text, outcome.text, out)
        elif not _write(path, outcome.text, encoding, data.startswith(codecs.BOM_UTF8), summary):
            continue
        summary.fixed += len(outcome.fixed)
        summary.files += 1
    if summary.documents:
        many = summary.documents > 1
        _note(f"fixes are applied to YAML reports only: {summary.documents} document{'s' if many else ''} "
              f"checked as {'they are' if many else 'it is'} (convert one to YAML to fix it)")
    return summary


def _diff(path: Path, old: str, new: str, out: IO[str]) -> None:
    """The unified diff of one file (a last line without a line end marked as diff marks it)."""
    for line in difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), str(path), str(path)):
        out.write(line if line.endswith(("\n", "\r")) else f"{line}\n\\ No newline at end of file\n")


def _write(path: Path, text: str, encoding: str, bom: bool, summary: Summary) -> bool:
    """Replace the report (the file a link points to, not the link) with its fixed text, in its own
    encoding; False (and a note) when it cannot."""
    import os

    from reportlint.cli.atomic import Refused, replace_bytes

    try:
        replace_bytes(Path(os.path.realpath(path)), (codecs.BOM_UTF8 if bom else b"") + text.encode(encoding))
    except (OSError, Refused, UnicodeError) as exc:
        summary.failed.append(str(path))
        _note(f"{path}: fixes not written: {exc}")
        return False
    return True


def closing_line(summary: Summary, remaining: int | None) -> str:
    """"3 fixed, 2 remaining." after --fix; "Would fix 3 (in 1 file)." after --diff (remaining None)."""
    s = "" if summary.fixed == 1 else "s"
    if remaining is None:
        line = (f"Would fix {summary.fixed} finding{s} in {summary.files} file{'' if summary.files == 1 else 's'}."
                if summary.fixed else "No fixes available.")
    else:
        line = f"{summary.fixed} fixed, {remaining} remaining."
    if summary.unsafe_left:
        line += (f" ({summary.unsafe_left} more fix{'es' if summary.unsafe_left > 1 else ''} available with "
                 "--unsafe-fixes.)")
    return line


def _note(text: str) -> None:
    print(f"reportlint: {text}", file=sys.stderr)
