"""Performance budgets of issue 14: each reportlint command against its reference, met or not.

    python benchmarks/budgets.py [--build] [--python PY] [--runs 21] [--reports 10000] [--pdfs 200]

Times what users install: a normal (wheel, not editable) install with compiled bytecode. Either
give its interpreter with `--python` (default: the one running this script), made by

    python -m venv /tmp/b && /tmp/b/bin/pip install '.[documents]' yamllint pdfplumber python-docx

from the repository, or pass `--build` to have this script make that virtual environment in a
temporary folder (and remove it afterwards). The two commands of each pair run in turn in every
round (so that load on the machine falls on both alike); the table gives their medians, the ratio
of the medians, the spread (the ratio's lowest and highest over the rounds, each round's pair
compared), and whether the budget is met. Not a test: numbers depend on the machine (its core
count is printed).

Budgets:
- one report, `--format json` and plain text, ≤ 1.0× `yamllint -d relaxed` on the same file;
- N realistic reports (the examples with every table filled, some faults; default 10 000) with
  `-j 2` ≤ 1.5× one process that only parses them with PyYAML's C loader;
- a real PDF ≤ 1.2× pdfplumber alone extracting every page's text and tables; a DOCX ≤ 1.3×
  python-docx alone reading every cell;
- peak memory of all processes together (sum of RSS over the process tree, sampled every 10 ms)
  for a folder of 200 PDFs with `-j 2` ≤ 150 MiB.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEED = EXAMPLES / "xinzhou-kjj-2024.yaml"
REAL = ROOT / "tests" / "fixtures" / "realworld"
PDF = REAL / "huaian-city-2024.pdf"
MIB = 1024 * 1024

PARSE_ALL = """\
import sys, yaml
from pathlib import Path
for path in sorted(Path(sys.argv[1]).glob('*.yaml')):
    yaml.load(path.read_text(encoding='utf-8'), Loader=yaml.CSafeLoader)
"""

PDFPLUMBER_ALONE = """\
import sys, pdfplumber
with pdfplumber.open(sys.argv[1]) as pdf:
    for page in pdf.pages:
        page.extract_text()
        page.extract_tables()
"""

DOCX_ALONE = """\
import sys, docx
document = docx.Document(sys.argv[1])
for paragraph in document.paragraphs:
    paragraph.text
for table in document.tables:
    for row in table.rows:
        for cell in row.cells:
            cell.text
"""

RENDER_DOCX = """\
import sys
sys.path.insert(0, sys.argv[1])
try:
    import pytest  # noqa: F401
except ImportError:  # a wheel install without test dependencies: the helper needs only its decorators
    from unittest import mock
    sys.modules['pytest'] = mock.MagicMock()
from pathlib import Path
from test_convert_documents import write_docx
write_docx(Path(sys.argv[2]))
"""


@dataclass
class Row:
    what: str
    ours: str
    reference: str
    ours_s: float
    ref_s: float
    low: float
    high: float
    budget: float

    def cells(self) -> list[str]:
        ratio = self.ours_s / self.ref_s
        return [self.what, f"{_fmt(self.ours_s)}", f"{_fmt(self.ref_s)}", f"{ratio:.2f}×",
                f"{self.low:.2f}–{self.high:.2f}×", f"≤ {self.budget:.1f}×",
                "met" if ratio <= self.budget else "not met"]


def _fmt(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def _time(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def pair(what: str, ours: list[str], reference: list[str], runs: int, budget: float,
         names: tuple[str, str]) -> Row:
    """Both commands in turn for `runs` rounds (which goes first alternates), after a warm-up."""
    _time(ours), _time(reference)
    mine: list[float] = []
    theirs: list[float] = []
    for n in range(runs):
        if n % 2:
            theirs.append(_time(reference))
            mine.append(_time(ours))
        else:
            mine.append(_time(ours))
            theirs.append(_time(reference))
    ratios = [a / b for a, b in zip(mine, theirs, strict=True)]
    return Row(what, names[0], names[1], statistics.median(mine), statistics.median(theirs),
               min(ratios), max(ratios), budget)


# --- inputs -----------------------------------------------------------------------------------------


def make_reports(folder: Path, count: int, seed: int = 14) -> None:
    """`count` reports from the examples with every table filled (the seed and its corrected
    version, the county reports), each a little different (agency, numbers), about one in five
    with a fault (a total off by one, a wrong year in the text, a broken address)."""
    rng = random.Random(seed)
    paths = sorted(EXAMPLES.glob("*.yaml"))
    bases = [p.read_text(encoding="utf-8") for p in paths]
    for n in range(count):
        k = n % len(bases)
        text = bases[k]
        for j, other in enumerate(paths):  # a previous year's report named by file: its copy of this cycle
            if j < k and other.name in text:
                text = text.replace(other.name, f"r{n - k + j:05}.yaml")
        text = text.replace("局", f"局{n % 97}分局", 1) if n % 3 else text
        if rng.random() < 0.2:
            fault = rng.randrange(3)
            if fault == 0:  # a number in a table off by one
                lines = text.splitlines(keepends=True)
                rows = [i for i, line in enumerate(lines) if line.lstrip().startswith("- [") or ": [" in line]
                if rows:
                    i = rng.choice(rows)
                    lines[i] = lines[i].replace(", 0", ", 1", 1).replace("[0", "[1", 1)
                text = "".join(lines)
            elif fault == 1:
                text = text.replace("2024年", "2042年", 1)
            else:
                text = text.replace("http://", "htp://", 1)
        (folder / f"r{n:05}.yaml").write_text(text, encoding="utf-8")


# --- memory -----------------------------------------------------------------------------------------


def _pss(pid: int) -> int:
    """The proportional set size of `pid` in bytes (shared pages divided among their sharers)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
            for line in rollup:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _tree_rss(root: int) -> tuple[int, int]:
    """The resident memory (RSS, and PSS) of `root` and all its descendants, in bytes (Linux /proc)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        rss[pid] = int(fields[21]) * page
    total = pss = 0
    for pid, size in rss.items():
        p = pid
        while p and p != root:
            p = parents.get(p, 0)
        if p == root:
            total += size
            pss += _pss(pid)
    return total, pss


def peak_tree_rss(cmd: list[str]) -> tuple[float, float, float]:
    """(seconds, peak summed RSS, peak summed PSS of the process tree in bytes) of one run of `cmd`.
    RSS counts the pages a forked child shares with its parent twice; PSS divides them."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = peak_pss = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_pss
        while not done.is_set():
            rss, pss = _tree_rss(proc.pid)
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            time.sleep(0.01)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    proc.wait()
    done.set()
    sampler.join()
    return time.perf_counter() - start, peak, peak_pss


# --- the run ----------------------------------------------------------------------------------------


def build(into: Path) -> Path:
    """A virtual environment in `into` with reportlint installed from the repository as a wheel."""
    subprocess.run([sys.executable, "-m", "venv", str(into)], check=True)
    py = into / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", f"{ROOT}[documents]", "yamllint",
                    "pdfplumber", "python-docx"], check=True)
    return py


def _editable(py: str) -> bool:
    out = subprocess.run([py, "-c", "import reportlint; print(reportlint.__file__)"],
                         capture_output=True, text=True, check=False).stdout
    return str(ROOT) in out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true", help="install into a temporary venv first")
    parser.add_argument("--python", default=sys.executable, help="the interpreter of a wheel install")
    parser.add_argument("--runs", type=int, default=21, help="rounds for one report (documents: half)")
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--collection-runs", type=int, default=3)
    parser.add_argument("--pdfs", type=int, default=200)
    parser.add_argument("--only", default="", help="comma-separated: report,collection,pdf,docx,memory")
    opts = parser.parse_args()
    only = set(filter(None, opts.only.split(",")))
    with tempfile.TemporaryDirectory(prefix="reportlint-budgets-") as tmp_name:
        tmp = Path(tmp_name)
        py = str(build(tmp / "venv")) if opts.build else opts.python
        if _editable(py):
            print(f"warning: {py} runs reportlint from the source tree (editable): not what users install",
                  file=sys.stderr)
        bindir = Path(py).parent
        cli = [str(bindir / "reportlint")] if (bindir / "reportlint").exists() else [py, "-m", "reportlint"]
        yamllint = [str(bindir / "yamllint")] if (bindir / "yamllint").exists() else [py, "-m", "yamllint"]
        rows: list[Row] = []
        def want(name: str) -> bool:
            return not only or name in only

        if want("report"):
            for fmt, args in (("json", ["--format", "json"]), ("plain text", ["--no-color"])):
                rows.append(pair(f"one report ({fmt})", [*cli, *args, str(SEED)],
                                 [*yamllint, "-d", "relaxed", str(SEED)], opts.runs, 1.0,
                                 (f"reportlint {' '.join(args)}", "yamllint -d relaxed")))
        if want("collection"):
            folder = tmp / "reports"
            folder.mkdir()
            make_reports(folder, opts.reports)
            rows.append(pair(f"{opts.reports} reports, -j 2", [*cli, "--format", "json", "-j", "2", str(folder)],
                             [py, "-c", PARSE_ALL, str(folder)], opts.collection_runs, 1.5,
                             ("reportlint -j 2", "CSafeLoader parse")))
        doc_runs = max(3, opts.runs // 2)
        if want("pdf"):
            rows.append(pair(f"a real PDF ({PDF.name})", [*cli, "--format", "json", str(PDF)],
                             [py, "-c", PDFPLUMBER_ALONE, str(PDF)], doc_runs, 1.2,
                             ("reportlint", "pdfplumber alone")))
        if want("docx"):
            docx_path = tmp / "report.docx"
            subprocess.run([py, "-c", RENDER_DOCX, str(ROOT / "tests"), str(docx_path)], check=True)
            rows.append(pair("a DOCX (the seed rendered)", [*cli, "--format", "json", str(docx_path)],
                             [py, "-c", DOCX_ALONE, str(docx_path)], doc_runs, 1.3,
                             ("reportlint", "python-docx alone")))
        memory = None
        if want("memory"):
            pdfs = tmp / "pdfs"
            pdfs.mkdir()
            sources = sorted(REAL.glob("*.pdf"))
            for n in range(opts.pdfs):
                shutil.copy(sources[n % len(sources)], pdfs / f"p{n:03}.pdf")
            memory = peak_tree_rss([*cli, "--format", "json", "-j", "2", str(pdfs)])
        version = subprocess.run([py, "-c", "import sys, reportlint; print(sys.version.split()[0], "
                                  "reportlint.__version__)"], capture_output=True, text=True,
                                 check=False).stdout.split()
    head = ["what", "reportlint", "reference", "ratio", "spread", "budget", "result"]
    print(f"{os.cpu_count()} cores, Python {version[0] if version else '?'}, reportlint "
          f"{version[1] if len(version) > 1 else '?'}; medians of {opts.runs} alternating rounds "
          f"(documents {doc_runs}, collection {opts.collection_runs})")
    print()
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for row in rows:
        print("| " + " | ".join(row.cells()) + " |")
    if memory is not None:
        seconds, peak, peak_pss = memory
        print(f"| {opts.pdfs} PDFs, -j 2, peak RSS of all processes | {peak / MIB:.0f} MiB "
              f"(PSS {peak_pss / MIB:.0f} MiB; {seconds:.0f} s) | — | — | one run | ≤ 150 MiB | "
              f"{'met' if peak <= 150 * MIB else 'not met'} |")
    print()
    print("reference commands: yamllint -d relaxed FILE; python -c 'yaml.load(text, "
          "Loader=yaml.CSafeLoader)' over every file; pdfplumber: every page's extract_text and "
          "extract_tables; python-docx: every paragraph's and every cell's text")


if __name__ == "__main__":
    main()
