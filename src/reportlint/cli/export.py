"""`reportlint export DIR... -o 汇总.xlsx|.csv`: one row per report — who, which year and format, its
verdict, its findings counted by severity, and every cell of Tables 二, 三 and 四 under the format's
labels (docs/export.md). Rows are written as the reports are checked: the collection is never held."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from reportlint.cli.common import (
    EXIT_CLEAN,
    Parser,
    UsageError,
    add_global_options,
    add_run_options,
    check_run_limits,
    require_pack,
    say,
)
from reportlint.cli.sheets import Value, Write

if TYPE_CHECKING:
    from reportlint.document.facts import Facts
    from reportlint.findings.finding import Finding
    from reportlint.format.packs import Pack

SUFFIXES = (".xlsx", ".csv")
SEVERITIES = ("error", "warning", "info")
STATUSES = ("clean", "warnings", "errors", "unreadable")
#: A cell's place in the format: (table id, row path, column label).
Key = tuple[str, str, str]

_HEAD = {
    "zh": ("文件", "机关", "机关类型", "年度", "格式", "结论", "错误", "警告", "提示", "说明"),
    "en": ("file", "agency", "kind", "year", "pack", "status", "errors", "warnings", "notes", "remark"),
}
_STATUS = {"zh": dict(zip(STATUSES, ("通过", "有警告", "有错误", "无法读取"), strict=True)),
           "en": {s: s for s in STATUSES}}
_KIND = {"zh": {"department": "政府部门", "government": "人民政府", "township": "乡镇（街道）"},
         "en": {"department": "department", "government": "people's government", "township": "township"}}
_GUESSED = {"zh": "（按名称推测）", "en": " (guessed from the name)"}
_OTHER_PACK = {
    "zh": "按{pack}格式读取：与{columns}格式不同的单元格（表二各列等）未填入；用 --pack {pack} 另行汇总",
    "en": "read as {pack}: cells unlike {columns}'s (the columns of Table 二 and others) are left empty; "
          "export with --pack {pack} for them",
}
_SHEET = {"zh": "汇总", "en": "reports"}


def export_parser() -> argparse.ArgumentParser:
    p = Parser(prog="reportlint export", description="Write every report's verdict, finding counts and table "
               "numbers to a spreadsheet, one row per report (.xlsx or .csv, by the suffix of -o).")
    p.add_argument("paths", nargs="+", metavar="DIR", help="folders (searched as the check does) or report files")
    p.add_argument("-o", "--output-file", required=True, metavar="OUT.xlsx|OUT.csv",
                   help="the spreadsheet to write; .xlsx needs openpyxl (reportlint[xlsx]), .csv is UTF-8 with BOM")
    p.add_argument("--force", action="store_true", help="overwrite the output file if it exists")
    p.add_argument("--select", default=None, help="count only these codes or prefixes, e.g. RL3,RL101")
    p.add_argument("--ignore", default=None, help="do not count these codes or prefixes")
    p.add_argument("--config", default=None, help="a configuration file (pyproject.toml or .reportlint.yaml)")
    p.add_argument("--pack", default=None, help="read every report with this rule pack; its cells are the columns "
                   "(default: gov-2021's cells, each report read by its year)")
    p.add_argument("--township-deadline", default=None, metavar="MM-DD", help="local deadline for 乡镇/街道")
    add_run_options(p)
    p.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                   help="skip files or folders matching GLOB or NAME when searching folders (repeatable)")
    p.add_argument("--previous-dir", default=None, metavar="DIR",
                   help="last year's reports, read only to pair each report with its agency's of the year before")
    add_global_options(p)
    p.set_defaults(previous=None, verbose=False)
    return p


def export(argv: list[str]) -> int:
    """The `export` command: check the reports and write the spreadsheet (exit 0 when it is written)."""
    opts = export_parser().parse_args(argv)
    out = Path(opts.output_file)
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        raise UsageError(f"-o {opts.output_file}: name a .xlsx or .csv file (the suffix decides the format)")
    if suffix == ".xlsx":
        _require_openpyxl()
    check_run_limits(opts)
    from reportlint.cli.atomic import Refused, refuse_target

    try:
        refuse_target(out, opts.force)
    except Refused as exc:
        raise UsageError(f"-o {opts.output_file}: {exc}") from None
    if not out.parent.is_dir():
        raise UsageError(f"-o {opts.output_file}: no such folder")
    from reportlint.cli.checking import check_files
    from reportlint.cli.main import _none_found, _stop_on_sigterm, build_settings
    from reportlint.cli.pairs import pairing
    from reportlint.engine.discover import discover
    from reportlint.plugins.manager import installed

    _stop_on_sigterm()
    settings = build_settings(opts)
    library = settings.library()
    if opts.pack:
        require_pack(opts.pack, library.available())
    pack = library.pack(opts.pack) if opts.pack else library.pack_for_year(None)
    plugins = installed(settings.autoload)
    found = discover(opts.paths, (*settings.exclude, *opts.exclude), plugins=plugins)
    for where, why in found.passed_over:
        say(f"skipped {where}: {why}")
    if not found.files:
        raise UsageError(_none_found(opts.paths, len(found.skipped), len(found.passed_over)))
    lang = settings.lang
    cells = layout(pack)
    keys = [key for key, _ in cells]
    counts = dict.fromkeys(STATUSES, 0)
    try:
        # paired with last year's reports as the check pairs them, so that the sheet's verdicts are the check's
        with pairing(found.files, opts, settings, plugins, (*settings.exclude, *opts.exclude)) as pairs, \
                _sheet(out, suffix, opts.force, _SHEET[lang]) as write:
            write([*_HEAD[lang], *(header for _, header in cells)], True)
            jobs = [(p, settings) for p in found.files]
            for file, findings, _notes, facts in check_files(jobs, opts.jobs, want_facts=True, pairs=pairs):
                status = verdict(findings, facts)
                counts[status] += 1
                write(row(file, findings, facts, status, pack.id, keys, lang), False)
    except Refused as exc:  # the file appeared while the reports were checked
        raise UsageError(f"-o {opts.output_file}: {exc}") from None
    except OSError as exc:  # a folder that cannot be written, a full disk
        raise UsageError(f"-o {opts.output_file}: cannot write: {exc.strerror or exc}") from None
    say(f"{opts.output_file}: {sum(counts.values())} reports: " + ", ".join(f"{n} {s}" for s, n in counts.items()))
    return EXIT_CLEAN


def _require_openpyxl() -> None:
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        raise UsageError("writing .xlsx needs openpyxl: pip install 'reportlint[xlsx]' (or write .csv)") from None




def layout(pack: Pack) -> list[tuple[Key, str]]:
    """Every cell of the pack's tables in the format's order, with its header: section, row path and
    column (with its unit), e.g. `三/本年度办理结果/不予公开/属于国家秘密/自然人`."""
    out: list[tuple[Key, str]] = []
    for table in pack.tables:
        for spec in table.all_rows():
            if spec.is_group:
                continue
            for column in spec.columns or table.columns:
                unit = f"（{column.unit}）" if column.unit else ""
                out.append(((table.id, spec.path, column.label), f"{table.section}/{spec.path}/{column.label}{unit}"))
    return out


def verdict(findings: list[Finding], facts: Facts | None) -> str:
    """unreadable (no facts: the report could not be read), errors, warnings or clean (notes allowed)."""
    if facts is None:
        return "unreadable"
    severities = {f.severity for f in findings}
    return "errors" if "error" in severities else "warnings" if "warning" in severities else "clean"


def row(file: str, findings: list[Finding], facts: Facts | None, status: str, columns_pack: str,
        keys: list[Key], lang: str) -> list[Value]:
    """One report's row: who, when, verdict, counts, remark and its cells (empty where it has none)."""
    counts = [sum(f.severity == s for f in findings) for s in SEVERITIES]
    if facts is None:
        reason = next((f.message(lang) for f in findings if f.code == "RL001"), "")
        return [file, None, None, None, None, _STATUS[lang][status], *counts, reason, *[None] * len(keys)]
    kind = _KIND[lang].get(facts.kind, facts.kind) + ("" if facts.kind_sure else _GUESSED[lang])
    remark = "" if facts.pack == columns_pack else _OTHER_PACK[lang].format(pack=facts.pack, columns=columns_pack)
    values = {(table.id, path, column): value for table in facts.tables for path, column, value in table.cells()}
    return [file, facts.agency, kind, facts.year, facts.pack, _STATUS[lang][status], *counts, remark,
            *(number(values.get(key)) for key in keys)]


def number(text: str | None) -> Value:
    """A cell as a number (an int where it is whole); text that is no number stays text."""
    if text is None:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return text
    if not value.is_finite():
        return text
    return int(value) if value == value.to_integral_value() and abs(value) < 10**15 else value



@contextlib.contextmanager
def _sheet(out: Path, suffix: str, force: bool, title: str) -> Iterator[Write]:
    """A row writer (`write(values, is_header)`) into a temporary file beside `out`, put in place when done."""
    from reportlint.cli import sheets
    from reportlint.cli.atomic import written_into_place

    with written_into_place(out, force) as tmp, (
            sheets.csv_rows(tmp) if suffix == ".csv" else sheets.xlsx_rows(tmp, title)) as write:
        yield write
