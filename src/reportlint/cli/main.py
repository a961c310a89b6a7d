"""The command line: `reportlint FILE...`, `rules`, `convert`, `schema` (see docs/cli.md)."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Generator, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, NoReturn

from reportlint.cli.common import (
    EXIT_CANNOT_RUN,
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_TERMINATED,
    GLOBAL_OPTIONS,
    START_METHOD_ENV,
    Parser,
    UsageError,
    add_global_options,
    add_run_options,
    check_run_limits,
    default_lang,
    require_pack,
    say,
)
from reportlint.version import __version__

if TYPE_CHECKING:
    from reportlint.cli.checking import Result
    from reportlint.cli.configs import SettingsByFolder
    from reportlint.cli.fixing import Summary
    from reportlint.cli.stdin import StdinReport
    from reportlint.document.facts import Facts
    from reportlint.engine.settings import Settings
    from reportlint.findings.finding import Finding

#: Each command word but `check` and the function that runs it (`MODULE:FUNCTION` under `reportlint`),
#: imported only when its word is given.
RUNNERS = {
    "rules": "cli.commands:rules",
    "convert": "cli.commands:convert",
    "schema": "cli.commands:schema",
    "plugins": "cli.commands:plugins_list",
    "export": "cli.export:export",
    "init": "cli.init:init",
    "baseline": "cli.baseline:baseline",
    "completion": "cli.completion:completion",
}
COMMANDS = ("check", *RUNNERS)
#: The output formats `--statistics` can print its counts in.
STATISTICS_FORMATS = ("text", "json")


EPILOG = """commands (options of the check above; `reportlint COMMAND --help` for a command's own):
  check FILE...   check reports (the default: `reportlint FILE...`)
  rules [CODE]    list every rule, or explain one: what, why, legal basis, examples
  convert FILE    turn a published TXT, HTML, DOCX or PDF report into report YAML
  schema          print the JSON Schema of the report file, for editors
  plugins         list the plugins loaded: built-in and installed, their hooks and codes
  export DIR... -o OUT.xlsx|OUT.csv
                  one row per report: verdict, counts, every table cell under its label
  init            write a blank report of a year's format (--year, --agency; -o FILE, --docx)
  baseline DIR... record today's findings (-o .reportlint-baseline.json), for --baseline
  completion SHELL  print a completion script for bash, zsh or powershell

--lang, --color, --no-color and --debug may come before a command. A file named like a command
is checked when written as ./rules (or `reportlint check rules`).

exit codes:
  0  no finding of severity error (warnings and notes may have been printed)
  1  at least one error found (an unreadable or unparsable file is one: RL001); with --diff:
     something would be fixed
  2  reportlint could not run: a bad option, an invalid configuration, an internal failure
  130 interrupted (Ctrl-C); 143 terminated (SIGTERM)"""


def _check_parser() -> argparse.ArgumentParser:
    p = Parser(prog="reportlint", description="Check government information disclosure annual reports "
                "(政府信息公开工作年度报告) against the 2021 format and the 条例.", epilog=EPILOG,
               formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="*", metavar="FILE", help="report files or folders (.yaml, .txt, .html, .docx, .pdf, .doc, .wps, .odt); "
                   "- reads report YAML from standard input")
    p.add_argument("--stdin-filename", default=None, metavar="NAME",
                   help="the name of the report read from standard input (-): shown in the findings; its folder's "
                        "configuration and previous: apply")
    p.add_argument("--format", dest="output", default=None, help="text (default), concise, json, sarif, github, html (one page for the office)")
    p.add_argument("-o", "--output-file", default=None, metavar="FILE",
                   help="write the output to FILE instead of standard output (any format; replaced when done)")
    p.add_argument("--annotate", action="store_true", help="write a copy of a .docx report with each finding as a Word "
                   "comment (批注): to -o FILE, else beside it as NAME-检查意见.docx")
    p.add_argument("--force", action="store_true", help="let --annotate overwrite its copy if it exists")
    p.add_argument("--select", default=None, help="only these codes or prefixes, e.g. RL3,RL101")
    p.add_argument("--ignore", default=None, help="not these codes or prefixes")
    p.add_argument("--previous", default=None, help="last year's report (for the RL7 rules)")
    p.add_argument("--previous-dir", default=None, metavar="DIR",
                   help="last year's reports, read only to pair each report with its agency's of the year before")
    p.add_argument("--config", default=None, help="a configuration file (pyproject.toml or .reportlint.yaml) for every file, instead of the "
                        "nearest above each")
    p.add_argument("--pack", default=None, help="check against this rule pack (gov-2021, gov-2019, …)")
    p.add_argument("--township-deadline", default=None, metavar="MM-DD", help="local deadline for 乡镇/街道")
    add_run_options(p)
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when errors are found")
    p.add_argument("--baseline", default=None, metavar="FILE",
                   help="report and fail on only the findings not recorded in FILE (`reportlint baseline`)")
    p.add_argument("--statistics", action="store_true", help="count the findings per rule instead of listing them")
    p.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                   help="skip files or folders matching GLOB or NAME when searching folders (repeatable; "
                        "also `exclude` in config)")
    p.add_argument("--force-exclude", action="store_true",
                   help="apply the excludes to files named on the command line too (for pre-commit)")
    p.add_argument("--skip-non-reports", action="store_true",
                   help="skip named files that are evidently not reports, as in folders (for pre-commit)")
    p.add_argument("-v", "--verbose", action="store_true", help="list the files skipped as not reports, and what was found in or assumed of "
                        "each document converted (where its date and agency kind came from), and the pairs with last year's reports")
    p.add_argument("-q", "--quiet", action="count", default=0,
                   help="only the summary, no finding lines (text, concise; no progress bar); "
                        "-qq: no output at all, only the exit code")
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


def run() -> NoReturn:
    """The `reportlint` command (and `python -m reportlint`): `main()`, then out without the
    interpreter's clean-up of every module and object, which took ~20 ms of a ~90 ms run (issue
    14). What that clean-up did that matters is done first: the output flushed (a reader that went
    away is not an error), threads waited for, exit handlers run (a plugin's, coverage's)."""
    try:
        code = main()
    except SystemExit as exc:  # argparse's --help and usage errors
        code = _exit_status(exc.code)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe or stream: nothing more can be said
            stream.flush()
    shutdown = getattr(sys.modules.get("threading"), "_shutdown", None)  # what the interpreter calls first
    if shutdown is not None:
        shutdown()
    import atexit

    atexit._run_exitfuncs()
    os._exit(code)


def _exit_status(code: object) -> int:
    """The exit status `sys.exit(code)` would give."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    from reportlint.cli.console import fit_streams

    fit_streams()
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        # A command word always wins; a file or folder named like one is checked as `check rules`
        # or `./rules`.
        command, rest = _split_command(args)
        if command in RUNNERS:
            import importlib

            module, function = RUNNERS[command].split(":")
            run: Callable[[list[str]], int] = getattr(importlib.import_module(f"reportlint.{module}"), function)
            return run(rest)
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
    """Settings from the configuration (`--config`, else the current folder's) and the options."""
    return settings_from(opts, _base_config(opts))


def _base_config(opts: argparse.Namespace) -> Path | None:
    from reportlint.engine.config import find_config

    return Path(opts.config) if opts.config else find_config(Path.cwd())


def settings_from(opts: argparse.Namespace, config_path: Path | None) -> Settings:
    """Settings from the configuration file `config_path` and the options, with the plugins' data
    folders; every selector checked against the code registry and every extra pack and catalogue
    file validated."""
    from reportlint.engine.config import _codes, apply, load, parse_month_day
    from reportlint.engine.settings import Settings
    from reportlint.plugins.manager import autoload_wanted, installed

    settings = Settings(lang=default_lang(), autoload=autoload_wanted())
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
    needed = (settings.packs or settings.catalogs or settings.select or settings.ignore or settings.severity
              or settings.per_file_ignores)
    if not needed:
        return  # nothing to look up: keep start-up lean
    from reportlint.format.registry import UnknownCode

    library = settings.library()
    if settings.packs or settings.catalogs:
        library.validate()  # raises PackError / CatalogError: one line, exit 2
    if not (settings.select or settings.ignore or settings.severity or settings.per_file_ignores):
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
        for glob, codes in settings.per_file_ignores:
            registry.check(codes, f"{where}: per-file-ignores {glob[:100]!r}:")
    except UnknownCode as exc:
        raise UsageError(str(exc)) from None


def check(argv: list[str]) -> int:
    opts = _check_parser().parse_args(argv)
    from reportlint.cli import stdin

    if not opts.paths and opts.stdin_filename is None:
        raise UsageError("no file given; usage: reportlint FILE... (reportlint --help for options)")
    check_run_limits(opts)
    annotation = None
    if opts.annotate or opts.force:
        from reportlint.cli.annotate import prepare

        annotation = prepare(opts)  # -o is then the annotated copy; the findings go to standard output
        opts.output_file = None
    _stop_on_sigterm()
    from reportlint.cli.configs import SettingsByFolder

    base_config = _base_config(opts)
    settings = settings_from(opts, base_config)
    by_folder = SettingsByFolder(lambda config: settings_from(opts, config), settings, base_config, bool(opts.config))
    from reportlint.plugins.manager import installed

    if opts.baseline:
        from reportlint.cli import baseline

        applied = baseline.load(opts.baseline, settings)
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

    piped = _stdin_report(opts, by_folder) if stdin.wanted(opts.paths, opts.stdin_filename) else None
    named = [p for p in opts.paths if p != stdin.STDIN]
    found = discover(named, (*settings.exclude, *opts.exclude), opts.force_exclude, opts.skip_non_reports,
                     plugins)
    files = found.files
    jobs = [(p, by_folder.of(p)) for p in files]  # every configuration read (and refused) before any output
    skipped = tuple(str(p) for p in found.skipped)
    for where, why in found.passed_over:
        print(f"reportlint: skipped {where}: {why}", file=sys.stderr)
    if not files and piped is None and not (opts.skip_non_reports or opts.force_exclude
                                            or stdin.wanted(opts.paths, opts.stdin_filename)):
        raise UsageError(_none_found(named, len(skipped), len(found.passed_over)))
    if skipped and opts.verbose and (output != "text" or opts.statistics):
        for name in skipped:
            say(f"skipped (not a report): {name}")
    fixing = _fix_first(opts, jobs)
    if opts.diff and fixing is not None:
        return EXIT_FINDINGS if fixing.fixed else EXIT_CLEAN
    state = {"errors": False, "findings": 0}
    if opts.quiet == 1 and output == "concise" and not opts.statistics:
        output = "text"  # concise has no summary of its own: -q prints the text one

    want_facts = bool(getattr(writers[output], "wants_facts", False)) and not opts.statistics

    from reportlint.cli.pairs import pairing

    pairs: dict[str, str] = {}

    def results() -> Generator[Checked, None, None]:
        if piped is not None:
            findings, facts = _check_stdin(piped, by_folder.of(piped.path), want_facts)
            findings = applied.filter(piped.name, findings) if opts.baseline else findings
            state["errors"] = any(f.severity == "error" for f in findings)
            if annotation is not None:
                annotation.findings.extend(findings)
            yield Checked(piped.name, findings, facts, lines=piped.lines())
        from reportlint.cli.checking import check_files

        run = check_files(jobs, opts.jobs, want_facts=want_facts, pairs=pairs)
        for file, findings, notes, facts in _with_progress(run, output, opts, len(jobs), settings.lang):
            findings = applied.filter(file, findings) if opts.baseline else findings
            for note in notes if opts.verbose else ():  # what the converter assumed or could not find
                print(f"reportlint: {file}: {note}", file=sys.stderr)
            if any(f.severity == "error" for f in findings):
                state["errors"] = True
            if annotation is not None:
                annotation.findings.extend(findings)
            state["findings"] += len(findings)
            yield Checked(file, findings, facts, tuple(notes))

    options = Options(lang=settings.lang, color=False if opts.no_color else True if opts.color else None,
                      skipped=skipped, verbose=opts.verbose, rules=lambda: settings.library().registry().docs,
                      output_file=opts.output_file, passed_over=len(found.passed_over), quiet=opts.quiet,
                      hidden=(lambda: applied.hidden) if opts.baseline else None)
    with pairing(files, opts, settings, plugins, (*settings.exclude, *opts.exclude)) as paired:
        pairs.update(paired)
        checked = results()
        if opts.quiet > 1:  # -qq: nothing written, the exit code says it all
            for _ in checked:
                pass
            return EXIT_FINDINGS if state["errors"] and not opts.exit_zero else EXIT_CLEAN
        # closed on the way out, however the writer ends: an interrupted run takes its progress bar off the line
        with contextlib.closing(checked), _output(opts.output_file) as stream:
            if opts.output_file and not opts.color:
                options.color = False  # a file gets no escape sequences unless --color asks for them
            if opts.statistics:
                from reportlint.output.statistics import write

                write(checked, stream, options, as_json=output == "json")
            else:
                writers[output](checked, stream, options)
            stream.flush()
    if annotation is not None:
        annotation.write(settings.lang)
    if opts.baseline:
        baseline.report(applied, opts.baseline, settings.lang)
    if fixing is not None:
        from reportlint.cli.fixing import closing_line

        print(closing_line(fixing, state["findings"]), file=sys.stderr)
    return EXIT_FINDINGS if state["errors"] and not opts.exit_zero else EXIT_CLEAN


def _with_progress(run: Iterator[Result], output: str, opts: argparse.Namespace, total: int,
                   lang: str) -> Iterator[Result]:
    """The run's results, with a progress bar on standard error where one is wanted (`cli.progress`)."""
    if os.environ.get("REPORTLINT_PROGRESS") == "0" or opts.quiet or total < 2:
        return run  # the common cases decided without importing the bar
    from reportlint.cli import progress

    if not progress.wanted(output, opts.quiet, total, sys.stderr):
        return run
    shared = opts.output_file in (None, "-") and progress.isatty(sys.stdout)  # findings go to the same terminal
    bar = progress.Bar(total, sys.stderr, lang, output=sys.stdout)
    # off the line before a file's findings on the same terminal, and before the notes -v prints on stderr
    return progress.around(run, bar, lambda r: bool((shared and r[1]) or (opts.verbose and r[2])))


def _fix_first(opts: argparse.Namespace, files: list[tuple[Path, Settings]]) -> Summary | None:
    """With --fix or --diff: fix the YAML reports, each with its folder's settings (--diff: print
    the diff and the closing line); None without either."""
    if opts.unsafe_fixes and not (opts.fix or opts.diff):
        raise UsageError("--unsafe-fixes works with --fix or --diff")
    if not (opts.fix or opts.diff):
        return None
    from reportlint.cli.fixing import closing_line, fix_files

    if not opts.diff:
        return fix_files(files, opts.unsafe_fixes, False, sys.stdout)
    with _output(opts.output_file) as stream:
        summary = fix_files(files, opts.unsafe_fixes, True, stream)
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


def _stdin_report(opts: argparse.Namespace, by_folder: SettingsByFolder) -> StdinReport | None:
    """The report on standard input, or None when `--force-exclude` excludes its name."""
    from reportlint.cli import stdin

    _, path = stdin.name_of(opts.stdin_filename)
    if opts.force_exclude and opts.stdin_filename is not None:
        from reportlint.engine.discover import excluded

        if excluded(path, path, (*by_folder.of(path).exclude, *opts.exclude)):
            return None
    return stdin.read(opts.stdin_filename)


def _check_stdin(piped: StdinReport, settings: Settings, want_facts: bool) -> tuple[list[Finding], Facts | None]:
    """The findings (and facts, if wanted) of the report read from standard input, in this process."""
    import io

    from reportlint.engine.run import check_file

    facts: list[Facts] | None = [] if want_facts else None
    findings = check_file(piped.path, settings, display=piped.name, facts=facts, stream=io.BytesIO(piped.data))
    return findings, facts[0] if facts else None


def _stop_on_sigterm() -> None:
    """SIGTERM raises `Terminated`: the pool is terminated, document children are killed, the output
    is closed and the process exits 143 without a traceback."""
    import signal

    from reportlint.engine.run import Terminated

    def stop(signum: int, frame: object) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second one must not interrupt the clean-up
        raise Terminated(EXIT_TERMINATED)

    signal.signal(signal.SIGTERM, stop)
