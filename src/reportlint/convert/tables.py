"""Matching a pack's table template against the stream: every row and column found by its label.

The stream is cut into rows (a structured table's row, or flattened lines up to an empty line);
in a row, a run of labels followed by a run of values is one table row. The last labels of the run
name the row (joined when a label is split over lines, "商业" + "企业"); the labels before it name
its groups. Nothing is placed by position: a row whose label is not found is left out (the rules
then report it missing), a row of the other format version is kept under its own label. Only a
table written as one line of values under its row labels (Table 四) is read in the order in which
the document writes those labels. Columns follow the header labels over them (`columns`); where
none can be matched, the official order is taken and a note says so.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from reportlint.convert.blocks import Block, is_value, squeeze, tidy, value_of
from reportlint.convert.columns import HeaderGrid
from reportlint.convert.converted import SourceRef
from reportlint.convert.limits import MAX_FUZZY_COMPARISONS
from reportlint.format.labels import normalise
from reportlint.format.packs import Foreign, RowSpec, TableSpec

#: How alike a misspelt row label must be to an official one to be read as it (a note says so).
FUZZY_ROW = 0.8
#: Longest text (labels of a row joined) compared with the row labels: far past any real one.
MAX_LABEL = 400

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
        self.loose_labels: list[list[str] | None] = []  # the header labels over each loose run's cells
        self.seen: set[str] = set()
        self.rows = spec.all_rows()
        self.parents = {child.path: row for row in self.rows for child in row.rows}
        columns = {normalise(c.label): c.label for row in self.rows for c in row.columns}
        columns |= {normalise(c.label): c.label for c in spec.columns}
        self.columns = columns | {normalise(f.label): f.label for f in spec.foreign_columns}
        self.grid = HeaderGrid(self.columns)
        self.assumed = False  # a row of cells read in the official column order for want of labels
        self.keys = {row.path: {normalise(n) for n in row.names()} for row in self.rows}
        self.old_keys = {row.path: {normalise(old) for old, _ in row.renamed_from} for row in self.rows}
        self.pools: dict[str, list[RowSpec]] = {}
        self.matchers: dict[str, SequenceMatcher[str]] = {}  # per row: difflib caches its label's analysis
        self.close: dict[str, dict[str, float]] = {}  # per text compared: the rows alike enough
        self.comparisons = MAX_FUZZY_COMPARISONS

    # -- label look-up --------------------------------------------------------------------------

    def _pool(self) -> list[RowSpec]:
        key = self.context.path if self.context is not None else ""
        if key not in self.pools:
            self.pools[key] = self._make_pool()
        return self.pools[key]

    def _make_pool(self) -> list[RowSpec]:
        near: list[RowSpec] = []
        seen: set[str] = set()  # by path: comparing rows themselves would compare their whole subtrees
        group = self.context
        while group is not None:
            for row in _descendants(group):
                if row.path not in seen:
                    seen.add(row.path)
                    near.append(row)
            group = self.parents.get(group.path)
        return near + [r for r in self.rows if r.path not in seen]

    def lookup(self, text: str) -> RowSpec | Foreign | None:
        key = normalise(squeeze(text))
        if not key:
            return None
        pool = self._pool()
        for row in pool:
            if key in self.keys[row.path]:
                return row
        for row in pool:
            if key in self.old_keys[row.path]:
                return row
        for foreign in self.spec.foreign:
            if key == normalise(foreign.label):
                return foreign
        return None

    def fuzzy(self, text: str) -> RowSpec | None:
        key = normalise(squeeze(text))
        close = self.close.get(key)
        if close is None:
            close = self.close[key] = self._close(key)
        best, score = None, FUZZY_ROW
        for row in self._pool() if close else ():
            if row.path in self.seen or (row.is_group and not row.single_row_format) or row.path not in close:
                continue
            s = close[row.path]
            if s > score or (best is None and s >= score):
                best, score = row, s
        return best

    def _close(self, key: str) -> dict[str, float]:
        """`similarity(key, label)` of the rows at least `FUZZY_ROW` alike, by path; difflib's
        cheap bounds first, at most `MAX_FUZZY_COMPARISONS` past the length bound per table."""
        close: dict[str, float] = {}
        for row in self.rows:
            label = normalise(row.label)
            if 2 * min(len(key), len(label)) < FUZZY_ROW * (len(key) + len(label)) or self.comparisons <= 0:
                continue
            self.comparisons -= 1
            matcher = self.matchers.get(row.path)
            if matcher is None:
                matcher = self.matchers[row.path] = SequenceMatcher(None, "", label)
            matcher.set_seq1(key)
            if matcher.quick_ratio() >= FUZZY_ROW and (ratio := matcher.ratio()) >= FUZZY_ROW:
                close[row.path] = ratio
        return close

    # -- the stream -----------------------------------------------------------------------------

    def feed(self, segment: list[Block]) -> None:
        tokens = [(tidy(b.text), b) for b in segment]
        self.grid.see(tokens, any(squeeze(t) and is_value(t) for t, _ in tokens))
        runs = _runs(tokens)
        if not runs and tokens:
            self.loose.append(tokens)
            self.loose_labels.append(self.grid.labels(tokens))
            return
        for labels, values in runs:
            if values and self._row(labels, values):
                continue
            self._heading_run(labels)
            if values:
                self.loose.append(values)  # values under a header that names no row (Table 四 one cell a line)
                self.loose_labels.append(self.grid.labels(values))

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
        for s, joined in _suffixes(texts):
            match = self.lookup(joined)
            if match is not None:
                start = s
                break
        if match is None:
            for s, joined in _suffixes(texts):
                match = self.fuzzy(joined)
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
        row.columns = self._column_order(match, values)
        self.found.rows.append(row)
        return True

    def _column_order(self, spec: RowSpec, values: list[Token], over: list[str] | None = None) -> list[str] | None:
        """Column labels to write the values under when the header orders them otherwise.

        The labels over the values' columns decide (cells; `over` when already taken), else a
        header of as many labels as values (flattened text); without either the official order
        stands (noted for cells)."""
        if len(spec.columns) < 2:
            return None
        count = len(values)
        foreign = {normalise(f.label) for f in self.spec.foreign_columns}
        # a header row of exactly these columns (read as one from pasted text's two rows) decides;
        # else the labels over the cells' columns
        order = _order(spec, self.header, foreign) if len(self.header) == count else None
        if order is None:
            header = over if over is not None else self.grid.labels(values)
            order = _order(spec, header, foreign) if header and any(header) else None
        if order is None:
            self.assumed = self.assumed or values[0][1].kind == "cell"
        return order or None

    def finish(self) -> FoundTable:
        """Rows written as one line of values under their labels (Table 四); the note on column order."""
        waiting = [r for r in self.label_order if r.path not in self.seen and not r.is_group]
        width = sum(len(r.columns) for r in waiting)
        if waiting and width:
            fitting = [n for n, run in enumerate(self.loose) if len(run) == width]
            chosen = next((n for n in fitting if any(squeeze(t) for t, _ in self.loose[n])), None)
            chosen = chosen if chosen is not None else (fitting[0] if fitting else None)
            if chosen is not None:
                run, labels, at = self.loose[chosen], self.loose_labels[chosen], 0
                for row in waiting:
                    part, over = run[at : at + len(row.columns)], labels[at : at + len(row.columns)] if labels else None
                    at += len(row.columns)
                    self.seen.add(row.path)
                    found = FoundRow(row, row.label, part[0][1].ref, part)
                    found.columns = self._column_order(row, part, over)
                    self.found.rows.append(found)
        if self.assumed:
            official = "、".join(c.label for c in self.spec.columns)
            self.found.notes.append(f"表“{self.spec.id}”的列找不到可对应的表头，按官方顺序（{official}）读取 / the "
                                    f"columns of table {self.spec.id} have no header labels that could be matched; "
                                    "the official order was assumed")
        return self.found


def _order(spec: RowSpec, header: list[str], foreign: set[str]) -> list[str] | None:
    """The row's column labels in the order of `header`: [] for the official order, None if it does not fit."""
    by_name = {normalise(n): c.label for c in spec.columns for n in (c.label, *c.aliases)}
    mapped = [by_name.get(normalise(squeeze(h))) for h in header]
    if all(mapped) and len(set(mapped)) == len(header):
        return [] if mapped == [c.label for c in spec.columns] else [m for m in mapped if m]
    if any(normalise(h) in foreign for h in header) and all(
        m or normalise(h) in foreign for m, h in zip(mapped, header, strict=False)
    ):
        return [m or h for m, h in zip(mapped, header, strict=False)]
    return None


def _suffixes(texts: list[str]) -> Iterator[tuple[int, str]]:
    """(s, the texts from s on joined), s from the last text back, while no longer than `MAX_LABEL`."""
    joined = ""
    for s in range(len(texts) - 1, -1, -1):
        joined = texts[s] + joined
        if len(joined) > MAX_LABEL:
            return
        yield s, joined


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
