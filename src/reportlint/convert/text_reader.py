"""Plain text (UTF-8 or GB18030/GBK): one block per line; an empty line is a row break."""

from __future__ import annotations

from pathlib import Path

from reportlint.convert.blocks import MAX_DOCUMENT_BYTES, Block
from reportlint.convert.converted import SourceRef
from reportlint.convert.limits import check_text
from reportlint.read.source import decode, read_bytes


def read_text_blocks(path: Path) -> list[Block]:
    """The lines of a text file as blocks; a line of only spaces or tabs is an empty cell."""
    text, _ = decode(read_bytes(path, MAX_DOCUMENT_BYTES))
    return text_blocks(text)


def text_blocks(text: str) -> list[Block]:
    check_text(text)
    blocks: list[Block] = []
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        if line == "":
            blocks.append(Block("break", "", SourceRef(number, 1, f"第{number}行", "txt")))
            continue
        indent = len(line) - len(line.lstrip(" \t\u3000\u00a0"))
        blocks.append(Block("line", line.rstrip("\n"), SourceRef(number, indent + 1, f"第{number}行", "txt")))
    return blocks
