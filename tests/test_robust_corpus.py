"""Every bad input gets a coded finding or a one-line error, within bounded time and memory, and
never a traceback (issue 5). The committed corpus is in tests/corpus/; inputs too big to commit
(50 MB files, 4–10 MiB lines, deep nesting, zip and alias bombs) are generated in a temporary folder.

Bounds: `TIME_LIMIT_S` wall time per input (in process, and through the CLI including interpreter
start) and `MEMORY_LIMIT_MB` peak RSS per CLI run.
"""

from __future__ import annotations

import json
import os
import re
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from reportlint.engine.run import check_file
from reportlint.engine.settings import Settings
from robust_inputs import (
    CORPUS,
    MEMORY_LIMIT_MB,
    TIME_LIMIT_S,
    Run,
    corpus_files,
    generate_big,
    is_document,
    run_measured,
)

FILES = corpus_files()
#: Set REPORTLINT_FULL_CORPUS=1 to run every committed input through its own CLI process (~70 s of
#: CPU); by default a fixed sample does (whole small categories, every 8th of the big ones), and
#: `test_whole_corpus_folder_in_one_run` takes every input through one CLI process.
FULL = os.environ.get("REPORTLINT_FULL_CORPUS") == "1"
_SAMPLED = {"documents", "empty", "binary", "tags", "bombs", "encoding"}
CLI_FILES = [p for n, p in enumerate(FILES) if FULL or p.parent.name in _SAMPLED or n % 8 == 0]
CODE = re.compile(r"^RL\d{3}$")
#: Names of the generated inputs (kept in step with robust_inputs.generate_big by a test below).
BIG = (
    "50mb.yaml", "50mb_one_line.yaml", "50mb.txt", "50mb.html", "50mb.pdf", "50mb_junk.docx", "50mb_nul.yaml",
    "long_line_4mib_preamble.yaml", "long_line_4mib_key.yaml", "long_line_10mib.yaml", "flow_list_4mib.yaml",
    "block_list_4mib.yaml", "many_keys_4mib.yaml", "many_aliases_4mib.yaml", "deep_flow_seq_100k.yaml",
    "deep_flow_map_20k.yaml", "deep_block_map_2k.yaml", "deep_block_seq_2k.yaml", "deep_html_50k.html",
    "billion_laughs_16_levels.yaml", "alias_fan_out.yaml", "many_odd_headings.yaml", "many_unknown_rows.yaml",
    "long_heading_1mib.yaml", "zip_bomb_300mb.docx",
)
#: Categories in which every input is broken: the run must report an error (exit 1).
ALWAYS_ERROR = {"tags", "bombs", "binary", "empty"}
#: The marker file the Python-object tags of tags/ would create if anything executed them.
MARKER = Path("/tmp/reportlint-corpus-pwned")


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


@pytest.fixture(scope="session")
def big_inputs(tmp_path_factory) -> dict[str, Path]:
    return generate_big(tmp_path_factory.mktemp("big"))


@pytest.fixture(scope="session")
def workdir(tmp_path_factory) -> Path:
    """An empty working folder, so that no configuration file of the repository is picked up."""
    return tmp_path_factory.mktemp("cwd")


def test_corpus_is_all_there():
    by_category: dict[str, int] = {}
    for path in FILES:
        by_category[path.parent.name] = by_category.get(path.parent.name, 0) + 1
    assert set(by_category) == {"syntax", "types", "values", "tags", "bombs", "encoding", "binary", "empty",
                                "documents"}
    assert len(FILES) >= 400, by_category
    assert all(size < 400_000 for size in (p.stat().st_size for p in FILES)), "big inputs are generated, not committed"


def test_generated_inputs_are_the_listed_ones(big_inputs):
    assert set(big_inputs) == set(BIG)
    assert big_inputs["50mb.yaml"].stat().st_size >= 50 * 1024 * 1024


# --- in process: fast, and the finding objects themselves ------------------------------------------


def _check_in_process(path: Path) -> None:
    start = time.monotonic()
    findings = check_file(path, Settings())
    elapsed = time.monotonic() - start
    assert elapsed < TIME_LIMIT_S, f"{elapsed:.1f} s"
    internal = [f.message_en for f in findings if f.code == "RL901"]
    assert not internal, internal  # a check crashed and was caught: still a bug
    for finding in findings:
        assert CODE.match(finding.code), finding
        assert isinstance(finding.line, int) and finding.line >= 1, finding
        assert isinstance(finding.column, int) and finding.column >= 1, finding
        assert finding.message_zh and finding.message_en, finding
    category = path.parent.name
    if category in ALWAYS_ERROR:
        assert any(f.severity == "error" for f in findings), [f.code for f in findings]
    if category == "tags" and "python" in path.name:
        assert any(f.code == "RL001" and "tag" in f.message_en for f in findings)
    assert not MARKER.exists(), "a YAML tag executed code"


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_corpus_in_process(path: Path):
    _check_in_process(path)


@pytest.mark.parametrize("name", BIG)
def test_big_in_process(name: str, big_inputs):
    _check_in_process(big_inputs[name])


# --- the real CLI: exit codes, stdout and stderr, time and memory ------------------------------------


@pytest.fixture(scope="session")
def cli_runs(big_inputs, workdir) -> dict[Path, Run]:
    """Every input through `python -m reportlint --format json FILE`, two at a time (2 cores)."""
    paths = [*CLI_FILES, *big_inputs.values()]
    # a run's time includes waiting for a core; the bound is generous enough for that
    workers = max(1, min(4, os.cpu_count() or 1))
    with ThreadPoolExecutor(workers) as pool:
        runs = pool.map(lambda p: run_measured(["--format", "json", str(p)], timeout=60, cwd=workdir), paths)
        return dict(zip(paths, runs, strict=True))


def _assert_cli(path: Path, run: Run) -> None:
    assert not run.timed_out
    assert "Traceback" not in run.stdout and "Traceback" not in run.stderr, run.stderr[-2000:]
    document = is_document(path)
    allowed = {0, 1, 2} if document else {0, 1}  # exit 2 is "cannot run": never for a mere bad report
    assert run.returncode in allowed, (run.returncode, run.stderr)
    assert run.seconds < TIME_LIMIT_S, f"{run.seconds:.1f} s"
    assert run.peak_mb < MEMORY_LIMIT_MB, f"{run.peak_mb:.0f} MB"
    if run.returncode == 2:
        assert run.stderr.count("\n") == 1 and run.stderr.startswith("reportlint: "), run.stderr
        return
    findings = json.loads(run.stdout)
    assert isinstance(findings, list)
    for finding in findings:
        assert CODE.match(finding["code"]), finding
        assert isinstance(finding["line"], int) and finding["line"] >= 1, finding
        assert isinstance(finding["column"], int) and finding["column"] >= 1, finding
    errors = [f for f in findings if f["severity"] == "error"]
    if run.returncode == 1:
        assert errors, "exit 1 without an error finding"
    else:
        assert not errors
    if path.parent.name in ALWAYS_ERROR:
        assert run.returncode == 1


@pytest.mark.parametrize("path", CLI_FILES, ids=_id)
def test_corpus_through_cli(path: Path, cli_runs):
    _assert_cli(path, cli_runs[path])


@pytest.mark.parametrize("name", BIG)
def test_big_through_cli(name: str, big_inputs, cli_runs):
    _assert_cli(big_inputs[name], cli_runs[big_inputs[name]])


def test_whole_corpus_folder_in_one_run(workdir):
    """A folder of broken files is one run: every file reported or skipped as evidently not a
    report, exit 1, still no traceback. (Each file named alone is checked: test_corpus_through_cli.)"""
    run = run_measured(["--format", "json", "-j", "2", "-v", str(CORPUS)], timeout=120, cwd=workdir)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    findings = json.loads(run.stdout)
    by_file: dict[str, list[dict]] = {}
    for finding in findings:
        by_file.setdefault(finding["file"], []).append(finding)
        assert CODE.match(finding["code"]) and finding["line"] >= 1 and finding["column"] >= 1, finding
    assert not [f for f in findings if f["code"] == "RL901"]
    from reportlint.engine.discover import report_suffixes

    prefix = "reportlint: skipped (not a report): "
    skipped = {line.removeprefix(prefix) for line in run.stderr.splitlines() if line.startswith(prefix)}
    assert len(skipped) < len(FILES) * 0.1, skipped
    for path in FILES:
        if path.parent.name in ALWAYS_ERROR and path.suffix.lower() in report_suffixes() and str(path) not in skipped:
            got = by_file.get(str(path), [])
            assert any(f["severity"] == "error" for f in got), path
    assert len(by_file) >= len(FILES) * 0.8, "most inputs are broken: most files must have findings"
    assert run.peak_mb < MEMORY_LIMIT_MB


@pytest.mark.parametrize("path", [p for p in FILES if p.parent.name == "documents"], ids=_id)
def test_convert_broken_documents(path: Path, workdir):
    """`reportlint convert` on a broken document: a one-line error (exit 1 or 2) or YAML, no traceback."""
    out = workdir / f"{path.stem}.converted.yaml"
    run = run_measured(["convert", str(path), "-o", str(out)], timeout=60, cwd=workdir)
    assert "Traceback" not in run.stderr
    assert run.returncode in (0, 1, 2)
    assert run.seconds < TIME_LIMIT_S
    if run.returncode == 0:
        assert out.is_file()
    else:
        assert not out.exists(), "a failed conversion left an output file"
        lines = run.stderr.strip().splitlines()
        assert lines and all(line.startswith("reportlint: ") for line in lines), run.stderr
    assert not list(workdir.glob(".*.tmp")), "temporary files left behind"
