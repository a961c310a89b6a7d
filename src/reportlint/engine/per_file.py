"""Matching `per-file-ignores` globs, like ruff: against the file's path relative to the
configuration file's folder (posix form); a glob without "/" also matches the file's name, and a
leading "**/" also matches at the top."""

from __future__ import annotations

import os
from fnmatch import fnmatchcase
from pathlib import PurePath


def relative(path: str, root: str | None) -> str:
    """`path` relative to `root` (default: the current folder), in posix form."""
    try:
        found = os.path.relpath(os.path.abspath(path), root or os.getcwd())
    except ValueError:  # another drive (Windows): as given
        found = os.path.normpath(path)
    return PurePath(found).as_posix()


def matches(glob: str, relative: str) -> bool:
    """Whether `glob` names the file at `relative` ("*" also crosses folders, as in `exclude`)."""
    glob = PurePath(glob).as_posix() if "\\" in glob and os.sep == "\\" else glob
    glob = glob.removeprefix("./")
    if fnmatchcase(relative, glob):
        return True
    if glob.startswith("**/") and fnmatchcase(relative, glob[3:]):
        return True
    return "/" not in glob and fnmatchcase(relative.rsplit("/", 1)[-1], glob)
