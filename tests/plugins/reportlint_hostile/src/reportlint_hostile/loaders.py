"""Document loaders, one per suffix, each failing in its own way while converting."""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reportlint import hookimpl

MB = 1024 * 1024


def _hang(path: Path) -> object:
    while True:  # busy, as a parser stuck in a loop is
        time.monotonic()


def _balloon(path: Path) -> object:
    held = []
    for _ in range(8 * 1024):  # up to 128 GB, 16 MB at a time, every page touched
        held.append(b"x" * (16 * MB))
    return held


def _raise(path: Path) -> object:
    raise RuntimeError(f"internal error in the reader of {path.name}")


def _exit(path: Path) -> object:
    sys.exit(0)


def _segfault(path: Path) -> object:
    os.kill(os.getpid(), signal.SIGSEGV)
    time.sleep(5)
    return None


@dataclass(frozen=True)
class FailingLoader:
    name: str
    suffixes: tuple[str, ...]
    fail: Callable[[Path], object]

    def convert(self, path: Path) -> object:
        return self.fail(path)


@hookimpl
def reportlint_loaders() -> list[FailingLoader]:
    return [
        FailingLoader("hostile-hang", (".hang",), _hang),
        FailingLoader("hostile-balloon", (".balloon",), _balloon),
        FailingLoader("hostile-raise", (".raise",), _raise),
        FailingLoader("hostile-exit", (".exit",), _exit),
        FailingLoader("hostile-segfault", (".segfault",), _segfault),
    ]
