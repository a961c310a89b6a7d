"""The bounded fuzz run of CI (issue 5): the harness of fuzz/fuzz_loader.py, driven by hypothesis
(atheris, when installed, is for the longer runs: `python fuzz/fuzz_loader.py --seconds 600`)."""

from __future__ import annotations

import importlib.util
import shutil
import sys

import pytest

from conftest import ROOT

#: Generated inputs in CI, on top of the seeds (the corpus and the examples).
CI_RUNS = 1500


@pytest.fixture(scope="module")
def harness():
    spec = importlib.util.spec_from_file_location("fuzz_loader", ROOT / "fuzz" / "fuzz_loader.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz_loader"] = module
    spec.loader.exec_module(module)
    yield module
    shutil.rmtree(module._WORK, ignore_errors=True)


def test_the_harness_catches_what_it_should(harness, monkeypatch):
    """The target must fail on an RL901 finding, or it would miss crashes that the engine catches."""
    from reportlint.engine import run as engine
    from reportlint.findings.finding import Finding

    crashed = Finding("RL901", "error", "检查出错", "a check crashed", "x.yaml", 1, 1)
    monkeypatch.setattr(engine, "check_file", lambda *_a, **_k: [crashed])
    with pytest.raises(AssertionError, match="a check crashed"):
        harness.one_input(b"\x00agency: x\n")


def test_bounded_fuzz_run(harness):
    before = harness.STATS["inputs"]
    harness.run_hypothesis(CI_RUNS, seconds=45)
    assert harness.STATS["inputs"] - before >= len(harness.seeds()) + 100
