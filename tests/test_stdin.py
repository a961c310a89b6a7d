"""A report read from standard input: `reportlint - --stdin-filename NAME < report.yaml`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CORRECTED, EXAMPLES, SEED


def _piped(data: bytes, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m reportlint ARGS < data`, as a shell would run it."""
    done = subprocess.run([sys.executable, "-m", "reportlint", *args], input=data, capture_output=True,
                          cwd=cwd, timeout=60)
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode("utf-8"),
                                       done.stderr.decode("utf-8"))


def _codes(result: subprocess.CompletedProcess[str]) -> list[tuple[str, str]]:
    return [(f["file"], f["code"]) for f in json.loads(result.stdout)]


def test_the_name_given_is_the_name_shown(tmp_path):
    result = _piped(SEED.read_bytes(), "-", "--stdin-filename", "2024/报告.yaml", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert ("2024/报告.yaml", "RL502") in _codes(result)
    assert {file for file, _ in _codes(result)} == {"2024/报告.yaml"}


def test_without_a_name_it_is_stdin(tmp_path):
    result = _piped(SEED.read_bytes(), "-", "--format", "concise", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("<stdin>:11:6: RL502"), result.stdout
    clean = _piped(CORRECTED.read_bytes(), "-", "--no-color", "--lang", "en", cwd=tmp_path)
    assert clean.returncode == 0 and "All clean: 1 file checked." in clean.stdout


def test_stdin_filename_alone_reads_standard_input(tmp_path):
    result = _piped(SEED.read_bytes(), "--stdin-filename", "x.yaml", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1 and ("x.yaml", "RL502") in _codes(result)


def test_stdin_and_files_in_one_run(tmp_path):
    result = _piped(SEED.read_bytes(), str(CORRECTED), "-", "--format", "json", cwd=tmp_path)
    assert {file for file, _ in _codes(result)} == {"<stdin>"}
    assert result.returncode == 1


def test_the_configuration_of_the_named_folder_applies(tmp_path):
    (tmp_path / "2024").mkdir()
    (tmp_path / "2024" / ".reportlint.yaml").write_text("ignore: [RL5]\n", encoding="utf-8")
    named = _piped(SEED.read_bytes(), "-", "--stdin-filename", "2024/报告.yaml", "--format", "json", cwd=tmp_path)
    unnamed = _piped(SEED.read_bytes(), "-", "--format", "json", cwd=tmp_path)
    assert not [c for _, c in _codes(named) if c.startswith("RL5")]
    assert [c for _, c in _codes(unnamed) if c.startswith("RL5")]


def test_previous_is_found_beside_the_name_given(tmp_path):
    folder = tmp_path / "县"
    folder.mkdir()
    shutil.copy(EXAMPLES / "county-2023.yaml", folder)
    report = (EXAMPLES / "county-2024.yaml").read_bytes()
    beside = _piped(report, "-", "--stdin-filename", "县/county-2024.yaml", "--format", "json", cwd=tmp_path)
    assert beside.returncode == 0 and _codes(beside) == [], beside.stdout
    here = _piped(report, "-", "--format", "json", cwd=tmp_path)  # the current folder: no county-2023.yaml there
    assert ("<stdin>", "RL001") in _codes(here) and here.returncode == 1


def test_excerpts_come_from_what_was_read_not_the_file_on_disk(tmp_path):
    (tmp_path / "r.yaml").write_text("# an older version on disk\n" * 20, encoding="utf-8")
    result = _piped(SEED.read_bytes(), "-", "--stdin-filename", "r.yaml", "--no-color", cwd=tmp_path)
    assert '11 │ url: "http://kjj.sxxz.gov.cn/)"' in result.stdout
    assert "older version" not in result.stdout


def test_too_large_or_unparsable_input_is_rl001_not_a_traceback(tmp_path):
    big = _piped(b"agency: x\n" + b"# padding\n" * 500_000, "-", "--format", "json", cwd=tmp_path)
    assert big.returncode == 1 and _codes(big) == [("<stdin>", "RL001")]
    assert "MiB" in json.loads(big.stdout)[0]["message_en"]
    broken = _piped(b"agency: [\n", "-", "--format", "json", cwd=tmp_path)
    assert broken.returncode == 1 and _codes(broken) == [("<stdin>", "RL001")]
    assert "Traceback" not in big.stderr + broken.stderr


def test_a_document_name_is_refused(tmp_path):
    result = _piped(b"%PDF-1.4", "-", "--stdin-filename", "报告.pdf", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("reportlint: --stdin-filename 报告.pdf: standard input is read as report YAML only")


def test_force_exclude_applies_to_the_name_given(tmp_path):
    args = ("-", "--stdin-filename", "drafts/a.yaml", "--exclude", "drafts", "--format", "json")
    skipped = _piped(SEED.read_bytes(), *args, "--force-exclude", cwd=tmp_path)
    assert skipped.returncode == 0 and skipped.stdout.strip() in ("", "[]"), skipped.stdout
    checked = _piped(SEED.read_bytes(), *args, cwd=tmp_path)
    assert checked.returncode == 1


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_at_a_terminal_it_says_what_it_waits_for(tmp_path):
    """`reportlint -` with the keyboard as standard input says it is reading and how to end; a
    report typed (here: sent) and ended with Ctrl-D is checked. Piped input gets no such line."""
    master, slave = os.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "reportlint", "-", "--stdin-filename", "typed.yaml",
                             "--format", "concise"], stdin=slave, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=tmp_path)
    os.close(slave)
    try:
        os.write(master, "agency: 某局\nyear: 2024\n".encode())
        time.sleep(0.5)
        os.write(master, b"\x04")  # Ctrl-D at the start of a line: the end of the input
        out, err = proc.communicate(timeout=60)
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
    assert "reading a report from standard input; end it with Ctrl-D" in err, err
    assert out.startswith("typed.yaml:") and "RL101" in out, out
    piped = _piped("agency: 某局\nyear: 2024\n".encode(), "-", "--stdin-filename", "typed.yaml", cwd=tmp_path)
    assert piped.stdout and "standard input" not in piped.stderr
