"""Unit tests of the core functions, decisive enough to kill their mutants (scripts/mutation.sh):
label normalising, cell numbers, URL problems, the period sentence, suppression comments, the
order of findings and the arithmetic's formatting."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from reportlint.checks.arith import fmt
from reportlint.checks.dates import period_in_text
from reportlint.checks.urls import problems, url_in_text
from reportlint.document.numbers import parse_cell
from reportlint.findings.finding import Finding
from reportlint.findings.suppress import directives
from reportlint.format.labels import normalise, similarity, suggest


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("（三）不予公开", "不予公开"),
        ("(三)不予公开", "不予公开"),
        ("三、本年度办理结果", "本年度办理结果"),
        ("1.属于国家秘密", "属于国家秘密"),
        ("1、属于国家秘密", "属于国家秘密"),
        ("10) 其他", "其他"),
        ("第一部分 总体情况", "总体情况"),
        ("第二章、主动公开", "主动公开"),
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开"),
        ("危及“三安全一稳定”", "危及三安全一稳定"),
        ('危及"三安全一稳定"', "危及三安全一稳定"),
        ("  行政\u3000许可 ", "行政许可"),
        ("ABC", "abc"),
        ("（一）", "(一)"),  # numbering alone is kept (folded to half-width): nothing would be left
        ("本年增/减", "本年增/减"),
    ],
)
def test_normalise(written: str, key: str) -> None:
    assert normalise(written) == key


def test_normalise_strips_repeated_numbering_and_notes() -> None:
    assert normalise("三、（一）予以公开") == "予以公开"
    assert normalise("予以公开（注一）（注二）") == "予以公开"


def test_suggest_and_similarity() -> None:
    assert suggest("予以公示", ["予以公开", "部分公开", "不予公开"]) == "予以公开"
    assert suggest("完全不同的东西", ["予以公开"]) is None
    assert suggest("任何", []) is None
    assert similarity("（一）予以公开", "予以公开") == 1.0
    assert 0 < similarity("予以公开", "部分公开") < 1


@pytest.mark.parametrize(
    ("text", "value", "blank", "note"),
    [
        ("12", Decimal(12), False, None),
        (None, Decimal(0), True, None),
        ("/", Decimal(0), True, None),
        ("－", Decimal(0), True, None),
        ("无", Decimal(0), True, None),
        ("１２", Decimal(12), False, "full-width"),
        ("1,234", Decimal(1234), False, "separators"),
        (" 7 ", Decimal(7), False, None),
    ],
)
def test_parse_cell_counts(text, value, blank, note) -> None:
    parsed = parse_cell(text)
    assert (parsed.value, parsed.blank, parsed.noncanonical, parsed.error) == (value, blank, note, None)


@pytest.mark.parametrize(
    ("text", "kind", "reason"),
    [
        ("-1", "count", "a count cannot be negative"),
        ("1.5", "count", "a count must be a whole number"),
        ("abc", "count", "not a number"),
        ("inf", "count", "not a finite number"),
        ("1234567890123", "count", "an impossibly large number"),
    ],
)
def test_parse_cell_refuses(text, kind, reason) -> None:
    parsed = parse_cell(text, kind)
    assert parsed.value is None and parsed.error is not None and parsed.error[1] == reason


def test_parse_cell_money_and_signed() -> None:
    assert parse_cell("251000元", "money", "万元").value == Decimal("25.1")
    assert parse_cell("251000元", "money", "万元").noncanonical == "unit"
    assert parse_cell("3.50", "money").value == Decimal("3.5")
    assert parse_cell("-2", "signed").value == Decimal(-2)
    assert parse_cell("−2", "signed").value == Decimal(-2)


@pytest.mark.parametrize(
    ("url", "reasons"),
    [
        ("https://www.example.gov.cn/a.html", []),
        ("http://kjj.sxxz.gov.cn/)", ["a stray “)” at the end"]),
        ("https://www.example.gov.cn/a.html）", ["a stray “）” at the end"]),
        ("https://www.exa mple.gov.cn/", ["it contains spaces", "the host “www.exa mple.gov.cn” is not valid"]),
        ("https://www.例子.gov.cn/", ["it contains full-width or CJK characters “例子”", "the host “www.例子.gov.cn” is not valid"]),
        ("ftp://example.gov.cn/", ["the scheme “ftp” is not http:// or https://"]),
        ("mailto:x", ["no http:// or https:// scheme and no valid host"]),
        ("https://-bad.gov.cn/", ["the host “-bad.gov.cn” is not valid"]),
        ("https:///path", ["the host “” is not valid"]),
    ],
)
def test_url_problems(url: str, reasons: list[str]) -> None:
    assert [en for _, en in problems(url)] == reasons


def test_url_in_text() -> None:
    assert url_in_text("见网站（https://www.a.gov.cn/x.html）。") == "https://www.a.gov.cn/x.html"
    assert url_in_text("没有网址") is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("统计期限为2024年1月1日至2024年12月31日。", (date(2024, 1, 1), date(2024, 12, 31), 5)),
        ("自2024年1月1日起至12月31日止", (date(2024, 1, 1), date(2024, 12, 31), 1)),
        ("2024年2月30日至2024年12月31日", None),
        ("全年", None),
    ],
)
def test_period_in_text(text: str, found) -> None:
    assert period_in_text(text) == found


def test_directives_parse_codes_targets_and_columns() -> None:
    text = "a: 1  # reportlint: ignore[RL402,RL403] 延期\n# reportlint: ignore[rl204]\nb: 2\n# reportlint: file-ignore[RL5]\n"
    found = directives(text)
    assert [(d.kind, d.codes, d.line, d.column, d.target) for d in found] == [
        ("ignore", ("RL402", "RL403"), 1, 7, 1),
        ("ignore", ("RL204",), 2, 1, 3),
        ("file-ignore", ("RL5",), 4, 1, 0),
    ]
    assert directives("a: 1\n") == []


def _finding(line: int, column: int, code: str, file: str = "a.yaml") -> Finding:
    return Finding(code=code, severity="error", message_zh="", message_en="", file=file, line=line, column=column)


def test_findings_sort_by_file_line_column_then_code() -> None:
    found = [_finding(3, 9, "RL101"), _finding(3, 2, "RL302"), _finding(1, 5, "RL999"), _finding(3, 2, "RL204"),
             _finding(1, 1, "RL001", file="b.yaml")]
    ordered = sorted(found, key=Finding.sort_key)
    assert [(f.file, f.line, f.column, f.code) for f in ordered] == [
        ("a.yaml", 1, 5, "RL999"), ("a.yaml", 3, 2, "RL204"), ("a.yaml", 3, 2, "RL302"), ("a.yaml", 3, 9, "RL101"),
        ("b.yaml", 1, 1, "RL001"),
    ]


def test_fmt_writes_numbers_as_reports_do() -> None:
    assert [fmt(Decimal(v)) for v in ("95", "95.0", "3.50", "-2", "1E+2")] == ["95", "95", "3.5", "-2", "100"]
