"""Limits on what one PDF expands to, applied to that document's pdfminer objects only.

pdfminer follows references, inflates streams and runs content without bounds: a chain of
references that loops never ends, a 2 MB stream inflates to 2 GB, forms that draw each other
twice run 2**n times. Here every object looked up, every stream decoded and every operation drawn
is counted against a `PdfBudget` (time, bytes, draws, characters, ruled lines); going over it raises
`Unreadable` naming the limit and the page. Nothing global is changed: the document's own
`getobj`, each stream's own `decode` and the page's own interpreter and device are replaced.
"""

from __future__ import annotations

import re
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reportlint.convert.blocks import Block
from reportlint.read.source import Unreadable

if TYPE_CHECKING:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdftypes import PDFStream

#: Most bytes one stream may decode to (an embedded CJK font can be 20 MB).
MAX_STREAM_BYTES = 64 * 1024 * 1024
#: Most bytes all the streams of a document may decode to together.
MAX_DECODED_BYTES = 256 * 1024 * 1024
#: Most LZW- or run-length-coded bytes decoded (they expand up to 1 000-fold, in pure Python).
MAX_LZW_INPUT = 256 * 1024
#: Most content bytes run for one page, forms counted each time they are drawn (the real reports
#: in tests/fixtures have at most 44 KB; pdfminer parses about 1 MB a second).
MAX_CONTENT_BYTES = 1024 * 1024
#: Most forms and images (XObjects) drawn on one page.
MAX_DRAWS = 2_000
#: Most characters on one page (the real reports: at most 700).
MAX_CHARS = 20_000
#: Most ruled lines (rects, lines, curves) on a page for table detection, past which the page is
#: read as text only (the real reports: at most 174; detection compares every pair).
MAX_RULED = 3_000
#: Processor time for one page, and for the whole document (seconds): the reading thread's own, so that a
#: busy machine does not refuse a real page (0.1–0.3 s each).
PAGE_SECONDS = 5.0
DOCUMENT_SECONDS = 12.0
#: Longest chain of objects that are only references to other objects.
MAX_CHAIN = 64

_ZLIB_CHUNK = 1024 * 1024
_XREF_STREAM = re.compile(rb"/Type\s*/XRef\b")
_STREAM = re.compile(rb"stream\r?\n")


def _size(count: int) -> str:
    return f"{count / 2**20:g} MiB" if count >= 2**20 else f"{count / 1024:g} KiB"


class NotedBlocks(list[Block]):
    """The blocks of a document, with notes on what was left out (shown by ``convert``)."""

    def __init__(self, blocks: list[Block], notes: list[str]) -> None:
        super().__init__(blocks)
        self.notes = notes


@dataclass(slots=True)
class PdfBudget:
    """What one document has spent so far; `page` is the page being read (0 before the first)."""

    started: float = field(default_factory=time.thread_time)
    page_started: float = field(default_factory=time.thread_time)
    page: int = 0
    decoded: int = 0
    content: int = 0
    draws: int = 0
    chars: int = 0
    ruled: int = 0

    def start_page(self, number: int) -> None:
        self.page, self.page_started = number, time.thread_time()
        self.content = self.draws = self.chars = self.ruled = 0

    def where(self) -> tuple[str, str]:
        return (f"第{self.page}页：", f"page {self.page}: ") if self.page else ("", "")

    def refuse(self, zh: str, en: str) -> Unreadable:
        at_zh, at_en = self.where()
        return Unreadable(at_zh + zh, at_en + en, max(self.page, 1))

    def tick(self) -> None:
        now = time.thread_time()
        if self.page and now - self.page_started > PAGE_SECONDS:
            raise self.refuse(f"处理超过 {PAGE_SECONDS:g} 秒的上限，放弃读取", f"reading took more than the {PAGE_SECONDS:g} s limit")
        if now - self.started > DOCUMENT_SECONDS:
            raise self.refuse(f"读取整个 PDF 超过 {DOCUMENT_SECONDS:g} 秒的上限，放弃读取",
                              f"reading the PDF took more than the {DOCUMENT_SECONDS:g} s limit")

    def spend(self, size: int) -> None:
        if size > MAX_STREAM_BYTES:
            raise self.refuse(f"一个数据流解压后超过 {_size(MAX_STREAM_BYTES)} 的上限（压缩炸弹）",
                              f"a stream decompresses to more than the {_size(MAX_STREAM_BYTES)} limit (a zip bomb)")
        self.decoded += size
        if self.decoded > MAX_DECODED_BYTES:
            raise self.refuse(f"数据流解压后合计超过 {_size(MAX_DECODED_BYTES)} 的上限",
                              f"the streams decompress to more than {_size(MAX_DECODED_BYTES)} in all")


def inflate(data: bytes, budget: PdfBudget, keep: bool = True) -> tuple[bytes, bool]:
    """Flate-decoded `data` (only counted, b"", unless `keep`), refused past `MAX_STREAM_BYTES`;
    the flag says it was corrupt or cut short."""
    inflater = zlib.decompressobj()
    parts: list[bytes] = []
    total = 0
    pending = data
    try:
        while not inflater.eof:
            part = inflater.decompress(pending, _ZLIB_CHUNK)
            total += len(part)
            if total > MAX_STREAM_BYTES:
                budget.spend(total)  # raises
            if keep:
                parts.append(part)
            pending = inflater.unconsumed_tail
            if not part and not pending:
                break
        corrupt = not inflater.eof
    except zlib.error:
        corrupt = True
    budget.spend(total)
    return b"".join(parts), corrupt


def _bounded_decode(stream: PDFStream, budget: PdfBudget) -> None:
    """Decode as pdfminer does, after checking the chain of filters expands within the limits.

    Flate, ASCII85 and ASCIIHex stages are run here first with the limits; a corrupt Flate
    stream keeps what inflated before the damage (pdfminer retries byte by byte, in quadratic
    time); other stages (images) are left to pdfminer, which does not expand them for text."""
    from pdfminer import pdftypes
    from pdfminer.ascii85 import ascii85decode, asciihexdecode
    from pdfminer.lzw import lzwdecode
    from pdfminer.runlength import rldecode

    data = stream.rawdata or b""
    if stream.decipher and stream.objid is not None and stream.genno is not None:
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    filters = stream.get_filters()
    for index, (name, params) in enumerate(filters):
        if name in pdftypes.LITERALS_FLATE_DECODE:
            last = index == len(filters) - 1
            source = data
            data, corrupt = inflate(source, budget, keep=not last)
            if corrupt:
                if len(filters) == 1 and not params:  # what inflated before the damage, as pdfminer keeps
                    stream.data, stream.rawdata = inflate(source, budget)[0], None
                    return
                raise budget.refuse("压缩数据流已损坏", "a compressed stream is damaged")
        elif name in pdftypes.LITERALS_ASCII85_DECODE:
            data = ascii85decode(data)
        elif name in pdftypes.LITERALS_ASCIIHEX_DECODE:
            data = asciihexdecode(data)
        elif name in pdftypes.LITERALS_LZW_DECODE or name in pdftypes.LITERALS_RUNLENGTH_DECODE:
            if len(data) > MAX_LZW_INPUT:
                raise budget.refuse(f"LZW 或行程编码的数据流超过 {_size(MAX_LZW_INPUT)} 的上限",
                                    f"an LZW or run-length coded stream is larger than the {_size(MAX_LZW_INPUT)} limit")
            data = lzwdecode(data) if name in pdftypes.LITERALS_LZW_DECODE else rldecode(data)
            budget.spend(len(data))
        else:
            break
    pdftypes.PDFStream.decode(stream)


def _lookup(lookup: Callable[[int], object], budget: PdfBudget) -> Callable[[int], object]:
    """`lookup` counted against the budget, refusing loops of references, bounding stream decoding."""
    from pdfminer.pdftypes import PDFObjRef, PDFStream

    def getobj(objid: int) -> object:
        budget.tick()
        found = lookup(objid)
        chain = 0
        target = found
        while isinstance(target, PDFObjRef):  # pdfminer would follow a loop for ever
            chain += 1
            if chain > MAX_CHAIN or target.objid == objid:
                raise budget.refuse(f"对象 {objid} 的引用形成循环（或链长超过 {MAX_CHAIN}）",
                                    f"object {objid} refers to itself through a loop of references "
                                    f"(or a chain over {MAX_CHAIN})")
            target = lookup(target.objid)
        if isinstance(found, PDFStream) and "decode" not in vars(found):
            stream = found
            stream.decode = lambda: _bounded_decode(stream, budget)  # type: ignore[method-assign]
        return found

    return getobj


def check_opening(data: bytes, budget: PdfBudget) -> None:
    """Open the document once with every lookup guarded: its trailer, catalog and encryption.

    pdfplumber opens it again unguarded; what opening touches is then known to be safe."""
    from io import BytesIO

    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    for match in _XREF_STREAM.finditer(data):  # read by pdfminer on opening, not through getobj
        start = _STREAM.search(data, match.end(), match.end() + 4096)
        if start is not None:
            inflate(data[start.end():start.end() + MAX_STREAM_BYTES], budget, keep=False)

    class Guarded(PDFDocument):
        def getobj(self, objid: int) -> object:
            return _lookup(super().getobj, budget)(objid)

    Guarded(PDFParser(BytesIO(data)))
    budget.decoded = 0


def guard(document: PDFDocument, budget: PdfBudget) -> None:
    """Guard every later lookup of `document` (its own `getobj`; nothing global changes)."""
    document.getobj = _lookup(document.getobj, budget)  # type: ignore[method-assign,assignment]


def interpret(page: Any, budget: PdfBudget) -> None:
    """Lay out a pdfplumber page under the budget (pdfplumber then uses this layout)."""
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfminer.pdftypes import stream_value
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    class Device(PDFPageAggregatorWithMarkedContent):
        def render_char(self, *args: Any, **kwargs: Any) -> float:
            budget.chars += 1
            if budget.chars > MAX_CHARS:
                raise budget.refuse(f"字符超过 {MAX_CHARS:,} 个的上限", f"more than {MAX_CHARS:,} characters")
            if budget.chars % 256 == 0:
                budget.tick()
            return super().render_char(*args, **kwargs)

        def paint_path(self, *args: Any, **kwargs: Any) -> None:
            budget.ruled += 1
            budget.tick()
            if budget.ruled <= MAX_RULED:
                super().paint_path(*args, **kwargs)

        def begin_figure(self, *args: Any, **kwargs: Any) -> None:
            budget.draws += 1
            budget.tick()
            if budget.draws > MAX_DRAWS:
                raise budget.refuse(f"绘制的图形对象超过 {MAX_DRAWS:,} 次的上限",
                                    f"more than {MAX_DRAWS:,} forms or images drawn")
            super().begin_figure(*args, **kwargs)

    class Interpreter(PDFPageInterpreter):
        def execute(self, streams: Any) -> None:
            for stream in streams:
                budget.content += len(stream_value(stream).get_data())
            if budget.content > MAX_CONTENT_BYTES:
                raise budget.refuse(f"页面内容超过 {_size(MAX_CONTENT_BYTES)} 的上限",
                                    f"the page's content is larger than the {_size(MAX_CONTENT_BYTES)} limit")
            budget.tick()
            super().execute(streams)

    device = Device(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    Interpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    page._layout = device.get_result()


def too_ruled(page: Any, budget: PdfBudget) -> bool:
    """Whether the page has too many ruled lines for table detection (then it is read as text)."""
    return budget.ruled > MAX_RULED or len(page.rects) + len(page.lines) + len(page.curves) > MAX_RULED


#: pdfminer's and Python's exceptions, told in both languages.
_ERRORS = {
    "PDFSyntaxError": ("PDF 语法错误", "a PDF syntax error"),
    "PSEOF": ("文件意外结束（不完整）", "the file ends unexpectedly (truncated)"),
    "PSSyntaxError": ("PDF 语法错误", "a PDF syntax error"),
    "PDFObjectNotFound": ("找不到引用的对象", "a referenced object is missing"),
    "PDFNoValidXRef": ("交叉引用表无效", "no valid cross-reference table"),
    "PDFTypeError": ("对象类型不对", "an object of the wrong type"),
    "PDFValueError": ("对象的值无效", "an invalid value in an object"),
    "PDFNotImplementedError": ("使用了不支持的功能（如压缩方式）", "an unsupported feature (such as a compression filter)"),
    "RecursionError": ("对象嵌套过深或相互引用", "objects nested too deeply or referring to each other"),
    "MemoryError": ("内存不足", "out of memory"),
    "error": ("压缩数据已损坏", "damaged compressed data"),
    "KeyError": ("缺少必需的条目", "a required entry is missing"),
}


def explain(exc: BaseException, budget: PdfBudget) -> Unreadable:
    """An exception from pdfplumber or pdfminer as `Unreadable`, in both languages, with its page."""
    from pdfminer.pdfdocument import PDFEncryptionError

    cause: BaseException | None = exc
    inner = exc
    for _ in range(16):  # pdfplumber wraps what pdfminer raised
        if cause is None:
            break
        if isinstance(cause, Unreadable):
            return cause
        if isinstance(cause, PDFEncryptionError):
            return Unreadable("文件已加密：请提供未加密的版本", "the file is encrypted: provide an unencrypted version")
        inner = cause
        wrapped = cause.args[0] if cause.args and isinstance(cause.args[0], BaseException) else None
        cause = wrapped or cause.__cause__ or cause.__context__
    name = type(inner).__name__
    zh, en = _ERRORS.get(name, (f"无法解析（{name}）", f"cannot be parsed ({name})"))
    detail = str(inner)[:200]
    return budget.refuse(f"PDF 无法读取：{zh}", f"cannot read the PDF: {en}" + (f" ({detail})" if detail else ""))
