"""Hostile DOCX and PDF for issue 10, built by hand: zipfile and XML strings, PDF objects with a
cross-reference table. Small ones are committed under tests/corpus/hostile/ (regenerate with
`python tests/hostile_documents.py`); big ones are written by the tests into a temporary folder."""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable
from pathlib import Path

HOSTILE = Path(__file__).resolve().parent / "corpus" / "hostile"
_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_TYPES = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
          'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.openxmlformats.org/'
         'officeDocument/2006/relationships/officeDocument"/></Relationships>')

# --- DOCX ------------------------------------------------------------------------------------------


def docx(path: Path, body: Iterable[str]) -> Path:
    """A .docx whose word/document.xml holds `body` (streamed: it may be far larger than memory)."""
    import zipfile

    def entry(name: str) -> zipfile.ZipInfo:  # a fixed date: the committed files stay the same
        info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        return info

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(entry("[Content_Types].xml"), _TYPES)
        archive.writestr(entry("_rels/.rels"), _RELS)
        with archive.open(entry("word/document.xml"), "w", force_zip64=True) as part:
            part.write(f'<?xml version="1.0" encoding="UTF-8"?><w:document {_NS}><w:body>'.encode())
            chunk: list[str] = []
            for piece in body:
                chunk.append(piece)
                if len(chunk) >= 4096:
                    part.write("".join(chunk).encode())
                    chunk.clear()
            part.write("".join(chunk).encode())
            part.write(b"</w:body></w:document>")
    return path


def _cell(text: str = "", props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def _heading() -> str:
    return "<w:p><w:r><w:t>示例县人民政府2024年政府信息公开工作年度报告</w:t></w:r></w:p>" + "".join(
        f"<w:p><w:r><w:t>{h}</w:t></w:r></w:p>" for h in ("一、总体情况", "二、主动公开政府信息情况"))


def docx_grid_span(path: Path, span: int = 99_999_999) -> Path:
    """One table row whose cells each claim to span `span` grid columns."""
    return docx(path, [_heading(), "<w:tbl><w:tr>",
                       *(_cell(f"规章{i}", f'<w:gridSpan w:val="{span}"/>') for i in range(3)), "</w:tr></w:tbl>"])


def docx_merge_chain(path: Path, rows: int = 10_000, columns: int = 2) -> Path:
    """A table whose every row below the first continues the vertical merge of the one above."""
    first = "<w:tr>" + "".join(_cell("规章", '<w:vMerge w:val="restart"/>') for _ in range(columns)) + "</w:tr>"
    rest = "<w:tr>" + "".join(_cell("", "<w:vMerge/>") for _ in range(columns)) + "</w:tr>"
    return docx(path, [_heading(), "<w:tbl>", first, *(rest for _ in range(rows)), "</w:tbl>"])


def docx_many_elements(path: Path, elements: int = 3_000_000) -> Path:
    """Millions of empty paragraphs: a few kilobytes on disk, no entity anywhere."""
    return docx(path, [_heading(), *("<w:p/>" for _ in range(elements))])


def docx_long_text(path: Path, characters: int = 8_000_000) -> Path:
    """One paragraph of `characters` characters in runs of 1 024 (it compresses a thousandfold)."""
    run = "<w:r><w:t>" + "公开" * 512 + "</w:t></w:r>"
    return docx(path, [_heading(), "<w:p>", *(run for _ in range(characters // 1024)), "</w:p>"])


def docx_many_cells(path: Path, tables: int = 4_000, rows: int = 5) -> Path:
    """Thousands of small tables, 40 000 cells: many blocks, each of them ordinary."""
    table = "<w:tbl>" + ("<w:tr>" + _cell("规章") + _cell("1") + "</w:tr>") * rows + "</w:tbl>"
    return docx(path, [_heading(), *(table for _ in range(tables))])


def docx_big_part(path: Path, megabytes: int = 100) -> Path:
    """A document.xml of `megabytes` MB of blanks between elements: under the 300 MB of all parts."""
    return docx(path, [_heading(), *(" " * 1024 * 1024 for _ in range(megabytes))])


def docx_many_entries(path: Path, entries: int = 100_000) -> Path:
    """A zip whose directory lists `entries` entries, all of them the same small document.xml."""
    import struct

    name, data = b"word/document.xml", f"<w:document {_NS}/>".encode()
    crc = zlib.crc32(data)
    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 0, 0, 0, crc, len(data), len(data), len(name), 0)
    directory = b"".join(
        struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 0, 0, 0, crc, len(data), len(data), len(entry), 0, 0,
                    0, 0, 0, 0) + entry
        for entry in (name if i == 0 else b"x%07d" % i for i in range(entries)))
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, min(entries, 0xFFFF), min(entries, 0xFFFF), len(directory),
                      len(local) + len(name) + len(data), 0)
    path.write_bytes(local + name + data + directory + end)
    return path


def docx_zip64_far(path: Path) -> Path:
    """A zip64 end record whose locator points 2**64 - 1 bytes away."""
    import struct

    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0, 0)
    locator = struct.pack("<4sLQL", b"PK\x06\x07", 0, 2**64 - 1, 1)
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 40 + locator + end)
    return path


# --- PDF -------------------------------------------------------------------------------------------


def pdf(path: Path, objects: list[bytes], root: int = 1, trailer: bytes = b"") -> Path:
    """A PDF of `objects` (object n is objects[n - 1]) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root {root} 0 R ".encode() + trailer
    out += f">>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def stream(data: bytes, extra: bytes = b"", compress: bool = False) -> bytes:
    if compress:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _page_pdf(path: Path, contents: bytes, more: list[bytes] | None = None, resources: bytes = b"") -> Path:
    """Catalog (1), pages (2), one page (3), its content (4), a font (5), then `more`."""
    return pdf(path, [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> "
        + resources + b" >> >>",
        contents,
        _FONT,
        *(more or []),
    ])


_TEXT = b"BT /F1 12 Tf 72 800 Td (Report 2024) Tj ET\n"


def pdf_reference_cycle(path: Path) -> Path:
    """The page's content is object 4, which is object 6, which is object 4 again."""
    return _page_pdf(path, b"6 0 R", [b"4 0 R"])


def pdf_stream_bomb(path: Path, megabytes: int = 2048) -> Path:
    """A content stream of a few megabytes that inflates to `megabytes` MB of blanks."""
    squeeze = zlib.compressobj(9)
    parts = [squeeze.compress(_TEXT)]
    block = b" " * (1024 * 1024)
    parts += [squeeze.compress(block) for _ in range(megabytes)]
    parts.append(squeeze.flush())
    data = b"".join(parts)
    return _page_pdf(path, b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")


def pdf_xref_stream_bomb(path: Path, megabytes: int = 512) -> Path:
    """A cross-reference stream (read on opening, before any page) that inflates to `megabytes` MB."""
    squeeze = zlib.compressobj(9)
    data = b"".join(squeeze.compress(b"\x00" * (1024 * 1024)) for _ in range(megabytes)) + squeeze.flush()
    head = b"%PDF-1.5\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    xref = len(head)
    head += (b"3 0 obj\n<< /Type /XRef /Size 4 /W [1 4 2] /Root 1 0 R /Length %d /Filter /FlateDecode >>\nstream\n"
             % len(data))
    path.write_bytes(head + data + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref)
    return path


def pdf_double_bomb(path: Path) -> Path:
    """Flate twice: a small stream whose first inflation is itself a bomb."""
    inner = zlib.compress(_TEXT + b" " * (512 * 1024 * 1024), 9)
    outer = zlib.compress(inner, 9)
    return _page_pdf(path, b"<< /Length %d /Filter [/FlateDecode /FlateDecode] >>\nstream\n" % len(outer)
                     + outer + b"\nendstream")


def pdf_ruled_lines(path: Path, lines: int = 12_000) -> Path:
    """A page with tens of thousands of ruled lines (a grid table detection would cross)."""
    rules = b"".join(b"%d %d m %d %d l S\n" % (50 + i % 500, 50 + (i // 500) * 6, 60 + i % 500, 50 + (i // 500) * 6)
                     for i in range(lines // 2))
    rules += b"".join(b"%d %d 1 1 re S\n" % (50 + i % 500, 60 + (i // 500) * 6) for i in range(lines // 2))
    return _page_pdf(path, stream(_TEXT + rules, compress=True))


def pdf_with_ruled_page(source: Path, path: Path, lines: int = 12_000) -> Path:
    """`source` with a page of `lines` ruled lines added by an incremental update (a new last page)."""
    import re

    import pdfplumber
    from pdfminer.pdftypes import resolve1

    data = source.read_bytes()
    previous = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    with pdfplumber.open(source) as document:
        trailer = document.doc.xrefs[0].get_trailer()
        root, pages = trailer["Root"].objid, document.doc.catalog["Pages"].objid
        kids = [kid.objid for kid in resolve1(document.doc.catalog["Pages"])["Kids"]]
        size = int(trailer["Size"])
    rules = b"".join(b"%d %d m %d %d l S\n" % (50 + i % 500, 50 + (i // 500) * 6, 60 + i % 500, 50 + (i // 500) * 6)
                     for i in range(lines))
    out = bytearray(data + b"\n")
    offsets = [len(out)]
    refs = b" ".join(b"%d 0 R" % kid for kid in [*kids, size])
    out += b"%d 0 obj\n<< /Type /Pages /Kids [%s] /Count %d >>\nendobj\n" % (pages, refs, len(kids) + 1)
    offsets.append(len(out))
    out += (b"%d 0 obj\n<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << >> >>"
            b"\nendobj\n" % (size, pages, size + 1))
    offsets.append(len(out))
    out += b"%d 0 obj\n" % (size + 1) + stream(rules, compress=True) + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n%d 1\n%010d 00000 n \n%d 2\n%010d 00000 n \n%010d 00000 n \n" % (pages, offsets[0], size, *offsets[1:])
    out += b"trailer\n<< /Size %d /Root %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (size + 2, root, previous, xref)
    path.write_bytes(bytes(out))
    return path


def pdf_operand_flood(path: Path, megabytes: int = 8) -> Path:
    """A content stream of millions of numbers and no operator (pdfminer stacks them all)."""
    return _page_pdf(path, stream(_TEXT + b"0 " * (megabytes * 512 * 1024), compress=True))


def pdf_form_fan_out(path: Path, levels: int = 40) -> Path:
    """Form XObjects each drawing the next twice: 2**levels draws, no cycle anywhere."""
    forms = []
    first = 6
    for level in range(levels):
        number = first + level
        body = b"/X Do /X Do" if level < levels - 1 else b"0 0 m 1 1 l S"
        refs = b"/Resources << /XObject << /X %d 0 R >> >>" % (number + 1) if level < levels - 1 else b""
        forms.append(stream(body, b" /Type /XObject /Subtype /Form /BBox [0 0 10 10] " + refs))
    return _page_pdf(path, stream(_TEXT + b"/X Do"), forms, b"/XObject << /X 6 0 R >>")


def pdf_encrypted(path: Path) -> Path:
    """A standard-security handler with a user password: nothing can be read without it."""
    owner = b"<" + b"11" * 32 + b">"
    user = b"<" + b"22" * 32 + b">"
    encrypt = b"<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O " + owner + b" /U " + user + b" >>"
    return pdf(path, [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        stream(b"\x8f\x13garbled"),
        encrypt,
    ], trailer=b"/Encrypt 5 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] ")


#: The small inputs committed to the corpus: name -> builder.
COMMITTED: dict[str, Callable[[Path], Path]] = {
    "docx/grid_span_99999999.docx": docx_grid_span,
    "docx/merge_chain_10000_rows.docx": docx_merge_chain,
    "docx/three_million_elements.docx": docx_many_elements,
    "docx/text_8_million_characters.docx": docx_long_text,
    "docx/many_tables_40000_cells.docx": docx_many_cells,
    "docx/zip64_locator_far.docx": docx_zip64_far,
    "pdf/reference_cycle.pdf": pdf_reference_cycle,
    "pdf/flate_twice_512mb.pdf": pdf_double_bomb,
    "pdf/ruled_lines_12000.pdf": pdf_ruled_lines,
    "pdf/form_fan_out_2_to_40.pdf": pdf_form_fan_out,
    "pdf/encrypted_user_password.pdf": pdf_encrypted,
}


if __name__ == "__main__":
    for name, build in COMMITTED.items():
        target = HOSTILE / name
        target.parent.mkdir(parents=True, exist_ok=True)
        build(target)
        print(f"{target.stat().st_size:>10,}  {name}")
