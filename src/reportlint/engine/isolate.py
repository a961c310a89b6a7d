"""Converting one document in a child process with a time limit and a memory cap, so that a document
that hangs or balloons costs its own RL001, never the run (docs/robustness.md).

The child is forked where the platform can (it inherits every loader, a test's too); with
`method="spawn"`, or where there is no fork, a fresh interpreter runs ``python -m
reportlint.engine.isolate``, which finds the loader by name among the installed plugins. Either
child sends back one result as JSON (plain data only). Report YAML never comes here: it
is read in process."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Generator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlint import record
from reportlint.convert.converted import ConversionFailed
from reportlint.record import dataclass

if TYPE_CHECKING:
    from reportlint.convert.converted import Converted, Loader

#: Exit status of a child that ran out of memory before it could say so.
EXIT_MEMORY = 86
#: Exit status of a child that failed before it could say why.
EXIT_FAILED = 70
_MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """How a document is converted: at most `seconds` of wall time and `memory_mb` of address space
    (0: no limit; both 0: in process), in a child started by `method` ("fork" or "spawn")."""

    seconds: float
    memory_mb: int
    method: str = "fork"
    autoload: bool = True  # which plugins a spawned child loads

    @property
    def isolated(self) -> bool:
        return bool(self.seconds or self.memory_mb)


def convert(loader: Loader, path: Path, limits: Limits) -> Converted:
    """`loader.convert(path)` within `limits`: its result, its `Unreadable` or `NotAReport`, or
    `ConversionFailed`."""
    if not limits.isolated:
        return loader.convert(path)
    limits = _for_loader(loader, limits)
    if limits.method == "spawn" or not hasattr(os, "fork"):
        result = _spawned(loader, path, limits)
    else:
        _warm(_NEEDED)
        result = _forked(loader, path, limits)
    return _unpack(result, limits)


def _for_loader(loader: Loader, limits: Limits) -> Limits:
    """`limits`, with more time for a loader that needs it (one that runs LibreOffice says so)."""
    least = float(getattr(loader, "seconds", 0) or 0)
    if limits.seconds and least > limits.seconds:
        return record.replace(limits, seconds=least)  # type: ignore[no-any-return]
    return limits


def can_convert_many(limits: Limits) -> bool:
    """Whether `convert_many` runs conversions side by side here (children forked within limits)."""
    return limits.isolated and limits.method == "fork" and hasattr(os, "fork")


def convert_many(jobs: list[tuple[Loader, Path, Limits]], width: int, warm: bool = True
                 ) -> Generator[tuple[int, Callable[[], Converted]], None, None]:
    """Convert each (loader, file, limits) of `jobs` in a child forked from this process, at most
    `width` at a time, each within its limits (`can_convert_many` must hold for them). Yields, as
    each child finishes, the job's index and a function that returns its conversion or raises what
    it raised (`Unreadable`, `NotAReport`, `ConversionFailed` for a timeout, a memory cap or a
    crash). Children still running when the caller stops iterating are killed. With `warm`, this
    process imports the document libraries an earlier child needed before forking the next, so
    that children start with them; without, each child imports its own (when workers are to be
    forked from this process afterwards: they would all hold the libraries too).

    A folder of documents is converted so by the command line itself, rather than by workers that
    would each fork children: every process that holds a document library counts once (issue 14)."""
    import select

    waiting = list(reversed(list(enumerate(jobs))))
    running: dict[int, tuple[int, int, Limits, float | None, list[bytes]]] = {}  # fd → index, pid, limits, deadline, data
    children: list[int] = []
    restore = _kill_on_sigterm(children)
    poller = select.poll()
    try:
        while waiting or running:
            while waiting and len(running) < max(width, 1):
                index, (loader, path, limits) = waiting.pop()
                limits = _for_loader(loader, limits)
                if warm:
                    _warm(_NEEDED)
                try:
                    pid, fd = _start(loader, path, limits)
                except OSError as exc:  # no process could be made (EAGAIN): this document's RL001
                    yield index, _failed(exc)
                    continue
                children.append(pid)
                deadline = time.monotonic() + limits.seconds if limits.seconds else None
                running[fd] = (index, pid, limits, deadline, [])
                poller.register(fd, select.POLLIN | select.POLLHUP | select.POLLERR)
            deadlines = [d for _, _, _, d, _ in running.values() if d is not None]
            wait_ms = max(1, int((min(deadlines) - time.monotonic()) * 1000)) if deadlines else None
            for fd, _ in poller.poll(wait_ms):
                index, pid, limits, _, data = running[fd]
                chunk = os.read(fd, 1 << 16)
                if chunk:
                    data.append(chunk)
                    continue
                poller.unregister(fd)
                os.close(fd)
                del running[fd]
                _, wait_status = os.waitpid(pid, 0)
                children.remove(pid)
                yield index, _outcome_later(os.waitstatus_to_exitcode(wait_status), b"".join(data), limits)
            now = time.monotonic()
            for fd, (index, pid, limits, deadline, _) in list(running.items()):
                if deadline is not None and now >= deadline:
                    poller.unregister(fd)
                    os.close(fd)
                    del running[fd]
                    _kill(pid)
                    children.remove(pid)
                    yield index, _timed_out(limits)
    finally:
        for fd, (_, pid, _, _, _) in running.items():
            os.close(fd)
            _kill(pid)
        restore()


def _outcome_later(code: int, data: bytes, limits: Limits) -> Callable[[], Converted]:
    return lambda: _unpack(_outcome(code, data, limits), limits)


def _failed(exc: OSError) -> Callable[[], Converted]:
    def raise_failed() -> Converted:
        raise ConversionFailed("failed", error=describe(exc))

    return raise_failed


def _timed_out(limits: Limits) -> Callable[[], Converted]:
    def raise_timeout() -> Converted:
        raise ConversionFailed("timeout", seconds=_seconds(limits.seconds))

    return raise_timeout


# --- the child's side ------------------------------------------------------------------------------


def _convert_here(loader: Loader, path: Path) -> tuple[Any, ...]:
    """Convert and describe the outcome as plain data, with the top-level modules it imported."""
    from reportlint.convert.converted import NotAReport
    from reportlint.read.source import Unreadable

    before = set(sys.modules)
    outcome: tuple[Any, ...]
    try:
        outcome = ("ok", _plain(loader.convert(path)))
    except Unreadable as exc:
        outcome = ("unreadable", exc.zh, exc.en, exc.line, exc.column)
    except NotAReport as exc:
        outcome = ("not_a_report", exc.zh, exc.en)
    except MemoryError:
        outcome = ("memory",)
    except (Exception, SystemExit) as exc:  # a loader's bug, or a loader that calls sys.exit
        import traceback

        outcome = ("failed", describe(exc), traceback.format_exc())
    new = {name.partition(".")[0] for name in set(sys.modules) - before} - before
    return (*outcome, sorted(n for n in new if not n.startswith("_")))


def _plain(converted: Converted) -> dict[str, Any]:
    """A conversion as JSON-able data (`_rebuilt` turns it back)."""
    from dataclasses import asdict

    return {"yaml_text": converted.yaml_text, "notes": list(converted.notes),
            "refs": {key: asdict(ref) for key, ref in converted.refs.items()}}


def _rebuilt(data: dict[str, Any]) -> Converted:
    from reportlint.convert.converted import Converted, SourceRef

    refs = {key: SourceRef(**ref) for key, ref in data["refs"].items()}
    return Converted(data["yaml_text"], refs, list(data["notes"]))


def describe(exc: BaseException) -> str:
    """An exception as “Type: message” (a `sys.exit` as what it exited with)."""
    if isinstance(exc, SystemExit):
        return f"SystemExit({exc.code!r})"
    return f"{type(exc).__name__}: {exc}"


def _limit_self(limits: Limits) -> None:
    """In the child: a memory cap, a last-resort alarm should the parent vanish, stray prints to stderr."""
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's handler is not the child's
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides on Ctrl-C and kills the child
    if limits.seconds and hasattr(signal, "alarm"):
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.alarm(int(limits.seconds) + 2)  # never outlive the parent's deadline by much
    if limits.memory_mb:
        _cap_memory(limits.memory_mb)


def _cap_memory(mb: int) -> None:
    """Cap the address space at `mb` MB, or, in a host already that large, at `mb`/2 MB above it."""
    try:
        import resource
    except ImportError:  # Windows: no memory cap, the time limit still holds
        return
    held = 0
    try:
        with open("/proc/self/statm", "rb") as statm:
            held = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        pass
    limit = max(mb * _MB, held + mb * _MB // 2)
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    with contextlib.suppress(ValueError, OSError):  # a platform that does not enforce it (macOS)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _start(loader: Loader, path: Path, limits: Limits) -> tuple[int, int]:
    """A child converting `path` (its pid) and the end of the pipe it answers on."""
    sys.stdout.flush()  # the child must not write the parent's pending output a second time
    sys.stderr.flush()
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except BaseException:
        os.close(read_end)
        os.close(write_end)
        raise
    if pid == 0:  # the child: never returns, never runs the parent's clean-up
        _child(read_end, write_end, loader, path, limits)
    os.close(write_end)
    return pid, read_end


def _forked(loader: Loader, path: Path, limits: Limits) -> tuple[Any, ...]:
    children: list[int] = []
    restore = _kill_on_sigterm(children)
    try:
        pid, read_end = _start(loader, path, limits)
        children.append(pid)
        reaped = False
        data: bytes | None = None
        try:
            seconds = limits.seconds
            started = time.monotonic()
            _meanwhile()
            if seconds:  # the child's time limit counts from the fork
                seconds = max(seconds - (time.monotonic() - started), 0.001)
            data = _read_until(read_end, seconds)
            if data is not None:
                _, wait_status = os.waitpid(pid, 0)
                reaped = True
        finally:
            os.close(read_end)
            if not reaped:  # a timeout, or the parent interrupted: the child goes too
                _kill(pid)
    finally:
        restore()
    if data is None:
        raise ConversionFailed("timeout", seconds=_seconds(limits.seconds))
    code = os.waitstatus_to_exitcode(wait_status)
    return _outcome(code, data, limits)


def _meanwhile() -> None:
    """While the child converts (on another core): import what checking its result will need, so
    that a single document does not pay for those imports after its conversion."""
    with contextlib.suppress(Exception):
        from reportlint.document import bind  # noqa: F401
        from reportlint.plugins import builtin

        builtin.reportlint_checks()


def _child(read_end: int, write_end: int, loader: Loader, path: Path, limits: Limits) -> None:
    """The forked child: convert, send the outcome, exit without the parent's clean-up."""
    status = EXIT_FAILED
    try:
        os.close(read_end)
        os.dup2(2, 1)  # a loader's prints must not mix into the report on standard output
        _limit_self(limits)
        payload = _encode(_convert_here(loader, path))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(payload)
        status = 0
    except MemoryError:
        status = EXIT_MEMORY
    except BaseException:  # anything at all: the status says it failed
        status = EXIT_FAILED
    finally:
        os._exit(status)


def _kill_on_sigterm(children: list[int]) -> Callable[[], None]:
    """While a child converts: SIGTERM first kills and reaps it, then does what it did before (a
    worker dies, the command line stops with exit 143). Returns what restores the old handler."""
    import signal
    import threading

    previous = signal.getsignal(signal.SIGTERM)
    if threading.current_thread() is not threading.main_thread() or previous in (signal.SIG_IGN, None):
        return lambda: None

    def kill_then_pass_on(signum: int, frame: object) -> None:
        for pid in children:
            _kill(pid)
        signal.signal(signal.SIGTERM, previous)
        signal.raise_signal(signal.SIGTERM)

    def restore() -> None:
        signal.signal(signal.SIGTERM, previous)

    signal.signal(signal.SIGTERM, kill_then_pass_on)
    return restore


def _read_until(fd: int, seconds: float) -> bytes | None:
    """Everything written to `fd` until it closes, or None when `seconds` (0: no limit) run out."""
    import select
    import time

    deadline = time.monotonic() + seconds if seconds else None
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLHUP | select.POLLERR)
    chunks: list[bytes] = []
    while True:
        if deadline is None:
            ready = poller.poll()
        else:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready = poller.poll(max(1, int(left * 1000)))
        if not ready:
            continue
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _kill(pid: int) -> None:
    import signal

    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def _spawned(loader: Loader, path: Path, limits: Limits) -> tuple[Any, ...]:
    import subprocess

    command = [sys.executable, "-m", "reportlint.engine.isolate", loader.name, os.fspath(path),
               str(limits.seconds), str(limits.memory_mb), "1" if limits.autoload else "0"]
    try:
        # its stderr is dropped: a fresh interpreter would repeat the plugins' messages for each document
        done = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              check=False, timeout=limits.seconds or None)
    except subprocess.TimeoutExpired:
        raise ConversionFailed("timeout", seconds=_seconds(limits.seconds)) from None
    return _outcome(done.returncode, done.stdout, limits)


def _outcome(code: int, data: bytes, limits: Limits) -> tuple[Any, ...]:
    """The child's result from its exit status and what it sent."""
    if code == 0 and data:
        try:
            return _decode(data)
        except (ValueError, TypeError, KeyError) as exc:
            raise ConversionFailed("failed", error=describe(exc)) from None
    if code == EXIT_MEMORY:
        raise ConversionFailed("memory", mb=limits.memory_mb)
    if code < 0:
        import signal

        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = str(-code)
        raise ConversionFailed("died", how=f"signal {-code} {name}")
    raise ConversionFailed("died", how=f"exit status {code}")


def _unpack(result: tuple[Any, ...], limits: Limits) -> Converted:
    """Return the conversion or raise what it raised in the child; remember the libraries the child
    imported, so that the next child forked from this process starts with them."""
    from reportlint.convert.converted import NotAReport
    from reportlint.read.source import Unreadable

    kind, *rest, modules = result
    _NEEDED.update(modules)
    if kind == "ok":
        return _rebuilt(rest[0])
    if kind == "unreadable":
        raise Unreadable(*rest)
    if kind == "not_a_report":
        raise NotAReport(*rest)
    if kind == "memory":
        raise ConversionFailed("memory", mb=limits.memory_mb)
    raise ConversionFailed("failed", rest[1], error=rest[0])


#: Top-level modules that children of this process imported to convert a document.
_NEEDED: set[str] = set()


def _warm(modules: set[str]) -> None:
    """Import the document libraries of reportlint's own readers that an earlier child needed, just
    before forking the next child, so that it starts with them (each costs 0.1–0.2 s to import).
    Not after the conversion: a run that converts one document never imports them itself."""
    with contextlib.suppress(Exception):
        if "pdfplumber" in modules:
            import pdfplumber  # noqa: F401
    with contextlib.suppress(Exception):
        if "lxml" in modules:  # what .docx files are read with
            import lxml.etree  # noqa: F401
    with contextlib.suppress(Exception):
        if "bs4" in modules:
            import bs4  # noqa: F401


def _encode(outcome: tuple[Any, ...]) -> bytes:
    import json

    return json.dumps(outcome, ensure_ascii=False).encode("utf-8")


def _decode(data: bytes) -> tuple[Any, ...]:
    import json

    outcome = json.loads(data.decode("utf-8"))
    if not isinstance(outcome, list) or not outcome or outcome[0] not in _KINDS:
        raise ValueError("not an outcome of a conversion")
    return tuple(outcome)


#: What a child can report: converted, or why not.
_KINDS = ("ok", "unreadable", "not_a_report", "memory", "failed")


def _seconds(value: float) -> str:
    return f"{value:g}"


def main(argv: list[str]) -> int:
    """The spawned child: ``LOADER PATH SECONDS MEMORY_MB AUTOLOAD``; the outcome (JSON) on stdout."""
    from reportlint.plugins.manager import installed

    name, path, seconds, memory_mb, autoload = argv
    limits = Limits(float(seconds), int(memory_mb), "spawn", autoload == "1")
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    _limit_self(limits)
    try:
        loader = next(lo for lo in installed(limits.autoload).loaders() if lo.name == name)
        result = _convert_here(loader, Path(path))
    except MemoryError:
        return EXIT_MEMORY
    except StopIteration:
        result = ("failed", f"LookupError: no loader {name} is installed", "", [])
    try:
        out.write(_encode(result))
        out.flush()
    except MemoryError:
        return EXIT_MEMORY
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
