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
                   help="skip files or folders matching GLOB or NAME when searching folders (repeatable; "
                        "also `exclude` in config)")
    p.add_argument("--force-exclude", action="store_true",
                   help="apply the excludes to files named on the command line too (for pre-commit)")
    p.add_argument("--skip-non-reports", action="store_true",
                   help="skip named files that are evidently not reports, as in folders (for pre-commit)")
    p.add_argument("-v", "--verbose", action="store_true", help="list the files skipped as not reports")
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

        if isinstance(exc, (ConfigError, CannotRun)):
            print(f"reportlint: {exc}", file=sys.stderr)
        else:
            print(f"reportlint: internal error: {type(exc).__name__}: {exc} (run with --debug for details)",
                  file=sys.stderr)
        return EXIT_CANNOT_RUN


def build_settings(opts: argparse.Namespace):
    from reportlint.engine.config import _codes, apply, find_config, load, parse_month_day
    from reportlint.engine.settings import Settings

    settings = Settings(lang=default_lang())
    config_path = Path(opts.config) if opts.config else find_config(Path.cwd())
    if config_path is not None:
        if opts.config and not config_path.is_file():
            raise UsageError(f"--config {opts.config}: no such file")
        apply(settings, load(config_path), config_path)
    if opts.select:
        settings.select = _codes(opts.select, "--select", Path("--select"))
    if opts.ignore:
        settings.ignore = _codes(opts.ignore, "--ignore", Path("--ignore"))
    if opts.lang:
        settings.lang = opts.lang
    if opts.pack:
        settings.format = opts.pack
    if opts.township_deadline:
        settings.township_deadline = parse_month_day(opts.township_deadline, "--township-deadline")
    if opts.previous:
        settings.previous = opts.previous
    return settings


def check(argv: list[str]) -> int:
    opts = _check_parser().parse_args(argv)
    if not opts.paths:
        raise UsageError("no file given; usage: reportlint FILE... (reportlint --help for options)")
    settings = build_settings(opts)
    from reportlint.plugins import manager as plugins

    plugins.configure_data_dirs()
    if settings.packs:
        from reportlint.format.packs import add_pack_dirs

        add_pack_dirs([Path(p) for p in settings.packs])
    writers = plugins.output_formats()
    output = opts.output or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if output not in writers:
        raise UsageError(f"--format {output}: choose one of {', '.join(sorted(writers))}")
    from reportlint.engine.discover import discover
    from reportlint.output import Options

    found = discover(opts.paths, (*settings.exclude, *opts.exclude), opts.force_exclude, opts.skip_non_reports)
    files = found.files
    skipped = tuple(str(p) for p in found.skipped)
    if skipped and opts.verbose and (output != "text" or opts.statistics):
        for name in skipped:
            print(f"reportlint: skipped (not a report): {name}", file=sys.stderr)
    state = {"errors": False}

    def results() -> Iterator[tuple[str, list]]:
        for file, findings in _run(files, settings, opts.jobs):
            if any(f.severity == "error" for f in findings):
                state["errors"] = True
            yield file, findings

    options = Options(lang=settings.lang, color=False if opts.no_color else True if opts.color else None,
                      skipped=skipped, verbose=opts.verbose)
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


def _run(files: list[Path], settings, jobs: int | None) -> Iterator[tuple[str, list]]:
    workers = jobs or os.cpu_count() or 1
    if workers <= 1 or len(files) < 4:
        for path in files:
            yield _check_one((path, settings))
        return
    import multiprocessing

    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    # Ctrl-C reaches the whole process group: the workers ignore it and the parent, which gets
    # KeyboardInterrupt, terminates them on leaving the pool (exit 130, no worker tracebacks)
    with context.Pool(min(workers, len(files)), initializer=_ignore_sigint) as pool:
        yield from pool.imap(_check_one, ((p, settings) for p in files), chunksize=8)


def _ignore_sigint() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
