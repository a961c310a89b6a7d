"""Tables pasted as text: a table row per line, its cells split by tabs or runs of spaces.

Word, WPS and browsers copy a table as one line per row, cells joined by tabs (a vertically merged
cell as an empty cell in the rows below, a line break inside a cell as a line break); a PDF viewer
joins them by runs of spaces, some editors by full-width spaces. Such a line becomes a row of
``cell`` blocks, so that its label is never taken for a section heading. A line is a row only when
it holds a label of the pack's tables or nothing but values: prose with a tab stays prose.

Table 三's header has two levels (自然人 / 法人或其他组织: 商业企业 … 其他 / 总计): when the
lower row fills the one cell of the upper row that names no column, the two are read as one row
of column labels, so the columns are read by their labels. A header whose labels cannot be put in
one row is read in the official order, and a note says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from reportlint.convert.blocks import Block, is_value, squeeze, tidy
from reportlint.convert.converted import SourceRef
from reportlint.convert.tables import segments
from reportlint.format.labels import normalise
from reportlint.format.packs import Pack, TableSpec

_SPACE_CELLS = re.compile(r"[ \u00a0]{2,}|\u3000+")
#: Most cells a pasted row may have (Table 四 has 15 values; a line of thousands of tabs is no row).
MAX_CELLS = 64


@dataclass(slots=True, frozen=True)
class Labels:
    """The labels of a pack's tables, normalised: every row and column (the other format's too)."""

    known: frozenset[str]

    @classmethod
    def of(cls, pack: Pack) -> Labels:
        names: set[str] = set()
        for table in pack.tables:
            names.update(c.label for c in table.columns)
            names.update(f.label for f in (*table.foreign, *table.foreign_columns))
            for row in table.all_rows():
                names.update(row.names())
                names.update(old for old, _ in row.renamed_from)
                names.update(n for c in row.columns for n in (c.label, *c.aliases))
        return cls(frozenset(normalise(n) for n in names if normalise(n)))

    def has(self, text: str) -> bool:
        return normalise(squeeze(text)) in self.known


def read_rows(blocks: list[Block], pack: Pack) -> tuple[list[Block], dict[str, str]]:
    """The stream with pasted table rows as cells and two-level headers joined, and a note by table
    id where the official column order was assumed."""
    labels = Labels.of(pack)
    out: list[Block] = []
    for block in _rejoin(blocks, labels):
        cells = _cells(block, labels) if block.kind == "line" else None
        out.extend(cells or [block])
    notes: dict[str, str] = {}
    for table in pack.tables:
        if len(table.columns) >= 2:
            out = _two_level_header(out, table, notes)
    return out, notes


def annotate(yaml_text: str, notes: dict[str, str]) -> str:
    """The converted YAML with each note as a comment above its table."""
    lines = yaml_text.split("\n")
    start = lines.index("tables:") if "tables:" in lines else len(lines)
    for n in range(len(lines) - 1, start, -1):
        key = lines[n].removesuffix(":").strip()
        if lines[n].startswith("  ") and not lines[n].startswith("   ") and key in notes:
            lines.insert(n, f"  # {notes[key]}")
    return "\n".join(lines)


def _fields(text: str) -> list[tuple[int, str]]:
    """(offset, text) of the cells of a line: by tabs if it has one after its first text (a tab
    before it is an empty cell), else by runs of spaces; one field when it has neither."""
    body = text.lstrip(" \t\u3000\u00a0")
    out: list[tuple[int, str]] = []
    at = len(text) - len(body)
    if "\t" in body:
        at = 0
        for piece in text.split("\t"):
            out.append((at, piece))
            at += len(piece) + 1
        return out
    for piece in _SPACE_CELLS.split(body.rstrip()):
        at = text.index(piece, at)
        out.append((at, piece))
        at += len(piece)
    return out


def _cells(block: Block, labels: Labels) -> list[Block] | None:
    """A pasted table row as cell blocks, or None when the line is not one."""
    fields = [(at, piece.replace("\x0b", "")) for at, piece in _fields(block.text)]
    filled = [piece for _, piece in fields if tidy(piece)]
    if len(fields) < 2 or len(fields) > MAX_CELLS or not filled:
        return None
    if not any(labels.has(p) for p in filled) and not all(is_value(p) for p in filled):
        return None
    line = block.ref.line
    out: list[Block] = []
    for n, (at, piece) in enumerate(fields, start=1):
        ref = SourceRef(line, at + 1, f"第{line}行第{n}格", block.ref.kind or "txt")
        out.append(Block("cell", piece, ref, None, line, n))
    return out


def _rejoin(blocks: list[Block], labels: Labels) -> list[Block]:
    """Rows broken by a line break inside a cell made whole again, where the two pieces of the cell
    make a label of the pack ("商业" + "企业") and the second is no label of its own."""
    out: list[Block] = []
    for block in blocks:
        last = out[-1] if out else None
        if last is not None and block.kind == "line" and last.kind == "line" and "\t" in block.text:
            tail, head = last.text.split("\t")[-1], block.text.split("\t")[0]
            if (tidy(tail) and tidy(head) and not is_value(tail) and not is_value(head) and not labels.has(head)
                    and labels.has(tail + head)):
                out[-1] = replace(last, text=last.text + block.text)
                continue
        out.append(block)
    return out


def _two_level_header(blocks: list[Block], table: TableSpec, notes: dict[str, str]) -> list[Block]:
    """Blocks with Table 三's two header rows read as one; a note when the header cannot be."""
    names = {normalise(n): c.label for c in table.columns for n in (c.label, *c.aliases)}
    want = sorted(c.label for c in table.columns)

    def leaves(row: Iterable[Block]) -> list[str]:
        return [names[k] for b in row if (k := normalise(squeeze(b.text))) in names]

    rows = [(run, row) for row in segments(blocks) for run in _label_runs(row)]
    for n, (run, row) in enumerate(rows):
        top = leaves(run)
        if len(set(top)) < 2:
            continue
        whole = len(run) == len(_filled(row))  # a row of labels, not labels run into a row of values
        if len(top) != len(set(top)) or (whole and sorted(top) == want):
            return blocks  # a header repeated per group of columns (Table 四), or one row naming every column
        parents = [b for b in run if normalise(squeeze(b.text)) not in names]
        below, lower = rows[n + 1] if n + 1 < len(rows) else ([], [])
        if (whole and len(parents) == 1 and len(below) == len(_filled(lower)) > 0
                and len(leaves(below)) == len(below) and sorted(top + leaves(below)) == want):
            return _join(blocks, row, parents[0], below, lower)
        break
    else:
        return blocks
    order = "、".join(c.label for c in table.columns)
    notes[table.id] = (f"表“{table.id}”的表头不能逐列对应到各列，按官方列序（{order}）读取 / the header of table "
                       f"{table.id} does not name its columns in one row; the official order was assumed")
    return blocks


def _filled(row: list[Block]) -> list[Block]:
    return [b for b in row if tidy(b.text)]


def _label_runs(row: list[Block]) -> list[list[Block]]:
    """The runs of labels of a row, split by its values (empty cells ignored)."""
    runs: list[list[Block]] = [[]]
    for block in _filled(row):
        if is_value(block.text):
            runs.append([])
        else:
            runs[-1].append(block)
    return [run for run in runs if run]


def _join(blocks: list[Block], upper: list[Block], parent: Block, below: list[Block],
          lower: list[Block]) -> list[Block]:
    """The stream with the lower header row's labels under the parent cell of the upper row."""
    drop = {id(b) for b in (*lower, *(b for b in upper if not tidy(b.text)))}
    out: list[Block] = []
    for block in blocks:
        if id(block) in drop:
            continue
        out.append(block)
        if block is parent:
            out.extend(replace(b, table=parent.table, row=parent.row) for b in below)
    return out
