"""Which files a run checks: files as named, folders searched for report files (honouring
`.gitignore` inside a git work tree), excludes, each file once, sorted by the name shown, and the
files that are evidently not reports set aside as skipped."""

from __future__ import annotations

import os
import re
from fnmatch import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING

from reportlint.engine import walk
from reportlint.record import dataclass, field

if TYPE_CHECKING:
    from reportlint.plugins.manager import Plugins

#: Bytes read to decide whether a file is a report: YAML top-level keys, a text's opening part.
_YAML_PREFIX = 1024 * 1024
_TEXT_PREFIX = 128 * 1024
#: A block-style key at column 0: `agency:`, `"year":`, `机关名称：` (full-width colon too).
_TOP_KEY = re.compile(r"""^(?:"([^"]+)"|'([^']+)'|([^\s#\-?:{\[!&*|>%@`"'][^:：#]*?))\s*[:：](?:\s|$)""")
#: First characters of lines that cannot hold a top-level key (`_TOP_KEY` refuses them too); "" for an empty line.
_NOT_A_KEY = frozenset({"", " ", "\t", "#", "-"})
#: Said by every annual report, whatever its headings (the title: …政府信息公开工作年度报告).
_REPORT_WORD = "政府信息公开"
_TEXT_SUFFIXES = (".txt", ".text", ".htm", ".html")


@dataclass(slots=True)
class Discovered:
    """The files to check (sorted by the name shown), those skipped as evidently not reports, and
    what folder searches passed over because it cannot be read, with the reason."""

    files: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    passed_over: list[tuple[Path, str]] = field(default_factory=list)


def report_suffixes(plugins: Plugins | None = None) -> tuple[str, ...]:
    """The suffixes of files a folder search picks up: YAML and those of the document loaders."""
    from reportlint.engine.run import YAML_SUFFIXES
    from reportlint.plugins.manager import installed

    loaders = (plugins or installed()).loaders()
    return tuple(sorted(set(YAML_SUFFIXES) | {s for loader in loaders for s in loader.suffixes}))


def excluded(path: Path, base: Path, patterns: tuple[str, ...]) -> bool:
    """Whether a glob or plain folder name in `patterns` matches the file, its path under `base`,
    or one of the folders it is in (`drafts` excludes `reports/drafts/a.yaml`)."""
    if not patterns:
        return False
    relative = path.relative_to(base) if base != path else path
    candidates = {path.as_posix(), path.name, relative.as_posix(), *relative.parent.parts}
    candidates.discard(".")
    return any(fnmatch(c, p) for c in candidates for p in patterns)


def discover(paths: list[str], exclude: tuple[str, ...] = (), force_exclude: bool = False,
             skip_non_reports: bool = False, plugins: Plugins | None = None) -> Discovered:
    """Files named are checked as given (excluded only with `force_exclude`, skipped only with
    `skip_non_reports`); folders are searched and what they hold that is not a report is skipped.
    A file reached twice is kept once, under the first name it was reached by."""
    out = Discovered()
    seen: set[tuple[int, int] | Path] = set()
    suffixes: tuple[str, ...] | None = None
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            suffixes = suffixes or report_suffixes(plugins)
            search = walk.search(path, suffixes)
            found = [(p, True) for p in search.files if not excluded(p, path, exclude)]
            out.passed_over.extend((p, why) for p, why in search.passed_over if not excluded(p, path, exclude))
        elif force_exclude and excluded(path, path, exclude):
            continue
        else:
            found = [(path, skip_non_reports)]
        for file, may_skip in found:
            key = file_identity(file)
            if key in seen:
                continue
            seen.add(key)
            (out.skipped if may_skip and not looks_like_report(file) else out.files).append(file)
    out.files.sort(key=str)
    out.skipped.sort(key=str)
    out.passed_over.sort(key=lambda item: str(item[0]))
    return out


def file_identity(path: Path) -> tuple[int, int] | Path:
    """The file itself (device and inode: one `stat`, where resolving the name took one per folder
    of it), or its absolute name when it cannot be looked at (missing, a symlink loop)."""
    try:
        stat = os.stat(path)
    except (OSError, ValueError):
        return path.absolute()
    return stat.st_dev, stat.st_ino


def looks_like_report(path: Path) -> bool:
    """False only for files that are evidently not reports: Office lock files, YAML whose
    top-level keys include none of the report's, text or HTML that never mentions 政府信息公开 nor
    a section heading in its opening part. Anything unreadable or undecidable is a report (checked)."""
    name = path.name
    if name.startswith(("~$", ".~lock.")):
        return False
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        keys = _top_keys(_prefix(path, _YAML_PREFIX))
        return keys is None or not keys or bool(keys & _report_keys())
    if suffix in _TEXT_SUFFIXES:
        text = _prefix(path, _TEXT_PREFIX)
        return text is None or any(word in text for word in _report_words())
    return True


def _prefix(path: Path, size: int) -> str | None:
    """The opening `size` bytes as text, or None for a file that cannot be read or is not text."""
    from reportlint.read.paths import open_regular
    from reportlint.read.source import Unreadable

    try:
        with open_regular(path) as handle:
            data = handle.read(size)
    except (OSError, Unreadable):
        return None
    if b"\0" in data:
        return None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            if exc.start >= len(data) - 4:  # a character cut by the prefix
                return data[: exc.start].decode(encoding, "ignore")
    return None


def _top_keys(text: str | None) -> set[str] | None:
    if text is None:
        return None
    keys = set()
    for line in text.splitlines():
        if line[:1] in _NOT_A_KEY:  # indented, a list item or a comment: not a top-level key (fast path)
            continue
        match = _TOP_KEY.match(line)
        if match:
            keys.add(next(g for g in match.groups() if g).strip())
    return keys


def _report_keys() -> set[str]:
    from reportlint.document.bind import FIELD_HINTS, FIELDS

    return {*FIELDS, *FIELD_HINTS}


def _report_words() -> set[str]:
    from reportlint.format.library import builtin

    library = builtin()
    words = {_REPORT_WORD}
    for pack_id in library.available():
        for section in library.pack(pack_id).sections:
            words.update((section.heading, *section.variants))
    return words
