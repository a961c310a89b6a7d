"""`--format json`: one JSON array of findings, sorted by file, line, column, code (docs/cli.md).

The engine checks files in the order of their names (`engine.discover`) and sorts each file's
findings, so the array is written as results arrive, without holding a collection in memory."""

from __future__ import annotations

import json
from typing import IO

from reportlint.output import Options, Results
from reportlint.output.safe import utf8


def write(results: Results, stream: IO[str], options: Options) -> None:
    first = True
    stream.write("[")
    for _, findings in results:
        for finding in findings:
            stream.write("\n  " if first else ",\n  ")
            stream.write(utf8(json.dumps(finding.as_dict(options.lang), ensure_ascii=False)))
            first = False
    stream.write("\n]\n" if not first else "]\n")
