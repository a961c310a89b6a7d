"""A one-page PDF of Chinese text lines and ruled cells, written by hand for the tests.

The text uses the standard Adobe-GB1 font STSong-Light, not embedded, in UTF-16 (UniGB-UTF16-H):
any PDF reader, and pdfplumber, read it back as the text written. Cells are drawn as rectangles,
so pdfplumber finds the table by its rules, as in a PDF printed from Word.
"""

from __future__ import annotations

from pathlib import Path

PAGE_WIDTH, PAGE_HEIGHT = 595, 842
SIZE = 10


class Page:
    """Text and cells at positions from the top left, in points."""

    def __init__(self) -> None:
        self.ops: list[str] = []

    def text(self, x: float, top: float, text: str, size: int = SIZE) -> None:
        y = PAGE_HEIGHT - top - size
        self.ops.append(f"BT /F1 {size} Tf {x:.1f} {y:.1f} Td <{text.encode('utf-16-be').hex()}> Tj ET")

    def cell(self, x: float, top: float, width: float, height: float, text: str = "") -> None:
        """A ruled cell; its text one line per line of `text`, centred."""
        self.ops.append(f"{x:.1f} {PAGE_HEIGHT - top - height:.1f} {width:.1f} {height:.1f} re S")
        lines = text.split("\n") if text else []
        first = top + (height - len(lines) * (SIZE + 2)) / 2
        for n, line in enumerate(lines):
            self.text(x + (width - len(line) * SIZE) / 2, first + n * (SIZE + 2), line)

    def save(self, path: Path) -> None:
        content = "\n".join(["0.5 w", *self.ops]).encode("ascii")
        objects = [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".encode(),
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UTF16-H "
            b"/DescendantFonts [6 0 R] >>",
            b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R "
            b"/DW 1000 /W [1 95 500] >>",
            b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
            b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
        ]
        out = bytearray(b"%PDF-1.4\n")
        offsets = []
        for number, body in enumerate(objects, start=1):
            offsets.append(len(out))
            out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
        out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
        path.write_bytes(bytes(out))
