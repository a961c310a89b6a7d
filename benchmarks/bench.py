"""Benchmark: start-up and per-report cost, against yamllint on the same file.

    python benchmarks/bench.py [--runs 21] [--batch 1000]

Run it with the python of a normal (wheel, not editable) install, which has compiled bytecode:
`pip install . yamllint`. Prints medians (and ratios to yamllint) of wall time for: a bare
interpreter, yamllint, and `reportlint` on one report in text and JSON output, the commands run
in turn in every round so that load on the machine falls on all of them alike; then a folder of
N copies of the report (per-report cost and peak memory, serial and parallel). Not a test:
numbers depend on the machine.
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


def _medians(commands: list[list[str]], runs: int) -> list[float]:
    """The median wall time of each command, the commands run in turn in each of `runs` rounds."""
    samples: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for n, cmd in enumerate(commands):
            start = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            samples[n].append(time.perf_counter() - start)
    return [statistics.median(s) for s in samples]


def _peak_rss_mib(cmd: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(after, before) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--batch", type=int, default=1000)
    opts = parser.parse_args()
    py = sys.executable
    named: list[tuple[str, list[str]]] = [("python -c pass", [py, "-c", "pass"])]
    yamllint = shutil.which("yamllint") or str(Path(py).with_name("yamllint"))
    if Path(yamllint).exists():
        named.append(("yamllint report.yaml", [yamllint, str(REPORT)]))
    script = Path(py).with_name("reportlint")
    cli = [str(script)] if script.exists() else [py, "-m", "reportlint"]
    named.append(("reportlint report.yaml (text, plain)", [*cli, "--no-color", str(REPORT)]))
    named.append(("reportlint --color report.yaml (rich)", [*cli, "--color", str(REPORT)]))
    named.append(("reportlint --format json report.yaml", [*cli, "--format", "json", str(REPORT)]))
    rows = list(zip([n for n, _ in named], _medians([c for _, c in named], opts.runs), strict=True))
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
