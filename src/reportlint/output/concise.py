"""`--format concise`: ``file:line:column: CODE [severity] message (name)``, one line each."""

from __future__ import annotations

from typing import IO

from reportlint.output import Options, Results
from reportlint.output.safe import shown


def write(results: Results, stream: IO[str], options: Options) -> None:
    for _, findings in results:
        for f in findings:
            stream.write(shown(f"{f.file}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message(options.lang)} ({f.name})")
                         + "\n")
