"""Checking many files: one after another in this process, or in worker processes (`-j`), in
order; several documents converted side by side first by this process's own children; workers
watched (cli/workers.py) so that one that dies costs at most the file it was checking."""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from reportlint.cli.common import START_METHOD_ENV, UsageError

if TYPE_CHECKING:
    from reportlint.document.facts import Facts
    from reportlint.engine.conversions import Ahead
    from reportlint.engine.recent import RecentReports
    from reportlint.engine.settings import Settings
    from reportlint.findings.finding import Finding

#: One file's result: the file, its findings, the converter's notes and the report's facts.
Result = tuple[str, list["Finding"], list[str], "Facts | None"]


def check_one(job: tuple[Path, Settings, bool, str | None], recent: RecentReports | None = None
               ) -> tuple[str, list[Finding], list[str], Facts | None]:
    from reportlint.engine.run import check_file

    path, settings, want_facts, paired = job
    notes: list[str] = []
    facts: list[Facts] | None = [] if want_facts else None
    findings = check_file(path, settings, notes=notes, facts=facts, paired=paired, recent=recent)
    return str(path), findings, notes, facts[0] if facts else None


def _check_in_worker(job: tuple[Path, Settings, bool, str | None]) -> tuple[str, list[Finding], list[str], Facts | None]:
    """`check_one` in a pool's worker, with the reports this worker bound last."""
    return check_one(job, _worker_recent())


@functools.lru_cache(maxsize=1)
def _worker_recent() -> RecentReports:
    """The reports this worker process bound last (one per process, as the packs are)."""
    from reportlint.engine.recent import RecentReports

    return RecentReports()


def check_files(files: list[tuple[Path, Settings]], jobs: int | None, start_method: str | None = None,
         want_facts: bool = False, pairs: dict[str, str] | None = None) -> Iterator[Result]:
    """(file, findings, the converter's notes, the report's facts if wanted) for every file with its
    settings, in order;
    with ≥ 4 files, in worker processes started by `start_method` (default: fork on Linux, else
    spawn; `REPORTLINT_START_METHOD` overrides it). `pairs`: last year's file of each file paired.

    Several documents (with fork) are converted side by side in children of this process, not of
    workers: each process holding a document library then counts once. With few report YAML
    files among them, this process also checks each as its conversion comes (checking is ~1 % of
    a document's time); with more, the workers check everything once all are converted
    (`workers_follow`)."""
    pairs = pairs or {}
    workers = jobs or os.cpu_count() or 1
    method = start_method or os.environ.get(START_METHOD_ENV) or ("fork" if sys.platform == "linux" else "spawn")
    from reportlint.engine.run import YAML_SUFFIXES

    documents = [(p, s) for p, s in files if p.suffix.lower() not in YAML_SUFFIXES and p.suffix]
    if workers > 1 and len(documents) >= 2 and method == "fork" and _converts_here(documents):
        from reportlint.engine.conversions import Ahead

        with _conversions_kept(documents):
            in_workers = workers_follow(len(files), len(documents))
            ahead = Ahead(documents, workers, warm=not in_workers)
            try:
                if not in_workers:
                    yield from _in_process(files, want_facts, pairs, ahead)
                    return
                ahead.finish()
            finally:
                ahead.close()
            yield from _in_workers(files, workers, method, want_facts, pairs)
        return
    if workers <= 1 or len(files) < 4:
        yield from _in_process(files, want_facts, pairs)
        return
    yield from _in_workers(files, workers, method, want_facts, pairs)


def workers_follow(files: int, documents: int) -> bool:
    """Whether worker processes check the files once the documents among them are converted: with
    four report YAML files or more. Then the conversions are not warm: were this process to import
    a document library for its children (pdfplumber, ~20 MiB), every worker forked afterwards would
    hold it too — 10 000 reports and 22 documents peaked at 154 MiB for all processes so, 115
    without (each child importing pdfplumber itself costs ~0.1 s of a PDF's ~0.5 s)."""
    return files - documents >= 4


def _in_process(files: list[tuple[Path, Settings]], want_facts: bool, pairs: dict[str, str],
                ahead: Ahead | None = None) -> Iterator[Result]:
    """Each file checked here, in order (a document once `ahead` has converted it)."""
    from reportlint.engine.recent import RecentReports

    recent = RecentReports()
    for n, (path, settings) in enumerate(files):
        if ahead is not None:
            ahead.wait_for(path)
        yield check_one((path, settings, want_facts, pairs.get(str(path))), recent)
        if n == 0 and len(files) > 1:
            _settle_memory()


def _in_workers(files: list[tuple[Path, Settings]], workers: int, method: str, want_facts: bool,
                pairs: dict[str, str]) -> Iterator[Result]:
    import multiprocessing

    if method not in multiprocessing.get_all_start_methods():
        raise UsageError(f"{START_METHOD_ENV}={method}: choose one of {', '.join(multiprocessing.get_all_start_methods())}")
    context = multiprocessing.get_context(method)
    from reportlint.engine.run import YAML_SUFFIXES

    if method == "fork" and any(p.suffix.lower() in YAML_SUFFIXES for p, _ in files):
        for settings in {id(s): s for _, s in files}.values():
            _prepare_workers(settings)
    _settle_memory()
    # Ctrl-C reaches the whole process group: the workers ignore it and the parent, which gets
    # KeyboardInterrupt, terminates them on leaving the pool (exit 130, no worker tracebacks).
    # SIGTERM to the parent does the same (exit 143); the pool's terminate() sends SIGTERM to each
    # worker, which dies at once (a worker converting a document kills its child first). Workers
    # are replaced after MAX_TASKS_PER_WORKER chunks, so that none keeps a library's caches for long.
    # A worker that dies costs at most the file it was checking (cli/workers.py).
    from reportlint.cli.workers import watched_map

    jobs = [(p, s, want_facts, pairs.get(str(p))) for p, s in files]
    yield from watched_map(context, workers, _check_in_worker, jobs, _died, initializer=worker_signals,
                           chunksize=8, maxtasksperchild=MAX_TASKS_PER_WORKER)


def _died(job: tuple[Path, Settings, bool, str | None], how: str) -> Result:
    """The result of a file whose worker process died while checking it: RL001."""
    from reportlint.findings.emit import Emitter

    path, settings, _, _ = job
    emit = Emitter(str(path), settings.library(), settings.severity)
    emit("RL001", "died", (1, 1), how=how)
    return str(path), emit.findings, [], None


def _converts_here(documents: list[tuple[Path, Settings]]) -> bool:
    from reportlint.engine.isolate import can_convert_many

    return all(can_convert_many(settings.limits()) for settings in {id(s): s for _, s in documents}.values())


@contextlib.contextmanager
def _conversions_kept(documents: list[tuple[Path, Settings]]) -> Iterator[None]:
    """For the run: a folder keeping the documents' conversions, set in each of their settings that
    has none yet (pairing may have made one); removed, and the settings as they were, at the end."""
    import tempfile

    unset = [s for s in {id(s): s for _, s in documents}.values() if s.conversions is None]
    with tempfile.TemporaryDirectory(prefix="reportlint-conversions-") as folder:
        for settings in unset:
            settings.conversions = folder
        try:
            yield
        finally:
            for settings in unset:
                settings.conversions = None


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


def _settle_memory() -> None:
    """Once the engine, the checks and the packs are loaded (and before workers are forked): move
    every object made so far out of the garbage collector's sight (`gc.freeze`) and let it run less
    often. Each report makes thousands of short-lived objects; without this every collection walked
    the packs and modules again (about a fifth of a report's time, issue 14), and a forked worker's
    collections wrote to the pages it shares with the parent (copying them)."""
    import gc

    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])


#: Objects made before the youngest generation is collected (Python's default is 700). A report
#: makes tens of thousands, nearly all freed by reference counting; measured on 1 000 reports (CPU,
#: best of five): default 2.85 s, frozen 2.74 s, frozen with 10 000 here 2.41 s.
GC_YOUNG_THRESHOLD = 10_000


#: Chunks (of 8 files) a worker checks before it is replaced by a fresh one.
MAX_TASKS_PER_WORKER = 16


def worker_signals() -> None:
    """In a worker: Ctrl-C is the parent's business; SIGTERM ends it at once (not the parent's
    handler); the garbage collector runs as rarely as in the parent (a spawned worker does not
    inherit that)."""
    import gc
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])
