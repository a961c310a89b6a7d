"""The progress bar of a run over many files, on standard error: files done of all, files per second
and the time left. It is drawn only where a person watches (see `wanted`), and taken off the line
before anything else is written to the terminal, so that findings never share a line with it."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterable, Iterator
from typing import IO, TypeVar

T = TypeVar("T")

#: `1` draws the bar even when standard error is not a terminal (tests, recordings); `0` never draws it.
PROGRESS_ENV = "REPORTLINT_PROGRESS"
#: The output formats a person reads; the machine formats never get a bar.
HUMAN_FORMATS = ("text", "concise")
#: Seconds between two drawings of the bar (the last file is always drawn).
INTERVAL = 0.1


def wanted(output: str, quiet: int, files: int, stream: IO[str]) -> bool:
    """A bar for a run of more than one file in a human format, not quiet, on a terminal — or where
    REPORTLINT_PROGRESS=1 asks for it (REPORTLINT_PROGRESS=0 never)."""
    forced = os.environ.get(PROGRESS_ENV, "")
    if forced == "0" or output not in HUMAN_FORMATS or quiet or files < 2:
        return False
    return forced == "1" or isatty(stream)


def isatty(stream: IO[str]) -> bool:
    """Whether `stream` is a terminal (False for a replaced or closed one)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a replaced or closed stream
        return False


class Bar:
    """Draws `done/total`, a bar, the rate and the time left on one line of `stream`."""

    def __init__(self, total: int, stream: IO[str], lang: str = "zh", output: IO[str] | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.total = total
        self.stream = stream
        self.output = output  # flushed before the bar is drawn, so that its lines come first
        self.lang = lang
        self.clock = clock
        self.start = clock()
        self.done = 0
        self.shown = False  # the bar is on the line now
        self.drawn_at = float("-inf")

    def advance(self) -> None:
        """One more file done (drawn at the next `draw`)."""
        self.done += 1

    def draw(self, force: bool = False) -> None:
        """Draw the bar, unless it was drawn less than INTERVAL ago and is still on the line."""
        now = self.clock()
        if self.shown and not force and now - self.drawn_at < INTERVAL and self.done < self.total:
            return
        if self.output is not None:
            with contextlib.suppress(OSError, ValueError):
                self.output.flush()
        width = _columns(self.stream)
        self._write("\r" + self.line(now, width) + "\x1b[K")
        self.shown, self.drawn_at = True, now

    def clear(self) -> None:
        """Take the bar off its line, so that what comes next starts on a clean one."""
        if self.shown:
            self._write("\r\x1b[K")
            self.shown = False

    def line(self, now: float, width: int = 80) -> str:
        """The bar's text, at most `width - 1` columns wide."""
        elapsed = max(now - self.start, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else None
        en = self.lang == "en"
        tail = (f" {rate:.1f} files/s" if en else f" {rate:.1f} 个/秒") if self.done else ""
        if left is not None and self.done < self.total:
            tail += f", {_clock(left)} left" if en else f"，剩余 {_clock(left)}"
        head = f"{self.done}/{self.total} "
        percent = f" {100 * self.done // max(self.total, 1):3d}%"
        room = width - 3 - len(head) - len(percent) - _width(tail)
        cells = min(max(room, 0), 30)
        filled = cells * self.done // max(self.total, 1)
        return head + "[" + "#" * filled + "-" * (cells - filled) + "]" + percent + (tail if room >= 0 else "")

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # a closed or broken standard error must not end the run
            pass


def around(items: Iterable[T], bar: Bar, prints: Callable[[T], bool]) -> Iterator[T]:
    """`items` as they come, the bar advanced after each; taken off the line before an item for
    which something will be printed (`prints`), drawn again when the next is awaited, and taken off
    for good when the items end (before the summary) or the run is stopped."""
    bar.draw(force=True)
    try:
        for item in items:
            bar.advance()
            if prints(item):
                bar.clear()
            yield item
            bar.draw()
    finally:
        bar.clear()


def _columns(stream: IO[str]) -> int:
    """The width of the terminal the bar is drawn on: COLUMNS, else the terminal's, else 80."""
    with contextlib.suppress(ValueError):
        if int(os.environ.get("COLUMNS", "0")) > 0:
            return int(os.environ["COLUMNS"])
    try:
        return os.get_terminal_size(stream.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return 80


def _clock(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def _width(text: str) -> int:
    """Columns `text` takes on a terminal (CJK characters take two)."""
    return sum(2 if "\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" else 1 for ch in text)
