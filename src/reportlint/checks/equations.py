"""RL301–RL304: the identities of the pack's `equations`, by the one generic equation kind.

A wrong cell usually breaks two or three identities at once (its row total and its column's
balance). When one cell explains several failures, one finding names that cell at its own line
and column, with every identity it breaks; only failures no single cell explains are reported
one by one, at the row that holds the declared total.
"""

from __future__ import annotations

from reportlint.checks import arith
from reportlint.checks.base import Check, CheckSettings
from reportlint.document.edits import replace_scalar
from reportlint.document.model import BoundTable, Cell, Document
from reportlint.findings.emit import Emitter
from reportlint.findings.finding import Related
from reportlint.findings.fixes import Fix
from reportlint.format.packs import PackError


class EquationsCheck(Check):
    name = "equations"
    codes = ("RL301", "RL302", "RL303", "RL304")
    kinds = ("equation",)  # and every code a pack's equation names (`rule: RL391`)

    def run(self, doc: Document, emit: Emitter, settings: CheckSettings) -> None:
        by_table: dict[str, list[arith.ParsedEquation]] = {}
        for equation in _parsed(doc):
            if settings.enabled(equation.spec.rule) and equation.spec.table in doc.tables:
                by_table.setdefault(equation.spec.table, []).append(equation)
        for table_id, equations in by_table.items():
            table = doc.tables[table_id]
            if all(arith.holds_everywhere(e, table) for e in equations):
                continue  # the common case: nothing to explain, no instance built
            found = [i for e in equations for i in arith.instances(e, table)]
            cells: dict[str, Cell] = {c.path: c for row in table.rows.values() for c in row.cells.values()}
            causes, rest = arith.explain(found, cells)
            for cause in causes:
                self._cause(cause, table, emit, _expected(doc, cause))
            for instance in rest:
                self._broken(instance, emit)

    @staticmethod
    def _broken(instance: arith.Instance, emit: Emitter) -> None:
        zh, en = arith.describe(instance)
        spec = instance.equation.spec
        anchor = instance.anchor
        related = [Related(c.place, c.line, c.column) for a in instance.addends for c in a.cells if c is not anchor]
        emit(spec.rule, "default", anchor, path=anchor.place.parent, related=related[:40],
             equation_zh=zh, equation_en=en, basis=spec.basis,
             data={"equation": spec.id, "lhs": str(instance.lhs), "rhs": str(instance.rhs),
                   "difference": str(instance.residual), "where": instance.where})

    @staticmethod
    def _cause(cause: arith.Cause, table: BoundTable, emit: Emitter, fix: Fix | None = None) -> None:
        cell = cause.cell
        # the rule of the identity whose declared total this cell is, else the first rule it breaks
        first = min(cause.explains, key=lambda i: (i.anchor is not cell, i.equation.spec.rule))
        described = [arith.describe(i) for i in cause.explains]
        label_zh, label_en = arith.cell_name(table.spec, cell)
        related = [Related(i.anchor.place, i.anchor.line, i.anchor.column, i.equation.spec.rule)
                   for i in cause.explains if i.anchor is not cell]
        emit(first.equation.spec.rule, "cause", cell, path=cell.place, related=related,
             cell_zh=label_zh, cell_en=label_en, value=arith.fmt(cell.value), expected=arith.fmt(cause.expected),
             count=len(cause.explains), equations_zh="；".join(d[0] for d in described),
             equations_en="; ".join(d[1] for d in described),
             codes="、".join(sorted({i.equation.spec.rule for i in cause.explains})),
             codes_en=", ".join(sorted({i.equation.spec.rule for i in cause.explains})),
             data={"cell": cell.path, "value": str(cell.value), "expected": str(cause.expected),
                   "equations": sorted({i.equation.spec.id for i in cause.explains})}, fix=fix)


def _expected(doc: Document, cause: arith.Cause) -> Fix | None:
    """The wrong cell written as the value every identity it breaks pins down (unsafe: the
    arithmetic cannot tell a mistyped cell from a mistyped total); none for a value a cell cannot hold."""
    cell = cause.cell
    if cell.raw is None or (cause.expected < 0 and cell.kind != "signed"):
        return None
    if cell.kind == "count" and cause.expected != cause.expected.to_integral_value():
        return None
    edit = replace_scalar(doc, cell.line, cell.column, arith.fmt(cause.expected))
    return Fix((edit,)) if edit is not None else None


def _parsed(doc: Document) -> list[arith.ParsedEquation]:
    """The pack's equations parsed and checked against their tables, once per pack and process."""
    found = doc.pack.cache.get("equations")
    if isinstance(found, list):
        return found
    cached: list[arith.ParsedEquation] = []
    for spec in doc.pack.equations:
        table = doc.pack.table(spec.table)
        if table is None:
            continue
        try:
            equation = arith.parse(spec)
            arith.validate(equation, table)
        except arith.EquationError as exc:
            raise PackError(f"rule pack {doc.pack.id}: {exc}") from None
        cached.append(equation)
    doc.pack.cache["equations"] = cached
    return cached
