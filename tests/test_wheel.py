"""A wheel built from the source tree carries the rule packs and works outside the checkout."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import ROOT, SEED


def test_wheel_carries_rule_packs_and_checks_the_seed(tmp_path):
    dist, site = tmp_path / "dist", tmp_path / "site"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = dist.glob("reportlint-*.whl")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
        capture_output=True, text=True, timeout=300,
    )
    assert install.returncode == 0, install.stderr
    assert (site / "reportlint" / "rulepacks" / "gov-2021" / "pack.yaml").is_file()
    assert (site / "reportlint" / "rulepacks" / "catalog" / "RL301.yaml").is_file()
    env = {**os.environ, "PYTHONPATH": str(site)}
    probe = "import reportlint.format.resources as r; print(r.rules_dir())"
    where = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert where.stdout.strip() == str(site / "reportlint" / "rulepacks")
    result = subprocess.run(
        [sys.executable, "-m", "reportlint", "--format", "json", str(SEED)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60,
    )
    assert result.returncode == 1
    assert {f["code"] for f in json.loads(result.stdout)} >= {"RL203", "RL502"}
    # the page's style, script and table drawings are in the wheel too
    assert (site / "reportlint" / "output" / "page.js").is_file()
    assert (site / "reportlint" / "rulepacks" / "drawings.yaml").is_file()
    page = subprocess.run(
        [sys.executable, "-m", "reportlint", "--format", "html", str(SEED)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60,
    )
    assert page.returncode == 1 and "申请人情况" in page.stdout and "function" in page.stdout, page.stderr
