"""Decisive tests of the rule kinds' helpers (checks/arith.py, dates.py, urls.py): exact values,
messages and places, so that a changed operator or constant fails a test."""

from __future__ import annotations

from decimal import Decimal

from reportlint.checks import arith
from reportlint.document.model import Cell
from reportlint.findings.finding import Place
from reportlint.format.packs import EquationSpec


def _instance(equation: str, values: list[int], each: str = "column") -> arith.Instance:
    parsed = arith.parse(EquationSpec("E1", "RL301", "主动公开", each, equation))
    cells = [Cell(Decimal(v), n + 1, 1, Place(("tables", "主动公开", t.ref, "数量"), "cell"), str(v))
             for n, (t, v) in enumerate(zip(parsed.terms, values, strict=True))]
    addends = [arith.Addend(t.ref, t.side, t.sign, [c]) for t, c in zip(parsed.terms, cells, strict=True)]
    return arith.Instance(parsed, "数量", addends, cells[0])


def test_parse_moves_every_term_to_the_left():
    terms = arith.parse(EquationSpec("E1", "RL301", "T", "column", "-甲 + 乙 = 丙 - 丁")).terms
    assert [(t.sign, t.ref, t.side) for t in terms] == [(-1, "甲", "lhs"), (1, "乙", "lhs"), (-1, "丙", "rhs"),
                                                        (1, "丁", "rhs")]


def test_describe_shows_subtractions_on_both_sides():
    instance = _instance("-甲 + 乙 - 丙 = 丁 - 戊 + 己", [1, 9, 2, 10, 3, 4])
    assert instance.lhs == 6 and instance.rhs == 11 and not instance.holds
    assert arith.describe(instance) == (
        "数量列：−甲 1 + 乙 9 − 丙 2 = 6，而 丁 10 − 戊 3 + 己 4 = 11",
        "column 数量: −甲 1 + 乙 9 − 丙 2 = 6, but 丁 10 − 戊 3 + 己 4 = 11",
    )


def test_describe_shows_a_side_of_one_term_once():
    instance = _instance("甲 = 乙 - 丙", [5, 9, 3])
    assert arith.describe(instance)[0] == "数量列：甲 5，而 乙 9 − 丙 3 = 6"
    assert instance.residual == -1


from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

CLEAN = (Path(__file__).resolve().parent.parent / "examples" / "xinzhou-kjj-2024-corrected.yaml").read_text(
    encoding="utf-8")


def _codes(check_text, text: str, prefix: str) -> list[tuple[str, int, str]]:
    return [(f.code, f.line, f.message_en) for f in check_text(text) if f.code.startswith(prefix)]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://kjj.sxxz.gov.cn/", []),
        ("http://kjj.sxxz.gov.cn/", ["RL504"]),
        ("http://www.example.com/a", ["RL503", "RL504"]),
        ("kjj.sxxz.gov.cn/nb", ["RL505"]),
        ("www.example.com", ["RL503", "RL505"]),
        ("https://kjj.sxxz.gov.cn/）", ["RL502"]),
        ("ftp://kjj.sxxz.gov.cn/", ["RL502"]),
        ("http://kjj.sxxz.gov.cn/。", ["RL502", "RL504"]),
        ("https://gov.cn/", []),
        ("https://xgov.cn/", ["RL503"]),
    ],
)
def test_url_codes_of_an_address(check_text, url, expected):
    text = CLEAN.replace("url: https://kjj.sxxz.gov.cn/", f"url: '{url}'")
    assert [c for c, line, _ in _codes(check_text, text, "RL50")] == expected
    assert all(line == 10 for _, line, _ in _codes(check_text, text, "RL50"))


def test_url_taken_from_the_preamble_when_the_key_is_missing(check_text):
    text = CLEAN.replace("url: https://kjj.sxxz.gov.cn/\n", "").replace("https://kjj.sxxz.gov.cn/）", "http://x.example.org/）")
    found = _codes(check_text, text, "RL50")
    assert [(c, line) for c, line, _ in found] == [("RL503", 10), ("RL504", 10)]
    assert "x.example.org" in found[0][2]


def test_no_url_anywhere_is_rl501_at_the_top(check_text):
    text = CLEAN.replace("url: https://kjj.sxxz.gov.cn/\n", "").replace("网站（https://kjj.sxxz.gov.cn/）", "网站")
    assert [(c, line) for c, line, _ in _codes(check_text, text, "RL50")] == [("RL501", 1)]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({}, []),
        ({"published: 2025-01-20": "published: 2025-01-31"}, []),
        ({"published: 2025-01-20": "published: 2025-02-01"}, [("RL402", 9)]),
        ({"published: 2025-01-20": "published: 2024-12-31"}, [("RL403", 9)]),
        ({"published: 2025-01-20": "published: 2025-01-01"}, []),
        ({"  end: 2024-12-31": "  end: 2024-12-30"}, [("RL401", 7)]),
        ({"  start: 2024-01-01": "  start: 2024-01-02"}, [("RL401", 7)]),
        ({"published: 2025-01-20\n": ""}, [("RL405", 1)]),
        ({"year: 2024": "year: 2019"}, [("RL401", 7), ("RL402", 9)]),
    ],
)
def test_date_codes(check_text, change, expected):
    text = CLEAN
    for old, new in change.items():
        assert old in text
        text = text.replace(old, new)
    assert [(c, line) for c, line, _ in _codes(check_text, text, "RL40")] == expected


def test_describe_names_a_row_by_its_last_label_without_a_row_name():
    instance = _instance("甲 = 乙", [5, 4], each="row")
    instance.where = "本年度办理结果/不予公开/其他"
    assert arith.describe(instance) == ("“其他”行：甲 5，而 乙 4", "row “其他”: 甲 5, but 乙 4")
    instance.row_name = "不予公开/8.其他"
    assert arith.describe(instance)[0] == "“不予公开/8.其他”行：甲 5，而 乙 4"
