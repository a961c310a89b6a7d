"""Consoles that cannot print every character (GBK on Windows, ASCII), and paths with Chinese
characters and spaces: replaced characters, never a crash, in every format."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED, run_cli

FORMATS = [("--format", "text", "--no-color"), ("--format", "text", "--color"), ("--format", "concise"),
           ("--format", "json"), ("--format", "sarif"), ("--format", "github")]
#: Printed by reportlint but not in GBK: U+2212 (the SARIF help's minus sign), a CJK Extension B
#: character and an emoji from the report itself.
OUTSIDE_GBK = "𠀀✅"


def _report(folder: Path) -> Path:
    """The seed report with characters outside GBK in its agency and its URL."""
    text = SEED.read_text(encoding="utf-8")
    text = text.replace('url: "http://kjj.sxxz.gov.cn/)"', f'url: "http://kjj.sxxz.gov.cn/{OUTSIDE_GBK})"')
    path = folder / "report.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _run(encoding: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    env.pop("NO_COLOR", None)
    return subprocess.run([sys.executable, "-m", "reportlint", *args], capture_output=True, env=env, timeout=60)


@pytest.mark.parametrize("encoding", ["gbk", "cp936", "ascii"])
@pytest.mark.parametrize("args", FORMATS, ids=lambda a: "-".join(a[1:]))
def test_a_console_that_cannot_print_a_character_gets_a_replacement(tmp_path, encoding, args):
    result = _run(encoding, *args, str(_report(tmp_path)))
    out, err = result.stdout.decode(encoding), result.stderr.decode(encoding)
    assert result.returncode == 1, err
    assert err == "" and "Traceback" not in out
    assert "RL502" in out and "?" in out  # the characters it cannot print are replaced …
    if encoding != "ascii":
        assert "网址" in out  # … and those it can are printed as they are
        if args[1] == "text":
            assert "│" in out


@pytest.mark.parametrize("encoding", ["gbk", "ascii"])
def test_messages_on_standard_error_never_crash(tmp_path, encoding):
    missing = f"{OUTSIDE_GBK}•.yaml"
    result = _run(encoding, "--config", missing, str(SEED))
    assert result.returncode == 2
    err = result.stderr.decode(encoding)
    assert err.startswith("reportlint: --config ") and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize("encoding", ["gbk", "ascii"])
def test_other_commands_fit_the_console_too(encoding):
    for args in (("rules", "RL301"), ("rules",), ("schema",)):
        result = _run(encoding, *args)
        assert result.returncode == 0, result.stderr.decode(encoding)


@pytest.mark.parametrize("args", FORMATS, ids=lambda a: "-".join(a[1:]))
def test_a_path_with_chinese_characters_and_spaces(tmp_path, args):
    folder = tmp_path / "年报 2024"
    folder.mkdir()
    (folder / "某某局 报告.yaml").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    for target in (folder, folder / "某某局 报告.yaml"):
        result = run_cli(*args, str(target), cwd=tmp_path)
        assert result.returncode == 1, result.stderr
        assert result.stderr == ""
        if args[1] == "sarif":
            uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    for r in json.loads(result.stdout)["runs"][0]["results"]}
            assert all("%E5%B9%B4%E6%8A%A5%202024/" in u for u in uris), uris
        else:
            assert "年报 2024/某某局 报告.yaml" in result.stdout
