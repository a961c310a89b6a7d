"""The command leaves without the interpreter's clean-up of every module (issue 14: ~20 ms of a
~90 ms run), but with everything that clean-up did that matters: output flushed, exit statuses as
`sys.exit` gives them, exit handlers run, threads waited for."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import SEED

PRELUDE = """
import atexit, sys, threading, time
atexit.register(lambda: print('exit handler ran', file=sys.stderr))
def late():
    time.sleep(0.2)
    print('thread finished', file=sys.stderr)
threading.Thread(target=late).start()
sys.argv = ['reportlint', *sys.argv[1:]]
from reportlint.cli.main import run
run()
"""


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", PRELUDE, *args], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(("args", "status"), [
    (["--version"], 0),
    ([str(SEED)], 1),
    (["--no-such-option"], 2),
    (["--help"], 0),
])
def test_the_status_the_output_the_handlers_and_the_threads_survive_the_fast_exit(args, status):
    done = _run(*args)
    assert done.returncode == status, done.stderr
    assert "exit handler ran" in done.stderr and "thread finished" in done.stderr
    assert done.stderr.index("thread finished") < done.stderr.index("exit handler ran")  # as Python orders them
    if args == [str(SEED)]:
        assert "RL502" in done.stdout and done.stdout.rstrip().endswith("RL301）")  # the whole output, flushed


def test_a_reader_that_goes_away_is_no_error_and_no_message():
    """`reportlint … | head -1`: the rest of the output has nowhere to go; no traceback, no
    "Exception ignored" from a last flush."""
    command = f"{sys.executable} -m reportlint --format json {SEED} {SEED.parent} | head -c 10"
    done = subprocess.run(["bash", "-c", f"set -o pipefail; {command}"], capture_output=True, text=True, timeout=60)
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr, done.stderr
