"""Issue 10: DOCX and PDF built to expand (spans, merge chains, XML size, object cycles, stream
bombs, ruled lines, page budgets, encryption) finish within the hostile bounds with a coded finding,
and the limits leave real documents read exactly as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportlint.convert.blocks import Block
from reportlint.convert.docx_reader import read_docx_blocks
from robust_inputs import HOSTILE
from test_convert_documents import REAL, write_docx

DOCX = HOSTILE / "docx"
PDF = HOSTILE / "pdf"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# --- DOCX: the streamed walk reads real documents exactly as python-docx's cell lists did ----------


def _python_docx_blocks(path: Path) -> list[tuple[str, str, str, object, object, object]]:
    """The reader as it was before issue 10: python-docx's rows and cells, each merged cell once."""
    import docx
    from docx.table import Table

    def text_of(element: object) -> str:
        parts: list[str] = []
        for node in element.iter():  # type: ignore[attr-defined]
            if node.tag == f"{_W}t" and node.text:
                parts.append(node.text)
            elif node.tag == f"{_W}tab":
                parts.append("\t")
            elif node.tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
        return "".join(parts)

    document = docx.Document(str(path))
    out: list[tuple[str, str, str, object, object, object]] = []
    paragraphs = tables = 0
    for element in document.element.body.iterchildren():
        if element.tag == f"{_W}p":
            paragraphs += 1
            out += [("para", piece.strip(), f"第{paragraphs}段", None, None, None)
                    for piece in text_of(element).split("\n") if piece.strip()]
        elif element.tag == f"{_W}tbl":
            tables += 1
            seen: set[object] = set()
            for r, row in enumerate(Table(element, document).rows, start=1):
                for c, cell in enumerate(row.cells, start=1):
                    if cell._tc in seen:
                        continue
                    seen.add(cell._tc)
                    text = "\n".join(text_of(p) for p in cell._tc.iter(f"{_W}p"))
                    out.append(("cell", text, f"表{tables} 第{r}行第{c}列", tables, r, c))
    return out


def _shape(blocks: list[Block]) -> list[tuple[str, str, str, object, object, object]]:
    return [(b.kind, b.text, b.ref.where, b.table, b.row, b.col) for b in blocks]


@pytest.mark.parametrize("name", ["template", "seed", "numbered-2021"])
def test_streamed_walk_gives_python_docx_cells(tmp_path: Path, name: str) -> None:
    if name == "template":
        path = REAL / "official-template-blank.docx"
    else:
        from test_convert_documents import _example, _numbered

        path = tmp_path / f"{name}.docx"
        write_docx(path, _numbered(_example(), format_2021=True) if name == "numbered-2021" else None)
    got = _shape(read_docx_blocks(path))
    assert got == _python_docx_blocks(path)
    assert len(got) > 100
