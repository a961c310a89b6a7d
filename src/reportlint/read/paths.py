"""Opening only regular files: a FIFO, a device, a socket, a `/proc` or `/sys` entry, or a link to
one is refused before it is opened (it could block, stream forever or act on a device), and the
opened descriptor is checked again so that a file swapped in between is refused too."""

from __future__ import annotations

import errno
import functools
import os
import stat
from pathlib import Path
from typing import BinaryIO

from reportlint.read.source import Unreadable

#: File types that are not regular files: stat test → (zh, en).
_KINDS = (
    (stat.S_ISFIFO, ("命名管道", "a named pipe")),
    (stat.S_ISCHR, ("字符设备", "a character device")),
    (stat.S_ISBLK, ("块设备", "a block device")),
    (stat.S_ISSOCK, ("套接字", "a socket")),
)
#: Open for reading without blocking (a FIFO whose writer never comes) nor taking a terminal; the
#: flags a platform lacks are left out.
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0) \
    | getattr(os, "O_BINARY", 0)
#: Pseudo file systems whose entries look like regular files but are made up as they are read.
_PSEUDO = ("/proc", "/sys")


def require_regular(path: Path | str) -> os.stat_result:
    """The status of `path` when it is a regular file on a real file system, else `Unreadable`."""
    try:
        status = os.stat(path)
    except OSError as exc:
        raise unreadable(exc, path) from None
    _refuse_irregular(path, status)
    return status


def open_regular(path: Path | str) -> BinaryIO:
    """`path` opened for reading, never blocking: checked before it is opened and again after."""
    status = require_regular(path)
    try:
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        raise unreadable(exc, path) from None
    try:
        opened = os.fstat(fd)
        _refuse_irregular(path, opened)
        if (opened.st_dev, opened.st_ino) != (status.st_dev, status.st_ino):
            raise Unreadable("文件在打开时被替换了", "the file was replaced while it was being opened")
        if _FLAGS & getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def unreadable(exc: OSError, path: Path | str) -> Unreadable:
    """Why `path` could not be opened or found, in both languages."""
    if exc.errno == errno.ENOENT:
        if os.path.islink(path):
            return Unreadable("符号链接指向的文件不存在", "a dangling symbolic link: its target does not exist")
        return Unreadable("文件不存在", "no such file")
    if exc.errno == errno.ELOOP:
        return Unreadable("符号链接构成循环", "a loop of symbolic links")
    if exc.errno == errno.EISDIR:
        return Unreadable("这是一个文件夹，不是文件", "is a directory, not a file")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return Unreadable("没有读取权限", "permission denied")
    return Unreadable(f"无法读取：{exc.strerror}", f"cannot read: {exc.strerror}")


def _refuse_irregular(path: Path | str, status: os.stat_result) -> None:
    if stat.S_ISDIR(status.st_mode):
        raise Unreadable("这是一个文件夹，不是文件", "is a directory, not a file")
    kind = next((k for test, k in _KINDS if test(status.st_mode)), None)
    if kind is None and not stat.S_ISREG(status.st_mode):
        kind = ("特殊文件", "a special file")
    if kind is None and _on_pseudo_fs(path, status):
        kind = ("/proc 或 /sys 中的系统文件", "a system file in /proc or /sys")
    if kind is None:
        return
    zh, en = kind
    if os.path.islink(path):
        zh, en = f"指向{zh}的符号链接", f"a symbolic link to {en}"
    raise Unreadable(f"不是普通文件（{zh}），没有读取", f"not a regular file ({en}); it was not read")


def _on_pseudo_fs(path: Path | str, status: os.stat_result) -> bool:
    """Whether the file lives in /proc or /sys: on the device of either, or, where they cannot be
    looked at, by its real path."""
    devices = _pseudo_devices()
    if status.st_dev in devices:
        return True
    if len(devices) == len(_PSEUDO):
        return False  # both looked at: a file elsewhere (a link into them is on their device)
    real = os.path.realpath(path)
    return any(real == top or real.startswith(top + "/") for top in _PSEUDO)


@functools.lru_cache(maxsize=1)
def _pseudo_devices() -> frozenset[int]:
    """The devices of /proc and /sys (looked at once per process: mounts do not move under a run)."""
    found = set()
    for top in _PSEUDO:
        try:
            found.add(os.stat(top).st_dev)
        except OSError:
            continue
    return frozenset(found)
