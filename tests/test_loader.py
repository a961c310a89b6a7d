"""The positioned YAML loader: positions, duplicates, encodings, limits, tags."""

from __future__ import annotations

import pytest

from reportlint.read import yamltree
from reportlint.read.source import Unreadable, decode


def test_positions_are_one_based_for_keys_and_values():
    root = yamltree.parse("agency: 某局\ntables:\n  复议诉讼:\n    行政复议: [0, 1, 0, 0, 1]\n")
    (k1, v1), (_, v2) = root.pairs
    assert (k1.line, k1.column, v1.line, v1.column) == (1, 1, 1, 9)
    row_key, row = v2.pairs[0][1].pairs[0]
    assert (row_key.line, row_key.column) == (4, 5)
    # columns count characters, not bytes or display cells: 行政复议 is four columns wide
    assert [(i.line, i.column, i.text) for i in row.items][:2] == [(4, 12, "0"), (4, 15, "1")]


def test_duplicate_keys_are_kept_in_order():
    root = yamltree.parse("year: 2023\nyear: 2024\n")
    assert [(k.text, v.text, k.line) for k, v in root.pairs] == [("year", "2023", 1), ("year", "2024", 2)]


def test_null_and_quoted_scalars():
    root = yamltree.parse('a: ~\nb: ""\nc: "1"\nd:\n')
    values = {k.text: v for k, v in root.pairs}
    assert values["a"].is_null and values["d"].is_null
    assert values["b"].text == "" and values["b"].quoted
    assert values["c"].text == "1" and values["c"].quoted


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("agency: [unclosed\n  year: 2024\n", 2, "started at line 1"),
        ("a: 1\n--- \nb: 2\n", 2, "several YAML documents"),
        ("a: !!python/object/apply:os.system [echo hi]\n", 1, "not allowed"),
        ("a: &x [*x]\n", 1, "cycle"),
        ("a: *nothing\n", 1, "YAML"),
    ],
)
def test_problems_have_positions(text, line, words):
    with pytest.raises(yamltree.YamlProblem) as info:
        yamltree.parse(text)
    assert info.value.line == line
    assert words in info.value.en


def test_alias_bomb_is_refused_quickly():
    levels = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    for n in range(1, 8):
        refs = ",".join([f"*a{n - 1}"] * 9)
        levels.append(f"a{n}: &a{n} [{refs}]")
    with pytest.raises(yamltree.YamlProblem) as info:
        yamltree.parse("\n".join(levels) + "\n")
    assert "alias bomb" in info.value.en


def test_empty_document_is_none():
    assert yamltree.parse("") is None
    assert yamltree.parse("# only a comment\n") is None


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("agency: 某局".encode(), "utf-8"),
        (b"\xef\xbb\xbf" + "agency: 某局".encode(), "utf-8"),
        ("agency: 某局".encode("gbk"), "gb18030"),
        ("agency: 𠀀局".encode("gb18030"), "gb18030"),
    ],
)
def test_encodings_read(data, encoding):
    text, found = decode(data)
    assert found == encoding
    assert text.startswith("agency: ")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ("agency".encode("utf-16"), "UTF-16"),
        (b"agency\x00: x", "NUL"),
        (b"agency: \x80\xff\xfe", "neither UTF-8 nor GB18030"),
    ],
)
def test_undecodable_text_is_refused(data, words):
    with pytest.raises(Unreadable) as info:
        decode(data)
    assert words in info.value.en


def test_missing_file_is_rl001(tmp_path):
    from reportlint.engine.run import check_file
    from reportlint.engine.settings import Settings

    findings = check_file(tmp_path / "nope.yaml", Settings())
    assert [(f.code, f.line) for f in findings] == [("RL001", 1)]
    assert "no such file" in findings[0].message_en


def test_oversized_file_is_rl001_without_reading_it_whole(tmp_path, monkeypatch):
    from reportlint.engine.run import check_file
    from reportlint.engine.settings import Settings
    from reportlint.read import source

    monkeypatch.setattr(source, "MAX_TEXT_BYTES", 1000)
    path = tmp_path / "big.yaml"
    path.write_text("agency: x\n" * 500)
    monkeypatch.setattr(source, "read_text", lambda p, limit=1000: source.decode(source.read_bytes(p, limit)))
    findings = check_file(path, Settings())
    assert findings[0].code == "RL001"
    assert "limit" in findings[0].message_en
