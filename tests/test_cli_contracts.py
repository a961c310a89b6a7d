"""What the command line promises, through the real command line: an unreadable input is never
hidden, bad options are one line and exit 2, options may come before a subcommand, colour follows
the environment as people expect."""

from __future__ import annotations

import json
import os

import pytest

from reportlint.cli.main import main
from tests.conftest import EXAMPLES, run_cli

SYNTAX = str(EXAMPLES / "broken" / "syntax.yaml")
CLEAN = str(EXAMPLES / "county-2024.yaml")


def _json(capsys, *args: str) -> tuple[int, list[dict]]:
    code = main(["--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)


# 1. An unreadable or unparsable input is reported whatever selection, configuration or suppression says


@pytest.mark.parametrize(
    "args",
    [
        ["--select", "RL3", SYNTAX],
        ["--ignore", "RL001", SYNTAX],
        ["--ignore", "RL", "missing.yaml"],
        ["--select", "RL3", "old.doc"],
        ["--select", "RL3", "--previous", "missing.yaml", CLEAN],
        ["--ignore", "RL001", "--previous", "missing.yaml", CLEAN],
    ],
)
def test_unreadable_input_cannot_be_selected_away(capsys, args):
    code, findings = _json(capsys, *args)
    assert code == 1
    assert [(f["code"], f["severity"]) for f in findings] == [("RL001", "error")]


def test_binary_input_is_reported_under_select(tmp_path, capsys):
    path = tmp_path / "report.yaml"
    path.write_bytes(b"\x00\x01\x02\xff" * 64)
    code, findings = _json(capsys, "--select", "RL3", str(path))
    assert code == 1 and [f["code"] for f in findings] == ["RL001"]


@pytest.mark.parametrize(
    "config",
    [
        'select = ["RL3"]',
        'ignore = ["RL001"]',
        'severity = { RL001 = "off" }',
        'severity = { RL001 = "warning", RL = "info" }',
    ],
)
def test_unreadable_input_cannot_be_configured_away(tmp_path, monkeypatch, capsys, config):
    (tmp_path / "pyproject.toml").write_text(f"[tool.reportlint]\n{config}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, findings = _json(capsys, SYNTAX)
    assert code == 1
    assert [(f["code"], f["severity"]) for f in findings] == [("RL001", "error")]


@pytest.mark.parametrize("directive", ["file-ignore[RL001]", "file-ignore[RL]"])
def test_unreadable_previous_cannot_be_suppressed(tmp_path, capsys, directive):
    report = tmp_path / "report.yaml"
    report.write_text(
        (EXAMPLES / "county-2024.yaml").read_text(encoding="utf-8").replace("previous: county-2023.yaml", "")
        + f"previous: gone.yaml\n# reportlint: {directive}\n",
        encoding="utf-8",
    )
    code, findings = _json(capsys, str(report))
    assert code == 1
    assert ("RL001", "error") in {(f["code"], f["severity"]) for f in findings}


def test_unreadable_input_text_output_is_not_all_clean():
    result = run_cli("--lang", "en", "--select", "RL3", SYNTAX)
    assert result.returncode == 1
    assert "RL001" in result.stdout and "All clean" not in result.stdout
