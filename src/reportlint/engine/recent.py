"""The last few reports bound in one process, kept so that a later report which names one of them
as last year's (`previous:`, `--previous`, pairing) is compared without reading, parsing and
binding it again — in a collection where each report follows last year's, that was a fifth of the
work (issue 14).

A report is known by the identity of its file when it was read (device, inode, size, modification
time, taken before reading it): a file changed since is read again. Only report YAML read from its
file, bound with the pack its year chooses, is kept; what is handed out is a copy without its own
last year's report, so that no chain of years is ever held.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING

from reportlint.record import replace

if TYPE_CHECKING:
    from reportlint.document.model import Document
    from reportlint.format.library import Library

#: How many bound reports one process keeps (each a few hundred kilobytes).
KEPT = 8

_Key = tuple[int, int, int, int]


def identity(path: Path) -> _Key | None:
    """What `path` is now: device, inode, size and modification time; None when it cannot be told."""
    try:
        stat = os.stat(path)
    except (OSError, ValueError):
        return None
    return stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns


class RecentReports:
    """Up to `size` bound reports by file identity, the least recently used dropped first."""

    def __init__(self, size: int = KEPT) -> None:
        self.size = size
        self._kept: OrderedDict[_Key, tuple[Library, Document]] = OrderedDict()

    def keep(self, key: _Key | None, library: Library, doc: Document) -> None:
        """Keep `doc`, bound with `library` from the file whose identity was `key` before it was read."""
        if key is None or self.size <= 0:
            return
        self._kept[key] = (library, doc)
        self._kept.move_to_end(key)
        while len(self._kept) > self.size:
            self._kept.popitem(last=False)

    def get(self, path: Path, library: Library) -> Document | None:
        """The report kept for `path` as it is now, bound with `library`, named as `path`; else None."""
        key = identity(path)
        found = self._kept.get(key) if key is not None else None
        if found is None or found[0] is not library:
            return None
        self._kept.move_to_end(key)  # type: ignore[arg-type]
        doc: Document = replace(found[1], previous=None, file=str(path))
        return doc

    def __len__(self) -> int:
        return len(self._kept)
