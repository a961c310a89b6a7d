"""The command line: `reportlint FILE...`, `rules`, `convert`, `schema` (see cli.md)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from reportlint.cli.common import (
    EXIT_CANNOT_RUN,
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    Parser,
    UsageError,
    default_lang,
)
from reportlint.version import __version__

COMMANDS = ("check", "rules", "convert", "schema", "plugins")
#: How worker processes are started (fork, spawn, forkserver); read here only, for tests and debugging.
START_METHOD_ENV = "REPORTLINT_START_METHOD"


def _check_parser() -> argparse.ArgumentParser:
    p = Parser(prog="reportlint", description="Check government information disclosure annual reports "
                "(政府信息公开工作年度报告) against the 2021 format and the 条例.")
    p.add_argument("paths", nargs="*", metavar="FILE", help="report files or folders (.yaml, .txt, .html, .docx, .pdf)")
    p.add_argument("--format", dest="output", default=None, help="text (default), concise, json, sarif, github")
    p.add_argument("--select", default=None, help="only these codes or prefixes, e.g. RL3,RL101")
    p.add_argument("--ignore", default=None, help="not these codes or prefixes")
    p.add_argument("--lang", choices=("zh", "en"), default=None, help="language of the messages")
    p.add_argument("--previous", default=None, help="last year's report (for the RL7 rules)")
    p.add_argument("--config", default=None, help="a configuration file (pyproject.toml or .reportlint.yaml)")
    p.add_argument("--pack", default=None, help="check against this rule pack (gov-2021, gov-2019, …)")
    p.add_argument("--township-deadline", default=None, metavar="MM-DD", help="local deadline for 乡镇/街道")
    p.add_argument("-j", "--jobs", type=int, default=None, help="check N files in parallel (default: cores)")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when errors are found")
    p.add_argument("--statistics", action="store_true", help="count the findings per rule instead of listing them")
    p.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                   help="skip files matching GLOB when searching folders (repeatable; also `exclude` in config)")
    p.add_argument("--force-exclude", action="store_true",
                   help="apply the excludes to files named on the command line too (for pre-commit)")
    p.add_argument("--no-color", action="store_true", help="no colour in text output")
    p.add_argument("--color", action="store_true", help="colour even when the output is not a terminal")
    p.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    p.add_argument("--version", action="version", version=f"reportlint {__version__}")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        # A command word always wins; a file or folder named like one is checked as `check rules`
        # or `./rules`.
        if args and args[0] in COMMANDS:
            command, rest = args[0], args[1:]
        else:
            command, rest = "check", args
        if command == "rules":
            from reportlint.cli.commands import rules

            return rules(rest)
        if command == "convert":
            from reportlint.cli.commands import convert

            return convert(rest)
        if command == "schema":
            from reportlint.cli.commands import schema

            return schema(rest)
        if command == "plugins":
            from reportlint.cli.commands import plugins_list

            return plugins_list(rest)
        return check(rest)
    except UsageError as exc:
        print(f"reportlint: {exc}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    except KeyboardInterrupt:
        print("reportlint: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_CLEAN
    except Exception as exc:
        if debug:
            raise
        from reportlint.engine.config import ConfigError
        from reportlint.engine.run import CannotRun
        from reportlint.format.catalog import CatalogError
        from reportlint.format.packs import PackError

        if isinstance(exc, (ConfigError, CannotRun, PackError, CatalogError)):
            print(f"reportlint: {exc}", file=sys.stderr)
        else:
            print(f"reportlint: internal error: {type(exc).__name__}: {exc} (run with --debug for details)",
                  file=sys.stderr)
        return EXIT_CANNOT_RUN


def build_settings(opts: argparse.Namespace):
    """Settings from the configuration and the options, with the plugins' data folders; every
    selector checked against the code registry and every extra pack and catalogue file validated."""
    from reportlint.engine.config import _codes, apply, find_config, load, parse_month_day
    from reportlint.engine.settings import Settings
    from reportlint.plugins import manager as plugins

    settings = Settings(lang=default_lang())
    config_path = Path(opts.config) if opts.config else find_config(Path.cwd())
    if config_path is not None:
        if opts.config and not config_path.is_file():
            raise UsageError(f"--config {opts.config}: no such file")
        apply(settings, load(config_path), config_path)
    config_codes = (settings.select, settings.ignore, tuple(settings.severity))
    if opts.select:
        settings.select = _codes(opts.select, "--select", Path("--select"))
    if opts.ignore:
        settings.ignore = _codes(opts.ignore, "--ignore", Path("--ignore"))
    pack_dirs, catalog_dirs = plugins.data_dirs()
    settings.packs = (*settings.packs, *(p for p in pack_dirs if p not in settings.packs))
    settings.catalogs = catalog_dirs
    _check_codes(settings, config_path, config_codes, bool(opts.select), bool(opts.ignore))
    if opts.lang:
        settings.lang = opts.lang
    if opts.pack:
        settings.pack = opts.pack
    if opts.township_deadline:
        settings.township_deadline = parse_month_day(opts.township_deadline, "--township-deadline")
    if opts.previous:
        settings.previous = opts.previous
    return settings


def _check_codes(settings, config_path: Path | None, config_codes: tuple, cli_select: bool, cli_ignore: bool
                 ) -> None:
    """Validate the extra data files, and every code named in options or configuration (exit 2)."""
    needed = settings.packs or settings.catalogs or settings.select or settings.ignore or settings.severity
    if not needed:
        return  # nothing to look up: keep start-up lean
    from reportlint.format.registry import UnknownCode

    library = settings.library()
    if settings.packs or settings.catalogs:
        library.validate()  # raises PackError / CatalogError: one line, exit 2
    if not (settings.select or settings.ignore or settings.severity):
        return
    registry = library.registry()
    try:
        if cli_select:
            registry.check(settings.select, "--select")
        if cli_ignore:
            registry.check(settings.ignore, "--ignore")
        select, ignore, severity = config_codes
        where = str(config_path)
        if not cli_select:
            registry.check(select, f"{where}: select")
        if not cli_ignore:
            registry.check(ignore, f"{where}: ignore")
        registry.check(severity, f"{where}: severity")
    except UnknownCode as exc:
        raise UsageError(str(exc)) from None


def report_suffixes() -> tuple[str, ...]:
    from reportlint.engine.run import YAML_SUFFIXES
    from reportlint.plugins import manager as plugins

    return tuple(sorted(set(YAML_SUFFIXES) | {s for loader in plugins.loaders() for s in loader.suffixes}))


def _excluded(path: Path, base: Path, patterns: tuple[str, ...]) -> bool:
    from fnmatch import fnmatch

    candidates = {path.as_posix(), path.name}
    if base != path:
        candidates.add(path.relative_to(base).as_posix())
    return any(fnmatch(c, p) for c in candidates for p in patterns)


def expand(paths: list[str], exclude: tuple[str, ...] = (), force_exclude: bool = False) -> Iterator[Path]:
    """The files to check: files as given; folders searched recursively for report files, sorted.

    `exclude` globs drop files found in folders (and named files too with `force_exclude`)."""
    suffixes: tuple[str, ...] | None = None
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            suffixes = suffixes or report_suffixes()
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in suffixes and p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            yield from (p for p in found if not _excluded(p, path, exclude))
        elif not (force_exclude and _excluded(path, path, exclude)):
            yield path


def check(argv: list[str]) -> int:
    opts = _check_parser().parse_args(argv)
    if not opts.paths:
        raise UsageError("no file given; usage: reportlint FILE... (reportlint --help for options)")
    settings = build_settings(opts)
    from reportlint.plugins import manager as plugins

    writers = plugins.output_formats()
    output = opts.output or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if output not in writers:
        raise UsageError(f"--format {output}: choose one of {', '.join(sorted(writers))}")
    from reportlint.output import Options

    files = list(expand(opts.paths, (*settings.exclude, *opts.exclude), opts.force_exclude))
    state = {"errors": False}

    def results() -> Iterator[tuple[str, list]]:
        for file, findings in _run(files, settings, opts.jobs):
            if any(f.severity == "error" for f in findings):
                state["errors"] = True
            yield file, findings

    options = Options(lang=settings.lang, color=False if opts.no_color else True if opts.color else None)
    if opts.statistics:
        from reportlint.output.statistics import write

        write(results(), sys.stdout, options, as_json=output == "json")
    else:
        writers[output](results(), sys.stdout, options)
    sys.stdout.flush()
    return EXIT_FINDINGS if state["errors"] and not opts.exit_zero else EXIT_CLEAN


def _check_one(job: tuple[Path, object]) -> tuple[str, list]:
    from reportlint.engine.run import check_file

    path, settings = job
    return str(path), check_file(path, settings)  # type: ignore[arg-type]


def _run(files: list[Path], settings, jobs: int | None, start_method: str | None = None
         ) -> Iterator[tuple[str, list]]:
    """(file, findings) for every file, in order; with ≥ 4 files, in worker processes started by
    `start_method` (default: fork on Linux, else spawn; `REPORTLINT_START_METHOD` overrides it)."""
    workers = jobs or os.cpu_count() or 1
    if workers <= 1 or len(files) < 4:
        for path in files:
            yield _check_one((path, settings))
        return
    import multiprocessing

    method = start_method or os.environ.get(START_METHOD_ENV) or ("fork" if sys.platform == "linux" else "spawn")
    if method not in multiprocessing.get_all_start_methods():
        raise UsageError(f"{START_METHOD_ENV}={method}: choose one of {', '.join(multiprocessing.get_all_start_methods())}")
    context = multiprocessing.get_context(method)
    # Ctrl-C reaches the whole process group: the workers ignore it and the parent, which gets
    # KeyboardInterrupt, terminates them on leaving the pool (exit 130, no worker tracebacks)
    with context.Pool(min(workers, len(files)), initializer=_ignore_sigint) as pool:
        yield from pool.imap(_check_one, ((p, settings) for p in files), chunksize=8)


def _ignore_sigint() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
