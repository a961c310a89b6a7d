"""Equations of a rule pack: parsed (never `eval`-ed) and checked in exact decimal arithmetic.

An equation is text such as ``总计 = 自然人 + 商业企业 + …`` or
``本年度办理结果/总计 = 本年度办理结果/予以公开 + 本年度办理结果/不予公开/* + …``. With
``each: column`` its terms are rows and it is checked once per column; with ``each: row`` its
terms are columns and it is checked once per row. ``group/*`` stands for every row under the
group. When several checks fail because of one wrong cell, `explain` finds that cell.
"""

from __future__ import annotations

import re
from decimal import Decimal

from reportlint.document.model import BoundTable, Cell
from reportlint.format.packs import EquationSpec, TableSpec
from reportlint.record import dataclass, field

_TOKEN = re.compile(r"\s*([+\-=])\s*")


class EquationError(ValueError):
    """An equation of a pack cannot be parsed or names a row or column the table does not have."""


@dataclass(slots=True, frozen=True)
class Term:
    sign: int  # +1 or -1, after moving everything to the left-hand side
    ref: str  # a row path or a column label; a trailing "/*" expands to the rows under a group
    side: str  # "lhs" | "rhs"


@dataclass(slots=True, frozen=True)
class ParsedEquation:
    spec: EquationSpec
    terms: tuple[Term, ...]


def parse(spec: EquationSpec) -> ParsedEquation:
    """Parse `spec.equation` into signed terms. Raises `EquationError`."""
    parts = _TOKEN.split(spec.equation.strip())
    if parts.count("=") != 1:
        raise EquationError(f"{spec.id}: an equation has exactly one '=': {spec.equation!r}")
    terms: list[Term] = []
    side, sign = "lhs", 1
    expect_term = True
    for part in parts:
        if part in ("+", "-", "="):
            if expect_term and part != "-":
                raise EquationError(f"{spec.id}: a term is missing before {part!r}")
            if part == "=":
                side, sign = "rhs", 1
            else:
                sign = 1 if part == "+" else -1
            expect_term = True
            continue
        if not part:
            continue
        # re.split with a captured group alternates terms and operators: a term always follows one
        weight = sign if side == "lhs" else -sign
        terms.append(Term(weight, part.strip(), side))
        expect_term, sign = False, 1
    if expect_term:
        raise EquationError(f"{spec.id}: the equation ends with an operator")
    return ParsedEquation(spec, tuple(terms))


def validate(equation: ParsedEquation, table: TableSpec) -> None:
    """Check that every term names a row (each: column) or a column (each: row) of the table."""
    spec = equation.spec
    if spec.each == "column":
        paths = {r.path for r in table.all_rows()}
        for term in equation.terms:
            if term.ref.removesuffix("/*") not in paths:
                raise EquationError(f"{spec.id}: table {table.id} has no row {term.ref!r}")
    elif spec.each == "row":
        labels = {c.label for r in table.leaves() for c in r.columns} | {c.label for c in table.columns}
        for term in equation.terms:
            if term.ref not in labels:
                raise EquationError(f"{spec.id}: table {table.id} has no column {term.ref!r}")
    else:
        raise EquationError(f"{spec.id}: each must be 'column' or 'row', not {spec.each!r}")


@dataclass(slots=True)
class Addend:
    """One displayed term: a cell, or the sum of the cells under a group (``不予公开/*``)."""

    name: str
    side: str
    sign: int
    cells: list[Cell]

    @property
    def value(self) -> Decimal:
        return sum((c.value for c in self.cells), Decimal(0))


@dataclass(slots=True)
class Instance:
    """An equation applied to one column (or one row): its addends and whether it holds."""

    equation: ParsedEquation
    where: str  # the column label (each: column) or the row path (each: row)
    addends: list[Addend]
    anchor: Cell
    coefficients: dict[str, int] = field(default_factory=dict)  # cell path → +1/-1
    row_name: str = ""  # each: row — how messages name the row
    _residual: Decimal | None = field(default=None, repr=False, compare=False)  # computed once

    @property
    def lhs(self) -> Decimal:
        """The left-hand side as written: its terms added or subtracted."""
        return sum((a.sign * a.value for a in self.addends if a.side == "lhs"), Decimal(0))

    @property
    def rhs(self) -> Decimal:
        """The right-hand side as written (its terms' signs were flipped when moved to the left)."""
        return sum((-a.sign * a.value for a in self.addends if a.side == "rhs"), Decimal(0))

    @property
    def residual(self) -> Decimal:
        """lhs − rhs, computed on first use (an instance's cells never change)."""
        if self._residual is None:
            self._residual = self.lhs - self.rhs
        return self._residual

    @property
    def holds(self) -> bool:
        return self.residual == 0


def _short(table: TableSpec, ref: str) -> str:
    base = ref.removesuffix("/*")
    row = table.find(base)
    name = (row.short or row.label) if row is not None else base.rsplit("/", 1)[-1]
    if ref.endswith("/*") and row is not None and row.rows:
        return f"{name}（{len(row.rows)}项）"
    return name


def _rows_for(table: BoundTable, ref: str) -> list[str] | None:
    """The bound row paths a term stands for; None when the term cannot be evaluated."""
    if not ref.endswith("/*"):
        return [ref] if ref in table.rows else None
    base = ref[:-2]
    if base in table.rows:  # a group written as a single row (the other format)
        return [base]
    spec = table.spec.find(base)
    leaves = [r.path for r in spec.leaves()] if spec is not None else []
    if not leaves or any(p not in table.rows for p in leaves):
        return None
    return leaves


def holds_everywhere(equation: ParsedEquation, table: BoundTable) -> bool:
    """Whether every application of the equation that `instances` would build holds — summed over
    plain values, without building an instance (most reports balance: issue 14's fast path).
    `instances` stays the reference: a test checks that the two agree on every rule case."""
    spec = equation.spec
    rows_of = table.rows
    if spec.each == "column":
        found = [(t.sign, _rows_for(table, t.ref)) for t in equation.terms]
        if any(paths is None for _, paths in found):
            return True
        groups = [(sign, [rows_of[p] for p in paths or ()]) for sign, paths in found]
        if any(not row.complete for _, rows in groups for row in rows):
            return True
        for column in table.spec.columns:
            label, total, whole = column.label, Decimal(0), True
            for sign, rows in groups:
                for row in rows:
                    cell = row.cells.get(label)
                    if cell is None:
                        whole = False
                        break
                    total += sign * cell.value
                if not whole:
                    break
            if whole and total != 0:
                return False
        return True
    for row in rows_of.values():
        if not row.complete:
            continue
        cells = row.cells
        if any(t.ref not in cells for t in equation.terms):
            continue  # a column the row lacks (or not its columns): `instances` skips it too
        if sum((t.sign * cells[t.ref].value for t in equation.terms), Decimal(0)) != 0:
            return False
    return True


def instances(equation: ParsedEquation, table: BoundTable) -> list[Instance]:
    """Every application of the equation that the table has all the numbers for."""
    out: list[Instance] = []
    spec = equation.spec
    if spec.each == "column":
        found = {t.ref: _rows_for(table, t.ref) for t in equation.terms}
        rows = {ref: v for ref, v in found.items() if v is not None}
        if len(rows) != len(found):
            return out
        if any(not table.rows[p].complete for v in rows.values() for p in v):
            return out
        anchor_row = spec.anchor or equation.terms[0].ref.removesuffix("/*")
        for column in table.spec.columns:
            addends = []
            for term in equation.terms:
                maybe = [table.rows[p].cells.get(column.label) for p in rows[term.ref]]
                cells = [c for c in maybe if c is not None]
                if len(cells) != len(maybe):
                    break
                addends.append(Addend(_short(table.spec, term.ref), term.side, term.sign, cells))
            else:
                anchor = table.cell(anchor_row, column.label) or addends[0].cells[0]
                out.append(_instance(equation, column.label, addends, anchor))
        return out
    for path, row in table.rows.items():
        if not row.complete:
            continue
        labels = {c.label for c in row.spec.columns}
        if any(t.ref not in labels for t in equation.terms):
            continue
        addends = [Addend(t.ref, t.side, t.sign, [row.cells[t.ref]]) for t in equation.terms]
        anchor_column = spec.anchor or equation.terms[0].ref
        instance = _instance(equation, path, addends, row.cells.get(anchor_column) or addends[0].cells[0])
        instance.row_name = row_name(table.spec, path)
        out.append(instance)
    return out


def _instance(equation: ParsedEquation, where: str, addends: list[Addend], anchor: Cell) -> Instance:
    coefficients: dict[str, int] = {}
    for addend in addends:
        for cell in addend.cells:
            coefficients[cell.path] = coefficients.get(cell.path, 0) + addend.sign
    return Instance(equation, where, addends, anchor, {k: v for k, v in coefficients.items() if v})


@dataclass(slots=True)
class Cause:
    """A cell whose one change would make all of `explains` hold, breaking nothing else."""

    cell: Cell
    expected: Decimal
    explains: list[Instance]


def explain(all_instances: list[Instance], cells: dict[str, Cell]) -> tuple[list[Cause], list[Instance]]:
    """Find single wrong cells behind the failing instances (greedy, most explained first).

    A cell is a cause when it takes part in two or more failing instances and in no instance that
    holds, and one change of its value makes all of those hold. Returns the causes and the
    failing instances no cause explains.
    """
    failing = [i for i in all_instances if not i.holds]
    passing_cells = {p for i in all_instances if i.holds for p in i.coefficients}
    causes: list[Cause] = []
    while failing:
        found: list[tuple[str, Decimal, list[Instance]]] = []
        for path in sorted({p for i in failing for p in i.coefficients} - passing_cells):
            involved = [i for i in failing if path in i.coefficients]
            fixes = {-i.residual / i.coefficients[path] for i in involved}
            if len(involved) >= 2 and len(fixes) == 1:
                found.append((path, fixes.pop(), involved))
        if not found:
            break
        found.sort(key=lambda f: -len(f[2]))
        path, delta, involved = found[0]
        rivals = [f for f in found[1:] if len(f[2]) == len(involved) and any(i in f[2] for i in involved)]
        if rivals:  # two cells explain the same failures equally well: no single culprit
            break
        cell = cells[path]
        causes.append(Cause(cell, cell.value + delta, involved))
        failing = [i for i in failing if i not in involved]
    return causes, failing


def fmt(value: Decimal) -> str:
    """A number as a report writes it: 95, 3.5, −2 (never 9.5E+1)."""
    if value == value.to_integral_value():
        return format(value.quantize(Decimal(1)), "f")
    return format(value.normalize(), "f")


_fmt = fmt  # the name used before; kept for plugins


def row_name(table: TableSpec, path: str) -> str:
    """How a message names a row: its short name (新收), else its number and label, after the
    label of its group unless the group may be left out (“不予公开/1.属于国家秘密”, “（七）总计”)."""
    spec = table.find(path)
    if spec is None:
        return path.rsplit("/", 1)[-1]
    if spec.short:
        return spec.short
    number = spec.number or ""
    if number and number[-1] not in "）).、．":
        number += "、"
    name = f"{number}{spec.label}"
    parent = table.find(path.rsplit("/", 1)[0]) if "/" in path else None
    if parent is not None and not parent.optional_group:
        name = f"{parent.label}/{name}"
    return name


def cell_name(table: TableSpec, cell: Cell) -> tuple[str, str]:
    """A cell as messages name it, in (zh, en): “（七）总计”行“自然人”列 / row （七）总计, column 自然人."""
    column = cell.place.last  # a bound cell's place ends with its column label
    row = row_name(table, "/".join(cell.place.row))
    return f"“{row}”行“{column}”列", f"row “{row}”, column “{column}”"


def describe(instance: Instance) -> tuple[str, str]:
    """"总计列：新收 95 + 上年结转 0 = 95，而 办理结果总计 93 + 结转下年度 0 = 93" in zh and en.

    A side of one term shows its value once ("办理结果总计 93"), not "办理结果总计 93 = 93".
    """

    def side(name: str) -> str:
        parts = [a for a in instance.addends if a.side == name]
        text = ""
        for n, a in enumerate(parts):
            negative = (a.sign < 0) if name == "lhs" else (a.sign > 0)
            op = (" − " if negative else " + ") if n else ("−" if negative else "")
            text += f"{op}{a.name} {fmt(a.value)}"
        if len(parts) > 1:
            text += f" = {fmt(instance.lhs if name == 'lhs' else instance.rhs)}"
        return text

    lhs, rhs = side("lhs"), side("rhs")
    if instance.equation.spec.each == "column":
        where_zh, where_en = f"{instance.where}列", f"column {instance.where}"
    else:
        row = instance.row_name or instance.where.rsplit("/", 1)[-1]
        where_zh, where_en = f"“{row}”行", f"row “{row}”"
    zh = f"{where_zh}：{lhs}，而 {rhs}"
    en = f"{where_en}: {lhs}, but {rhs}"
    return zh, en
