"""Untrusted paths and silent skips (issue 10), through the command line: FIFOs, devices, /proc
entries and links to them are RL001 and never read; `convert -o` refuses its input and non-regular
targets and creates its output exclusively; what a folder search passes over is said on stderr; a
run that found no report and a selection that matches no rule are exit 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import CORRECTED, SEED, run_cli
from robust_inputs import assert_bounded, check_hostile, run_measured
from test_robust_atomic import REPORT_TXT

#: A run on a FIFO that blocked would hang; these finish in well under a second.
TIMEOUT = 20


def _fifo(folder: Path, name: str = "report.yaml") -> Path:
    path = folder / name
    os.mkfifo(path)
    return path


def _messages(findings: list[dict[str, object]]) -> str:
    return " ".join(str(f.get("message_en")) for f in findings if f.get("code") == "RL001")


# --- named inputs that are not regular files -------------------------------------------------------

HOSTILE_NAMED = {
    "fifo": ("FIFO", "a named pipe"),
    "fifo_pdf": ("FIFO.pdf", "a named pipe"),
    "fifo_docx": ("FIFO.docx", "a named pipe"),
    "dev_zero": ("/dev/zero", "a character device"),
    "dev_null": ("/dev/null", "a character device"),
    "proc_stat": ("/proc/self/stat", "a system file in /proc or /sys"),
    "proc_mem": ("/proc/self/mem", "a system file in /proc or /sys"),
    "link_to_dev_zero": ("LINK", "a symbolic link to a character device"),
    "dev_stdin": ("/dev/stdin", "a symbolic link to a character device"),  # the runs' stdin is /dev/null
    "dev_kmsg": ("/dev/kmsg", "a character device"),  # a read blocks until the kernel logs
    "block_device": ("/dev/loop0", "a block device"),
    "sys_entry": ("/sys/class/net/lo/mtu", "a system file in /proc or /sys"),
}


def _hostile_path(tmp_path: Path, spec: str) -> Path:
    if spec.startswith("FIFO"):
        return _fifo(tmp_path, "report" + (Path(spec).suffix or ".yaml"))
    if spec == "LINK":
        link = tmp_path / "zero.yaml"
        link.symlink_to("/dev/zero")
        return link
    if not os.path.exists(spec):
        pytest.skip(f"{spec} does not exist here")
    return Path(spec)


@pytest.mark.parametrize("case", sorted(HOSTILE_NAMED))
def test_a_named_input_that_is_not_a_regular_file_is_rl001_and_never_read(tmp_path, case):
    spec, kind = HOSTILE_NAMED[case]
    path = _hostile_path(tmp_path, spec)
    found = check_hostile(path, tmp_path / "run")
    assert f"not a regular file ({kind})" in _messages(found), found


@pytest.mark.parametrize("case", sorted(HOSTILE_NAMED))
def test_previous_pointing_at_a_non_regular_file_is_rl001(tmp_path, case):
    spec, kind = HOSTILE_NAMED[case]
    target = _hostile_path(tmp_path, spec)
    report = tmp_path / "report-with-previous.yaml"
    report.write_text(CORRECTED.read_text(encoding="utf-8") + f"previous: '{target}'\n", encoding="utf-8")
    run = run_measured(["--format", "json", str(report)], timeout=TIMEOUT)
    assert_bounded(run, case)
    assert run.returncode == 1, run.stderr
    found = json.loads(run.stdout)
    assert f"cannot read last year's report {target}: not a regular file ({kind})" in _messages(found), found


def test_a_socket_named_is_rl001(tmp_path):
    import socket
    import tempfile

    with tempfile.TemporaryDirectory(dir="/tmp") as short:  # a socket's path is at most 107 bytes
        path = Path(short) / "report.yaml"
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(str(path))
            server.listen()
            run = run_cli("--format", "json", str(path), timeout=TIMEOUT)
    assert run.returncode == 1, run.stderr
    assert "not a regular file (a socket)" in _messages(json.loads(run.stdout))


def test_previous_option_naming_a_fifo_is_rl001(tmp_path):
    fifo = _fifo(tmp_path, "last-year.yaml")
    run = run_cli("--format", "json", "--previous", str(fifo), str(CORRECTED), timeout=TIMEOUT)
    assert run.returncode == 1, run.stderr
    assert "not a regular file (a named pipe)" in _messages(json.loads(run.stdout))


def test_previous_that_is_a_link_loop_is_rl001_not_an_internal_error(tmp_path):
    (tmp_path / "a.yaml").symlink_to("b.yaml")
    (tmp_path / "b.yaml").symlink_to("a.yaml")
    report = tmp_path / "report.yaml"
    report.write_text(CORRECTED.read_text(encoding="utf-8") + "previous: a.yaml\n", encoding="utf-8")
    run = run_cli("--format", "json", str(report), timeout=TIMEOUT)
    assert run.returncode == 1 and "internal error" not in run.stderr, run.stderr
    assert "a loop of symbolic links" in _messages(json.loads(run.stdout))


def test_a_looping_link_named_like_a_command_word_is_checked(tmp_path):
    (tmp_path / "loop").symlink_to("loop")
    run = run_cli("--format", "json", "loop", cwd=tmp_path, timeout=TIMEOUT)
    assert run.returncode == 1, run.stderr
    assert "a loop of symbolic links" in _messages(json.loads(run.stdout))


def test_dangling_link_named_is_rl001_saying_so(tmp_path):
    (tmp_path / "gone.yaml").symlink_to("nowhere.yaml")
    run = run_cli("--format", "json", "--lang", "en", str(tmp_path / "gone.yaml"), timeout=TIMEOUT)
    assert run.returncode == 1
    assert "a dangling symbolic link" in _messages(json.loads(run.stdout))


def test_skip_non_reports_does_not_open_a_fifo(tmp_path):
    fifo = _fifo(tmp_path)
    run = run_cli("--format", "json", "--force-exclude", "--skip-non-reports", str(fifo), timeout=TIMEOUT)
    assert run.returncode == 1, run.stderr
    assert "a named pipe" in _messages(json.loads(run.stdout))


@pytest.mark.parametrize("where", ["--config", ".reportlint.yaml", "pyproject.toml"])
def test_configuration_that_is_a_fifo_is_exit_2_without_reading(tmp_path, where):
    folder = tmp_path / "project"
    folder.mkdir()
    fifo = _fifo(folder, "config.yaml" if where == "--config" else where)
    args = ["--config", str(fifo)] if where == "--config" else []
    run = run_cli(*args, str(CORRECTED), cwd=folder, timeout=TIMEOUT)
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.splitlines() == [f"reportlint: cannot read configuration {fifo}: not a regular file "
                                       "(a named pipe); it was not read"]


def test_configuration_that_is_dev_zero_is_exit_2(tmp_path):
    run = run_cli("--config", "/dev/zero", str(CORRECTED), timeout=TIMEOUT)
    assert run.returncode == 2 and "a character device" in run.stderr and run.stderr.count("\n") == 1


def test_convert_refuses_a_fifo_as_its_document(tmp_path):
    fifo = _fifo(tmp_path, "report.pdf")
    run = run_cli("convert", str(fifo), "--lang", "en", timeout=TIMEOUT)
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr.strip() == f"reportlint: {fifo}: not a regular file (a named pipe); it was not read"


# --- convert -o ------------------------------------------------------------------------------------


@pytest.fixture
def document(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(REPORT_TXT, encoding="utf-8")
    return path


@pytest.mark.parametrize("spelling", ["same", "dotted", "symlink", "hardlink"])
def test_convert_refuses_to_write_over_its_input_even_with_force(document, tmp_path, spelling):
    target = {"same": document, "dotted": tmp_path / "." / "sub" / ".." / document.name,
              "symlink": tmp_path / "out.yaml", "hardlink": tmp_path / "hard.yaml"}[spelling]
    (tmp_path / "sub").mkdir()
    if spelling == "symlink":
        target.symlink_to(document)
    if spelling == "hardlink":
        os.link(document, target)
    run = run_cli("convert", str(document), "-o", str(target), "--force", timeout=TIMEOUT)
    assert run.returncode == 2
    assert run.stderr.splitlines() == [f"reportlint: {target} is the document being converted; "
                                       "choose another output file"]
    assert document.read_text(encoding="utf-8") == REPORT_TXT


@pytest.mark.parametrize("kind", ["fifo", "dev_null", "folder"])
def test_convert_refuses_a_target_that_is_not_a_regular_file_even_with_force(document, tmp_path, kind):
    target = {"fifo": tmp_path / "out.yaml", "dev_null": Path("/dev/null"), "folder": tmp_path / "dir"}[kind]
    if kind == "fifo":
        os.mkfifo(target)
    if kind == "folder":
        target.mkdir()
    what = {"fifo": "a named pipe", "dev_null": "a character device", "folder": "a folder"}[kind]
    run = run_cli("convert", str(document), "-o", str(target), "--force", timeout=TIMEOUT)
    assert run.returncode == 2
    assert run.stderr.splitlines() == [f"reportlint: {target} is {what}, not a regular file; "
                                       "reportlint writes only regular files"]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    if kind == "dev_null":
        assert Path("/dev/null").is_char_device()


def test_two_concurrent_converts_to_one_path_exactly_one_succeeds(document, tmp_path):
    for n in range(10):
        out = tmp_path / f"out-{n}.yaml"
        procs = [subprocess.Popen([sys.executable, "-m", "reportlint", "convert", str(document), "-o", str(out)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
        results = [(p.wait(timeout=60), p.stderr.read() if p.stderr else "") for p in procs]
        for p in procs:
            for stream in (p.stdout, p.stderr):
                if stream:
                    stream.close()
        codes = sorted(code for code, _ in results)
        assert codes == [0, 2], results
        loser = next(err for code, err in results if code == 2)
        assert loser.splitlines()[-1] == f"reportlint: {out} exists; use --force to overwrite it"
        assert out.read_text(encoding="utf-8").startswith(("agency", "#", "year")) or out.stat().st_size > 0
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_concurrent_exclusive_writes_in_threads_exactly_one_wins(tmp_path):
    from reportlint.cli import atomic

    for n in range(10):
        out = tmp_path / f"out-{n}.yaml"
        start = threading.Barrier(4)
        outcome: list[str] = []

        def write(text: str, out: Path = out, start: threading.Barrier = start, outcome: list[str] = outcome) -> None:
            start.wait()
            try:
                atomic.write_text(out, text)
                outcome.append(text)
            except atomic.Refused:
                outcome.append("refused")

        threads = [threading.Thread(target=write, args=(f"writer: {i}\n",)) for i in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        winners = [o for o in outcome if o != "refused"]
        assert len(winners) == 1 and outcome.count("refused") == 3
        assert out.read_text(encoding="utf-8") == winners[0]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# --- folder searches: nothing passed over silently -------------------------------------------------


def test_folder_contents_that_cannot_be_read_are_said_on_stderr(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "good.yaml").write_bytes(CORRECTED.read_bytes())
    os.mkfifo(folder / "pipe.yaml")
    (folder / "dangling.yaml").symlink_to("nowhere.yaml")
    (folder / "loop-a.yaml").symlink_to("loop-b.yaml")
    (folder / "loop-b.yaml").symlink_to("loop-a.yaml")
    (folder / "zero.pdf").symlink_to("/dev/zero")
    (folder / "old.ofd").write_bytes(b"PK\x03\x04")  # a type no loader reads (.doc goes to LibreOffice)
    (folder / "picture.png").write_bytes(b"\x89PNG")
    run = run_measured(["--format", "json", str(folder)], timeout=TIMEOUT)
    assert not run.timed_out and run.returncode == 0, run.stderr
    assert {f["file"] for f in json.loads(run.stdout)} <= {str(folder / "good.yaml")}
    assert run.stderr.splitlines() == [
        f"reportlint: skipped {folder / 'dangling.yaml'}: a dangling symbolic link: its target does not exist",
        f"reportlint: skipped {folder / 'loop-a.yaml'}: a loop of symbolic links",
        f"reportlint: skipped {folder / 'loop-b.yaml'}: a loop of symbolic links",
        f"reportlint: skipped {folder / 'old.ofd'}: reportlint cannot read .ofd files; save it as PDF",
        f"reportlint: skipped {folder / 'pipe.yaml'}: not a regular file (a named pipe); it was not read",
        f"reportlint: skipped {folder / 'zero.pdf'}: not a regular file (a symbolic link to a character device); "
        "it was not read",
    ]


#: Makes a folder named `locked` unlistable, as it is for a user without the permission (the tests
#: run as root, who may list any folder).
LOCKED_SCANDIR = """
import os
_scandir = os.scandir
def scandir(path="."):
    if os.path.basename(os.fspath(path).rstrip("/")) == "locked":
        raise PermissionError(13, "Permission denied", os.fspath(path))
    return _scandir(path)
os.scandir = scandir
"""


def test_a_folder_that_cannot_be_listed_is_said_on_stderr(tmp_path):
    trap = tmp_path / "trap"
    trap.mkdir()
    (trap / "sitecustomize.py").write_text(LOCKED_SCANDIR, encoding="utf-8")
    folder = tmp_path / "reports"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "hidden-report.yaml").write_bytes(SEED.read_bytes())
    (folder / "good.yaml").write_bytes(CORRECTED.read_bytes())
    env = {**os.environ, "PYTHONPATH": str(trap)}
    run = run_cli("--format", "json", str(folder), env=env, timeout=TIMEOUT)
    assert run.returncode == 0, run.stderr
    assert run.stderr.splitlines() == [f"reportlint: skipped {folder / 'locked'}: cannot list the folder: "
                                       "permission denied"]
    only_locked = run_cli(str(folder / "locked"), env=env, timeout=TIMEOUT)
    assert only_locked.returncode == 2
    assert only_locked.stderr.splitlines()[-1] == (f"reportlint: no reports found in {folder / 'locked'} "
                                                   "(1 passed over (listed above))")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may list any folder (the mocked test above covers it)")
def test_a_folder_without_permission_is_said_on_stderr(tmp_path):
    folder = tmp_path / "reports"
    (folder / "locked").mkdir(parents=True)
    (folder / "good.yaml").write_bytes(CORRECTED.read_bytes())
    (folder / "locked").chmod(0)
    try:
        run = run_cli(str(folder), timeout=TIMEOUT)
    finally:
        (folder / "locked").chmod(0o755)
    assert f"reportlint: skipped {folder / 'locked'}: cannot list the folder: permission denied" in run.stderr


# --- runs that check nothing, selections that match nothing ----------------------------------------


def test_a_run_that_found_no_report_is_exit_2(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    run = run_cli(str(empty), timeout=TIMEOUT)
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.splitlines() == [f"reportlint: no reports found in {empty}"]
    (empty / "mkdocs.yml").write_text("site_name: x\nnav:\n  - index.md\n", encoding="utf-8")
    run = run_cli("--format", "json", str(empty), timeout=TIMEOUT)
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.splitlines() == [f"reportlint: no reports found in {empty} "
                                       "(1 skipped as not reports (-v lists them))"]


def test_no_report_is_normal_for_pre_commit(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nnav:\n  - index.md\n", encoding="utf-8")
    run = run_cli("--force-exclude", "--skip-non-reports", "mkdocs.yml", cwd=tmp_path, timeout=TIMEOUT)
    assert run.returncode == 0, run.stderr
    run = run_cli("--force-exclude", "--exclude", "*.yml", "mkdocs.yml", cwd=tmp_path, timeout=TIMEOUT)
    assert run.returncode == 0, run.stderr


@pytest.mark.parametrize("how", ["option", "config"])
def test_a_selection_that_matches_no_rule_is_exit_2(tmp_path, how):
    if how == "config":
        (tmp_path / ".reportlint.yaml").write_text("select: [RL8]\n", encoding="utf-8")
    args = ["--select", "RL8"] if how == "option" else []
    run = run_cli(*args, str(CORRECTED), cwd=tmp_path, timeout=TIMEOUT)
    assert run.returncode == 2 and run.stdout == ""
    where = "--select" if how == "option" else f"{tmp_path / '.reportlint.yaml'}: select"
    assert run.stderr.splitlines() == [f"reportlint: {where} RL8: no such rule"]


@pytest.mark.parametrize("value", ["", ",", " , "])
def test_an_empty_select_option_is_exit_2_not_every_rule(value):
    run = run_cli("--select", value, str(SEED), timeout=TIMEOUT)
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.splitlines() == [f"reportlint: --select {value!r}: names no rule; give codes or prefixes, "
                                       "like RL3,RL101"]
