"""A baseline: the findings recorded on one day, so that later runs fail only on new ones.

An entry is keyed by the file (its path relative to the baseline file's folder, in posix form), the
code, the place in the report model and a fingerprint of what the message says (its values, never a
line number): editing a report elsewhere keeps its entries valid, and a cell whose number changed
is a new finding. The same key found n times is one entry with count n. A rule that cannot be
hidden (RL001: a file that could not be read) is never recorded and never matched.

A moved or renamed file is a new file: the entries of its old path are stale (that path is gone)
and its findings are new until the baseline is recorded again.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field  # order=True: the stdlib decorator (baselines only)
from pathlib import Path, PurePath
from typing import Any

from reportlint.findings.finding import Finding

#: The version of the baseline file this reportlint writes and reads.
VERSION = 1
#: Largest baseline read (a collection of 300 reports with every finding recorded is a few MB).
MAX_BYTES = 64 * 1024 * 1024
#: Largest count of one entry.
MAX_COUNT = 10**6
_FIELDS = ("file", "code", "place", "fingerprint")


class BaselineError(Exception):
    """The baseline file cannot be used (exit 2, one line)."""


@dataclass(frozen=True, slots=True, order=True)
class Key:
    """What identifies a finding in a baseline."""

    file: str
    code: str
    place: str
    fingerprint: str


def file_key(file: str, root: Path) -> str:
    """`file` as a baseline names it: relative to `root` (the baseline's folder), in posix form."""
    try:
        relative = os.path.relpath(os.path.abspath(file), root)
    except ValueError:  # another drive (Windows): as given
        relative = os.path.normpath(file)
    return _text(PurePath(relative).as_posix())


def _text(value: str) -> str:
    """`value` writable as UTF-8: a lone surrogate (a file name that is not UTF-8, a "\\ud800" key
    in YAML) spelt as its escape, the same way each time."""
    return value.encode("utf-8", "backslashreplace").decode("utf-8")


def key_of(file: str, finding: Finding) -> Key:
    """The key of `finding` of the file named `file` (already a `file_key`)."""
    import hashlib

    said = finding.fingerprint or f"{finding.message_zh}\x1f{finding.message_en}"
    digest = hashlib.sha256(f"{finding.code}\x1f{said}".encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return Key(file, finding.code, _text(finding.path or ""), digest)


def record(results: Iterable[tuple[str, list[Finding]]], root: Path, always: Callable[[str], bool]) -> Counter[Key]:
    """The keys of every finding of `results`, counted; not those of rules that cannot be hidden."""
    counts: Counter[Key] = Counter()
    for file, findings in results:
        name = file_key(file, root)
        counts.update(key_of(name, f) for f in findings if not always(f.code))
    return counts


def dumps(counts: Counter[Key]) -> str:
    """The baseline file: versioned JSON, entries sorted, the same text for the same findings."""
    entries = [{"file": k.file, "code": k.code, "place": k.place, "fingerprint": k.fingerprint, "count": n}
               for k, n in sorted(counts.items())]
    return json.dumps({"version": VERSION, "entries": entries}, ensure_ascii=False, indent=2) + "\n"


def loads(raw: bytes, where: str) -> Counter[Key]:
    """The entries of a baseline file's bytes; raises `BaselineError` saying what is wrong."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise BaselineError(f"{where}: not a reportlint baseline: not UTF-8 text") from None
    except (ValueError, RecursionError) as exc:
        raise BaselineError(f"{where}: not a reportlint baseline: not valid JSON ({str(exc)[:200]})") from None
    if not isinstance(data, dict) or "entries" not in data:
        raise BaselineError(f"{where}: not a reportlint baseline: no \"entries\" (record one with `reportlint baseline`)")
    if data.get("version") != VERSION:
        raise BaselineError(f"{where}: baseline version {str(data.get('version'))[:20]}; this reportlint reads "
                            f"version {VERSION} (record it again with `reportlint baseline`)")
    if not isinstance(data["entries"], list):
        raise BaselineError(f"{where}: not a reportlint baseline: \"entries\" is not a list")
    counts: Counter[Key] = Counter()
    for number, entry in enumerate(data["entries"], 1):
        counts[_entry(entry, number, where)] += _count(entry)
    return counts


def _entry(entry: Any, number: int, where: str) -> Key:
    if not isinstance(entry, dict) or not all(isinstance(entry.get(f), str) for f in _FIELDS):
        raise BaselineError(f"{where}: entry {number} is not an object with text {', '.join(_FIELDS)}")
    if not _count(entry):
        raise BaselineError(f"{where}: entry {number}: count is a whole number from 1 to {MAX_COUNT}")
    return Key(*(entry[f] for f in _FIELDS))


def _count(entry: dict[str, Any]) -> int:
    count = entry.get("count", 1)
    ok = isinstance(count, int) and not isinstance(count, bool) and 1 <= count <= MAX_COUNT
    return count if ok else 0


@dataclass(slots=True)
class Baseline:
    """A baseline being applied to one run: what it hid, and what it holds that was not found."""

    counts: Counter[Key]
    root: Path  # the baseline file's folder: files are named relative to it
    always: Callable[[str], bool]  # a rule that cannot be hidden (RL001)
    #: whether this run could report the entry's code in its file (not if --select, ignore,
    #: severity off or per-file-ignores leave it out): the others are not judged stale
    reported: Callable[[Key], bool] = lambda key: True
    used: Counter[Key] = field(default_factory=Counter)
    checked: set[str] = field(default_factory=set)  # files of this run, as the baseline names them
    unjudged: set[str] = field(default_factory=set)  # files that could not be read: nothing is stale
    hidden: int = 0

    def filter(self, file: str, findings: list[Finding]) -> list[Finding]:
        """The findings of `file` the baseline does not hold (a key recorded n times hides n findings)."""
        name = file_key(file, self.root)
        self.checked.add(name)
        kept: list[Finding] = []
        for finding in findings:
            if self.always(finding.code):
                self.unjudged.add(name)
                kept.append(finding)
                continue
            key = key_of(name, finding)
            if self.used[key] < self.counts[key]:
                self.used[key] += 1
                self.hidden += 1
            else:
                kept.append(finding)
        return kept

    def stale(self) -> Iterator[tuple[Key, int]]:
        """Entries not found again, with how many times: of files checked in this run and read, or of
        files that are gone. Files that exist but were not checked, and rules this run leaves out,
        are not judged."""
        for key, count in sorted(self.counts.items()):
            if self.always(key.code) or key.file in self.unjudged or not self.reported(key):
                continue
            if key.file not in self.checked and os.path.lexists(self.root / key.file):
                continue
            left = count - self.used[key]
            if left > 0:
                yield key, left
