"""A worker process that dies — killed from outside, or by what it was checking — costs at most the
file it was checking, never the run, and the run never waits forever (cli/workers.py)."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import threading
import time

import pytest

from conftest import EXAMPLES, run_cli
from processes import children_of
from reportlint.cli.workers import watched_map

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="forks and reads /proc")

FORK = multiprocessing.get_context("fork") if sys.platform == "linux" else None


def _square_or_die(n: int) -> int:
    if n == 13:
        os.kill(os.getpid(), signal.SIGKILL)  # what checking this item does to its process
    return n * n


def _slow_square(n: int) -> int:
    time.sleep(0.02)
    return n * n


def _died(n: int, how: str) -> str:
    return f"{n} died: {how}"


def test_the_item_that_kills_its_worker_is_the_only_one_lost():
    started = time.monotonic()
    results = list(watched_map(FORK, 2, _square_or_die, list(range(40)), _died, chunksize=8))
    assert results == [n * n if n != 13 else "13 died: signal 9 SIGKILL" for n in range(40)]
    assert time.monotonic() - started < 30


def test_a_worker_killed_from_outside_costs_nothing():
    """Its chunk is checked again by a fresh pool: every result is there, in order."""
    def kill_one_worker() -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            workers = multiprocessing.active_children()
            if workers:
                time.sleep(0.3)
                os.kill(workers[0].pid, signal.SIGKILL)
                return
            time.sleep(0.02)

    killer = threading.Thread(target=kill_one_worker)
    killer.start()
    results = list(watched_map(FORK, 2, _slow_square, list(range(120)), _died, chunksize=8))
    killer.join()
    assert results == [n * n for n in range(120)]


def test_the_command_finishes_whole_when_a_worker_is_killed(tmp_path):
    """`reportlint -j 2 folder` with one of its workers killed (as the out-of-memory killer would):
    the same findings as a run left alone, exit 1, no hang, no traceback."""
    folder = tmp_path / "reports"
    folder.mkdir()
    examples = sorted(EXAMPLES.glob("*.yaml"))
    for n in range(800):
        shutil.copyfile(examples[n % len(examples)], folder / f"r{n:04}.yaml")
        if examples[n % len(examples)].name == "county-2024.yaml":
            text = (folder / f"r{n:04}.yaml").read_text(encoding="utf-8")
            (folder / f"r{n:04}.yaml").write_text(text.replace("previous: county-2023.yaml\n", ""), encoding="utf-8")
    alone = run_cli("--format", "json", "-j", "2", str(folder))
    proc = subprocess.Popen([sys.executable, "-m", "reportlint", "--format", "json", "-j", "2", str(folder)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    killed = False
    deadline = time.monotonic() + 20
    while not killed and proc.poll() is None and time.monotonic() < deadline:
        workers = children_of(proc.pid)
        if len(workers) >= 2:
            time.sleep(0.2)
            try:
                os.kill(workers[0], signal.SIGKILL)
                killed = True
            except ProcessLookupError:
                pass
        time.sleep(0.01)
    out, err = proc.communicate(timeout=120)
    assert killed, "the run ended before a worker could be killed"
    assert proc.returncode == alone.returncode == 1, err
    assert "Traceback" not in err
    assert json.loads(out) == json.loads(alone.stdout)
