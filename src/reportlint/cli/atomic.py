"""Writing files without ever leaving half of one: a temporary file in the same folder, then rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


class Refused(Exception):
    """The target exists and overwriting was not asked for."""


def write_text(path: Path, text: str, force: bool = False) -> None:
    """Write `text` to `path` atomically; refuse to replace an existing file unless `force`."""
    if path.exists() and not force:
        raise Refused(f"{path} exists; use --force to overwrite it")
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            os.fchmod(fd, _mode_for(path))  # mkstemp makes 0600; give the file a new file's usual mode
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if not force and path.exists():
            raise Refused(f"{path} exists; use --force to overwrite it")
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _mode_for(path: Path) -> int:
    """The permission bits of the file being replaced, else those a new file gets under the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask
