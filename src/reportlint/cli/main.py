"""The command line: `reportlint FILE...`, `rules`, `convert`, `schema` (see docs/cli.md)."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

from reportlint.cli.common import (
    EXIT_CANNOT_RUN,
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_TERMINATED,
    GLOBAL_OPTIONS,
    Parser,
    UsageError,
    add_global_options,
    default_lang,
    require_pack,
    say,
)
from reportlint.version import __version__

if TYPE_CHECKING:
    from reportlint.cli.fixing import Summary
    from reportlint.document.facts import Facts
    from reportlint.engine.settings import Settings
    from reportlint.findings.finding import Finding

COMMANDS = ("check", "rules", "convert", "schema", "plugins")
#: The output formats `--statistics` can print its counts in.
STATISTICS_FORMATS = ("text", "json")


EPILOG = """commands (options of the check above; `reportlint COMMAND --help` for a command's own):
  check FILE...   check reports (the default: `reportlint FILE...`)
  rules [CODE]    list every rule, or explain one: what, why, legal basis, examples
  convert FILE    turn a published TXT, HTML, DOCX or PDF report into report YAML
  schema          print the JSON Schema of the report file, for editors
  plugins         list the plugins loaded: built-in and installed, their hooks and codes

--lang, --color, --no-color and --debug may come before a command. A file named like a command
is checked when written as ./rules (or `reportlint check rules`).

exit codes:
  0  no finding of severity error (warnings and notes may have been printed)
  1  at least one error found (an unreadable or unparsable file is one: RL001); with --diff:
     something would be fixed
  2  reportlint could not run: a bad option, an invalid configuration, an internal failure
  130 interrupted (Ctrl-C); 143 terminated (SIGTERM)"""

#: How worker processes are started (fork, spawn, forkserver); read here only, for tests and debugging.
START_METHOD_ENV = "REPORTLINT_START_METHOD"


def _check_parser() -> argparse.ArgumentParser:
    p = Parser(prog="reportlint", description="Check government information disclosure annual reports "
                "(政府信息公开工作年度报告) against the 2021 format and the 条例.", epilog=EPILOG,
               formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="*", metavar="FILE", help="report files or folders (.yaml, .txt, .html, .docx, .pdf, .doc, .wps, .odt)")
    p.add_argument("--format", dest="output", default=None, help="text (default), concise, json, sarif, github")
    p.add_argument("-o", "--output-file", default=None, metavar="FILE",
                   help="write the output to FILE instead of standard output (any format; replaced when done)")
    p.add_argument("--select", default=None, help="only these codes or prefixes, e.g. RL3,RL101")
    p.add_argument("--ignore", default=None, help="not these codes or prefixes")
    p.add_argument("--previous", default=None, help="last year's report (for the RL7 rules)")
    p.add_argument("--config", default=None, help="a configuration file (pyproject.toml or .reportlint.yaml)")
    p.add_argument("--pack", default=None, help="check against this rule pack (gov-2021, gov-2019, …)")
    p.add_argument("--township-deadline", default=None, metavar="MM-DD", help="local deadline for 乡镇/街道")
    p.add_argument("-j", "--jobs", type=int, default=None, help="check N files in parallel (default: cores)")
    p.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                   help="stop converting a document after SECONDS (default 10; 0: no limit; not for YAML)")
    p.add_argument("--memory-limit", type=int, default=None, metavar="MB",
                   help="stop converting a document that needs more than MB of memory (default 512; 0: no limit)")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when errors are found")
    p.add_argument("--statistics", action="store_true", help="count the findings per rule instead of listing them")
    p.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                   help="skip files or folders matching GLOB or NAME when searching folders (repeatable; "
                        "also `exclude` in config)")
    p.add_argument("--force-exclude", action="store_true",
                   help="apply the excludes to files named on the command line too (for pre-commit)")
    p.add_argument("--skip-non-reports", action="store_true",
                   help="skip named files that are evidently not reports, as in folders (for pre-commit)")
    p.add_argument("-v", "--verbose", action="store_true", help="list the files skipped as not reports, and what was found in or assumed of "
                        "each document converted (where its date and agency kind came from)")
    p.add_argument("--fix", action="store_true", help="fix what is mechanical in YAML reports, in place, then "
                   "report what remains (docs/fix.md)")
    p.add_argument("--diff", action="store_true", help="print the fixes as a unified diff and change nothing "
                   "(exit 1 when there is something to fix)")
    p.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff: also the fixes to check "
                   "by eye (a cell the arithmetic pins down)")
    add_global_options(p)
    p.add_argument("-V", "--version", action="version", version=f"reportlint {__version__}")
    return p


def _split_command(args: list[str]) -> tuple[str, list[str]]:
    """The command and its arguments. Global options may come before the command word (they are
    passed on to it); without a command word everything is the check's, in the order given."""
    i = 0
    while i < len(args):
        name = args[i].split("=", 1)[0]
        if name not in GLOBAL_OPTIONS:
            break
        i += 2 if GLOBAL_OPTIONS[name] and "=" not in args[i] else 1
    if i < len(args) and args[i] in COMMANDS:
        return args[i], [*args[:i], *args[i + 1 :]]
    if i < len(args):
        _not_a_command(args[i])
    return "check", args


def _not_a_command(word: str) -> None:
    """A bare first word that is no existing path is a mistyped command, not a missing report:
    `reportlint rule RL301` says so (exit 2) instead of reporting a file `rule` that is not there."""
    import re

    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", word) or os.path.lexists(word):
        return
    import difflib

    hint = difflib.get_close_matches(word.lower(), COMMANDS, n=1, cutoff=0.6)
    raise UsageError(f"no file or command '{word}'"
                     + (f" (did you mean: {hint[0]}?)" if hint else f" (commands: {', '.join(COMMANDS)})"))


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        # A command word always wins; a file or folder named like one is checked as `check rules`
        # or `./rules`.
        command, rest = _split_command(args)
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
        say(str(exc))
        return EXIT_CANNOT_RUN
    except KeyboardInterrupt:
        print("reportlint: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except SystemExit as exc:
        from reportlint.engine.run import Terminated

        if not isinstance(exc, Terminated):
            raise
        print("reportlint: terminated", file=sys.stderr)
        return EXIT_TERMINATED
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
            say(str(exc))
        else:
            say(f"internal error: {type(exc).__name__}: {exc} (run with --debug for details)")
        return EXIT_CANNOT_RUN


def build_settings(opts: argparse.Namespace) -> Settings:
    """Settings from the configuration and the options, with the plugins' data folders; every
    selector checked against the code registry and every extra pack and catalogue file validated."""
    from reportlint.engine.config import _codes, apply, find_config, load, parse_month_day
    from reportlint.engine.settings import Settings
    from reportlint.plugins.manager import autoload_wanted, installed

    settings = Settings(lang=default_lang(), autoload=autoload_wanted())
    config_path = Path(opts.config) if opts.config else find_config(Path.cwd())
    if config_path is not None:
        if opts.config and not os.path.lexists(config_path):
            raise UsageError(f"--config {opts.config}: no such file")
        apply(settings, load(config_path), config_path)
    config_codes = (settings.select, settings.ignore, tuple(settings.severity))
    if opts.select is not None:
        settings.select = _codes(opts.select, "--select", Path("--select"))
        if not settings.select:  # `--select ""` or `--select ,` would silently select every rule
            raise UsageError(f"--select {opts.select!r}: names no rule; give codes or prefixes, like RL3,RL101")
    if opts.ignore:
        settings.ignore = _codes(opts.ignore, "--ignore", Path("--ignore"))
    pack_dirs, catalog_dirs = installed(settings.autoload).data_dirs()
    settings.packs = (*settings.packs, *(p for p in pack_dirs if p not in settings.packs))
    settings.catalogs = catalog_dirs
    _check_codes(settings, config_path, config_codes, opts.select is not None, bool(opts.ignore))
    if opts.lang:
        settings.lang = opts.lang
    if opts.pack:
        settings.pack = opts.pack
    if opts.township_deadline:
        settings.township_deadline = parse_month_day(opts.township_deadline, "--township-deadline")
    if opts.previous:
        settings.previous = opts.previous
    if opts.timeout is not None:
        settings.timeout = opts.timeout
    if opts.memory_limit is not None:
        settings.memory_limit = opts.memory_limit
    settings.spawn = os.environ.get(START_METHOD_ENV) in ("spawn", "forkserver")
    settings.debug = opts.debug
    return settings


def _check_codes(settings: Settings, config_path: Path | None,
                 config_codes: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]], cli_select: bool,
                 cli_ignore: bool) -> None:
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


def check(argv: list[str]) -> int:
    opts = _check_parser().parse_args(argv)
    if not opts.paths:
        raise UsageError("no file given; usage: reportlint FILE... (reportlint --help for options)")
    if opts.jobs is not None and opts.jobs < 1:
        raise UsageError(f"-j {opts.jobs}: the number of parallel jobs is at least 1 (leave -j out for one per core)")
    if opts.timeout is not None and not 0 <= opts.timeout < 1e9:
        raise UsageError(f"--timeout {opts.timeout:g}: give seconds, at least 0 (0: no limit)")
    if opts.memory_limit is not None and opts.memory_limit < 0:
        raise UsageError(f"--memory-limit {opts.memory_limit}: give megabytes, at least 0 (0: no limit)")
    _stop_on_sigterm()
    settings = build_settings(opts)
    from reportlint.plugins.manager import installed

    if opts.pack:
        require_pack(opts.pack, settings.library().available())
    plugins = installed(settings.autoload)
    writers = plugins.output_formats()
    if opts.statistics:
        # counts are text or JSON; GitHub Actions' automatic `github` does not apply to them
        output = opts.output or "text"
        if output not in STATISTICS_FORMATS:
            raise UsageError(f"--statistics prints text or json, not {output}; use --format json")
    else:
        output = opts.output or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if output not in writers:
        raise UsageError(f"--format {output}: choose one of {', '.join(sorted(writers))}")
    from reportlint.engine.discover import discover
    from reportlint.output import Checked, Options

    found = discover(opts.paths, (*settings.exclude, *opts.exclude), opts.force_exclude, opts.skip_non_reports,
                     plugins)
    files = found.files
    skipped = tuple(str(p) for p in found.skipped)
    for where, why in found.passed_over:
        print(f"reportlint: skipped {where}: {why}", file=sys.stderr)
    if not files and not (opts.skip_non_reports or opts.force_exclude):
        raise UsageError(_none_found(opts.paths, len(skipped), len(found.passed_over)))
    if skipped and opts.verbose and (output != "text" or opts.statistics):
        for name in skipped:
            say(f"skipped (not a report): {name}")
    fixing = _fix_first(opts, files, settings)
    if opts.diff and fixing is not None:
        return EXIT_FINDINGS if fixing.fixed else EXIT_CLEAN
    state = {"errors": False, "findings": 0}

    want_facts = bool(getattr(writers[output], "wants_facts", False)) and not opts.statistics

    def results() -> Iterator[Checked]:
        for file, findings, notes, facts in _run(files, settings, opts.jobs, want_facts=want_facts):
            for note in notes if opts.verbose else ():  # what the converter assumed or could not find
                print(f"reportlint: {file}: {note}", file=sys.stderr)
            if any(f.severity == "error" for f in findings):
                state["errors"] = True
            state["findings"] += len(findings)
            yield Checked(file, findings, facts, tuple(notes))

    options = Options(lang=settings.lang, color=False if opts.no_color else True if opts.color else None,
                      skipped=skipped, verbose=opts.verbose, rules=lambda: settings.library().registry().docs,
                      output_file=opts.output_file)
    with _output(opts.output_file) as stream:
        if opts.output_file and not opts.color:
            options.color = False  # a file gets no escape sequences unless --color asks for them
        if opts.statistics:
            from reportlint.output.statistics import write

            write(results(), stream, options, as_json=output == "json")
        else:
            writers[output](results(), stream, options)
        stream.flush()
    if fixing is not None:
        from reportlint.cli.fixing import closing_line

        print(closing_line(fixing, state["findings"]), file=sys.stderr)
    return EXIT_FINDINGS if state["errors"] and not opts.exit_zero else EXIT_CLEAN


def _fix_first(opts: argparse.Namespace, files: list[Path], settings: Settings) -> Summary | None:
    """With --fix or --diff: fix the YAML reports (--diff: print the diff and the closing line);
    None without either."""
    if opts.unsafe_fixes and not (opts.fix or opts.diff):
        raise UsageError("--unsafe-fixes works with --fix or --diff")
    if not (opts.fix or opts.diff):
        return None
    from reportlint.cli.fixing import closing_line, fix_files

    if not opts.diff:
        return fix_files(files, settings, opts.unsafe_fixes, False, sys.stdout)
    with _output(opts.output_file) as stream:
        summary = fix_files(files, settings, opts.unsafe_fixes, True, stream)
        stream.flush()
    print(closing_line(summary, None), file=sys.stderr)
    return summary


def _output(name: str | None) -> contextlib.AbstractContextManager[IO[str]]:
    """Standard output, or `-o FILE` written beside its place and put there when the run is done
    (an interrupted run leaves an earlier file as it was)."""
    if name is None or name == "-":
        return contextlib.nullcontext(sys.stdout)
    from reportlint.cli.atomic import Refused, replaced_on_success

    try:
        from reportlint.cli.atomic import refuse_target

        refuse_target(Path(name), force=True)
    except Refused as exc:
        raise UsageError(f"-o {name}: {exc}") from None
    if not os.path.isdir(os.path.dirname(name) or "."):
        raise UsageError(f"-o {name}: no such folder")
    return replaced_on_success(Path(name))


def _none_found(paths: list[str], skipped: int, passed_over: int) -> str:
    """The one line for a run that found nothing to check (exit 2: a run that checked nothing never passes)."""
    shown = ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
    why = [f"{skipped} skipped as not reports (-v lists them)"] if skipped else []
    why += [f"{passed_over} passed over (listed above)"] if passed_over else []
    return f"no reports found in {shown}" + (f" ({'; '.join(why)})" if why else "")


def _check_one(job: tuple[Path, Settings, bool]) -> tuple[str, list[Finding], list[str], Facts | None]:
    from reportlint.engine.run import check_file

    path, settings, want_facts = job
    notes: list[str] = []
    facts: list[Facts] | None = [] if want_facts else None
    findings = check_file(path, settings, notes=notes, facts=facts)
    return str(path), findings, notes, facts[0] if facts else None


def _run(files: list[Path], settings: Settings, jobs: int | None, start_method: str | None = None,
         want_facts: bool = False) -> Iterator[tuple[str, list[Finding], list[str], Facts | None]]:
    """(file, findings, the converter's notes, the report's facts if wanted) for every file, in order;
    with ≥ 4 files, in worker processes started by `start_method` (default: fork on Linux, else
    spawn; `REPORTLINT_START_METHOD` overrides it)."""
    workers = jobs or os.cpu_count() or 1
    if workers <= 1 or len(files) < 4:
        for path in files:
            yield _check_one((path, settings, want_facts))
        return
    import multiprocessing

    method = start_method or os.environ.get(START_METHOD_ENV) or ("fork" if sys.platform == "linux" else "spawn")
    if method not in multiprocessing.get_all_start_methods():
        raise UsageError(f"{START_METHOD_ENV}={method}: choose one of {', '.join(multiprocessing.get_all_start_methods())}")
    context = multiprocessing.get_context(method)
    if method == "fork" and any(p.suffix.lower() in (".yaml", ".yml") for p in files):
        _prepare_workers(settings)
    # Ctrl-C reaches the whole process group: the workers ignore it and the parent, which gets
    # KeyboardInterrupt, terminates them on leaving the pool (exit 130, no worker tracebacks).
    # SIGTERM to the parent does the same (exit 143); the pool's terminate() sends SIGTERM to each
    # worker, which dies at once (a worker converting a document kills its child first). Workers
    # are replaced after MAX_TASKS_PER_WORKER chunks, so that none keeps a library's caches for long.
    with context.Pool(min(workers, len(files)), initializer=_worker_signals,
                      maxtasksperchild=MAX_TASKS_PER_WORKER) as pool:
        yield from pool.imap(_check_one, ((p, settings, want_facts) for p in files), chunksize=8)


def _prepare_workers(settings: Settings) -> None:
    """Before forking workers for reports: import the engine and the checks and read the catalogue
    and the packs here, once, so that every worker (and every replacement of one) starts with them
    instead of rebuilding them. Not for a folder of documents only: there the parent stays small.
    A failure is left for the workers to report, as it would have been without this."""
    import contextlib

    with contextlib.suppress(Exception):
        from reportlint.document import bind  # noqa: F401
        from reportlint.engine import run  # noqa: F401
        from reportlint.plugins.manager import installed
        from reportlint.read import yamltree  # noqa: F401

        installed(settings.autoload).checks()
        library = settings.library()
        library.catalog()
        library.registry()
        for pack_id in library.available():
            library.pack(pack_id)


#: Chunks (of 8 files) a worker checks before it is replaced by a fresh one.
MAX_TASKS_PER_WORKER = 16


def _worker_signals() -> None:
    """In a worker: Ctrl-C is the parent's business; SIGTERM ends it at once (not the parent's handler)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _stop_on_sigterm() -> None:
    """SIGTERM raises `Terminated`: the pool is terminated, document children are killed, the output
    is closed and the process exits 143 without a traceback."""
    import signal

    from reportlint.engine.run import Terminated

    def stop(signum: int, frame: object) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second one must not interrupt the clean-up
        raise Terminated(EXIT_TERMINATED)

    signal.signal(signal.SIGTERM, stop)
