"""Writing files without ever leaving half of one: a temporary file in the same folder, then a hard
link into place (which fails when the target exists: exclusive) or, with force, a rename."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


class Refused(Exception):
    """The target exists and overwriting was not asked for, or it is no file to overwrite."""


def refuse_target(path: Path, force: bool, source: Path | None = None) -> None:
    """Raise `Refused` unless `path` may be written: it is `source` itself (also through a link or
    another spelling), or something other than a regular file (a FIFO, a device, a folder) whatever
    `force` says, or it exists and `force` is not given."""
    if not os.path.lexists(path):
        return
    if source is not None:
        with contextlib.suppress(OSError):
            if os.path.samefile(path, source):
                raise Refused(f"{path} is the document being converted; choose another output file")
    try:
        mode = os.stat(path).st_mode
    except OSError:
        mode = stat.S_IFREG  # a dangling link: replaced like a file (with force)
    if not stat.S_ISREG(mode):
        raise Refused(f"{path} is {_kind(mode)}, not a regular file; reportlint writes only regular files")
    if not force:
        raise Refused(f"{path} exists; use --force to overwrite it")


def write_text(path: Path, text: str, force: bool = False, source: Path | None = None) -> None:
    """Write `text` to `path` atomically; refuse what `refuse_target` refuses. Without `force` the
    file is created exclusively: of two writers racing for one name, exactly one succeeds."""
    write_bytes(path, text.encode("utf-8", "surrogateescape"), force, source)


def write_bytes(path: Path, data: bytes, force: bool = False, source: Path | None = None) -> None:
    """Write `data` to `path` as `write_text` writes text."""
    refuse_target(path, force, source)
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(fd, _mode_for(path))  # mkstemp makes 0600; give the file a new file's usual mode
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _put_in_place(tmp, path, force, source)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _put_in_place(tmp: str, path: Path, force: bool, source: Path | None = None) -> None:
    """The finished temporary file becomes `path`: replacing it with `force` (checked again: it
    may have changed while the file was written), else only if nothing is there."""
    if force:
        refuse_target(path, force, source)
        os.replace(tmp, path)
    else:
        _link_exclusively(tmp, path)


def _link_exclusively(tmp: str, path: Path) -> None:
    """Put `tmp` in place at `path` only if nothing is there (`os.link` fails if it exists)."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise Refused(f"{path} exists; use --force to overwrite it") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.EXDEV):
            raise
        # no hard links on this file system: reserve the name exclusively, then fill it in one rename
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            raise Refused(f"{path} exists; use --force to overwrite it") from None
        os.replace(tmp, path)


def _kind(mode: int) -> str:
    kinds = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))
    return next((name for test, name in kinds if test(mode)), "a special file")


def _mode_for(path: Path) -> int:
    """The permission bits of the file being replaced, else those a new file gets under the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def replaced_on_success(path: Path) -> Iterator[IO[str]]:
    """A text stream that becomes `path` when the block ends normally (an earlier file of that name
    is replaced); if the block raises, the earlier file stays as it was and nothing half-written is
    left. `path` must be a regular file or not exist (never a folder, FIFO or device)."""
    refuse_target(path, force=True)
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            os.fchmod(fd, _mode_for(path))
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        refuse_target(path, force=True)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


@contextlib.contextmanager
def written_into_place(path: Path, force: bool) -> Iterator[Path]:
    """A temporary path beside `path` for any writer (a spreadsheet library); when the block ends
    normally it becomes `path` — exclusively unless `force` (an existing file is then refused, even
    one that appeared while the block ran). If the block raises, nothing is left behind."""
    refuse_target(path, force)
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        try:
            os.fchmod(fd, _mode_for(path))
        finally:
            os.close(fd)
        yield Path(tmp)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        _put_in_place(tmp, path, force)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def replace_bytes(path: Path, data: bytes) -> None:
    """Replace the regular file `path` with `data` at once (its permission bits kept): a reader sees
    the old file or the new one, never half of one (--fix)."""
    refuse_target(path, force=True)
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(fd, _mode_for(path))
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
