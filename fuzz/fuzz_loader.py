"""Coverage-guided fuzzing of reportlint's input path: reading, decoding, YAML, binding, every check,
and the document converters (TXT, HTML, DOCX, PDF), through `reportlint.engine.run.check_file`.

    python fuzz/fuzz_loader.py --runs 2000            # bounded run (CI)
    python fuzz/fuzz_loader.py --seconds 600          # a longer run
    python fuzz/fuzz_loader.py --runs 2000 --engine hypothesis

With atheris installed (`pip install atheris`) the run is coverage-guided by libFuzzer, seeded
with tests/corpus and examples/. Without it, hypothesis drives the same target with generated
and mutated inputs. A crash is any exception out of `check_file`, an RL901 finding (a check that
raised), an RL001 for an exception while reading (a reader that raised), a finding without a code or
position, or a YAML tag that ran code.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = (".yaml", ".txt", ".html", ".docx", ".pdf", ".yml", "")
_WORK = Path(tempfile.mkdtemp(prefix="reportlint-fuzz-"))
_MARKER = _WORK / "executed"
STATS = {"inputs": 0}


def one_input(data: bytes) -> None:
    """The fuzz target: the first byte picks the file type, the rest is the file."""
    from reportlint.engine.run import check_file
    from reportlint.engine.settings import Settings

    STATS["inputs"] += 1
    suffix = SUFFIXES[data[0] % len(SUFFIXES)] if data else ".yaml"
    path = _WORK / f"input{suffix}"
    path.write_bytes(data[1:])
    # converted in process, where the fuzzer sees the readers' coverage and their exceptions
    findings = check_file(path, Settings(timeout=0, memory_limit=0))
    for finding in findings:
        if finding.code == "RL901":
            raise AssertionError(f"a check crashed: {finding.message_en}")
        if finding.code == "RL001" and finding.message_en.startswith("error while reading the file:"):
            raise AssertionError(f"a reader crashed (caught as RL001): {finding.message_en}")
        if not finding.code.startswith("RL") or finding.line < 1 or finding.column < 1:
            raise AssertionError(f"bad finding {finding!r}")
    if _MARKER.exists():
        raise AssertionError("a YAML tag executed code")


def seeds() -> list[bytes]:
    """The committed corpus and the examples, each prefixed with the byte that keeps its suffix."""
    found = []
    for path in sorted([*(ROOT / "tests" / "corpus").rglob("*"), *(ROOT / "examples").rglob("*.yaml")]):
        if not path.is_file() or path.suffix == ".py":
            continue
        suffix = path.suffix.lower()
        tag = SUFFIXES.index(suffix) if suffix in SUFFIXES else 0
        found.append(bytes([tag]) + path.read_bytes()[:65536])
    found.append(b"\x00year: !!python/object/apply:os.system ['touch " + str(_MARKER).encode() + b"']\n")
    return found


def run_atheris(runs: int | None, seconds: int | None, extra: list[str]) -> int:
    import atheris

    with atheris.instrument_imports(include=["reportlint", "yaml", "bs4", "docx", "pdfplumber", "pdfminer"]):
        import reportlint.engine.run  # noqa: F401
        from reportlint.plugins import manager as plugins

        plugins.installed().checks()
        plugins.installed().loaders()
    corpus = _WORK / "corpus"
    corpus.mkdir()
    for n, seed in enumerate(seeds()):
        (corpus / f"seed-{n:04d}").write_bytes(seed)
    args = [sys.argv[0], str(corpus), "-max_len=65536", "-timeout=10", "-rss_limit_mb=1024", "-print_final_stats=1"]
    if runs is not None:
        args.append(f"-runs={runs}")
    if seconds is not None:
        args.append(f"-max_total_time={seconds}")
    atheris.Setup(args + extra, one_input)
    atheris.Fuzz()
    return 0


def run_hypothesis(runs: int | None, seconds: int | None) -> int:
    """Seeds, then hypothesis-generated inputs: raw bytes and seeds with bytes flipped or spliced."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    start = time.monotonic()
    pool = seeds()
    for seed in pool:
        one_input(seed)

    @st.composite
    def mutated(draw) -> bytes:
        data = bytearray(draw(st.sampled_from(pool)))
        for _ in range(draw(st.integers(1, 8))):
            at = draw(st.integers(0, max(0, len(data) - 1)))
            kind = draw(st.sampled_from(["flip", "insert", "delete", "splice"]))
            if kind == "flip" and data:
                data[at] = draw(st.integers(0, 255))
            elif kind == "insert":
                data[at:at] = draw(st.binary(max_size=16))
            elif kind == "delete":
                del data[at:at + draw(st.integers(1, 64))]
            else:
                other = draw(st.sampled_from(pool))
                cut = draw(st.integers(0, len(other)))
                data[at:] = other[cut:cut + 2048]
        return bytes(data)

    budget = runs if runs is not None else 10**9

    @settings(max_examples=budget, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(st.one_of(mutated(), st.binary(max_size=2048)))
    def target(data: bytes) -> None:
        if seconds is not None and time.monotonic() - start > seconds:
            return
        one_input(data)

    target()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=None, help="stop after this many inputs")
    parser.add_argument("--seconds", type=int, default=None, help="stop after this many seconds")
    parser.add_argument("--engine", choices=("auto", "atheris", "hypothesis"), default="auto")
    opts, extra = parser.parse_known_args()
    if opts.runs is None and opts.seconds is None:
        opts.runs = 2000
    engine = opts.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401

            engine = "atheris"
        except ImportError:
            engine = "hypothesis"
    start = time.monotonic()
    try:
        if engine == "atheris":
            return run_atheris(opts.runs, opts.seconds, extra)
        code = run_hypothesis(opts.runs, opts.seconds)
        print(f"fuzz ({engine}): {STATS['inputs']} inputs in {time.monotonic() - start:.0f} s, no crash")
        return code
    finally:
        shutil.rmtree(_WORK, ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("REPORTLINT_DISABLE_PLUGIN_AUTOLOAD", "1")
    sys.exit(main())
