"""Worker processes that may die: a pool whose results are watched, so that a worker killed from
outside (`kill -9`, the kernel's out-of-memory killer) or by what it was checking costs at most
the file it was checking — never a run that waits forever for a result that will not come
(`multiprocessing.Pool` replaces a dead worker but loses its task).

When a worker dies, the pool is stopped and a fresh one takes up the files from the first one
without a result. Should that pool die too before giving any result, the first of those files is
checked alone in a pool of its own: if its worker dies, that file gets RL001 (the process checking
it ended), and the run goes on with the next."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Seconds between looks at the workers while no result comes.
POLL_S = 0.25


class WorkerDied(Exception):
    """A worker of the pool ended other than by being replaced: `how` it ended."""

    def __init__(self, how: str) -> None:
        super().__init__(how)
        self.how = how


def watched_map(context: BaseContext, workers: int, work: Callable[[T], R], items: list[T],
                died: Callable[[T, str], R], initializer: Callable[[], None] | None = None,
                chunksize: int = 8, maxtasksperchild: int | None = None) -> Iterator[R]:
    """`work(item)` for each of `items`, in order, in worker processes of `context`; an item whose
    worker died checking it (as far as can be told) is `died(item, how)`."""
    start = 0
    alone = False  # the last pool died before any result: check the first item by itself
    while start < len(items):
        batch = items[start:start + 1] if alone else items[start:]
        given = 0
        try:
            for result in _pool_map(context, 1 if alone else workers, work, batch, initializer,
                                    1 if alone else chunksize, maxtasksperchild):
                given += 1
                yield result
            start += len(batch)
            alone = False
        except WorkerDied as exc:
            start += given
            if alone:
                yield died(items[start], exc.how)
                start += 1
                alone = False
            else:
                alone = given == 0


def _pool_map(context: BaseContext, workers: int, work: Callable[[T], R], items: list[T],
              initializer: Callable[[], None] | None, chunksize: int, maxtasksperchild: int | None
              ) -> Iterator[R]:
    """One pool's ordered results; `WorkerDied` (the pool then stopped) when one of its workers
    ended other than by being replaced."""
    watching = _Watching(context)
    with watching.Pool(min(workers, len(items)), initializer=initializer, maxtasksperchild=maxtasksperchild) as pool:
        chunks = ((work, items[n:n + chunksize]) for n in range(0, len(items), chunksize))
        results = pool.imap(_each, chunks)  # chunks made here: only one task at a time has a timeout
        while True:
            try:
                done = results.next(timeout=POLL_S)
            except StopIteration:
                return
            except multiprocessing.TimeoutError:
                how = watching.death()
                if how is not None:
                    raise WorkerDied(how) from None
                continue
            yield from done


def _each(task: tuple[Callable[[T], R], list[T]]) -> list[R]:
    """In a worker: `work` on each item of one chunk."""
    work, chunk = task
    return [work(item) for item in chunk]


class _Watching:
    """A start method's context that keeps every worker process it makes, to see how each ended."""

    def __init__(self, context: BaseContext) -> None:
        self._context = context
        self.made: list[BaseProcess] = []

    def Pool(self, processes: int, initializer: Callable[[], None] | None, maxtasksperchild: int | None
             ) -> multiprocessing.pool.Pool:  # multiprocessing's name
        import multiprocessing.pool

        return multiprocessing.pool.Pool(processes, initializer, (), maxtasksperchild, self)

    def Process(self, *args: Any, **kwargs: Any) -> BaseProcess:  # what Pool calls
        process: BaseProcess = self._context.Process(*args, **kwargs)  # type: ignore[attr-defined]
        self.made.append(process)
        return process

    def __getattr__(self, name: str) -> Any:  # everything else as the start method's own
        return getattr(self._context, name)

    def death(self) -> str | None:
        """How a worker that ended other than by being replaced ended (None: none did)."""
        for process in self.made:
            code = process.exitcode
            if code is not None and code != 0:
                return _how(code)
        self.made = [p for p in self.made if p.exitcode is None]  # those replaced are forgotten
        return None


def _how(code: int) -> str:
    if code < 0:
        import signal

        try:
            return f"signal {-code} {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"exit status {code}"
