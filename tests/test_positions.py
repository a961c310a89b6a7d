"""Where unreadable files and YAML errors are reported: 1-based line and column, in characters.

A user counts characters, not bytes: after "某某局" (three characters, nine bytes of UTF-8) the next
character is in column 4 whatever the encoding. libyaml reports a reader error's position as a
byte offset of the UTF-8 text, PyYAML's own reader as a character offset; both must come out the same.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import run_cli
from reportlint.engine.run import check_file
from reportlint.engine.settings import Settings
from reportlint.read import yamltree
from reportlint.read.source import Unreadable, decode

#: (text, line, column) of the first character libyaml and PyYAML refuse.
CONTROL_CHARACTERS = [
    ("agency: 某某局\x07\n", 1, 12),
    ("年度报告: 中文\n备注: 文字\x01\n", 2, 7),
    ("agency: x\nyear: 2024\n备注: 一二三四五六七八九十\x1b\n", 3, 15),
    ("a: b\x07\n", 1, 5),
    ("中: \U0001F600\x07\n", 1, 5),  # a character outside the BMP is one column, not two or four
]


@pytest.fixture(params=["libyaml", "pyyaml"])
def loader(request, monkeypatch):
    """Run a test under libyaml (byte offsets) and under PyYAML's pure-Python reader (character offsets)."""
    if request.param == "pyyaml":
        monkeypatch.setattr(yamltree, "_Loader", yaml.SafeLoader)
        monkeypatch.setattr(yamltree, "_BYTE_POSITIONS", False)
    else:
        assert yamltree._Loader is not yaml.SafeLoader, "this PyYAML has no libyaml: the byte-offset path is untested"
    return request.param


def where(text: str) -> tuple[int, int]:
    with pytest.raises(yamltree.YamlProblem) as caught:
        yamltree.parse(text)
    return caught.value.line, caught.value.column


@pytest.mark.parametrize(("text", "line", "column"), CONTROL_CHARACTERS)
def test_control_character_position_in_characters(loader, text, line, column) -> None:
    """A control character after Chinese text is reported at its own line and character column."""
    assert text.splitlines()[line - 1][column - 1] < " "  # the expectation points at the character itself
    assert where(text) == (line, column)


def test_nul_character_in_yaml_text(loader) -> None:
    """A NUL reaching the YAML reader (not through a file) is placed like any control character."""
    assert where("a: 某\x00b\n") == (1, 5)


def test_syntax_error_after_chinese_text_is_in_characters(loader) -> None:
    """libyaml's marks count characters: 备注: 文字文字 is 8 characters, the stray ':' is column 9."""
    assert where("agency: 某某局\n备注: 文字文字: 错\n") == (2, 9)
    assert where("agency: 某某局\nyear: [1, 2\nx: 3\n") == (3, 2)


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        ("agency: 某某局\x00\n".encode(), 1, 12),
        ("年度报告: 中文\n备注: 文字\x00\n".encode(), 2, 7),
        ("年度报告: 中文\n备注: 文字".encode("gbk") + b"\x00\n", 2, 7),  # GBK text, two bytes a character
        (b"\xef\xbb\xbf" + "备注: 文字\x00".encode(), 1, 7),  # the BOM is not a column
        (b"a: b\n\nc: \x00", 3, 4),
    ],
)
def test_nul_byte_position(data: bytes, line: int, column: int) -> None:
    """A NUL byte (a binary file) is reported at its line and at the character column it follows."""
    with pytest.raises(Unreadable) as caught:
        decode(data)
    assert (caught.value.line, caught.value.column) == (line, column)


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        ("年度报告: 中文\n备注: 文字".encode() + b"\xff\xfe\n", 2, 7),
        (b"a: 1\nb: 2\nc: \xff\n", 3, 4),
    ],
)
def test_undecodable_byte_position(data: bytes, line: int, column: int) -> None:
    """A byte that is neither UTF-8 nor GB18030 is reported at its line and character column."""
    with pytest.raises(Unreadable) as caught:
        decode(data)
    assert (caught.value.line, caught.value.column) == (line, column)
    assert "0xff" in caught.value.en


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        ("agency: 某某局\nyear: 2024\n备注: 文字\x07\n".encode(), 3, 7),  # a YAML reader error
        ("agency: 某某局\nyear: 2024\n备注: 文字\x00\n".encode(), 3, 7),  # a NUL byte
        ("agency: 某某局\nyear: 2024\n备注: 文字".encode() + b"\xff\n", 3, 7),  # an undecodable byte
        ("agency: 某某局\nyear: 2024\n备注: 文字文字: 错\n".encode(), 3, 9),  # a syntax error
    ],
)
def test_rl001_position_of_a_file(tmp_path: Path, data: bytes, line: int, column: int) -> None:
    """Checking such a file gives one RL001 at exactly that line and column, in process and on the command line."""
    path = tmp_path / "report.yaml"
    path.write_bytes(data)
    assert [(f.code, f.line, f.column) for f in check_file(path, Settings())] == [("RL001", line, column)]
    done = run_cli("--format", "json", str(path))
    assert done.returncode == 1, done.stderr
    assert [(f["code"], f["line"], f["column"]) for f in json.loads(done.stdout)] == [("RL001", line, column)]
