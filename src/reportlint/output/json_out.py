"""`--format json`: one JSON array of findings, sorted by file, line, column, code (docs/cli.md).

The array is sorted here, across all inputs, whatever order the files were checked or named in;
so the findings are held until the last file is done (a few hundred bytes each)."""

from __future__ import annotations

import json
from typing import IO

from reportlint.findings.finding import Finding
from reportlint.output import Options, Results


def write(results: Results, stream: IO[str], options: Options) -> None:
    findings = sorted((f for _, found in results for f in found), key=Finding.sort_key)
    stream.write("[")
    for n, finding in enumerate(findings):
        stream.write(",\n  " if n else "\n  ")
        stream.write(json.dumps(finding.as_dict(options.lang), ensure_ascii=False))
    stream.write("\n]\n" if findings else "]\n")
