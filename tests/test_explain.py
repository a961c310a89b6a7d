"""`reportlint rules`: the list, and one rule explained in Chinese and English (through the CLI)."""

from __future__ import annotations

import subprocess
import sys

from reportlint.format.catalog import catalog


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reportlint", *args], capture_output=True, text=True, timeout=60)


def test_rules_lists_every_rule() -> None:
    done = cli("rules", "--lang", "en")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    listed = {line.split()[0] for line in lines if line.strip()}
    assert set(catalog()) <= listed
    row = next(line for line in lines if line.startswith("RL301 "))
    assert "application-balance" in row and "error" in row and "新收 + 上年结转" in row


def test_explain_in_english() -> None:
    done = cli("rules", "RL301", "--lang", "en")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for heading in ("## What it checks", "## Why", "## Basis", "**How sure**: F", "## Failing example",
                    "## Passing example"):
        assert heading in out
    assert "the first item plus the second equals the third plus the fourth" in out
    assert "本年新收政府信息公开申请数量: [5, 0, 0, 0, 0, 0, 5]" in out


def test_explain_in_chinese() -> None:
    done = cli("rules", "RL402", "--lang", "zh")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for heading in ("## 检查什么", "## 为什么", "## 依据", "**可信度**: F", "## 违规示例", "## 合规示例"):
        assert heading in out
    assert "条例第四十九条" in out and "published: 2025-02-10" in out


def test_explain_an_inferred_rule_says_so() -> None:
    out = cli("rules", "RL503", "--lang", "en").stdout
    assert "**How sure**: R" in out and "warnings only" in out


def test_explain_by_name_and_unknown_code() -> None:
    assert "# RL203 other-format-version" in cli("rules", "other-format-version", "--lang", "en").stdout
    done = cli("rules", "RL399")
    assert done.returncode == 2 and "RL399" in done.stderr
