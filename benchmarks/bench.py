"""Benchmark: start-up and per-report cost, against yamllint on the same file.

    python benchmarks/bench.py [--runs 15] [--batch 1000]

Prints medians (and ratios) of wall time for: a bare interpreter, yamllint (if installed),
`reportlint` on one report in text and JSON output, and a folder of N copies of the report
(per-report cost and peak memory, serial and parallel). Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "examples" / "xinzhou-kjj-2024.yaml"


def _time(cmd: list[str], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def _peak_rss_mib(cmd: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(after, before) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--batch", type=int, default=1000)
    opts = parser.parse_args()
    py = sys.executable
    rows: list[tuple[str, float]] = []
    rows.append(("python -c pass", _time([py, "-c", "pass"], opts.runs)))
    yamllint = shutil.which("yamllint") or str(Path(py).with_name("yamllint"))
    if Path(yamllint).exists():
        rows.append(("yamllint report.yaml", _time([yamllint, str(REPORT)], opts.runs)))
    cli = [py, "-m", "reportlint"]
    rows.append(("reportlint report.yaml (text, plain)", _time([*cli, "--no-color", str(REPORT)], opts.runs)))
    rows.append(("reportlint --color report.yaml (rich)", _time([*cli, "--color", str(REPORT)], opts.runs)))
    rows.append(("reportlint --format json report.yaml", _time([*cli, "--format", "json", str(REPORT)], opts.runs)))
    base = next((t for name, t in rows if name.startswith("yamllint")), None)
    print(f"{'command':42} {'median':>9} {'vs yamllint':>12}")
    for name, t in rows:
        ratio = f"{t / base:.2f}×" if base else "-"
        print(f"{name:42} {t * 1000:7.1f} ms {ratio:>12}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        text = REPORT.read_text(encoding="utf-8")
        for n in range(opts.batch):
            (folder / f"r{n:05}.yaml").write_text(text, encoding="utf-8")
        print(f"\n{opts.batch} reports in one folder (--format json):")
        for jobs in (1, 2):
            elapsed, rss = _peak_rss_mib([*cli, "--format", "json", "-j", str(jobs), str(folder)])
            per = elapsed / opts.batch * 1000
            print(f"  -j {jobs}: {elapsed:6.2f} s in all, {per:5.2f} ms per report, peak RSS {rss:.0f} MiB")


if __name__ == "__main__":
    main()
