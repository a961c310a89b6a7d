"""word/document.xml read as a stream: paragraphs and table cells in one pass, within limits.

Bounded by what the document expands to, not by its size on disk: the unpacked size of the
part, its number of XML elements, the columns a row spans and the text taken out. Merged cells
are resolved as python-docx does (a span counts its columns once; a vertical continuation is
its origin above) but from one grid row to the next, never by searching back up the table.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol

from reportlint.convert.blocks import Block, tidy
from reportlint.convert.converted import SourceRef
from reportlint.read.source import Unreadable

#: Most bytes word/document.xml may unpack to (the official template's is 0.25 MB).
MAX_XML_BYTES = 32 * 1024 * 1024
#: Most entries in the zip's directory (the official template has 16; Python reads them all
#: before anything else, so they are counted in the directory's end record first).
MAX_ENTRIES = 2_000
#: Most XML elements read from it (the official template has 7 600).
MAX_NODES = 250_000
#: Most grid columns one table row may span (the widest official table has 15).
MAX_COLUMNS = 1_000
#: Most characters of text taken out of the document (a report has 10 000 to 30 000).
MAX_TEXT = 1024 * 1024
#: Most paragraphs and cells taken out (the official template gives 330; each costs the table
#: matcher about a millisecond).
MAX_BLOCKS = 5_000



class _Attrs(Protocol):
    """An element's attributes (lxml's ``attrib``)."""

    def get(self, key: str, /) -> str | None: ...


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _T = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}t"
_BREAKS = {f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n"}
_PROPS = tuple(f"{_W}{name}" for name in ("gridBefore", "gridAfter", "gridSpan", "vMerge"))
#: The only elements the walk looks at; the others are counted and dropped.
#: Elements that put a picture in a paragraph.
_PICTURES = frozenset({f"{_W}drawing", f"{_W}pict"})
_STARTS = frozenset({f"{_W}body", _P, _TBL, _TR, _TC, *_PROPS, *_PICTURES})
_ENDS = frozenset({_P, _TBL, _TR, _TC, _T, *_BREAKS})


def check_directory(path: Path) -> None:
    """Refuse a zip whose directory lists more than `MAX_ENTRIES` entries, from its end record alone."""
    import struct

    with path.open("rb") as handle:
        size = handle.seek(0, 2)
        handle.seek(max(0, size - 65_557))
        tail = handle.read()
        end = tail.rfind(b"PK\x05\x06")
        if end < 0 or len(tail) < end + 22:
            return  # not a zip: zipfile says so
        entries, directory = struct.unpack_from("<HL", tail, end + 10)
        locator = end - 20
        if (entries == 0xFFFF or directory == 0xFFFFFFFF) and locator >= 0 and tail[locator:locator + 4] == b"PK\x06\x07":
            at = struct.unpack_from("<Q", tail, locator + 8)[0]
            handle.seek(min(at, size))
            record = handle.read(56)
            if len(record) == 56 and record[:4] == b"PK\x06\x06":
                entries, directory = struct.unpack_from("<QQ", record, 32)
    if entries > MAX_ENTRIES or directory > MAX_ENTRIES * 1024:
        raise Unreadable(f"zip 目录超过 {MAX_ENTRIES:,} 个条目的上限，不像是 Word 文档",
                         f"the zip's directory lists more than {MAX_ENTRIES:,} entries; it is not a Word document")


def open_document_xml(archive: zipfile.ZipFile) -> IO[bytes]:
    """The main part, refused before reading when its directory entry says it unpacks too far."""
    info = archive.getinfo("word/document.xml")
    if info.file_size > MAX_XML_BYTES:
        mib = MAX_XML_BYTES // (1024 * 1024)
        raise Unreadable(f"Word 文档正文解压后超过 {mib} MiB 的上限（{info.file_size // (1024 * 1024)} MiB）",
                         f"the Word document's text part unpacks to more than the {mib} MiB limit "
                         f"({info.file_size // (1024 * 1024)} MiB)")
    return archive.open(info)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


@dataclass(slots=True)
class _Row:
    """The row being read: its grid so far, and the cells starting at each grid offset."""

    number: int
    column: int = 1  # the next grid column (1-based), as python-docx counts cells
    offset: int = 0  # the next tc's grid offset (its own spans, as python-docx's grid_offset)
    starts: dict[int, tuple[int, int]] = field(default_factory=dict)  # offset -> (origin id, span)


@dataclass(slots=True)
class _Cell:
    span: int = 1
    merge: str | None = None  # w:vMerge: None, "restart" or "continue"
    paragraphs: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Walk:
    """The state of one pass: where in the body we are and what is being collected."""

    blocks: list[Block] = field(default_factory=list)
    counter: int = 0
    paragraphs: int = 0
    tables: int = 0
    text: int = 0
    body: int = -1  # depth of w:body
    table: int = -1  # depth of the body-level w:tbl being read
    row: _Row | None = None
    above: dict[int, tuple[int, int]] = field(default_factory=dict)  # the previous row's starts
    cell: _Cell | None = None
    cell_depth: int = -1
    para: list[str] | None = None  # the outermost paragraph being read (body or cell)
    para_depth: int = -1
    picture: bool = False  # the body paragraph being read holds a drawing (a pasted screenshot: RL206)

    def take(self, text: str) -> None:
        if self.para is None:
            return
        self.text += len(text)
        if self.text > MAX_TEXT:
            raise Unreadable(f"Word 文档的文字超过 {MAX_TEXT:,} 字的上限",
                             f"the Word document holds more than {MAX_TEXT:,} characters of text")
        self.para.append(text)

    def start(self, tag: str, depth: int, attrs: _Attrs) -> None:
        if tag == f"{_W}body" and self.body < 0:
            self.body = depth
        elif depth == self.body + 1 and self.body >= 0 and tag == _TBL:
            self.table = depth
            self.tables += 1
            self.above = {}
        elif self.table >= 0 and depth == self.table + 1 and tag == _TR:
            self.counter += 1
            self.row = _Row(self.row.number + 1 if self.row else 1)
        elif self.row is not None and depth == self.table + 2 and tag == _TC:
            self.cell, self.cell_depth = _Cell(), depth
        elif self.row is not None and depth == self.table + 3 and tag in (f"{_W}gridBefore", f"{_W}gridAfter"):
            if tag == f"{_W}gridBefore" and self.row.offset == 0 and self.row.column == 1:
                before = max(0, _int(attrs.get(f"{_W}val"), 0))
                self._widen(before)
                self.row.offset += before
        elif self.cell is not None and depth == self.cell_depth + 2 and tag in (f"{_W}gridSpan", f"{_W}vMerge"):
            if tag == f"{_W}gridSpan":
                self.cell.span = max(1, _int(attrs.get(f"{_W}val"), 1))
            else:
                self.cell.merge = attrs.get(f"{_W}val") or "continue"
        if tag == _P and self.para is None and (self.cell is not None or depth == self.body + 1):
            self.para, self.para_depth, self.picture = [], depth, False
        elif tag in _PICTURES and self.para is not None and self.cell is None:
            self.picture = True

    def end(self, tag: str, depth: int, text: str | None) -> None:
        if tag == _T and text:
            self.take(text)
        elif tag in _BREAKS:
            self.take(_BREAKS[tag])
        elif tag == _P and depth == self.para_depth and self.para is not None:
            self._paragraph("".join(self.para))
            self.para, self.para_depth = None, -1
        elif tag == _TC and depth == self.cell_depth and self.cell is not None:
            self._cell(self.cell)
            self.cell, self.cell_depth = None, -1
        elif tag == _TR and depth == self.table + 1 and self.row is not None:
            self.above = self.row.starts
        elif tag == _TBL and depth == self.table:
            self.table, self.row = -1, None

    def _add(self, block: Block) -> None:
        if len(self.blocks) >= MAX_BLOCKS:
            raise Unreadable(f"Word 文档的段落和表格单元格超过 {MAX_BLOCKS:,} 个的上限",
                             f"the Word document has more than {MAX_BLOCKS:,} paragraphs and table cells")
        self.blocks.append(block)

    def _paragraph(self, text: str) -> None:
        if self.cell is not None:
            self.cell.paragraphs.append(text)
            return
        self.paragraphs += 1
        self.counter += 1
        ref = SourceRef(self.counter, 1, f"第{self.paragraphs}段", "docx", paragraph=self.paragraphs)
        for piece in text.split("\n"):
            if tidy(piece):
                self._add(Block("para", piece.strip(), ref))
        if self.picture:
            self._add(Block("picture", "", ref))

    def _widen(self, columns: int) -> None:
        assert self.row is not None
        self.row.column += columns
        if self.row.column - 1 > MAX_COLUMNS:
            raise Unreadable(f"表{self.tables} 第{self.row.number}行展开后超过 {MAX_COLUMNS} 列（合并单元格的跨列数异常）",
                             f"table {self.tables}, row {self.row.number} spans more than {MAX_COLUMNS} columns "
                             "(an absurd column span of merged cells)")

    def _cell(self, cell: _Cell) -> None:
        row = self.row
        assert row is not None
        offset, column = row.offset, row.column
        row.offset += cell.span
        origin = self.above.get(offset) if cell.merge == "continue" else None
        if origin is not None:  # the lower part of a vertically merged cell: written once, above
            row.starts[offset] = origin
            self._widen(origin[1])
            return
        row.starts[offset] = (len(self.blocks), cell.span)
        self._widen(cell.span)
        where = f"表{self.tables} 第{row.number}行第{column}列"
        ref = SourceRef(self.counter, column, where, "docx", table=self.tables, row=row.number, cell=column)
        self._add(Block("cell", "\n".join(cell.paragraphs), ref, self.tables, row.number, column))


def walk(source: IO[bytes]) -> list[Block]:
    """Paragraphs (``第N段``) and table cells (``表N 第R行第C列``) of a document.xml, in order.

    XML and zip errors are told in both languages, with the line and column in the XML."""
    import zlib

    from lxml import etree

    try:
        return _walk(source, etree)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (0, 0)
        raise Unreadable(f"Word 文档正文（word/document.xml）不是有效的 XML：第{line}行第{column}列（{exc.msg}）",
                         f"the Word document's word/document.xml is not well-formed XML: line {line}, column {column} "
                         f"({exc.msg})") from None
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise Unreadable("Word 文档已损坏：压缩的数据有误", f"the Word document is damaged: bad compressed data ({exc})") from None


def _walk(source: IO[bytes], etree: Any) -> list[Block]:
    state = _Walk()
    depth = nodes = 0
    events = etree.iterparse(source, events=("start", "end"), resolve_entities=False, no_network=True,
                             load_dtd=False, huge_tree=False)
    for event, element in events:
        tag = element.tag
        if event == "start":
            depth += 1
            nodes += 1
            if nodes > MAX_NODES:
                raise Unreadable(f"Word 文档正文超过 {MAX_NODES:,} 个 XML 元素的上限",
                                 f"the Word document's text part has more than {MAX_NODES:,} XML elements")
            if tag in _STARTS:
                state.start(tag, depth, element.attrib)
            continue
        if tag in _ENDS:
            state.end(tag, depth, element.text)
        depth -= 1
        element.clear()
        while element.getprevious() is not None:
            del element.getparent()[0]
    blocks: list[Block] = state.blocks
    return blocks
