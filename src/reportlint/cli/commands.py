"""The commands besides checking: `rules` (list and explain), `convert`, `schema`."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reportlint.cli.common import (
    EXIT_CANNOT_RUN,
    EXIT_CLEAN,
    EXIT_FINDINGS,
    Parser,
    UsageError,
    add_global_options,
    default_lang,
    require_pack,
    say,
)

if TYPE_CHECKING:
    from reportlint.format.catalog import RuleDoc
    from reportlint.format.library import Library

_SURE = {
    "F": ("官方文本（条例或2021年格式原文）", "the official text (the 条例 or the 2021 format)"),
    "P": ("实际报告的一贯做法", "consistent practice of published reports"),
    "R": ("推断或惯例，非官方原文：仅作警告", "inferred or customary, not official text: warnings only"),
}


def rules_parser() -> Parser:
    p = Parser(prog="reportlint rules", description="List the rules, or explain one.")
    p.add_argument("code", nargs="?", help="a rule code (RL301) or name (application-balance)")
    add_global_options(p)
    p.add_argument("--format", dest="output", choices=("text", "json", "markdown"), default="text")
    return p


def rules(argv: list[str]) -> int:
    opts = rules_parser().parse_args(argv)
    lang = opts.lang or default_lang()
    docs = _library().registry().docs
    if opts.code:
        wanted = opts.code.strip()
        found = docs.get(wanted.upper()) or next((d for d in docs.values() if d.name == wanted), None)
        if found is None:
            from reportlint.format.labels import suggest

            hint = suggest(wanted.upper(), list(docs)) or suggest(wanted, [d.name for d in docs.values()])
            raise UsageError(f"no rule {wanted}" + (f" (did you mean {hint}?)" if hint else ""))
        if opts.output == "json":
            print(json.dumps(_as_json(found), ensure_ascii=False, indent=2))
        else:
            sys.stdout.write(explain(found, lang))
        return EXIT_CLEAN
    if opts.output == "json":
        print(json.dumps([_as_json(d) for d in docs.values()], ensure_ascii=False, indent=2))
        return EXIT_CLEAN
    if opts.output == "markdown":
        for d in docs.values():
            sys.stdout.write(explain(d, lang) + "\n")
        return EXIT_CLEAN
    width = max(len(d.name) for d in docs.values())
    for d in docs.values():
        print(f"{d.code}  {d.name.ljust(width)}  {d.severity.ljust(7)}  {d.summary[lang]}")
    return EXIT_CLEAN


def _library() -> Library:
    """The library of the configuration's and the plugins' folders (what `reportlint FILE` would use)."""
    from reportlint.engine.config import apply, find_config, load
    from reportlint.engine.settings import Settings
    from reportlint.plugins import manager as plugins

    settings = Settings()
    config_path = find_config(Path.cwd())
    if config_path is not None:
        apply(settings, load(config_path), config_path)
    pack_dirs, settings.catalogs = plugins.installed(plugins.autoload_wanted()).data_dirs()
    settings.packs = (*settings.packs, *(p for p in pack_dirs if p not in settings.packs))
    return settings.library()


def _as_json(d: RuleDoc) -> dict[str, object]:
    return {
        "code": d.code, "name": d.name, "severity": d.severity, "family": d.family, "summary": d.summary,
        "what": d.what, "why": d.why, "basis": d.basis, "sure": d.sure, "formats": list(d.formats),
        "always": d.always, "fix": d.fix,
        "example": {"fail": d.example_fail, "pass": d.example_pass},
    }


#: What a rule page says of `fix: safe | unsafe` (docs/fix.md).
_FIXABLE = {
    "safe": ("**可自动修复**：`reportlint --fix` 会改正它（YAML 报告；`--diff` 先看改动）",
             "**Fixable**: `reportlint --fix` mends it (YAML reports; `--diff` shows the change first)"),
    "unsafe": ("**可自动修复（不安全）**：只有加上 `--unsafe-fixes`，`--fix` 才会按算式改正它；请核对改后的数字",
               "**Fixable (unsafe)**: `--fix` mends it only with `--unsafe-fixes`, from the arithmetic; check the "
               "number it writes"),
}


def explain(d: RuleDoc, lang: str) -> str:
    """One rule's page (Markdown): what, why, basis with its sure-ness, failing and passing example."""
    zh = lang != "en"
    sure = _SURE.get(d.sure, ("", ""))[0 if zh else 1]
    heads = ("检查什么", "为什么", "依据", "可信度", "违规示例", "合规示例", "默认级别", "适用格式") if zh else (
        "What it checks", "Why", "Basis", "How sure", "Failing example", "Passing example", "Default severity",
        "Formats")
    out = [f"# {d.code} {d.name}", "", d.summary[lang], "", f"**{heads[6]}**: {d.severity}"]
    if d.formats:
        out.append(f"**{heads[7]}**: {', '.join(d.formats)}")
    if d.always:
        out.append("**不可屏蔽**：--select、--ignore、配置中的级别和屏蔽注释都不能隐藏它，它总是错误" if zh else
                   "**Cannot be hidden**: --select, --ignore, severity settings and suppression comments do "
                   "not hide it; it is always an error")
    if d.fix != "none":
        out.append(_FIXABLE[d.fix][0 if zh else 1])
    out += ["", f"## {heads[0]}", "", d.what[lang], "", f"## {heads[1]}", "", d.why[lang], ""]
    out += [f"## {heads[2]}", "", d.basis[lang], "", f"**{heads[3]}**: {d.sure} — {sure}", ""]
    if d.example_fail:
        out += [f"## {heads[4]}", "", "```yaml", d.example_fail.rstrip(), "```", ""]
    if d.example_pass:
        out += [f"## {heads[5]}", "", "```yaml", d.example_pass.rstrip(), "```", ""]
    return "\n".join(out) + "\n"


def convert_parser() -> Parser:
    p = Parser(prog="reportlint convert", description="Turn a published report (TXT, HTML, DOCX, PDF; .doc, .wps, .odt through LibreOffice) into "
                "the report YAML.")
    p.add_argument("file", help="the document")
    p.add_argument("-o", "--output", default=None, help="write the YAML here (default: standard output)")
    p.add_argument("--force", action="store_true", help="overwrite the output file if it exists")
    from reportlint.engine.settings import MEMORY_LIMIT_MB, TIMEOUT_S

    p.add_argument("--timeout", type=float, default=TIMEOUT_S, metavar="SECONDS",
                   help=f"stop converting after SECONDS (default {TIMEOUT_S:g}; 0: no limit)")
    p.add_argument("--memory-limit", type=int, default=MEMORY_LIMIT_MB, metavar="MB",
                   help=f"stop converting when it needs more than MB of memory (default {MEMORY_LIMIT_MB}; 0: no limit)")
    add_global_options(p)
    return p


def convert(argv: list[str]) -> int:
    opts = convert_parser().parse_args(argv)
    if not 0 <= opts.timeout < 1e9 or opts.memory_limit < 0:
        raise UsageError("--timeout and --memory-limit are at least 0 (0: no limit)")
    from reportlint.cli.atomic import Refused, refuse_target, write_text
    from reportlint.convert.converted import ConversionFailed, NotAReport
    from reportlint.engine import isolate
    from reportlint.plugins import manager as plugins
    from reportlint.read.paths import require_regular
    from reportlint.read.source import Unreadable

    path = Path(opts.file)
    suffix = path.suffix.lower()
    loaders = plugins.installed(plugins.autoload_wanted()).loaders()
    loader = next((lo for lo in loaders if suffix in lo.suffixes), None)
    if loader is None:
        known = ", ".join(sorted({s for lo in loaders for s in lo.suffixes}))
        raise UsageError(f"cannot convert {suffix or 'a file without suffix'} files (known: {known})")
    if opts.output:
        try:
            refuse_target(Path(opts.output), opts.force, source=path)
        except Refused as exc:
            raise UsageError(str(exc)) from None
    method = "spawn" if os.environ.get("REPORTLINT_START_METHOD") in ("spawn", "forkserver") else "fork"
    limits = isolate.Limits(opts.timeout, opts.memory_limit, method, plugins.autoload_wanted())
    try:
        require_regular(path)  # the readers open the path themselves: no FIFO or device reaches them
        converted = isolate.convert(loader, path, limits)
    except (Unreadable, NotAReport) as exc:
        say(f"{path}: {exc.zh if opts.lang == 'zh' else exc.en}")
        return EXIT_FINDINGS
    except ConversionFailed as exc:
        if opts.debug and exc.detail:
            print(exc.detail, end="", file=sys.stderr)
        zh, en = _library().doc("RL001").render(exc.variant, exc.fields)
        say(f"{path}: {zh if opts.lang == 'zh' else en}")
        return EXIT_FINDINGS
    for note in converted.notes:
        say(f"{path}: {note}")
    if opts.output:
        try:
            write_text(Path(opts.output), converted.yaml_text, force=opts.force, source=path)
        except Refused as exc:
            raise UsageError(str(exc)) from None
        except OSError as exc:
            print(f"reportlint: cannot write {opts.output}: {exc.strerror}", file=sys.stderr)
            return EXIT_CANNOT_RUN
    else:
        sys.stdout.write(converted.yaml_text)
    return EXIT_CLEAN


def schema_parser() -> Parser:
    p = Parser(prog="reportlint schema", description="Print the JSON Schema of the report file.")
    p.add_argument("--pack", default="gov-2021", help="fill the table rows in from this pack")
    add_global_options(p)
    return p


def schema(argv: list[str]) -> int:
    opts = schema_parser().parse_args(argv)
    library = _library()
    require_pack(opts.pack, library.available())
    from reportlint.document.json_schema import json_schema

    print(json.dumps(json_schema(library.pack(opts.pack)), ensure_ascii=False, indent=2))
    return EXIT_CLEAN


def plugins_parser() -> Parser:
    p = Parser(prog="reportlint plugins", description="List the plugins: built-in and installed.")
    add_global_options(p)
    return p


def plugins_list(argv: list[str]) -> int:
    """`reportlint plugins`: every plugin, where it comes from, its hooks and the codes it reports."""
    plugins_parser().parse_args(argv)
    from reportlint.plugins import manager as plugins

    pm = plugins.installed(plugins.autoload_wanted()).manager
    versions = {name: (dist, version) for name, _, dist, version in plugins.entry_points("reportlint")}
    for name, plugin in pm.list_name_plugin():
        if plugin is None:
            continue
        dist, version = versions.get(name, ("reportlint (built-in)", ""))
        hooks = sorted(h.name for h in pm.get_hookcallers(plugin) or ())
        codes: list[str] = []
        if hasattr(plugin, "reportlint_checks"):
            codes = [code for check in plugin.reportlint_checks() for code in check.codes]
        print(f"{name}  {dist} {version}".rstrip())
        print(f"    hooks: {', '.join(hooks)}")
        if codes:
            print(f"    codes: {', '.join(codes)}")
    return EXIT_CLEAN
