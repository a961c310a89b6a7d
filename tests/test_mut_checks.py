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
