"""Matching a pack's table template against the stream: every row and column found by its label.

The stream is cut into rows (a structured table's row, or flattened lines up to an empty line);
in a row, a run of labels followed by a run of values is one table row. The last labels of the run
name the row (joined when a label is split over lines, "商业" + "企业"); the labels before it name
its groups. Nothing is placed by position: a row whose label is not found is left out (the rules
then report it missing), a row of the other format version is kept under its own label. Only a
table written as one line of values under its row labels (Table 四) is read in the order in which
the document writes those labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlint.convert.blocks import Block, is_value, squeeze, tidy, value_of
from reportlint.convert.converted import SourceRef
from reportlint.format.labels import normalise, similarity
from reportlint.format.packs import Foreign, RowSpec, TableSpec

#: How alike a misspelt row label must be to an official one to be read as it (a note says so).
FUZZY_ROW = 0.8

Token = tuple[str, Block]


@dataclass(slots=True)
class FoundRow:
    """A row as the document writes it."""

    spec: RowSpec | None  # None for a row of the other format
    written: str
    ref: SourceRef
    values: list[Token]
    foreign: Foreign | None = None
    columns: list[str] | None = None  # column labels to write the values under, when not in order


@dataclass(slots=True)
class FoundTable:
    spec: TableSpec
    rows: list[FoundRow] = field(default_factory=list)
    groups: dict[str, str] = field(default_factory=dict)  # group path -> label as written
    notes: list[str] = field(default_factory=list)
    ref: SourceRef | None = None


def segments(blocks: list[Block]) -> list[list[Block]]:
    """The stream cut into rows: a table row, a paragraph, or flattened lines up to an empty line."""
    out: list[list[Block]] = []
    current: list[Block] = []
    key: tuple[int | None, int | None] | None = None

    def flush() -> None:
        nonlocal current
        if current:
            out.append(current)
        current = []

    for block in blocks:
        if block.kind == "break":
            flush()
            key = None
        elif block.kind == "para":
            flush()
            out.append([block])
            key = None
        elif block.kind == "cell":
            if (block.table, block.row) != key:
                flush()
                key = (block.table, block.row)
            current.append(block)
        else:
            if key is not None:
                flush()
                key = None
            current.append(block)
    flush()
    return out


def _runs(tokens: list[Token]) -> list[tuple[list[Token], list[Token]]]:
    """(labels, values) pairs: each run of labels with the run of values after it."""
    out: list[tuple[list[Token], list[Token]]] = []
    for token in tokens:
        if is_value(token[0]):
            if out:
                out[-1][1].append(token)
        elif out and not out[-1][1]:
            out[-1][0].append(token)
        else:
            out.append(([token], []))
    return out


class _Matcher:
    def __init__(self, spec: TableSpec) -> None:
        self.spec = spec
        self.found = FoundTable(spec)
        self.context: RowSpec | None = None
        self.header: list[str] = []
        self.label_order: list[RowSpec] = []
        self.loose: list[list[Token]] = []
        self.seen: set[str] = set()
        self.rows = spec.all_rows()
        self.parents = {child.path: row for row in self.rows for child in row.rows}
        columns = {normalise(c.label): c.label for row in self.rows for c in row.columns}
        columns |= {normalise(c.label): c.label for c in spec.columns}
        self.columns = columns | {normalise(f.label): f.label for f in spec.foreign_columns}

    # -- label look-up --------------------------------------------------------------------------

    def _pool(self) -> list[RowSpec]:
        near: list[RowSpec] = []
        group = self.context
        while group is not None:
            near.extend(r for r in _descendants(group) if r not in near)
            group = self.parents.get(group.path)
        return near + [r for r in self.rows if r not in near]

    def lookup(self, text: str) -> RowSpec | Foreign | None:
        key = normalise(squeeze(text))
        if not key:
            return None
        pool = self._pool()
        for row in pool:
            if key in {normalise(n) for n in row.names()}:
                return row
        for row in pool:
            if key in {normalise(old) for old, _ in row.renamed_from}:
                return row
        for foreign in self.spec.foreign:
            if key == normalise(foreign.label):
                return foreign
        return None

    def fuzzy(self, text: str) -> RowSpec | None:
        best, score = None, FUZZY_ROW
        for row in self._pool():
            if row.path in self.seen or (row.is_group and not row.single_row_format):
                continue
            s = similarity(squeeze(text), row.label)
            if s > score or (best is None and s >= score):
                best, score = row, s
        return best

    # -- the stream -----------------------------------------------------------------------------

    def feed(self, segment: list[Block]) -> None:
        tokens = [(tidy(b.text), b) for b in segment]
        runs = _runs(tokens)
        if not runs and tokens:
            self.loose.append(tokens)
            return
        for labels, values in runs:
            if values and self._row(labels, values):
                continue
            self._heading_run(labels)
            if values:
                self.loose.append(values)  # values under a header that names no row (Table 四 one cell a line)

    def _heading_run(self, labels: list[Token]) -> None:
        cols = [squeeze(t) for t, _ in labels if normalise(squeeze(t)) in self.columns]
        if cols:
            self.header = cols
        for text, _ in labels:
            found = self.lookup(text)
            if isinstance(found, RowSpec):
                if found.is_group:
                    self._enter(found, text)
                elif found not in self.label_order and normalise(squeeze(text)) not in self.columns:
                    self.label_order.append(found)

    def _enter(self, group: RowSpec, written: str) -> None:
        self.context = group
        self.found.groups.setdefault(group.path, squeeze(written))

    def _row(self, labels: list[Token], values: list[Token]) -> bool:
        texts = [t for t, _ in labels]
        match, start, fuzzy = None, 0, False
        for s in range(len(texts) - 1, -1, -1):
            match = self.lookup("".join(texts[s:]))
            if match is not None:
                start = s
                break
        if match is None:
            for s in range(len(texts) - 1, -1, -1):
                match = self.fuzzy("".join(texts[s:]))
                if match is not None:
                    start, fuzzy = s, True
                    break
        if match is None:
            return False
        for text in texts[:start]:
            group = self.lookup(text)
            if isinstance(group, RowSpec) and group.is_group:
                self._enter(group, text)
        written = squeeze("".join(texts[start:]))
        ref = labels[start][1].ref
        if isinstance(match, Foreign):
            values = _trim(values, len(self.header) or len(values))  # a cell merged only in the header
            if written not in {r.written for r in self.found.rows if r.foreign}:
                self.found.rows.append(FoundRow(None, written, ref, values, foreign=match))
            return True
        if match.is_group and not match.single_row_format:
            self._enter(match, written)
            return False
        values = _trim(values, len(match.columns))
        if all(not squeeze(t) for t, _ in values) and len(values) != len(match.columns):
            return False  # a header cell that happens to carry a row label
        if match.path in self.seen:
            self.found.notes.append(f"表“{self.spec.id}”的“{written}”出现了两次，只取第一次 / row {written} "
                                    f"appears twice in table {self.spec.id}; the first is kept")
            return True
        self.seen.add(match.path)
        if match.is_group:
            self.context = match
        elif match.path in self.parents:
            self.context = self.parents[match.path]
        if fuzzy:
            self.found.notes.append(f"表“{self.spec.id}”的行“{written}”按“{match.label}”读取 / row {written} read as "
                                    f"{match.label}")
            written = match.label
        row = FoundRow(match, written, ref, values)
        row.columns = self._column_order(match, len(values))
        self.found.rows.append(row)
        return True

    def _column_order(self, spec: RowSpec, count: int) -> list[str] | None:
        """Column labels to write the values under when the header orders them otherwise."""
        if not self.header or len(self.header) != count or len(spec.columns) < 2:
            return None
        by_name = {normalise(n): c.label for c in spec.columns for n in (c.label, *c.aliases)}
        mapped = [by_name.get(normalise(squeeze(h))) for h in self.header]
        if all(mapped) and len(set(mapped)) == count:
            return None if mapped == [c.label for c in spec.columns] else [m for m in mapped if m]
        foreign = {normalise(f.label) for f in self.spec.foreign_columns}
        if any(normalise(h) in foreign for h in self.header) and all(
            m or normalise(h) in foreign for m, h in zip(mapped, self.header, strict=False)
        ):
            return [m or h for m, h in zip(mapped, self.header, strict=False)]
        return None

    def finish(self) -> FoundTable:
        """Rows written as one line of values under their labels (Table 四)."""
        waiting = [r for r in self.label_order if r.path not in self.seen and not r.is_group]
        width = sum(len(r.columns) for r in waiting)
        if waiting and width:
            fitting = [run for run in self.loose if len(run) == width]
            chosen = next((run for run in fitting if any(squeeze(t) for t, _ in run)), None)
            chosen = chosen or (fitting[0] if fitting else None)
            if chosen is not None:
                at = 0
                for row in waiting:
                    part = chosen[at : at + len(row.columns)]
                    at += len(row.columns)
                    self.seen.add(row.path)
                    self.found.rows.append(FoundRow(row, row.label, part[0][1].ref, part))
        return self.found


def _trim(values: list[Token], width: int) -> list[Token]:
    """Drop empty cells around the values when there are more cells than columns (merged label cells)."""
    values = list(values)
    while len(values) > width and not squeeze(values[0][0]):
        values.pop(0)
    while len(values) > width and not squeeze(values[-1][0]):
        values.pop()
    return values


def _descendants(row: RowSpec) -> list[RowSpec]:
    out: list[RowSpec] = []
    for child in row.rows:
        out.append(child)
        out.extend(_descendants(child))
    return out


def match_table(spec: TableSpec, blocks: list[Block]) -> FoundTable:
    """The rows of `spec` that `blocks` hold, in document order."""
    matcher = _Matcher(spec)
    for segment in segments(blocks):
        matcher.feed(segment)
    return matcher.finish()


def table_data(found: FoundTable) -> tuple[dict[str, Any], dict[str, SourceRef]]:
    """The table as report YAML data (groups nested, labels as written) and its refs by model path."""
    data: dict[str, Any] = {}
    refs: dict[str, SourceRef] = {}
    base = f"tables/{found.spec.id}"
    for row in found.rows:
        if row.spec is None:
            data[row.written] = [value_of(t) for t, _ in row.values]
            refs[f"{base}/{row.written}"] = row.ref
            continue
        node = data
        parts = row.spec.path.split("/")
        for depth in range(len(parts) - 1):
            path = "/".join(parts[: depth + 1])
            node = node.setdefault(found.groups.get(path, parts[depth]), {})
            refs.setdefault(f"{base}/{path}", row.ref)
        columns = row.spec.columns
        values = [value_of(t) for t, _ in row.values]
        if row.columns:
            node[row.written] = dict(zip(row.columns, values, strict=False))
        elif len(columns) == 1 and len(values) == 1:
            node[row.written] = values[0]
        else:
            node[row.written] = values
        refs[f"{base}/{row.spec.path}"] = row.ref
        labels = row.columns or [c.label for c in columns]
        for label, (_, block) in zip(labels, row.values, strict=False):
            refs[f"{base}/{row.spec.path}/{label}"] = block.ref
    return data, refs
