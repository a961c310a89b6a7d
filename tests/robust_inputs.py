"""Shared by the robustness tests and the fuzz harness: the corpus, big generated inputs, and a
subprocess runner that measures the child's wall time and peak memory."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
BASE = ROOT / "examples" / "xinzhou-kjj-2024-corrected.yaml"
#: Inputs built to expand (issue 10), held to their own bounds by tests/test_hostile_*.py.
HOSTILE = CORPUS / "hostile"

#: Wall-time bound for one input, in process or through the CLI (interpreter start included).
TIME_LIMIT_S = 5.0
#: Peak resident memory bound for one CLI run on one input (the interpreter alone is ~35 MB).
MEMORY_LIMIT_MB = 300
#: Where the YAML report suffixes end and the converters begin.
DOCUMENT_SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf")


def corpus_files() -> list[Path]:
    """Every committed bad input, sorted (the generator script and notes are not inputs)."""
    return sorted(p for p in CORPUS.rglob("*")
                  if p.is_file() and p.parent != CORPUS and HOSTILE not in p.parents)


def is_document(path: Path) -> bool:
    return path.parent.name == "documents" or path.suffix.lower() in DOCUMENT_SUFFIXES


# --- big inputs, generated at test time ------------------------------------------------------------

MIB = 1024 * 1024


def _repeat_to(path: Path, chunk: bytes, size: int, head: bytes = b"") -> None:
    with path.open("wb") as handle:
        handle.write(head)
        block = chunk * max(1, MIB // len(chunk))
        written = len(head)
        while written < size:
            handle.write(block)
            written += len(block)


def _zip_bomb(path: Path, megabytes: int) -> None:
    """A .docx whose word/document.xml inflates to `megabytes` MB of spaces (about 1/1000 on disk)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with zf.open("word/document.xml", "w", force_zip64=True) as entry:
            entry.write(b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>')
            block = b" " * MIB
            for _ in range(megabytes):
                entry.write(block)
            entry.write(b"</w:t></w:r></w:p></w:body></w:document>")


def generate_big(folder: Path) -> dict[str, Path]:
    """Write the inputs too big to commit into `folder`; returns name → path."""
    folder.mkdir(parents=True, exist_ok=True)
    base = BASE.read_text(encoding="utf-8")
    made: dict[str, Path] = {}

    def put(name: str, data: str | bytes) -> None:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        made[name] = path

    def grow(name: str, chunk: bytes, size: int, head: bytes = b"") -> None:
        path = folder / name
        _repeat_to(path, chunk, size, head)
        made[name] = path

    grow("50mb.yaml", "行政许可: 0\n".encode(), 50 * MIB, base.encode())
    grow("50mb_one_line.yaml", b"x", 50 * MIB, b"agency: ")
    grow("50mb.txt", "一、总体情况 本年度共收到申请 0 件。\n".encode(), 50 * MIB)
    grow("50mb.html", "<tr><td>自然人</td><td>0</td></tr>".encode(), 50 * MIB, b"<html><body><table>")
    grow("50mb.pdf", b"0 0 obj << /Length 0 >> stream\nendstream endobj\n", 50 * MIB, b"%PDF-1.4\n")
    grow("50mb_junk.docx", b"PK\x03\x04junk", 50 * MIB)
    grow("50mb_nul.yaml", b"\x00", 50 * MIB)
    # just under the 4 MiB text limit: read whole, then refused or checked quickly
    long_text = "一" * ((4 * MIB - len(base.encode()) - 64) // 3)
    put("long_line_4mib_preamble.yaml", base.replace("preamble: |\n", f"preamble: '{long_text}'\nx_old: |\n", 1))
    put("long_line_4mib_key.yaml", f"? {long_text}\n: 1\n" + base)
    put("long_line_10mib.yaml", "agency: '" + "x" * (10 * MIB) + "'\n")
    put("flow_list_4mib.yaml", "[" + "1," * (2 * MIB - 8) + "1]\n")
    put("block_list_4mib.yaml", "- 1\n" * (MIB - 4))
    put("many_keys_4mib.yaml", "".join(f"k{i}: 1\n" for i in range(300_000)))
    put("many_aliases_4mib.yaml", "a: &a x\nb: [" + "*a," * (MIB + 300_000) + "*a]\n")
    # deep nesting, far past MAX_DEPTH and past the parser's own limits
    put("deep_flow_seq_100k.yaml", "[" * 100_000 + "]" * 100_000)
    put("deep_flow_map_20k.yaml", "a: " + "{a: " * 20_000 + "1" + "}" * 20_000 + "\n")
    put("deep_block_map_2k.yaml", "".join(" " * i + "a:\n" for i in range(2_000)))
    put("deep_block_seq_2k.yaml", "".join(" " * i + "-\n" for i in range(2_000)))
    put("deep_html_50k.html", "<div>" * 50_000 + "一、总体情况" + "</div>" * 50_000)
    # alias bombs bigger than the committed ones
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 16)]
    put("billion_laughs_16_levels.yaml", "\n".join(lines) + "\n")
    put("alias_fan_out.yaml", "a: &a [" + ",".join(["x"] * 5000) + "]\nb: [" + ",".join(["*a"] * 5000) + "]\n")
    # adversarial but valid YAML: work proportional to size, not to its square
    import random

    rng = random.Random(5)
    pool = "予以公开不处理申请人其他总计本年度办理结果政府信息"
    heads = "".join(f"  {''.join(rng.choice(pool) for _ in range(20))}{i}: x\n" for i in range(6_000))
    put("many_odd_headings.yaml", base.replace("sections:\n", "sections:\n" + heads, 1))
    rows = "".join(f"    {''.join(rng.choice(pool) for _ in range(30))}{i}: [1, 2, 3]\n" for i in range(8_000))
    put("many_unknown_rows.yaml", base.replace("  主动公开:\n", "  主动公开:\n" + rows, 1))
    put("long_heading_1mib.yaml", base.replace("sections:\n", "sections:\n  ? '" + "总体" * 170_000 + "'\n  : x\n", 1))
    zip_bomb = folder / "zip_bomb_300mb.docx"
    _zip_bomb(zip_bomb, 300)
    made[zip_bomb.name] = zip_bomb
    return made


# --- a measured CLI run ----------------------------------------------------------------------------


@dataclass(slots=True)
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float
    timed_out: bool


#: Runs the command given as arguments and writes its own peak RSS (KiB) to the file named by
#: REPORTLINT_RSS_OUT. Linux carries a process's RSS high-water mark across fork and exec, so a
#: child forked straight from a large pytest process would report pytest's size; forked from this
#: small launcher instead, the grandchild reports only its own.
_LAUNCHER = """
import os, subprocess, sys
proc = subprocess.Popen(sys.argv[1:])
_, status, usage = os.wait4(proc.pid, 0)
with open(os.environ["REPORTLINT_RSS_OUT"], "w") as out:
    out.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_measured(args: list[str], timeout: float = 60.0, cwd: Path | None = None,
                 env: dict[str, str] | None = None) -> Run:
    """Run `python -m reportlint ARGS`; measure its wall time and its own peak RSS."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.TemporaryDirectory() as tmp:
        rss_file = Path(tmp) / "rss"
        child_env = {**(os.environ if env is None else env), "REPORTLINT_RSS_OUT": str(rss_file)}
        start = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-c", _LAUNCHER, sys.executable, "-m", "reportlint", *args],
                                stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd=cwd, env=child_env,
                                start_new_session=True)
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            os.killpg(proc.pid, 9)

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            proc.wait()
        finally:
            timer.cancel()
        seconds = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        peak_kib = int(rss_file.read_text()) if rss_file.is_file() else 0
        return Run(proc.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                   seconds, peak_kib / 1024, killed.is_set())


# --- issue 10: inputs built to expand ---------------------------------------------------------------

#: Every hostile input (small files built to expand, hostile paths) finishes within these bounds,
#: alone and inside a `-j 2` folder run, with a coded finding (issue 10).
HOSTILE_TIME_S = 15.0
HOSTILE_MEMORY_MB = 600
#: Good reports put beside a hostile input in a folder run; their findings must still be printed.
GOOD_REPORTS = (ROOT / "examples" / "xinzhou-kjj-2024.yaml", BASE)


def assert_bounded(run: Run, what: str) -> None:
    """The run ended by itself within the hostile bounds, without a traceback."""
    assert not run.timed_out, f"{what}: killed after the time limit"
    assert run.seconds <= HOSTILE_TIME_S, f"{what}: {run.seconds:.1f} s"
    assert run.peak_mb <= HOSTILE_MEMORY_MB, f"{what}: {run.peak_mb:.0f} MB"
    assert "Traceback" not in run.stderr + run.stdout, f"{what}: {run.stderr[-2000:]}"


def check_hostile(path: Path, folder: Path, codes: tuple[str, ...] = ("RL001",)) -> list[dict[str, object]]:
    """Check `path` alone, then in a `-j 2` run with a folder of good reports (copied into `folder`):
    bounded both times, one of `codes` for the hostile file, and the good reports' findings printed.

    Returns the hostile file's findings from the lone run."""
    import json
    import shutil

    alone = run_measured(["--format", "json", str(path)], timeout=HOSTILE_TIME_S * 3)
    assert_bounded(alone, path.name)
    assert alone.returncode == 1, (alone.returncode, alone.stderr[-2000:])
    found = [f for f in json.loads(alone.stdout) if isinstance(f, dict)]
    assert any(f.get("code") in codes for f in found), found[:5]
    folder.mkdir(parents=True, exist_ok=True)
    for n, good in enumerate(GOOD_REPORTS * 2):
        shutil.copy(good, folder / f"good-{n}.yaml")
    together = run_measured(["--format", "json", "-j", "2", str(path), str(folder)], timeout=HOSTILE_TIME_S * 3)
    assert_bounded(together, f"{path.name} in a -j 2 folder run")
    results = json.loads(together.stdout)
    files = {str(f["file"]) for f in results}
    assert any(name.endswith(path.name) for name in files), files
    # the seed example has errors, the corrected one has none: both copies of the seed must be listed
    assert sum(1 for name in files if Path(name).name in ("good-0.yaml", "good-2.yaml")) == 2, files
    return found
