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
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pluggy

    from reportlint.checks.base import Check
    from reportlint.convert.converted import Loader
    from reportlint.output import Writer

#: The entry-point group of plugins (`hookspecs.PROJECT`, without importing pluggy).
PROJECT = "reportlint"
#: reportlint's own plugins, registered through the same hooks as everyone else's.
BUILTIN = ("reportlint.plugins.builtin",)
#: Set to 1 to load no third-party plugin (for a reproducible run, or to rule a plugin out).
DISABLE_ENV = "REPORTLINT_DISABLE_PLUGIN_AUTOLOAD"


class Plugins:
    """reportlint's own plugin, the installed ones (unless `autoload` is False) and `extra` (name,
    object) pairs, registered in that order.

    A plugin other than reportlint's own is tried once, as it is registered: every hook it
    implements is called and its results kept. One that raises (on import or in a hook), calls
    `sys.exit` or implements a hook reportlint does not have is reported on stderr, in one line
    naming it, and left out; the run goes on without it."""

    def __init__(self, autoload: bool = True, extra: Sequence[tuple[str, object]] = ()) -> None:
        #: plugin name → hook name → what its implementation returned, for every plugin but ours
        self._results: dict[str, dict[str, object]] = {}
        self._manager: pluggy.PluginManager | None = None
        found = entry_points(PROJECT) if autoload else []
        if not found and not extra:
            return  # only reportlint's own: its hooks are called directly, pluggy is not imported
        pm = self.manager
        for name, target, _dist, version in found:
            if pm.get_plugin(name) is None and not pm.is_blocked(name):
                self._add(f"{name} ({version})", name, target)
        for name, plugin in extra:
            self._add(name, name, plugin)

    @property
    def manager(self) -> pluggy.PluginManager:
        """The pluggy manager with reportlint's own plugin registered (built on first use)."""
        if self._manager is None:
            import importlib

            import pluggy

            from reportlint.plugins import hookspecs

            pm = pluggy.PluginManager(hookspecs.PROJECT)
            pm.add_hookspecs(hookspecs)
            for name in BUILTIN:
                module = importlib.import_module(name)
                for hook in _RETURNS:  # our own hooks are plain functions (see plugins.builtin)
                    function = getattr(module, hook, None)
                    if function is not None and not hasattr(function, f"{PROJECT}_impl"):
                        hookspecs.hookimpl(function)
                pm.register(module, name=name)
            self._manager = pm
        return self._manager

    def _add(self, label: str, name: str, plugin: object) -> None:
        """Load (a "module:attr" text), register and try one plugin; report it and leave it out if
        anything fails."""
        try:
            if isinstance(plugin, str):
                plugin = _resolve(plugin)
            self.manager.register(plugin, name=name)
            self._results[name] = _try_hooks(self.manager, plugin)
        except (KeyboardInterrupt, GeneratorExit):
            raise
        except BaseException as exc:  # a plugin's exception or sys.exit: its own failure, not the run's
            if self.manager.get_plugin(name) is not None:
                self.manager.unregister(name=name)
            self._results.pop(name, None)
            print(f"reportlint: plugin {label} is broken and was not used: {_describe(exc)}", file=sys.stderr)

    def _collect(self, hook: str) -> list[Any]:
        """The results of `hook`, one per plugin, in registration order (reportlint's own first)."""
        found: list[Any] = []
        if self._manager is None:  # reportlint's own plugins only
            import importlib

            return [getattr(importlib.import_module(name), hook)() for name in BUILTIN]
        for impl in getattr(self.manager.hook, hook).get_hookimpls():
            tried = self._results.get(impl.plugin_name)
            found.append(tried[hook] if tried is not None else impl.function())
        return found

    def checks(self) -> list[Check]:
        """Every registered check, instantiated, in registration order (built-ins first)."""
        found: list[Check] = []
        for group in self._collect("reportlint_checks"):
            found.extend(cls() for cls in group)
        return found

    def loaders(self) -> list[Loader]:
        found: list[Loader] = []
        for group in self._collect("reportlint_loaders"):
            found.extend(group)
        return found

    def output_formats(self) -> dict[str, Writer]:
        found: dict[str, Writer] = {}
        for group in self._collect("reportlint_output_formats"):
            for name, writer in group.items():
                found.setdefault(name, writer)
        return found

    def data_dirs(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(pack folders, catalogue folders) that plugins add, for the run's settings (the built-in
        ones are found directly). Nothing is remembered here: the settings carry them to every worker."""
        packs = tuple(str(p) for group in self._collect("reportlint_packs") for p in group)
        catalogs = tuple(str(p) for group in self._collect("reportlint_catalogs") for p in group)
        return packs, catalogs


class BrokenPlugin(Exception):
    """A plugin that cannot be used as it is (an unknown hook, a hook returning the wrong kind)."""


#: What each hook returns: a list, or (output formats) a mapping.
_RETURNS: dict[str, type] = {"reportlint_checks": list, "reportlint_catalogs": list, "reportlint_packs": list,
                             "reportlint_loaders": list, "reportlint_output_formats": dict}


def _try_hooks(pm: pluggy.PluginManager, plugin: object) -> dict[str, object]:
    """Call every hook `plugin` implements once; what each returned, or the first failure raised."""
    results: dict[str, object] = {}
    for caller in pm.get_hookcallers(plugin) or ():
        if not caller.has_spec() or caller.name not in _RETURNS:
            raise BrokenPlugin(f"unknown hook {caller.name}")
        for impl in caller.get_hookimpls():
            if impl.plugin is plugin:
                value = impl.function()
                if not isinstance(value, _RETURNS[caller.name]):
                    raise BrokenPlugin(f"{caller.name} returned {type(value).__name__}, "
                                       f"not a {_RETURNS[caller.name].__name__}")
                if isinstance(value, list) and caller.name == "reportlint_checks":
                    for cls in value:
                        cls()  # a check that cannot even be made is broken
                results[caller.name] = value
    return results


def _describe(exc: BaseException) -> str:
    if isinstance(exc, SystemExit):
        return f"it called sys.exit({exc.code!r})"
    return f"{type(exc).__name__}: {exc}"


def autoload_wanted() -> bool:
    """Whether installed plugins are loaded (`REPORTLINT_DISABLE_PLUGIN_AUTOLOAD=1` says no); read
    once by the command line into the run's settings."""
    return os.environ.get(DISABLE_ENV) != "1"


@lru_cache(maxsize=2)
def installed(autoload: bool = True) -> Plugins:
    """The plugins of this environment: a memo of a pure function of its input (never mutated)."""
    return Plugins(autoload)


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

