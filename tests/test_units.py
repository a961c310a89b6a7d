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


@pytest.mark.parametrize(
    ("url", "reasons"),
    [
        ("https://www.exa mple.gov.cn/", [("含有空格", "it contains spaces"),
                                          ("主机名“www.exa mple.gov.cn”无效", "the host “www.exa mple.gov.cn” is not valid")]),
        ("https://a.gov.cn/例", [("含有全角或中文字符“例”", "it contains full-width or CJK characters “例”")]),
        ("https://a.gov.cn/例）", [("含有全角或中文字符“例”", "it contains full-width or CJK characters “例”"),
                                  ("末尾多了“）”", "a stray “）” at the end")]),
        ("https://例例.gov.cn)", [("含有全角或中文字符“例”", "it contains full-width or CJK characters “例”"),
                                 ("末尾多了“)”", "a stray “)” at the end"),
                                 ("主机名“例例.gov.cn)”无效", "the host “例例.gov.cn)” is not valid")]),
        ("http://[::1", [("无法解析", "it cannot be parsed")]),
        ("mailto:x", [("缺少 http:// 或 https:// 和有效的主机名", "no http:// or https:// scheme and no valid host")]),
        ("https://:80/", [("主机名“:80”无效", "the host “:80” is not valid")]),
    ],
)
def test_url_problems_in_both_languages(url: str, reasons: list[tuple[str, str]]) -> None:
    assert problems(url) == reasons


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
    assert [fmt(Decimal(v)) for v in ("95", "95.0", "3.50", "-2", "1E+2", "1E-7", "12E+5")] == [
        "95", "95", "3.5", "-2", "100", "0.0000001", "1200000"]


@pytest.mark.parametrize(
    ("url", "bare"),
    [
        ("www.shanghai.gov.cn", True),
        ("www.shanghai.gov.cn/xxgk/2024.html）", True),
        ("(www.shanghai.gov.cn", False),
        ("https://www.shanghai.gov.cn", False),
        ("localhost", False),
        ("www.exa mple.gov.cn", False),
        ("http://[::1", False),
        ("", False),
        ("）", False),
    ],
)
def test_is_bare(url: str, bare: bool) -> None:
    from reportlint.checks.urls import is_bare

    assert is_bare(url) is bare


def test_split_reads_scheme_and_host() -> None:
    from reportlint.checks.urls import _split

    assert _split("HTTPS://WWW.A.GOV.CN/x") == ("https", "www.a.gov.cn")
    assert _split("www.a.gov.cn/x") == ("", "www.a.gov.cn")
    assert _split("https://:80/") == ("https", ":80")


@pytest.mark.parametrize(
    ("text", "blank"),
    [("—", True), ("－", True), ("／", True), ("0", False)],
)
def test_parse_cell_blank_marks(text: str, blank: bool) -> None:
    assert parse_cell(text).blank is blank


def test_parse_cell_reasons_in_both_languages_and_the_digit_limit() -> None:
    assert parse_cell("abc").error == ("不是数字", "not a number")
    assert parse_cell("+inf").error == ("不是有限的数", "not a finite number")
    assert parse_cell("-.nan", "signed").error == ("不是有限的数", "not a finite number")
    assert parse_cell("123456789012").value == Decimal(123456789012)
    assert parse_cell("1234567890123").error == ("数字大得不可能", "an impossibly large number")


def _messages(tmp_path, text: str, code: str, **settings) -> list[tuple[int, int, str, str]]:
    from reportlint.engine.run import check_file
    from reportlint.engine.settings import Settings

    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    return [(f.line, f.column, f.message_zh, f.message_en) for f in check_file(path, Settings(**settings))
            if f.code == code]


def test_url_messages_name_the_address(tmp_path) -> None:
    text = 'agency: 示例市科学技术局\nyear: 2024\nurl: "http://www.example.com/a）"\n'
    assert _messages(tmp_path, text, "RL503") == [
        (3, 6, "网址“http://www.example.com/a）”的主机名 www.example.com 不是 gov.cn 域名",
         "the host www.example.com of “http://www.example.com/a）” is not a gov.cn domain")]
    assert [(*m[:2], m[3]) for m in _messages(tmp_path, text, "RL504")] == [
        (3, 6, "the URL “http://www.example.com/a）” uses plain http; prefer https")]
    assert _messages(tmp_path, "agency: 示例市科学技术局\nyear: 2024\n", "RL501")[0][:2] == (1, 1)


def test_township_deadline_names_the_local_setting(tmp_path) -> None:
    text = "agency: 示例镇人民政府\nyear: 2024\npublished: 2025-03-01\n"
    found = _messages(tmp_path, text, "RL402", township_deadline=(2, 28))
    assert [(line, column) for line, column, _, _ in found] == [(3, 12)]
    assert "晚于乡镇（街道）的期限 2025-02-28 1 天（本地配置 township-deadline）" in found[0][2]
    assert found[0][3].endswith("(local setting township-deadline)")


def test_row_names_as_messages_write_them() -> None:
    from reportlint.checks.arith import _short, row_name
    from reportlint.format.library import builtin

    table = builtin().pack("gov-2021").table("依申请公开")
    assert table is not None
    assert row_name(table, "本年新收政府信息公开申请数量") == "新收"  # its short name
    assert row_name(table, "本年度办理结果") == "三、本年度办理结果"  # a number gets its 、
    assert row_name(table, "本年度办理结果/予以公开") == "（一）予以公开"  # the group may be left out
    assert row_name(table, "本年度办理结果/不予公开/属于国家秘密") == "不予公开/1.属于国家秘密"
    assert row_name(table, "甲/乙/丙") == "丙"  # no such row: its last label
    assert _short(table, "本年度办理结果/不予公开/*") == "不予公开（8项）"
    assert _short(table, "甲/乙/丙") == "丙"


@pytest.mark.parametrize(
    ("equation", "message"),
    [
        ("a + = b", "X: a term is missing before '='"),
        ("a = b +", "X: the equation ends with an operator"),
        ("a + b", "X: an equation has exactly one '=': 'a + b'"),
    ],
)
def test_a_malformed_equation_is_named(equation: str, message: str) -> None:
    from reportlint.checks.arith import EquationError, parse
    from reportlint.format.packs import EquationSpec

    with pytest.raises(EquationError) as caught:
        parse(EquationSpec(id="X", rule="RL391", table="T", each="row", equation=equation))
    assert str(caught.value) == message


def test_a_findings_fingerprint_leaves_positions_out() -> None:
    """What a baseline keys findings by: the message's values, never a line, and the messages
    themselves for a finding made without the emitter."""
    from reportlint.findings.baseline import key_of
    from reportlint.findings.emit import Emitter

    emit = Emitter("a.yaml")
    first = emit.make("RL004", "default", (5, 1), path="url", key="url", first_line=3)
    moved = emit.make("RL004", "default", (9, 1), path="url", key="url", first_line=7)
    other = emit.make("RL004", "default", (9, 1), path="url", key="uri", first_line=7)
    assert first.fingerprint == moved.fingerprint == "default\x1fkey=url"
    assert key_of("a.yaml", first) == key_of("a.yaml", moved) != key_of("a.yaml", other)
    plain = [Finding("RL302", "error", zh, zh, "a.yaml", 1, 1) for zh in ("41", "42", "41")]
    assert plain[0].fingerprint == ""
    assert key_of("a.yaml", plain[0]) == key_of("a.yaml", plain[2]) != key_of("a.yaml", plain[1])
