"""The plugin manager: built-in plugins first, then installed entry points, each loaded on its own
so that one broken plugin is reported, not fatal."""

from __future__ import annotations

import os
import sys
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


@lru_cache(maxsize=1)
def manager() -> pluggy.PluginManager:
    import importlib

    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    for name in BUILTIN:
        pm.register(importlib.import_module(name), name=name)
    if os.environ.get(DISABLE_ENV) != "1":
        _load_entry_points(pm)
    pm.check_pending()
    return pm


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


def checks() -> list[Check]:
    """Every registered check, instantiated, in registration order (built-ins first)."""
    found: list[Check] = []
    groups: list[list[type[Check]]] = manager().hook.reportlint_checks()
    for group in reversed(groups):
        found.extend(cls() for cls in group)
    return found


def loaders() -> list[Loader]:
    found: list[Loader] = []
    groups: list[list[Loader]] = manager().hook.reportlint_loaders()
    for group in reversed(groups):
        found.extend(group)
    return found


def output_formats() -> dict[str, Writer]:
    found: dict[str, Writer] = {}
    groups: list[dict[str, Writer]] = manager().hook.reportlint_output_formats()
    for group in reversed(groups):
        for name, writer in group.items():
            found.setdefault(name, writer)
    return found


def data_dirs() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(pack folders, catalogue folders) that plugins add, for the run's settings (the built-in ones
    are found directly). Nothing is remembered here: the settings carry them to every worker."""
    hook = manager().hook
    packs = tuple(str(p) for group in hook.reportlint_packs() for p in group)
    catalogs = tuple(str(p) for group in hook.reportlint_catalogs() for p in group)
    return packs, catalogs
