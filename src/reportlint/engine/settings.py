"""Run settings: which rules, at which severity, in which language, with which local deadlines."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from reportlint.format.catalog import Severity

#: A rule's level in the settings: a severity, or off.
Level = Severity | Literal["off"]


@dataclass(slots=True)
class Settings:
    select: tuple[str, ...] = ()  # codes or prefixes; empty = all
    ignore: tuple[str, ...] = ()
    severity: dict[str, Level] = field(default_factory=dict)  # code or prefix → level
    lang: str = "zh"
    format: str | None = None  # force a rule pack
    township_deadline: tuple[int, int] | None = None  # (month, day) for 乡镇/街道 (a local rule)
    previous: str | None = None
    packs: tuple[str, ...] = ()  # extra folders of rule packs
    exclude: tuple[str, ...] = ()  # globs of files to skip when searching folders
    today: str | None = None  # ISO date; for tests of date rules ("published in the future")
    debug: bool = False  # print the traceback of a check that crashes (it is still RL901)

    def enabled(self, code: str) -> bool:
        if self.select and not any(code.startswith(s) for s in self.select):
            return False
        if any(code.startswith(s) for s in self.ignore):
            return False
        return self.severity_of(code, "error") != "off"

    def severity_of(self, code: str, default: Severity) -> Level:
        best: Level = default
        length = -1
        for key, level in self.severity.items():
            if code.startswith(key) and len(key) > length:
                best, length = level, len(key)
        return best
