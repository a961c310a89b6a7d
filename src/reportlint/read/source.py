"""Reading a file into text: size limits, encodings, and the reasons a file cannot be read."""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import BinaryIO

from reportlint.record import dataclass

#: Largest YAML report read (bytes). Real reports are 10–30 KB; anything near this is not a report.
MAX_TEXT_BYTES = 4 * 1024 * 1024


@dataclass(slots=True)
class Unreadable(Exception):
    """The file cannot be turned into text: `zh`/`en` say why; `line`/`column` say where (1-based)."""

    zh: str
    en: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return self.en


def read_bytes(path: Path, limit: int) -> bytes:
    """The file's bytes, refusing a missing, unreadable, oversized or not regular file (a FIFO, a
    device, a /proc entry: `paths.open_regular`) with `Unreadable`."""
    from reportlint.read.paths import open_regular, unreadable

    try:
        with open_regular(path) as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise unreadable(exc, path) from None
    return _within(data, limit)


def read_stream(stream: BinaryIO, limit: int = MAX_TEXT_BYTES) -> bytes:
    """At most `limit` bytes of an open stream (standard input), refused with `Unreadable` when
    there are more, as a file of that size is."""
    try:
        data = stream.read(limit + 1)
    except OSError as exc:
        raise Unreadable(f"无法读取标准输入：{exc.strerror}", f"cannot read standard input: {exc.strerror}") from None
    return _within(data, limit)


def _within(data: bytes, limit: int) -> bytes:
    if len(data) > limit:
        mib = limit / (1024 * 1024)
        raise Unreadable(
            f"文件超过 {mib:g} MiB 的上限，不像是一份年度报告",
            f"the file is larger than the {mib:g} MiB limit; it is not a report file",
        )
    return data


def decode(data: bytes) -> tuple[str, str]:
    """Decode report text: UTF-8 (with or without BOM), else GB18030/GBK. Returns (text, encoding)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE)):
        raise Unreadable(
            "文件是 UTF-16/UTF-32 编码；请另存为 UTF-8",
            "the file is UTF-16/UTF-32 encoded; save it as UTF-8",
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise Unreadable(
            "文件含有 NUL 字节，是二进制文件而非文本",
            "the file contains NUL bytes: it is binary, not text",
            line,
            _column(data, nul),
        )
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            pos = utf8_error.start
            line = data.count(b"\n", 0, pos) + 1
            column = _column(data, pos)
            raise Unreadable(
                f"文件既不是 UTF-8 也不是 GB18030/GBK 文本（第 {pos} 字节：0x{data[pos]:02x}）",
                f"the file is neither UTF-8 nor GB18030/GBK text (byte {pos}: 0x{data[pos]:02x})",
                line,
                column,
            ) from None


def _column(data: bytes, pos: int) -> int:
    """1-based column, in characters, of byte `pos`: the bytes before it on its line as UTF-8, else GB18030, else bytes."""
    before = data[data.rfind(b"\n", 0, pos) + 1 : pos]
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return len(before.decode(encoding)) + 1
        except UnicodeDecodeError:
            continue
    return len(before) + 1


def read_text(path: Path, limit: int = MAX_TEXT_BYTES) -> tuple[str, str]:
    """Read and decode a text file; see `read_bytes` and `decode`."""
    return decode(read_bytes(path, limit))
