"""`check`'s pairing of reports with last year's in folder runs and with `--previous-dir`: the first,
cheap pass that indexes every report's agency and year, and the plan it gives the check."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from reportlint.cli.common import UsageError, say

if TYPE_CHECKING:
    import argparse

    from reportlint.engine.pairing import Entry
    from reportlint.engine.settings import Settings
    from reportlint.plugins.manager import Plugins

#: The rules that compare a report with last year's: without one of them, nothing is paired.
RL7_COMPARED = ("RL701", "RL702", "RL703")


def wanted(opts: argparse.Namespace, settings: Settings) -> bool:
    """Pair in a run over a folder or with `--previous-dir`, unless `--previous` names one report
    for all, or no rule would compare them."""
    if settings.previous or not any(settings.enabled(code) for code in RL7_COMPARED):
        return False
    return bool(opts.previous_dir) or any(os.path.isdir(p) for p in opts.paths)


@contextlib.contextmanager
def pairing(files: list[Path], opts: argparse.Namespace, settings: Settings, plugins: Plugins,
            exclude: tuple[str, ...]) -> Iterator[dict[str, str]]:
    """Last year's file for each file paired (empty when not pairing). Documents are converted
    here, once, and their conversions kept on disk for the check (`settings.conversions`) until the
    run ends; `--verbose` lists the pairs and the reports without one."""
    if opts.previous_dir and not os.path.isdir(opts.previous_dir):
        raise UsageError(f"--previous-dir {opts.previous_dir}: no such folder")
    if not wanted(opts, settings):
        yield {}
        return
    import tempfile

    from reportlint.engine.discover import discover, file_identity
    from reportlint.engine.pairing import plan

    earlier: list[Path] = []
    if opts.previous_dir:
        mine = {file_identity(f) for f in files}
        found = discover([opts.previous_dir], exclude, plugins=plugins).files
        earlier = [f for f in found if file_identity(f) not in mine]
    with tempfile.TemporaryDirectory(prefix="reportlint-pairs-") as folder:
        settings.conversions = folder
        try:
            entries = list(_index([*files, *earlier], settings, opts.jobs))
            made = plan(list(zip(map(str, files), entries[: len(files)], strict=True)),
                        [e for e in entries[len(files):] if e is not None])
            several = len({e.year for e in entries if e is not None}) > 1
            if opts.verbose and (several or opts.previous_dir):  # a folder of one year: nothing to say
                for line in made.lines:
                    say(line)
            yield made.previous
        finally:
            settings.conversions = None


def _index_one(job: tuple[Path, Settings]) -> Entry | None:
    from reportlint.engine.pairing import entry_of

    path, settings = job
    return entry_of(path, settings)


def _index(files: list[Path], settings: Settings, jobs: int | None) -> Iterator[Entry | None]:
    """The index entry of each file, in order; documents (which are converted) in worker processes
    when there are several and more than one job."""
    from reportlint.engine.run import YAML_SUFFIXES

    documents = [f for f in files if f.suffix.lower() not in YAML_SUFFIXES and f.suffix]
    workers = jobs or os.cpu_count() or 1
    if workers <= 1 or len(documents) < 2:
        for path in files:
            yield _index_one((path, settings))
        return
    from reportlint.cli.checking import worker_signals
    from reportlint.cli.common import START_METHOD_ENV
    from reportlint.engine.isolate import can_convert_many

    method = os.environ.get(START_METHOD_ENV) or ("fork" if sys.platform == "linux" else "spawn")
    if method == "fork" and can_convert_many(settings.limits()):
        # converted side by side in children of this process (kept for the check), then read here
        from reportlint.cli.checking import workers_follow
        from reportlint.engine.conversions import Ahead

        warm = not workers_follow(len(files), len(documents))  # as the check that follows will convert
        ahead = Ahead([(f, settings) for f in documents], workers, warm=warm)
        try:
            ahead.finish()
        finally:
            ahead.close()
        for path in files:
            yield _index_one((path, settings))
        return
    import multiprocessing

    context = multiprocessing.get_context(method)
    with context.Pool(min(workers, len(documents)), initializer=worker_signals) as pool:
        yield from pool.imap(_index_one, ((p, settings) for p in files), chunksize=4)
