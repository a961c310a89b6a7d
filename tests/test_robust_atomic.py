"""Nothing lost (issue 5): `convert -o` writes atomically and refuses to overwrite without --force;
Ctrl-C exits 130 without a traceback and leaves no partial file, with one process or a pool."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SEED, run_cli
from reportlint.cli import atomic
from reportlint.cli import main as cli

REPORT_TXT = """忻州市科学技术局2024年政府信息公开工作年度报告
一、总体情况
我局认真学习贯彻《中华人民共和国政府信息公开条例》。
二、主动公开政府信息情况
三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议、行政诉讼情况
五、存在的主要问题及改进情况
六、其他需要报告的事项
"""


@pytest.fixture
def document(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(REPORT_TXT, encoding="utf-8")
    return path


def _temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_convert_writes_the_file_with_usual_permissions(document: Path, tmp_path: Path):
    out = tmp_path / "out.yaml"
    result = run_cli("convert", str(document), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert out.read_text(encoding="utf-8").strip()
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~_umask()  # not mkstemp's 0600
    assert not _temporaries(tmp_path)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_existing_output_is_refused_without_force(document: Path, tmp_path: Path):
    out = tmp_path / "out.yaml"
    out.write_text("precious: 1\n", encoding="utf-8")
    before = out.stat()
    result = run_cli("convert", str(document), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "precious: 1\n"
    assert out.stat().st_mtime_ns == before.st_mtime_ns
    assert not _temporaries(tmp_path)


def test_force_overwrites_and_keeps_the_file_mode(document: Path, tmp_path: Path):
    out = tmp_path / "out.yaml"
    out.write_text("old: 1\n", encoding="utf-8")
    out.chmod(0o640)
    result = run_cli("convert", str(document), "-o", str(out), "--force", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "old: 1" not in out.read_text(encoding="utf-8")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert not _temporaries(tmp_path)


def test_unwritable_target_is_one_line_and_leaves_nothing(document: Path, tmp_path: Path):
    out = tmp_path / "no-such-folder" / "out.yaml"
    result = run_cli("convert", str(document), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("reportlint: cannot write")
    target_dir = tmp_path / "a-directory"
    target_dir.mkdir()
    result = run_cli("convert", str(document), "-o", str(target_dir), "--force", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert not _temporaries(tmp_path)


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_failure_while_writing_leaves_no_temporary(tmp_path: Path, monkeypatch, failure):
    out = tmp_path / "out.yaml"

    def fail(_fd: int) -> None:
        raise failure

    monkeypatch.setattr(atomic.os, "fsync", fail)
    with pytest.raises(type(failure)):
        atomic.write_text(out, "a: 1\n" * 1000)
    assert not out.exists()
    assert not _temporaries(tmp_path)


def test_interrupt_during_convert_exits_130_and_leaves_nothing(document: Path, tmp_path: Path, monkeypatch,
                                                               capsys):
    out = tmp_path / "out.yaml"

    def interrupted(_src: str, _dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "replace", interrupted)
    monkeypatch.setattr(atomic.os, "link", interrupted)  # the last step of an exclusive write
    assert cli.main(["convert", str(document), "-o", str(out)]) == 130
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1] == "reportlint: interrupted"
    assert "Traceback" not in err
    assert not out.exists() and not _temporaries(tmp_path)


def test_refused_when_the_target_appears_while_writing(tmp_path: Path, monkeypatch):
    """Someone else creates the file between the first check and the rename: still refused."""
    out = tmp_path / "out.yaml"
    real_fsync = os.fsync

    def and_meanwhile(fd: int) -> None:
        real_fsync(fd)
        out.write_text("theirs\n", encoding="utf-8")

    monkeypatch.setattr(atomic.os, "fsync", and_meanwhile)
    with pytest.raises(atomic.Refused):
        atomic.write_text(out, "ours\n")
    assert out.read_text(encoding="utf-8") == "theirs\n"
    assert not _temporaries(tmp_path)


# --- Ctrl-C ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def many_reports(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    for n in range(300):
        shutil.copy(SEED, folder / f"report-{n:03d}.yaml")
    return folder


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_exits_130_without_traceback(many_reports: Path, tmp_path: Path, jobs: str):
    """SIGINT to the process group, as a terminal sends it, in the middle of checking 300 files."""
    out_path, err_path = tmp_path / "stdout", tmp_path / "stderr"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "reportlint", "--format", "json", "-j", jobs, str(many_reports)],
            stdout=out, stderr=err, stdin=subprocess.DEVNULL, start_new_session=True, cwd=tmp_path,
        )
        deadline = time.monotonic() + 30
        while out_path.stat().st_size < 4000 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert proc.poll() is None, "finished before it could be interrupted"
        os.killpg(proc.pid, signal.SIGINT)
        code = proc.wait(timeout=30)
    stderr = err_path.read_text(encoding="utf-8", errors="replace")
    assert code == 130, stderr
    assert stderr == "reportlint: interrupted\n"
    assert os.path.getsize(out_path) < 300 * 2000, "it stopped early"
    assert not list(tmp_path.glob(".*.tmp"))
