"""A report read from standard input: `reportlint - --stdin-filename 2024/报告.yaml < x.yaml`.

Report YAML only (a document is checked from its file). The name given is shown in the findings,
and its folder is where the configuration and `previous:` are found; without one the report is
`<stdin>`, in the current folder."""

from __future__ import annotations

import sys
from pathlib import Path

from reportlint.cli.common import UsageError
from reportlint.record import dataclass

#: The file argument that means standard input.
STDIN = "-"
#: The name of a report read from standard input without --stdin-filename.
UNNAMED = "<stdin>"
_YAML = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class StdinReport:
    """What was read: the name shown, the path it stands for (its folder counts) and the bytes."""

    name: str
    path: Path
    data: bytes

    def lines(self) -> tuple[str, ...] | None:
        """Its text by lines, for the text output's excerpts; None when it cannot be read as text."""
        from reportlint.read.source import MAX_TEXT_BYTES, Unreadable, decode

        if len(self.data) > MAX_TEXT_BYTES:
            return None
        try:
            return tuple(decode(self.data)[0].splitlines())
        except Unreadable:
            return None


def wanted(paths: list[str], stdin_filename: str | None) -> bool:
    """Whether standard input is to be checked: `-` among the files, or `--stdin-filename` alone."""
    return STDIN in paths or (stdin_filename is not None and not paths)


def name_of(stdin_filename: str | None) -> tuple[str, Path]:
    """The name shown and the path standing for standard input; refuses a name of a document."""
    if stdin_filename is None:
        return UNNAMED, Path(STDIN)
    if not stdin_filename.strip():
        raise UsageError("--stdin-filename: give the name of the report, like 2024/报告.yaml")
    suffix = Path(stdin_filename).suffix.lower()
    if suffix and suffix not in _YAML:
        raise UsageError(f"--stdin-filename {stdin_filename}: standard input is read as report YAML only; "
                         "check a document from its file, or convert it first (reportlint convert)")
    return stdin_filename, Path(stdin_filename)


def read(stdin_filename: str | None) -> StdinReport:
    """Standard input's bytes, up to one byte past the size limit of a report file (checking says
    it is too large); `UsageError` when there is no standard input."""
    from reportlint.read.source import MAX_TEXT_BYTES

    name, path = name_of(stdin_filename)
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise UsageError("- : there is no standard input to read the report from")
    if _is_terminal(stream):  # typed by hand, or a forgotten redirection: say what is awaited
        end = "Ctrl-Z, Enter" if sys.platform == "win32" else "Ctrl-D"
        print(f"reportlint: reading a report from standard input; end it with {end} (Ctrl-C to stop)",
              file=sys.stderr)
    try:
        data = stream.read(MAX_TEXT_BYTES + 1)
    except (OSError, ValueError) as exc:
        raise UsageError(f"- : cannot read standard input: {exc}") from None
    return StdinReport(name, path, data)


def _is_terminal(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return False
