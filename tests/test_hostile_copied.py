"""RL703 (text copied from last year) in time linear in the text, whatever the text holds (issue
10: a character-level diff took 34 s on two sections of 10 000 "x" and never ended on a long
repetitive report)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import yaml

from reportlint.checks.years import sameness
from robust_inputs import BASE, HOSTILE_TIME_S, assert_bounded, run_measured


def test_a_copy_is_the_same_and_new_text_is_not() -> None:
    text = "我局认真贯彻条例。全年主动公开信息388条。\n存在的问题：渠道单一。"
    assert sameness(text, text) == 1.0
    assert sameness(text, text.replace("388", "402")) == 1.0  # numbers updated: still copied
    assert sameness(text, "今年新建了政务公开专区。办理申请81件。") == 0.0
    half = sameness(text, "我局认真贯彻条例。今年新建了政务公开专区，举办开放日两次。")
    assert 0.2 < half < 0.6


def test_repetitive_text_is_compared_in_linear_time() -> None:
    start = time.perf_counter()
    assert sameness("x" * 2_000_000, "x" * 2_000_000) == 1.0
    assert sameness("一。" * 200_000, "二。" * 200_000) == 0.0
    assert time.perf_counter() - start < 5


def test_long_repetitive_sections_through_the_command_line(tmp_path: Path) -> None:
    data = yaml.safe_load(BASE.read_text(encoding="utf-8"))
    sections = data["sections"]
    heading = next(h for h in sections if h.startswith("一"))
    sections[heading] = "x" * 1_000_000
    last = {**data, "year": data["year"] - 1, "sections": dict(sections)}
    data["previous"] = "last.yaml"
    (tmp_path / "last.yaml").write_text(yaml.safe_dump(last, allow_unicode=True), encoding="utf-8")
    report = tmp_path / "report.yaml"
    report.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    run = run_measured(["--format", "json", str(report)], timeout=HOSTILE_TIME_S * 3)
    assert_bounded(run, "two 1 MB sections of one character")
    found = [f for f in json.loads(run.stdout) if f["code"] == "RL703"]
    assert f"sections/{heading}" in [f["path"] for f in found]
