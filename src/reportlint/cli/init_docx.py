"""`reportlint init --docx`: the blank report as a Word document laid out like the official template
(title, preamble, the six headings, tables 二, 三 and 四 with their merged header cells — Table 三's
three header rows as printed — and the 落款: the agency, and a date line for the clerk to fill in),
built from the pack as the YAML skeleton is, so that `reportlint convert` reads it back to the same
cells."""

from __future__ import annotations

import io
from itertools import groupby
from typing import TYPE_CHECKING, Any

from reportlint.format.skeleton import Blank, kind_of, placeholder, section_key

if TYPE_CHECKING:
    from reportlint.format.packs import Pack, RowSpec, TableSpec

#: The 落款's date line, to be filled in (no digits: until then no date is read from it).
BLANK_DATE = "\u3000\u3000年\u3000\u3000月\u3000\u3000日"
#: Fonts of the official template (a machine without them shows its own).
BODY_FONT, TITLE_FONT, HEADING_FONT = "仿宋_GB2312", "方正小标宋简体", "黑体"


def docx_bytes(pack: Pack, blank: Blank) -> bytes:
    """The blank report of `pack` for `blank` as a .docx file."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    _font(document.styles["Normal"], BODY_FONT)
    kind, sure = kind_of(pack, blank)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run(f"{blank.agency}{blank.year}年政府信息公开工作年度报告"), TITLE_FONT, bold=True)
    document.add_paragraph(f"本报告根据《中华人民共和国政府信息公开条例》和{pack.document}的要求编制。"
                           f"本报告中所列数据统计期限为{blank.year}年1月1日至{blank.year}年12月31日。")
    for section in pack.sections:
        _font(document.add_paragraph().add_run(section_key(section)), HEADING_FONT, bold=True)
        if section.content == "text":
            document.add_paragraph(placeholder(pack, section, kind, sure))
        for table in (t for t in pack.tables if t.section == section.id):
            layout = _across if table.layout == "across" else _blocks if any(r.block for r in table.leaves()) else _rows
            layout(document, table)
            document.add_paragraph()
    for line in (blank.agency, BLANK_DATE):  # the 落款: the clerk writes the date of publication
        closing = document.add_paragraph(line)
        closing.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _font(target: Any, name: str, bold: bool = False) -> None:
    """Set the Latin and the East Asian font of a style or run."""
    from docx.oxml.ns import qn

    target.font.name = name
    target.font.bold = bold or None
    fonts = target.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _column_label(label: str, unit: str | None) -> str:
    return f"{label}（单位：{unit}）" if unit else label


def _numbered(row: RowSpec) -> str:
    """The label as the template prints it: "一、本年新收…", "（一）予以公开", "1.属于国家秘密", with its note."""
    number = row.number or ""
    joint = "" if not number or number.endswith((".", "．", ")", "）", "、")) else "、"
    return f"{number}{joint}{row.label}" + (f"（{row.note}）" if row.note else "")


def _new_table(document: Any, rows: int, columns: int) -> Any:
    table = document.add_table(rows=rows, cols=columns)
    table.style = "Table Grid"
    return table


def _put(cell: Any, text: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    cell.text = text
    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER


def _blocks(document: Any, spec: TableSpec) -> None:
    """Table 二: per item of 第二十条, a header row, a row of "信息内容" and the columns, then its rows."""
    width = 1 + max(len(r.columns) for r in spec.leaves())
    runs = [list(rows) for _, rows in groupby(spec.leaves(), key=lambda r: (r.block, [c.label for c in r.columns]))]
    table = _new_table(document, sum(2 + len(run) for run in runs), width)
    at = 0
    for run in runs:
        _put(table.cell(at, 0).merge(table.cell(at, width - 1)), run[0].block or "")
        _put(table.cell(at + 1, 0), "信息内容")
        _spread(table, at + 1, [_column_label(c.label, c.unit) for c in run[0].columns], width)
        for offset, row in enumerate(run, start=at + 2):
            _put(table.cell(offset, 0), row.label)
            _spread(table, offset, ["0"] * len(row.columns), width)
        at += 2 + len(run)


def _spread(table: Any, row: int, texts: list[str], width: int) -> None:
    """`texts` in the columns after the label, the last one spanning what is left of the row."""
    for i, text in enumerate(texts, start=1):
        cell = table.cell(row, i)
        if i == len(texts) and i < width - 1:
            cell = cell.merge(table.cell(row, width - 1))
        _put(cell, text)


def _rows(document: Any, spec: TableSpec) -> None:
    """Table 三: the row labels over as many columns as the rows are deep (a group's label merged
    down over its rows), the table's note over them in the header, a column per column."""
    leaves = spec.leaves()
    depth = max(leaf.path.count("/") + 1 for leaf in leaves)
    columns = spec.columns or max((leaf.columns for leaf in leaves), key=len)
    header = _drawn_header(spec.id, len(columns))
    top = len(header) or 1
    table = _new_table(document, top + len(leaves), depth + max(len(columns), *(len(leaf.columns) for leaf in leaves)))
    corner = table.cell(0, 0).merge(table.cell(top - 1, depth - 1)) if depth > 1 or top > 1 else table.cell(0, 0)
    _put(corner, spec.note or "")
    if header:
        _header(table, header, depth)
    else:
        for i, column in enumerate(columns):
            _put(table.cell(0, depth + i), _column_label(column.label, column.unit))
    for r, leaf in enumerate(leaves, start=top):
        level = leaf.path.count("/")
        cell = table.cell(r, level)
        _put(cell.merge(table.cell(r, depth - 1)) if level < depth - 1 else cell, _numbered(leaf))
        for i in range(len(leaf.columns)):
            _put(table.cell(r, depth + i), "0")
    for group in (g for g in spec.all_rows() if g.is_group):
        first = top + next(i for i, leaf in enumerate(leaves) if leaf.path.startswith(group.path + "/"))
        count = sum(1 for leaf in leaves if leaf.path.startswith(group.path + "/"))
        level = group.path.count("/")
        _put(table.cell(first, level).merge(table.cell(first + count - 1, level)), _numbered(group))


def _drawn_header(table_id: str, width: int) -> list[list[Any]]:
    """The header rows of the table as printed (rules/drawings.yaml, as the page draws it: Table
    三's 申请人情况 over 自然人, 法人或其他组织 and 总计), when they cover exactly `width` columns."""
    from reportlint.output.html_assets import drawings

    found = drawings()
    drawing = found.get(table_id) if isinstance(found, dict) else None
    header = drawing.get("header") if isinstance(drawing, dict) else None
    if not isinstance(header, list) or not header or not all(isinstance(row, list) for row in header):
        return []
    spans = sum(int(c.get("span", 1)) if isinstance(c, dict) else 1 for c in header[0])
    return header if spans == width else []


def _header(table: Any, header: list[list[Any]], left: int) -> None:
    """Header rows right of the row labels: each cell over `span` columns and `down` rows."""
    taken: set[tuple[int, int]] = set()  # cells covered by a cell of a row above
    for r, row in enumerate(header):
        at = 0
        for entry in row:
            while (r, at) in taken:
                at += 1
            label = str(entry.get("label", "")) if isinstance(entry, dict) else str(entry)
            span = int(entry.get("span", 1)) if isinstance(entry, dict) else 1
            down = int(entry.get("down", 1)) if isinstance(entry, dict) else 1
            cell = table.cell(r, left + at)
            if span > 1 or down > 1:
                cell = cell.merge(table.cell(r + down - 1, left + at + span - 1))
            _put(cell, label)
            taken.update((r + d, at + c) for d in range(down) for c in range(span))
            at += span


def _across(document: Any, spec: TableSpec) -> None:
    """Table 四: the rows side by side, each over its columns, above one line of values."""
    leaves = spec.leaves()
    table = _new_table(document, 3, sum(len(leaf.columns) for leaf in leaves))
    at = 0
    for leaf in leaves:
        span = len(leaf.columns)
        _put(table.cell(0, at).merge(table.cell(0, at + span - 1)) if span > 1 else table.cell(0, at), leaf.label)
        for i, column in enumerate(leaf.columns):
            _put(table.cell(1, at + i), _column_label(column.label, column.unit))
            _put(table.cell(2, at + i), "0")
        at += span
