"""The plugin manager: built-in plugins first, then installed entry points, each loaded on its own
so that one broken plugin is reported, not fatal."""

from __future__ import annotations

import os
import sys
from functools import lru_cache

import pluggy

from reportlint import hookspecs

#: reportlint's own plugins, registered through the same hooks as everyone else's.
BUILTIN = ("reportlint.builtin",)
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
    from importlib.metadata import entry_points

    for ep in entry_points(group=hookspecs.PROJECT):
        if pm.get_plugin(ep.name) is not None or pm.is_blocked(ep.name):
            continue
        try:
            pm.register(ep.load(), name=ep.name)
        except Exception as exc:  # noqa: BLE001 - a broken plugin must not stop the run
            version = getattr(ep.dist, "version", "?") if ep.dist else "?"
            print(f"reportlint: plugin {ep.name} ({version}) failed to load: {exc}", file=sys.stderr)


def checks() -> list:
    """Every registered check, instantiated, in registration order (built-ins first)."""
    found = []
    for group in reversed(manager().hook.reportlint_checks()):
        found.extend(cls() for cls in group)
    return found


def loaders() -> list:
    found = []
    for group in reversed(manager().hook.reportlint_loaders()):
        found.extend(group)
    return found


def output_formats() -> dict:
    found: dict = {}
    for group in reversed(manager().hook.reportlint_output_formats()):
        for name, writer in group.items():
            found.setdefault(name, writer)
    return found


def configure_data_dirs() -> None:
    """Make plugins' catalogue and pack folders known (built-in ones are found directly)."""
    from reportlint.catalog import add_catalog_dirs
    from reportlint.pack import add_pack_dirs

    hook = manager().hook
    add_catalog_dirs([p for group in hook.reportlint_catalogs() for p in group])
    add_pack_dirs([p for group in hook.reportlint_packs() for p in group])
