"""Searching a folder for report files, saying what could not be searched or read: folders that
cannot be listed, dangling and looping links, FIFOs and devices with a report suffix, and
documents of a type reportlint cannot read (`.doc`)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from reportlint.record import dataclass, field

#: Word-processor types reports are published in that no loader reads: → what to do instead.
UNREADABLE_TYPES = {".doc": ".docx", ".wps": ".docx", ".rtf": ".docx", ".odt": ".docx", ".ofd": "PDF"}
#: git's warning for a folder it could not list (`git ls-files --others`).
_GIT_UNLISTED = re.compile(r"could not open directory '(.+?)': (.+)")


@dataclass(slots=True)
class Search:
    """Report files found, and what was passed over with the reason (in English, for stderr)."""

    files: list[Path] = field(default_factory=list)
    passed_over: list[tuple[Path, str]] = field(default_factory=list)

    def consider(self, path: Path, suffixes: tuple[str, ...]) -> None:
        """Keep `path` when it is a readable report file; note it when it has a report suffix or an
        unreadable document type but cannot be read."""
        suffix = path.suffix.lower()
        if suffix in UNREADABLE_TYPES and suffix not in suffixes:  # no loader (e.g. LibreOffice's) reads it
            self.passed_over.append((path, f"reportlint cannot read {suffix} files; save it as {UNREADABLE_TYPES[suffix]}"))
            return
        if suffix not in suffixes:
            return
        from reportlint.read.paths import require_regular
        from reportlint.read.source import Unreadable

        try:
            require_regular(path)
        except Unreadable as exc:
            self.passed_over.append((path, exc.en))
            return
        self.files.append(path)


def search(folder: Path, suffixes: tuple[str, ...]) -> Search:
    """Report files in `folder`, recursively, not in hidden folders nor ignored by git. Links to
    folders are not followed."""
    found = Search()
    listed = _git_files(folder, found)
    names = (folder / name for name in listed) if listed is not None else _walk(folder, found)
    for path in names:
        if not any(part.startswith(".") for part in path.relative_to(folder).parts):
            found.consider(path, suffixes)
    return found


def _walk(folder: Path, found: Search) -> list[Path]:
    """Every file (or link, FIFO, device …) under `folder`, not entering hidden folders; a folder
    that cannot be listed is noted in `found`."""
    from reportlint.read.paths import unreadable

    files: list[Path] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as listing:
                entries = list(listing)
        except OSError as exc:
            found.passed_over.append((current, f"cannot list the folder: {unreadable(exc, current).en}"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_folder = False
            (pending if is_folder else files).append(Path(entry.path))
    return sorted(files, key=_parts)


def _parts(path: Path) -> tuple[str, ...]:
    """The order of `Path`s on POSIX (by their parts), without its cost per comparison (10 000 files: 120 000)."""
    return path.parts


def _git_files(folder: Path, found: Search) -> list[str] | None:
    """The files git tracks or would track under `folder` (relative names), or None when git is
    missing, `folder` is not in a work tree, or `folder` itself is ignored (it was named: search it).
    Folders git could not list are noted in `found`."""
    import subprocess

    try:
        run = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                             cwd=folder, capture_output=True, timeout=60)
        if run.returncode != 0:
            return None
        for line in run.stderr.decode("utf-8", "replace").splitlines():
            unlisted = _GIT_UNLISTED.search(line)
            if unlisted:
                found.passed_over.append((folder / unlisted[1], f"cannot list the folder: {unlisted[2]}"))
        names = [n for n in run.stdout.decode("utf-8", "surrogateescape").split("\0") if n]
        if not names:
            ignored = subprocess.run(["git", "check-ignore", "-q", "."], cwd=folder, capture_output=True, timeout=60)
            if ignored.returncode == 0:
                return None
        return names
    except (OSError, subprocess.SubprocessError):
        return None
