"""`--statistics`: how often each rule fired, over all files (for an assessor's overview); in text,
the verdicts of the reports after the counts (`output.summary`)."""

from __future__ import annotations

import json
from typing import IO, Any

from reportlint.output import Options, Results, summary
from reportlint.output.safe import shown, utf8


def write(results: Results, stream: IO[str], options: Options, as_json: bool = False) -> None:
    from reportlint.findings.verdict import Tally

    counts: dict[str, list[Any]] = {}  # code → [name, severity, findings, files]
    tally = Tally()
    files = 0
    for _, findings in results:
        files += 1
        tally.add(findings)
        seen: set[str] = set()
        for f in findings:
            entry = counts.setdefault(f.code, [f.name, f.severity, 0, 0])
            entry[2] += 1
            if f.code not in seen:
                entry[3] += 1
                seen.add(f.code)
    rows = sorted(counts.items(), key=lambda item: (-item[1][2], item[0]))
    if as_json:
        data = [{"code": c, "name": n, "severity": s, "count": k, "files": fs} for c, (n, s, k, fs) in rows]
        stream.write(utf8(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")
        return
    for code, (name, severity, count, in_files) in rows:
        stream.write(shown(f"{count:>7}  {code}  {severity:<7}  {name}  ({in_files} of {files} files)") + "\n")
    if not rows:
        stream.write(f"no findings in {files} files\n")
    skipped = len(options.skipped)
    if summary.wanted(tally, skipped, options.passed_over, 0):
        hidden = options.hidden() if options.hidden is not None else 0
        stream.write(summary.lines(tally, skipped, options.passed_over, options.lang, hidden)[0] + "\n")
