"""The plugins of a run: built-in plugins first, then installed entry points, each loaded on its own
so that one broken plugin is reported, not fatal.

A `Plugins` is built from plain inputs (whether to load installed plugins, and extra plugin
objects) and never changes afterwards; the engine passes it along. `installed(autoload)` memoises
the one that depends only on the environment, so each process (a worker started by spawn too)
builds it once from the same input the run's settings carry."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import pluggy

from reportlint.plugins import hookspecs

if TYPE_CHECKING:
    from reportlint.checks.base import Check
    from reportlint.convert.converted import Loader
    from reportlint.output import Writer

#: reportlint's own plugins, registered through the same hooks as everyone else's.
BUILTIN = ("reportlint.plugins.builtin",)
#: Set to 1 to load no third-party plugin (for a reproducible run, or to rule a plugin out).
DISABLE_ENV = "REPORTLINT_DISABLE_PLUGIN_AUTOLOAD"


class Plugins:
    """reportlint's own plugin, the installed ones (unless `autoload` is False) and `extra` (name,
    object) pairs, registered in that order."""

    def __init__(self, autoload: bool = True, extra: Sequence[tuple[str, object]] = ()) -> None:
        import importlib

        pm = pluggy.PluginManager(hookspecs.PROJECT)
        pm.add_hookspecs(hookspecs)
        for name in BUILTIN:
            pm.register(importlib.import_module(name), name=name)
        if autoload:
            _load_entry_points(pm)
        for name, plugin in extra:
            pm.register(plugin, name=name)
        pm.check_pending()
        self.manager = pm

    def checks(self) -> list[Check]:
        """Every registered check, instantiated, in registration order (built-ins first)."""
        found: list[Check] = []
        groups: list[list[type[Check]]] = self.manager.hook.reportlint_checks()
        for group in reversed(groups):
            found.extend(cls() for cls in group)
        return found

    def loaders(self) -> list[Loader]:
        found: list[Loader] = []
        groups: list[list[Loader]] = self.manager.hook.reportlint_loaders()
        for group in reversed(groups):
            found.extend(group)
        return found

    def output_formats(self) -> dict[str, Writer]:
        found: dict[str, Writer] = {}
        groups: list[dict[str, Writer]] = self.manager.hook.reportlint_output_formats()
        for group in reversed(groups):
            for name, writer in group.items():
                found.setdefault(name, writer)
        return found

    def data_dirs(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(pack folders, catalogue folders) that plugins add, for the run's settings (the built-in
        ones are found directly). Nothing is remembered here: the settings carry them to every worker."""
        hook = self.manager.hook
        packs = tuple(str(p) for group in hook.reportlint_packs() for p in group)
        catalogs = tuple(str(p) for group in hook.reportlint_catalogs() for p in group)
        return packs, catalogs


def autoload_wanted() -> bool:
    """Whether installed plugins are loaded (`REPORTLINT_DISABLE_PLUGIN_AUTOLOAD=1` says no); read
    once by the command line into the run's settings."""
    return os.environ.get(DISABLE_ENV) != "1"


@lru_cache(maxsize=2)
def installed(autoload: bool = True) -> Plugins:
    """The plugins of this environment: a memo of a pure function of its input (never mutated)."""
    return Plugins(autoload)


def _load_entry_points(pm: pluggy.PluginManager) -> None:
    for name, target, _dist, version in entry_points(hookspecs.PROJECT):
        if pm.get_plugin(name) is not None or pm.is_blocked(name):
            continue
        try:
            pm.register(_resolve(target), name=name)
        except Exception as exc:
            print(f"reportlint: plugin {name} ({version}) failed to load: {exc}", file=sys.stderr)


def entry_points(group: str) -> list[tuple[str, str, str, str]]:
    """(name, "module:attr", distribution, version) of every entry point in `group`.

    Reads the ``entry_points.txt`` of the installed distributions on ``sys.path`` directly, as
    ``importlib.metadata`` does, without its start-up cost (it imports the email package). The
    first distribution of a name on ``sys.path`` wins.
    """
    found: list[tuple[str, str, str, str]] = []
    seen: set[str] = set()
    header = f"[{group}]"
    for folder in sys.path:
        try:
            entries = sorted(os.scandir(folder or "."), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if not entry.name.endswith((".dist-info", ".egg-info")):
                continue
            dist, _, version = entry.name.rsplit(".", 1)[0].partition("-")
            key = dist.lower().replace("-", "_")
            if key in seen:
                continue
            seen.add(key)
            try:
                with open(os.path.join(entry.path, "entry_points.txt"), encoding="utf-8") as handle:
                    text = handle.read()
            except OSError:
                continue
            if header in text:
                found.extend((n, t, dist, version or "?") for n, t in _section(text, header))
    return found


def _section(text: str, header: str) -> list[tuple[str, str]]:
    items: list[tuple[str, str]] = []
    inside = False
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("["):
            inside = line == header
        elif inside and "=" in line and not line.startswith(("#", ";")):
            name, _, target = line.partition("=")
            items.append((name.strip(), target.strip()))
    return items


def _resolve(target: str) -> object:
    import importlib

    module, _, attrs = target.partition(":")
    obj: object = importlib.import_module(module.strip())
    for attr in filter(None, attrs.strip().split(".")):
        obj = getattr(obj, attr)
    return obj

