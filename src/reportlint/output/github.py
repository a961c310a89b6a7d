"""`--format github`: GitHub Actions workflow commands, one annotation per finding.

Text from the report and file names are first made safe for a terminal (`safe.shown`: no raw
control character, CR or LF is left), then escaped as GitHub's toolkit does: ``%``, CR and LF in
the message, and also ``:`` and ``,`` in a property (so that no ``::`` can end one early)."""

from __future__ import annotations

from typing import IO

from reportlint.output import Options, Results
from reportlint.output.safe import shown

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape(text: str, prop: bool = False) -> str:
    text = shown(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def write(results: Results, stream: IO[str], options: Options) -> None:
    for file, findings in results:
        if not findings:
            continue
        stream.write(f"::group::{_escape(file)}\n")
        for f in findings:
            title = _escape(f"{f.code} {f.name}", prop=True)
            stream.write(
                f"::{_LEVEL[f.severity]} file={_escape(f.file, True)},line={f.line},col={f.column},"
                f"title={title}::{_escape(f.message(options.lang))}\n"
            )
        stream.write("::endgroup::\n")
