"""Findings as data: places, the JSON shape of a finding (every key, with and without related places,
source and data), and suppression comments applied to findings (which are kept, which are dropped,
what RL902/RL903 say). In-process, so that mutation testing can see them."""

from __future__ import annotations

from reportlint.findings.emit import Emitter
from reportlint.findings.finding import Finding, Place, Related
from reportlint.findings.suppress import apply, directives
from reportlint.format.labels import suggest
from reportlint.format.library import builtin

SOURCE = {"kind": "pdf", "page": 4, "table": 5, "row": 8, "column": 2, "where": "第4页 表5 第8行第2列"}


def _finding(**extra) -> Finding:
    return Finding(code="RL301", severity="error", message_zh="合计不符", message_en="total differs", file="r.yaml",
                   line=7, column=9, name="row-sum", **extra)


def test_place_parse_of_text_and_escaped() -> None:
    place = Place.parse("tables/主动公开//行政 许可/")
    assert place == Place(("tables", "主动公开", "行政 许可"))
    assert Place.of("a/b c") == Place(("a", "b c"))
    assert Place.of(None) is None
    assert Place.of(place) is place
    odd = Place(("tables", "主动公开", "行政许可", "本年增/减", "a~b"), "cell")
    assert odd.text() == "tables/主动公开/行政许可/本年增/减/a~b"
    assert str(odd) == odd.text()
    assert odd.escaped() == "tables/主动公开/行政许可/本年增~1减/a~0b"
    assert Place(("~/",)).escaped() == "~0~1"
    assert Place(()).escaped() == ""


def test_place_child_parent_and_prefixes() -> None:
    cell = Place(("tables", "t"), "table").child("r", "c", kind="cell")
    assert cell == Place(("tables", "t", "r", "c"), "cell")
    assert (cell.table, cell.row, cell.column, cell.last) == ("t", ("r",), "c", "c")
    assert cell.parent == Place(("tables", "t", "r"), "row")
    assert cell.prefixes() == [Place(("tables", "t", "r", "c")), Place(("tables", "t", "r")), Place(("tables", "t")),
                               Place(("tables",)), Place(())]
    assert Place(()).prefixes() == [Place(())]


def test_message_by_language() -> None:
    finding = _finding()
    assert finding.message() == "合计不符"
    assert finding.message("zh") == "合计不符"
    assert finding.message("en") == "total differs"
    assert finding.message("EN") == "合计不符"


def test_as_dict_of_a_bare_finding_has_every_key_and_nothing_more() -> None:
    assert _finding().as_dict() == {
        "code": "RL301", "name": "row-sum", "severity": "error", "message": "合计不符", "message_zh": "合计不符",
        "message_en": "total differs", "file": "r.yaml", "line": 7, "column": 9, "path": None, "place": None,
    }
    assert _finding().as_dict("en")["message"] == "total differs"


def test_as_dict_with_place_related_source_and_data() -> None:
    place = Place(("tables", "依申请公开", "本年增/减"), "cell")
    related = [Related(Place(("tables", "t", "a"), "cell"), 3, 5, "加数", SOURCE),
               Related("tables/t/b", 4, 6),
               Related(None, 1, 1, "整个文件")]
    finding = _finding(place=place, related=related, data={"expected": "3", "found": "4"}, source=SOURCE)
    assert finding.as_dict("en") == {
        "code": "RL301", "name": "row-sum", "severity": "error", "message": "total differs",
        "message_zh": "合计不符", "message_en": "total differs", "file": "r.yaml", "line": 7, "column": 9,
        "path": "tables/依申请公开/本年增/减", "place": ["tables", "依申请公开", "本年增/减"],
        "source": SOURCE,
        "related": [
            {"path": "tables/t/a", "line": 3, "column": 5, "note": "加数", "place": ["tables", "t", "a"],
             "source": SOURCE},
            {"path": "tables/t/b", "line": 4, "column": 6, "note": "", "place": ["tables", "t", "b"]},
            {"path": None, "line": 1, "column": 1, "note": "整个文件"},
        ],
        "data": {"expected": "3", "found": "4"},
    }


def test_suggest_uses_the_cutoff_it_is_given() -> None:
    # "abcdef" against "abcxyz" is 0.5 alike: a hint at cutoff 0.5 (the default), none at 0.6.
    assert suggest("abcdef", ["abcxyz"]) == "abcxyz"
    assert suggest("abcdef", ["abcxyz"], cutoff=0.6) is None
    assert suggest("abcdef", ["abcxyz", "zzzzzz", "abcdeq"]) == "abcdeq"
    assert suggest("abc", []) is None


def _made(findings: list[Finding]) -> list[tuple]:
    return [(f.code, f.line, f.column, f.message_zh, f.message_en) for f in findings]


def test_apply_keeps_what_cannot_be_hidden_and_reports_unknown_and_unused_codes() -> None:
    emit = Emitter("r.yaml")
    known = set(builtin().registry())
    text = ("# reportlint: file-ignore[RL0, RL999, R, RL4]\n"
            "a: 1  # reportlint: ignore[RL301]\n"
            "b: 2  # reportlint: ignore\n"
            "c: 3  # reportlint: ignore[RL302]\n")
    unreadable = Finding("RL001", "error", "读不了", "unreadable", "r.yaml", 1, 1)
    kept_after = Finding("RL302", "error", "x", "x", "r.yaml", 3, 1)
    hidden = Finding("RL301", "error", "y", "y", "r.yaml", 2, 1)
    also_hidden = Finding("RL302", "error", "z", "z", "r.yaml", 4, 1)
    out = apply([unreadable, kept_after, hidden, also_hidden], directives(text), known, emit)
    assert out[:2] == [unreadable, kept_after]
    assert _made(out[2:]) == [
        ("RL903", 1, 1, "“file-ignore[RL0]”没有屏蔽任何问题，可以删除", "“file-ignore[RL0]” suppresses nothing; remove it"),
        ("RL902", 1, 1, "屏蔽注释里的“RL999”不是已知的规则代码",
         "“RL999” in the suppression comment is not a known rule code"),
        ("RL902", 1, 1, "屏蔽注释里的“R”不是已知的规则代码", "“R” in the suppression comment is not a known rule code"),
        ("RL903", 1, 1, "“file-ignore[RL4]”没有屏蔽任何问题，可以删除", "“file-ignore[RL4]” suppresses nothing; remove it"),
        ("RL902", 3, 7, "屏蔽注释必须写明要屏蔽的规则代码，如 ignore[RL402]；不写代码的注释什么也不屏蔽",
         "a suppression must name the codes it suppresses, like ignore[RL402]; without codes it suppresses nothing"),
    ]
    assert emit.findings == []  # made, not kept


def test_cli_an_unknown_code_hides_nothing_even_when_a_known_code_starts_with_it(tmp_path) -> None:
    from conftest import CORRECTED, run_cli

    text = CORRECTED.read_text(encoding="utf-8").replace("published: 2025-01-20", "published: 2025-02-03")
    report = tmp_path / "report.yaml"
    report.write_text("# reportlint: file-ignore[R]\n" + text, encoding="utf-8")
    result = run_cli(str(report), "--format", "concise")
    assert result.returncode == 1
    assert "RL402" in result.stdout and "RL902" in result.stdout


def test_directives_are_bounded_at_exactly_their_limits() -> None:
    from reportlint.findings.suppress import MAX_CODES, MAX_DIRECTIVES, MAX_LIST_CHARS

    def one(text: str) -> tuple[tuple[str, ...], dict[str, int], str]:
        (d,) = directives(text)
        return d.codes, d.counts, d.problem

    fits = "RL1," * ((MAX_LIST_CHARS - 3) // 4) + "RL1"
    assert len(fits) <= MAX_LIST_CHARS and one(f"# reportlint: ignore[{fits}]") == (("RL1",), {"RL1": 64}, "")
    assert one(f"# reportlint: ignore[{'x' * MAX_LIST_CHARS}]")[2] == ""
    assert one(f"# reportlint: ignore[{'x' * (MAX_LIST_CHARS + 1)}]") == ((), {}, "too_long")
    assert one(f"# reportlint: ignore[{'x' * MAX_LIST_CHARS}") == ((), {}, "too_long")  # unclosed, long
    assert one(f"# reportlint: ignore[{'x' * (MAX_LIST_CHARS - 1)}") == ((), {}, "")  # unclosed: a blanket form
    codes = [f"RL{n}" for n in range(100, 100 + MAX_CODES)]
    assert one(f"# reportlint: ignore[{','.join(codes)}]") == (tuple(codes), {}, "")
    assert one(f"# reportlint: ignore[{','.join([*codes, 'RL999'])}]") == ((), {}, "too_long")
    assert one("# reportlint: ignore[rl4, RL4，RL5、rl4]") == (("RL4", "RL5"), {"RL4": 3}, "")
    found = directives("# reportlint: ignore[RL1]\n" * (MAX_DIRECTIVES + 5))
    assert len(found) == MAX_DIRECTIVES + 1
    assert [d.problem for d in found[-2:]] == ["", "too_many"] and found[-1].codes == () and found[-1].line == 257


def test_apply_reports_each_problem_of_a_comment_once() -> None:
    emit = Emitter("r.yaml")
    known = set(builtin().registry())
    text = ("# reportlint: file-ignore[XX1, XX1, RL4, RL4, RL301]\n"
            "# reportlint: ignore[" + "y" * 300 + "]\n")
    hidden = Finding("RL301", "error", "y", "y", "r.yaml", 9, 1)
    out = apply([hidden], directives(text), known, emit)
    assert _made(out) == [
        ("RL902", 1, 1, "屏蔽注释里的“XX1”不是已知的规则代码（写了 2 次）",
         "“XX1” in the suppression comment is not a known rule code (named 2 times)"),
        ("RL903", 1, 1, "“file-ignore[RL4]”没有屏蔽任何问题，可以删除（写了 2 次）",
         "“file-ignore[RL4]” suppresses nothing; remove it (named 2 times)"),
        ("RL902", 2, 1, "屏蔽注释“ignore[…]”的代码列表超过 256 个字符或 16 个不同代码，不予读取，什么也不屏蔽",
         "the list of codes of “ignore[…]” is longer than 256 characters or 16 distinct codes: it is not read "
         "and suppresses nothing"),
    ]
    many = directives("# reportlint: ignore[RL1]\n" * 300)
    out = apply([], many, known, emit)
    assert out[-1].code == "RL902" and out[-1].line == 257
    assert out[-1].message_en == "more than 256 suppression comments in the file: from this one on they are not read " \
                                 "and suppress nothing"
    assert len(out) == 257
