"""Folder runs: the verdict per report in the summary, `-q`/`-qq`, and the progress bar on standard
error (issue 12, issue 13's --quiet)."""

from __future__ import annotations

import io
import json
import os
import pty
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORRECTED, EXAMPLES, run_cli
from reportlint.findings.finding import Finding, Place
from reportlint.findings.verdict import NAMES, VERDICTS, Tally, name, verdict

EN_VERDICTS = ("Reports: 5 checked — 1 clean, 1 with warnings only, 2 with errors, 1 unreadable; "
               "1 skipped (not reports)")
EN_TOP = ("Most frequent rules: RL001 unreadable-file ×2, RL302 outcome-total ×1, "
          "RL503 url-not-government-domain ×1")
ZH_VERDICTS = "报告：检查 5 份——通过 1 份，仅有警告 1 份，有错误 2 份，无法读取 1 份；跳过 1 个非报告文件"
ZH_TOP = "最常见的规则：RL001 unreadable-file（2 次）、RL302 outcome-total（1 次）、RL503 url-not-government-domain（1 次）"


def _folder(root: Path) -> Path:
    """A clean report, one with a warning only, one with an error, one whose last year's report is
    missing (an error, not unreadable: RL001 on `previous:`), one that is not YAML, and a file that is
    no report."""
    folder = root / "reports"
    folder.mkdir()
    shutil.copy(CORRECTED, folder / "a-clean.yaml")
    text = CORRECTED.read_text(encoding="utf-8")
    (folder / "b-warning.yaml").write_text(text.replace("url: https://kjj.sxxz.gov.cn/", "url: https://kjj.example.com/"),
                                           encoding="utf-8")
    shutil.copy(EXAMPLES / "broken" / "one-wrong-cell.yaml", folder / "c-error.yaml")
    (folder / "d-previous.yaml").write_text(text.replace("year: 2024\n", "year: 2024\nprevious: gone-2023.yaml\n"),
                                            encoding="utf-8")
    shutil.copy(EXAMPLES / "broken" / "syntax.yaml", folder / "e-syntax.yaml")
    (folder / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    return folder


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("REPORTLINT_PROGRESS", "COLUMNS", "GITHUB_ACTIONS")}
    return {**env, **extra}


# --- the verdict -------------------------------------------------------------------------------


def _f(code: str, severity: str, place: Place | None = None) -> Finding:
    return Finding(code, severity, "", "", "r.yaml", place=place, name=code.lower())  # type: ignore[arg-type]


def test_the_verdict_of_one_report():
    assert verdict([]) == "clean"
    assert verdict([_f("RL505", "info")]) == "clean"  # notes alone leave a report clean
    assert verdict([_f("RL505", "info"), _f("RL503", "warning")]) == "warnings"
    assert verdict([_f("RL503", "warning"), _f("RL302", "error"), _f("RL503", "warning")]) == "errors"
    assert verdict([_f("RL302", "error"), _f("RL001", "error")]) == "unreadable"
    assert verdict([_f("RL001", "error", Place(("previous",)))]) == "errors"  # last year's, not this file
    assert VERDICTS == ("clean", "warnings", "errors", "unreadable") and set(NAMES) == set(VERDICTS)
    assert [name(v, "en") for v in VERDICTS] == ["clean", "warnings only", "errors", "unreadable"]
    assert [name(v) for v in VERDICTS] == ["通过", "仅有警告", "有错误", "无法读取"]


def test_the_tally_counts_as_results_come_and_names_the_most_frequent_codes():
    tally = Tally()
    assert tally.add([_f("RL204", "warning")] * 3 + [_f("RL302", "error")]) == "errors"
    assert tally.add(iter([_f("RL204", "warning"), _f("RL101", "error")])) == "errors"  # an iterator is read once
    assert tally.add([]) == "clean"
    for code in ("RL103", "RL105", "RL601", "RL602"):
        tally.add([_f(code, "warning")])
    assert tally.checked == 7 and tally.reports == {"clean": 1, "warnings": 4, "errors": 2, "unreadable": 0}
    assert tally.top(5) == [("RL204", 4), ("RL101", 1), ("RL103", 1), ("RL105", 1), ("RL302", 1)]
    assert tally.names["RL204"] == "rl204"


# --- the summary through the command line ------------------------------------------------------


def test_a_folder_run_ends_with_the_verdicts_in_english_and_chinese(tmp_path):
    _folder(tmp_path)
    en = run_cli("--lang", "en", "--no-color", "reports", cwd=tmp_path, env=_env())
    assert en.returncode == 1, en.stderr
    tail = en.stdout.splitlines()[-4:]
    assert tail == ["3 errors, 1 warning, 0 notes in 4 of 5 files, 1 skipped (not reports)", EN_VERDICTS, EN_TOP,
                    "Explain a rule: reportlint rules CODE"]
    zh = run_cli("--lang", "zh", "--no-color", "reports", cwd=tmp_path, env=_env())
    assert zh.returncode == 1, zh.stderr
    assert zh.stdout.splitlines()[-3:-1] == [ZH_VERDICTS, ZH_TOP]
    assert en.stderr == zh.stderr == ""  # no bar: standard error is not a terminal


def test_files_passed_over_are_counted(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(CORRECTED, folder / "a.yaml")
    os.mkfifo(folder / "pipe.yaml")  # passed over, with a line on standard error
    run = run_cli("--lang", "en", "--no-color", "reports", cwd=tmp_path, env=_env())
    assert run.returncode == 0 and "skipped reports/pipe.yaml" in run.stderr
    assert run.stdout.splitlines()[-1] == ("Reports: 1 checked — 1 clean, 0 with warnings only, 0 with errors, "
                                           "0 unreadable; 1 passed over (not readable as reports)")
    assert "Most frequent" not in run.stdout  # nothing found, nothing named
    zh = run_cli("--lang", "zh", "--no-color", "reports", cwd=tmp_path, env=_env())
    assert zh.stdout.splitlines()[-1].endswith("；略过 1 个无法作为报告读取的文件")


def test_the_top_five_rules_are_the_five_found_most_often(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    text = CORRECTED.read_text(encoding="utf-8")
    url = "url: https://kjj.sxxz.gov.cn/"
    changes = {"host": (url, "url: https://kjj.example.com/", 3),  # RL503
               "http": (url, "url: http://kjj.sxxz.gov.cn/", 2),  # RL504
               "scheme": (url, "url: kjj.sxxz.gov.cn/", 1),  # RL505
               "late": ("published: 2025-01-20", "published: 2025-02-20", 1)}  # RL402
    for key, (old, new, times) in changes.items():
        for i in range(times):
            (folder / f"{key}{i}.yaml").write_text(text.replace(old, new), encoding="utf-8")
    for i in range(4):
        shutil.copy(EXAMPLES / "broken" / "syntax.yaml", folder / f"syntax{i}.yaml")  # RL001
    shutil.copy(EXAMPLES / "broken" / "one-wrong-cell.yaml", folder / "cell.yaml")  # RL302
    run = run_cli("--lang", "en", "--no-color", "-q", "reports", cwd=tmp_path, env=_env())
    assert run.returncode == 1
    assert run.stdout.splitlines()[-1] == (  # six codes; ties in code order; RL505 is the sixth
        "Most frequent rules: RL001 unreadable-file ×4, RL503 url-not-government-domain ×3, "
        "RL504 url-plain-http ×2, RL302 outcome-total ×1, RL402 published-late ×1")


def test_one_file_keeps_its_one_line_summary():
    run = run_cli("--lang", "en", "--no-color", str(CORRECTED), env=_env())
    assert run.stdout == "All clean: 1 file checked.\n"


# --- -q and -qq --------------------------------------------------------------------------------


def test_quiet_prints_only_the_summary_and_keeps_the_exit_code(tmp_path):
    _folder(tmp_path)
    run = run_cli("--lang", "en", "--no-color", "-q", "reports", cwd=tmp_path, env=_env())
    assert run.returncode == 1
    assert run.stdout.splitlines() == ["3 errors, 1 warning, 0 notes in 4 of 5 files, 1 skipped (not reports)",
                                       EN_VERDICTS, EN_TOP]
    assert run_cli("--lang", "en", "-q", "--exit-zero", "reports", cwd=tmp_path, env=_env()).returncode == 0
    concise = run_cli("--lang", "en", "--format", "concise", "--quiet", "reports", cwd=tmp_path, env=_env())
    assert concise.stdout == run.stdout and concise.returncode == 1  # concise has no summary: the text one
    one = run_cli("--lang", "zh", "--no-color", "-q", str(CORRECTED), env=_env())
    assert one.returncode == 0
    assert one.stdout.splitlines() == ["全部通过：检查了 1 个文件。",
                                       "报告：检查 1 份——通过 1 份，仅有警告 0 份，有错误 0 份，无法读取 0 份"]


def test_quiet_leaves_the_machine_formats_as_they_are(tmp_path):
    _folder(tmp_path)
    for fmt in ("json", "sarif", "github"):
        loud = run_cli("--format", fmt, "reports", cwd=tmp_path, env=_env())
        quiet = run_cli("--format", fmt, "-q", "reports", cwd=tmp_path, env=_env())
        assert (quiet.stdout, quiet.returncode) == (loud.stdout, loud.returncode == 1 and 1), fmt


def test_quiet_twice_prints_nothing_and_only_the_exit_code_tells(tmp_path):
    _folder(tmp_path)
    for fmt in ("text", "json"):
        run = run_cli("--format", fmt, "-qq", "reports", cwd=tmp_path, env=_env())
        assert (run.returncode, run.stdout, run.stderr) == (1, "", ""), fmt
    out = tmp_path / "out.json"
    run = run_cli("--format", "json", "-qq", "-o", str(out), "reports", cwd=tmp_path, env=_env())
    assert run.returncode == 1 and not out.exists()
    assert run_cli("-qq", str(CORRECTED), env=_env()).returncode == 0


# --- the progress bar --------------------------------------------------------------------------


def test_the_bar_is_drawn_on_standard_error_when_forced(tmp_path):
    _folder(tmp_path)
    for lang, rate in (("en", "files/s"), ("zh", "个/秒")):
        run = _raw(["--lang", lang, "--no-color", "-j", "1", "reports"], tmp_path,
                   _env(REPORTLINT_PROGRESS="1", COLUMNS="100"))
        assert run.returncode == 1
        err = run.stderr.decode()
        assert err.startswith("\r0/5 [") and "\r5/5 [" in err and rate in err, err
        assert err.endswith("\r\x1b[K")  # taken off the line before the summary
        assert all(len(part) < 100 for part in err.split("\r"))  # never wider than the terminal
        assert b"\r" not in run.stdout and b"[#" not in run.stdout  # the findings are untouched
    concise = _raw(["--format", "concise", "reports"], tmp_path, _env(REPORTLINT_PROGRESS="1"))
    assert b"\r5/5 [" in concise.stderr


def _raw(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    """`run_cli` without universal newlines: a carriage return stays one."""
    return subprocess.run([sys.executable, "-m", "reportlint", *args], cwd=cwd, env=env, capture_output=True,
                          timeout=60)


@pytest.mark.parametrize("args", [["--format", "json"], ["--format", "sarif"], ["--format", "github"], ["-q"],
                                  ["--statistics", "--format", "json"]])
def test_never_a_bar_for_machine_formats_or_quiet_runs(tmp_path, args):
    _folder(tmp_path)
    run = run_cli(*args, "reports", cwd=tmp_path, env=_env(REPORTLINT_PROGRESS="1"))
    assert run.returncode == 1 and run.stderr == "", run.stderr


def test_no_bar_when_standard_error_is_a_pipe_or_when_turned_off(tmp_path):
    _folder(tmp_path)
    assert run_cli("reports", cwd=tmp_path, env=_env()).stderr == ""
    assert _on_terminal(["--no-color", "reports"], tmp_path, _env(REPORTLINT_PROGRESS="0")).count(b"files") == 0


def test_a_terminal_gets_the_bar_without_being_asked(tmp_path):
    _folder(tmp_path)
    shown = _on_terminal(["--lang", "en", "--no-color", "reports"], tmp_path, _env(COLUMNS="80"))
    assert b"5/5 [" in shown and b"files/s" in shown


def test_the_bar_never_shares_a_line_with_the_findings_on_one_terminal(tmp_path):
    """Standard output and error on one terminal: what the terminal shows is the findings and the
    summary exactly as without the bar (the bar is cleared before each file's findings and the summary)."""
    folder = _folder(tmp_path)
    for i in range(8):  # enough files for the bar to be drawn between findings
        shutil.copy(folder / "c-error.yaml", folder / f"f{i}.yaml")
    plain = run_cli("--lang", "en", "--no-color", "-j", "1", "reports", cwd=tmp_path, env=_env())
    raw = _on_terminal(["--lang", "en", "--no-color", "-j", "1", "reports"], tmp_path,
                       _env(REPORTLINT_PROGRESS="1", COLUMNS="80"), stdout_too=True)
    assert raw.count(b"/13 [") >= 2, raw  # the bar was drawn, more than once
    assert _screen(raw.decode()) == plain.stdout.splitlines()


def _on_terminal(args: list[str], cwd: Path, env: dict[str, str], stdout_too: bool = False) -> bytes:
    """What the command writes to a terminal (its standard error, and its standard output if
    `stdout_too`; else standard output goes to a file)."""
    master, slave = pty.openpty()
    with open(cwd / "stdout.txt", "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "reportlint", *args], cwd=cwd, env=env,
                                stdin=subprocess.DEVNULL, stdout=slave if stdout_too else out, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed its end
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert proc.wait(timeout=60) in (0, 1)
    return b"".join(chunks)


def _screen(raw: str) -> list[str]:
    """The lines a terminal shows for `raw`: "\\r" goes back to the line's start, "\\x1b[K" erases to
    its end, other characters overwrite."""
    lines, line, col = [], [], 0
    i = 0
    while i < len(raw):
        if raw.startswith("\x1b[K", i):
            del line[col:]
            i += 3
            continue
        ch = raw[i]
        if ch == "\r":
            col = 0
        elif ch == "\n":
            lines.append("".join(line))
            line, col = [], 0
        else:
            line[col:col + 1] = [ch]
            col += 1
        i += 1
    if line:
        lines.append("".join(line))
    return lines


def test_statistics_end_with_the_verdicts_in_text_and_keep_json_a_list(tmp_path):
    _folder(tmp_path)
    text = run_cli("--statistics", "--lang", "en", "reports", cwd=tmp_path, env=_env())
    assert text.returncode == 1 and text.stdout.splitlines()[-1] == EN_VERDICTS
    zh = run_cli("--statistics", "--lang", "zh", "reports", cwd=tmp_path, env=_env())
    assert zh.stdout.splitlines()[-1] == ZH_VERDICTS
    as_json = run_cli("--statistics", "--format", "json", "reports", cwd=tmp_path, env=_env())
    assert [d["code"] for d in json.loads(as_json.stdout)] == ["RL001", "RL302", "RL503"]


def test_the_bar_says_rate_and_time_left_within_its_width():
    from reportlint.cli.progress import Bar

    now = [100.0]
    stream = io.StringIO()
    bar = Bar(200, stream, "en", clock=lambda: now[0])
    assert bar.line(100.0, 60) == "0/200 [" + "-" * 30 + "]   0%"
    for _ in range(50):
        bar.advance()
    now[0] = 110.0  # 50 files in 10 s: 5 files/s, 150 left: 30 s
    assert bar.line(now[0], 80) == "50/200 [" + "#" * 7 + "-" * 23 + "]  25% 5.0 files/s, 0:30 left"
    zh = Bar(200, stream, "zh", clock=lambda: 100.0)
    zh.done = 50
    assert zh.line(4100.0, 80).endswith("  25% 0.0 个/秒，剩余 3:20:00")
    assert len(bar.line(now[0], 40)) < 40  # the bar shrinks to fit
    bar.draw()
    assert stream.getvalue().startswith("\r50/200 [") and stream.getvalue().endswith("\x1b[K")
    bar.clear()
    assert stream.getvalue().endswith("\r\x1b[K") and not bar.shown


@pytest.mark.parametrize("sig, said", [(signal.SIGTERM, b"reportlint: terminated\n"),
                                       (signal.SIGINT, b"reportlint: interrupted\n")])
def test_a_stopped_run_takes_the_bar_off_its_line(tmp_path, sig, said):
    folder = tmp_path / "reports"
    folder.mkdir()
    for i in range(300):
        shutil.copy(EXAMPLES / "broken" / "one-wrong-cell.yaml", folder / f"r{i:03d}.yaml")
    proc = subprocess.Popen([sys.executable, "-m", "reportlint", "-j", "1", "reports"], cwd=tmp_path,
                            env=_env(REPORTLINT_PROGRESS="1"), stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    assert proc.stderr is not None
    seen = b""
    while b"/300 [#" not in seen:  # some files done: the run is under way
        chunk = os.read(proc.stderr.fileno(), 4096)
        assert chunk, seen
        seen += chunk
    proc.send_signal(sig)
    seen += proc.stderr.read()
    proc.stderr.close()
    assert proc.wait(timeout=60) == {signal.SIGTERM: 143, signal.SIGINT: 130}[sig]
    assert seen.endswith(b"\x1b[K\r\x1b[K" + said), seen[-200:]
