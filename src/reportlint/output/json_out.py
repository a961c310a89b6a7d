"""`--format json`: one JSON array of findings, sorted by file, line, column, code (docs/cli.md).

The engine checks files in the order of their names (`engine.discover`) and sorts each file's
findings, so the array is written as results arrive, without holding a collection in memory."""

from __future__ import annotations

import contextlib
import json
from typing import IO

from reportlint.output import Options, Results
from reportlint.output.safe import utf8


def write(results: Results, stream: IO[str], options: Options) -> None:
    """The array, closed even when the run is interrupted or terminated (the exit code says so)."""
    first = True
    stream.write("[")
    try:
        for _, findings in results:
            for finding in findings:
                stream.write("\n  " if first else ",\n  ")
                stream.write(utf8(json.dumps(finding.as_dict(options.lang), ensure_ascii=False)))
                first = False
    except BaseException:
        with contextlib.suppress(OSError, ValueError):
            stream.write("\n]\n" if not first else "]\n")
        raise
    stream.write("\n]\n" if not first else "]\n")
