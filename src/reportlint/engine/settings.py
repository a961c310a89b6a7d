"""Run settings: which rules, at which severity, in which language, with which local deadlines."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reportlint.format.catalog import Level as Level  # a rule's level in the settings: a severity, or off
from reportlint.format.registry import override

if TYPE_CHECKING:
    from reportlint.format.library import Library


@dataclass(slots=True)
class Settings:
    select: tuple[str, ...] = ()  # codes or prefixes; empty = all
    ignore: tuple[str, ...] = ()
    severity: dict[str, Level] = field(default_factory=dict)  # code or prefix → level
    lang: str = "zh"
    pack: str | None = None  # force a rule pack
    township_deadline: tuple[int, int] | None = None  # (month, day) for 乡镇/街道 (a local rule)
    agency_kind: str | None = None  # for reports without agency_kind: instead of guessing from the name
    previous: str | None = None
    packs: tuple[str, ...] = ()  # extra folders of rule packs (configuration first, then plugins')
    catalogs: tuple[str, ...] = ()  # extra folders of catalogue entries (plugins')
    exclude: tuple[str, ...] = ()  # globs of files to skip when searching folders
    today: str | None = None  # ISO date; for tests of date rules ("published in the future")
    debug: bool = False  # print the traceback of a check that crashes (it is still RL901)
    autoload: bool = True  # load installed plugins (the command line reads REPORTLINT_DISABLE_PLUGIN_AUTOLOAD)

    def enabled(self, code: str) -> bool:
        if self.select and not any(code.startswith(s) for s in self.select):
            return False
        if any(code.startswith(s) for s in self.ignore):
            return False
        return self.severity_of(code, "error") != "off"

    def severity_of(self, code: str, default: Level) -> Level:
        return override(code, default, self.severity)

    def library(self) -> Library:
        """The packs and catalogue of these settings' folders (plain data: rebuilt in any worker)."""
        from reportlint.format.library import library_for

        return library_for(self.packs, self.catalogs)
