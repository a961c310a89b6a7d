"""`reportlint baseline DIR... -o FILE`: record today's findings; and `--baseline FILE` of the check:
report only the findings a baseline does not hold, then say what it hid and which entries are stale."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reportlint.cli.common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    Parser,
    UsageError,
    add_global_options,
    add_run_options,
    check_run_limits,
    say,
)

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

    from reportlint.engine.settings import Settings
    from reportlint.findings.baseline import Baseline

#: Where `reportlint baseline` writes without `-o`.
DEFAULT_NAME = ".reportlint-baseline.json"


def baseline_parser() -> argparse.ArgumentParser:
    p = Parser(prog="reportlint baseline", description="Record today's findings, so that `reportlint --baseline "
               "FILE` fails only on new ones. RL001 (a file that could not be read) is never recorded.")
    p.add_argument("paths", nargs="+", metavar="FILE", help="report files or folders, as for the check")
    p.add_argument("-o", "--output", default=DEFAULT_NAME, metavar="FILE",
                   help=f"the baseline file to write (default {DEFAULT_NAME})")
    p.add_argument("--force", action="store_true", help="overwrite an existing baseline file")
    p.add_argument("--select", default=None, help="only these codes or prefixes, as for the check")
    p.add_argument("--ignore", default=None, help="not these codes or prefixes")
    p.add_argument("--previous", default=None, help="last year's report (for the RL7 rules)")
    p.add_argument("--config", default=None, help="a configuration file (pyproject.toml or .reportlint.yaml)")
    p.add_argument("--pack", default=None, help="check against this rule pack")
    p.add_argument("--township-deadline", default=None, metavar="MM-DD", help="local deadline for 乡镇/街道")
    add_run_options(p)
    p.add_argument("--exclude", action="append", default=[], metavar="GLOB", help="as for the check")
    p.add_argument("--force-exclude", action="store_true", help="as for the check")
    p.add_argument("--skip-non-reports", action="store_true", help="as for the check")
    p.add_argument("-v", "--verbose", action="store_true", help="list the files skipped as not reports")
    add_global_options(p)
    return p


def baseline(argv: list[str]) -> int:
    """Check the files as `reportlint FILE...` would and write their findings to the baseline file.
    Exit 0 when written; 1 when a file could not be read (its RL001 is printed, not recorded)."""
    from reportlint.cli.atomic import Refused, refuse_target, write_text
    from reportlint.cli.checking import check_files
    from reportlint.cli.common import require_pack
    from reportlint.cli.main import _none_found, _stop_on_sigterm, build_settings
    from reportlint.engine.discover import discover
    from reportlint.findings import baseline as recorded
    from reportlint.plugins.manager import installed

    opts = baseline_parser().parse_args(argv)
    check_run_limits(opts)
    target = Path(opts.output)
    try:
        refuse_target(target, opts.force)
    except Refused as exc:
        raise UsageError(f"-o {opts.output}: {exc}") from None
    if not os.path.isdir(os.path.dirname(opts.output) or "."):
        raise UsageError(f"-o {opts.output}: no such folder")
    _stop_on_sigterm()
    settings = build_settings(opts)
    if opts.pack:
        require_pack(opts.pack, settings.library().available())
    plugins = installed(settings.autoload)
    found = discover(opts.paths, (*settings.exclude, *opts.exclude), opts.force_exclude, opts.skip_non_reports,
                     plugins)
    for where, why in found.passed_over:
        print(f"reportlint: skipped {where}: {why}", file=sys.stderr)
    for name in found.skipped if opts.verbose else ():
        say(f"skipped (not a report): {name}")
    if not found.files and not (opts.skip_non_reports or opts.force_exclude):
        raise UsageError(_none_found(opts.paths, len(found.skipped), len(found.passed_over)))
    always = _always(settings)
    unread: list[str] = []
    results = []
    for file, findings, _, _ in check_files([(p, settings) for p in found.files], opts.jobs):
        results.append((file, findings))
        unread += [f"{file}:{f.line}:{f.column}: {f.code} {f.message(settings.lang)}" for f in findings
                   if always(f.code)]
    counts = recorded.record(results, target.absolute().parent, always)
    try:
        write_text(target, recorded.dumps(counts), force=opts.force)
    except Refused as exc:
        raise UsageError(f"-o {opts.output}: {exc}") from None
    say(f"recorded {sum(counts.values())} finding(s) of {len(results)} file(s) in {opts.output}")
    for line in unread:
        say(f"not recorded, the file could not be read: {line}")
    return EXIT_FINDINGS if unread else EXIT_CLEAN


def _always(settings: Settings) -> Callable[[str], bool]:
    """Whether a code is of a rule that no option hides (RL001); an unknown code (a baseline of an
    uninstalled plugin) is not."""
    from reportlint.format.catalog import CatalogError

    library = settings.library()

    def always(code: str) -> bool:
        try:
            return library.doc(code).always
        except CatalogError:
            return False

    return always


def load(name: str, settings: Settings) -> Baseline:
    """The baseline `--baseline NAME` names; a missing, unreadable or malformed one is a usage error."""
    from reportlint.findings.baseline import MAX_BYTES, Baseline, BaselineError, Key, loads
    from reportlint.read.source import Unreadable, read_bytes

    path = Path(name)
    if not os.path.lexists(path):
        raise UsageError(f"--baseline {name}: no such file (record one with `reportlint baseline DIR -o {name}`)")
    try:
        counts = loads(read_bytes(path, MAX_BYTES), f"--baseline {name}")
    except Unreadable as exc:
        raise UsageError(f"--baseline {name}: cannot read it: {exc.en}") from None
    except BaselineError as exc:
        raise UsageError(str(exc)) from None
    root = path.absolute().parent

    def reported(key: Key) -> bool:
        return settings.enabled(key.code) and settings.ignored_in(str(root / key.file), key.code) is None

    return Baseline(counts, root, _always(settings), reported)


def report(applied: Baseline, name: str, lang: str) -> None:
    """On standard error, after the output: how many findings the baseline hid, and its stale entries
    (fixed: not found again), which do not fail the run."""
    from reportlint.output.safe import shown

    stale = list(applied.stale())
    if lang == "en":
        say(f"{applied.hidden} finding(s) hidden by the baseline {name}")
    else:
        say(f"基线 {name} 隐去了 {applied.hidden} 个已记录的问题")
    if not stale:
        return
    count = sum(n for _, n in stale)
    if lang == "en":
        say(f"{count} baseline entr{'y is' if count == 1 else 'ies are'} stale (fixed — remove them with "
            "`reportlint baseline` again):")
    else:
        say(f"基线中有 {count} 个问题已不再出现（已修正，用 `reportlint baseline` 重新记录即可去掉）：")
    for key, left in stale:
        times = f" ×{left}" if left > 1 else ""
        print(shown(f"  {key.file}: {key.code} {key.place or '-'}{times}"), file=sys.stderr)
