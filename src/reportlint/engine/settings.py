"""Run settings: which rules, at which severity, in which language, with which local deadlines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlint.format.catalog import Level as Level  # a rule's level in the settings: a severity, or off
from reportlint.format.registry import override
from reportlint.record import dataclass, field

if TYPE_CHECKING:
    from reportlint.engine.isolate import Limits
    from reportlint.format.library import Library

#: Default limits of one document conversion (TXT, HTML, DOCX, PDF; never report YAML).
TIMEOUT_S = 10.0
MEMORY_LIMIT_MB = 512


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
    #: (glob, codes or prefixes) of `per-file-ignores`; globs match paths relative to `config_root`
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    config_root: str | None = None  # the configuration file's folder (absolute)
    today: str | None = None  # ISO date; for tests of date rules ("published in the future")
    debug: bool = False  # print the traceback of a check that crashes (it is still RL901)
    autoload: bool = True  # load installed plugins (the command line reads REPORTLINT_DISABLE_PLUGIN_AUTOLOAD)
    timeout: float = TIMEOUT_S  # seconds one document conversion may take (0: no limit)
    memory_limit: int = MEMORY_LIMIT_MB  # MB one document conversion may use (0: no limit)
    conversions: str | None = None  # a folder keeping this run's document conversions (pairing)
    spawn: bool = False  # convert documents in a fresh interpreter instead of a forked child

    def enabled(self, code: str) -> bool:
        if self.select and not any(code.startswith(s) for s in self.select):
            return False
        if any(code.startswith(s) for s in self.ignore):
            return False
        return self.severity_of(code, "error") != "off"

    def ignored_in(self, path: str, code: str) -> str | None:
        """The `per-file-ignores` glob that hides `code` in the file at `path`, if one does."""
        if not self.per_file_ignores:
            return None
        from reportlint.engine.per_file import matches, relative

        where = relative(path, self.config_root)
        for glob, codes in self.per_file_ignores:
            if any(code.startswith(c) for c in codes) and matches(glob, where):
                return glob
        return None

    def severity_of(self, code: str, default: Level) -> Level:
        return override(code, default, self.severity)

    def limits(self) -> Limits:
        """How documents are converted: in a child process within the time and memory limits."""
        from reportlint.engine.isolate import Limits

        return Limits(self.timeout, self.memory_limit, "spawn" if self.spawn else "fork", self.autoload)

    def library(self) -> Library:
        """The packs and catalogue of these settings' folders (plain data: rebuilt in any worker)."""
        from reportlint.format.library import library_for

        return library_for(self.packs, self.catalogs)
