"""The rule packs and the rule catalogue of one run, as one object built from plain data.

A `Library` is two tuples of folders — extra pack folders (searched before the built-in packs)
and extra catalogue folders — and per-instance caches. It pickles as its folders, so it travels
with every job to worker processes however they are started (fork or spawn) and is rebuilt the
same there. Files outside reportlint's own `rules/` are validated against `pack_schema` when read;
the shipped ones are validated by a test.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlint.format.catalog import CatalogError, RuleDoc, entry
from reportlint.format.packs import Pack, PackError, PackNotFound, build
from reportlint.format.resources import load_data, rules_dir

if TYPE_CHECKING:
    from reportlint.format.registry import Registry

#: The pack used when a report gives neither `format` nor a usable `year`.
DEFAULT_PACK = "gov-2021"


class Library:
    """Packs and catalogue: the built-in ones plus those in `pack_dirs` and `catalog_dirs`."""

    __slots__ = ("_builtin_names", "_bundle", "_catalog", "_docs", "_packs", "_registry", "catalog_dirs", "pack_dirs")

    def __init__(self, pack_dirs: tuple[str, ...] = (), catalog_dirs: tuple[str, ...] = ()) -> None:
        self.pack_dirs = tuple(str(p) for p in pack_dirs)
        self.catalog_dirs = tuple(str(p) for p in catalog_dirs)
        self._packs: dict[str, Pack] = {}
        self._docs: dict[str, RuleDoc] = {}
        self._catalog: dict[str, RuleDoc] | None = None
        self._registry: Registry | None = None
        self._bundle: dict[str, Any] | None = None
        self._builtin_names: list[str] | None = None

    def __reduce__(self) -> tuple[type[Library], tuple[tuple[str, ...], tuple[str, ...]]]:
        return (Library, (self.pack_dirs, self.catalog_dirs))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Library) and (self.pack_dirs, self.catalog_dirs) == (other.pack_dirs,
                                                                                      other.catalog_dirs)

    def __hash__(self) -> int:
        return hash((self.pack_dirs, self.catalog_dirs))

    def __repr__(self) -> str:
        return f"Library(pack_dirs={self.pack_dirs!r}, catalog_dirs={self.catalog_dirs!r})"

    # --- packs ---------------------------------------------------------------------------------

    def _pack_folders(self) -> list[Path]:
        return [*(Path(p) for p in self.pack_dirs), rules_dir()]

    def available(self) -> list[str]:
        """The ids of every pack in every folder."""
        names: set[str] = set()
        for folder in self._pack_folders():
            if folder.is_dir():
                names.update(p.parent.name for p in folder.glob("*/pack.yaml"))
        return sorted(names)

    def pack(self, pack_id: str) -> Pack:
        """The pack `pack_id` with its `extends` chain applied. Raises `PackError` (`PackNotFound`)."""
        found = self._packs.get(pack_id)
        if found is None:
            data, folder = self._raw(pack_id, ())
            found = self._packs[pack_id] = build(data, folder)
        return found

    def pack_for_year(self, year: int | None) -> Pack:
        """The built-in pack whose `years` cover `year` (≤ 2020 → gov-2019, otherwise gov-2021)."""
        if year is not None:
            if self._builtin_names is None:  # listed once per library: a run checks many reports
                names = sorted(p.parent.name for p in rules_dir().glob("*/pack.yaml"))
                self._builtin_names = sorted(names, key=lambda n: n != DEFAULT_PACK)  # the default first: it usually fits
            for name in self._builtin_names:
                pack = self.pack(name)
                if pack.fits_year(year):
                    return pack
        return self.pack(DEFAULT_PACK)

    def _raw(self, pack_id: str, seen: tuple[str, ...]) -> tuple[dict[str, Any], Path]:
        if pack_id in seen:
            raise PackError(f"rule pack {pack_id} extends itself ({' → '.join((*seen, pack_id))})")
        for folder in self._pack_folders():
            path = folder / pack_id / "pack.yaml"
            if path.is_file():
                data = self._read(path, "pack")
                if data.get("id") != pack_id:
                    raise PackError(f"{shown(path)}: id: {data.get('id')!r} must be the folder's name {pack_id!r}")
                base_id = data.get("extends")
                if not base_id:
                    return data, path.parent
                from reportlint.format.edits import merge

                base, _ = self._raw(str(base_id), (*seen, pack_id))
                return merge(base, data, shown(path)), path.parent
        raise PackNotFound(f"no rule pack named {pack_id!r} (known: {', '.join(self.available())})")

    def _bundled(self) -> dict[str, Any]:
        """The shipped files pre-parsed (`format.bundle`), read on first use."""
        if self._bundle is None:
            from reportlint.format.bundle import entries

            self._bundle = entries(rules_dir())
        return self._bundle

    def _read(self, path: Path, what: str) -> dict[str, Any]:
        try:
            data = load_data(path, self._bundled())
        except Exception as exc:  # a YAML error of our own data: one line, exit 2
            raise PackError(f"{shown(path)}: not valid YAML: {str(exc).splitlines()[0]}") from None
        if not isinstance(data, dict):
            raise PackError(f"{shown(path)}: a {what} file is a mapping")
        if not is_shipped(path):
            from reportlint.format.pack_schema import validate

            validate(data, what, shown(path))
        return data

    # --- catalogue -----------------------------------------------------------------------------

    def _catalog_folders(self) -> list[Path]:
        return [rules_dir() / "catalog", *(Path(p) for p in self.catalog_dirs)]

    def catalog(self) -> dict[str, RuleDoc]:
        """Every rule of the catalogue files, by code."""
        if self._catalog is None:
            out: dict[str, RuleDoc] = {}
            for folder in self._catalog_folders():
                for path in sorted(folder.glob("*.yaml")):
                    found = self._entry(path)
                    if found.code in out:
                        raise CatalogError(f"{shown(path)}: code {found.code} is already documented")
                    out[found.code] = found
            self._catalog = out
        return self._catalog

    def doc(self, code: str) -> RuleDoc:
        """One rule's entry: its own catalogue file if it has one (a check run needs only the codes it
        reports), else the registry's entry for a code a pack defines."""
        found = self._docs.get(code)
        if found is None:
            for folder in self._catalog_folders():
                path = folder / f"{code}.yaml"
                if path.is_file():
                    found = self._entry(path)
                    break
            else:
                found = self.registry().docs.get(code)
                if found is None:
                    raise CatalogError(f"rule {code} has no catalogue entry")
            self._docs[code] = found
        return found

    def _entry(self, path: Path) -> RuleDoc:
        try:
            data = self._read(path, "catalogue")
        except PackError as exc:
            raise CatalogError(str(exc)) from None
        return entry(path, data)

    def kind(self, name: str) -> dict[str, Any]:
        """The generic entry of a kind of rule (`rules/catalog/kinds/<name>.yaml`): messages and defaults
        for the codes packs define."""
        path = rules_dir() / "catalog" / "kinds" / f"{name}.yaml"
        data = load_data(path, self._bundled()) if path.is_file() else {}
        return data if isinstance(data, dict) else {}  # our own files: a test validates them as mappings

    # --- codes ---------------------------------------------------------------------------------

    def registry(self) -> Registry:
        """Every code: the catalogue's and those the packs define (`reportlint.format.registry`)."""
        if self._registry is None:
            from reportlint.format.registry import build_registry

            self._registry = build_registry(self)
        return self._registry

    def validate(self) -> None:
        """Read and check every pack and catalogue entry now (raises `PackError`/`CatalogError`)."""
        for pack_id in self.available():
            self.pack(pack_id)
        self.registry()


@lru_cache(maxsize=8)
def library_for(pack_dirs: tuple[str, ...] = (), catalog_dirs: tuple[str, ...] = ()) -> Library:
    """The library of these folders, shared by the files one process checks (pure memoisation:
    the same folders give the same library in every process)."""
    return Library(pack_dirs, catalog_dirs)


def builtin() -> Library:
    """The library of the shipped packs and catalogue only."""
    return library_for((), ())


def is_shipped(path: Path) -> bool:
    """Whether `path` is one of reportlint's own data files (validated by the test suite)."""
    rules = rules_dir()
    if path.is_relative_to(rules) and ".." not in path.parts and not path.is_symlink():
        return True  # found by listing the rules folder (the common case): no need to resolve links
    try:
        path.resolve().relative_to(rules)
    except ValueError:
        return False
    return True


def shown(path: Path) -> str:
    """`path` as a user would name it: relative to the current folder when inside it."""
    try:
        return os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    except ValueError:  # another drive (Windows)
        return str(path)
