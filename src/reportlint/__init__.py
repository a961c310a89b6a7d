"""reportlint: the compliance linter for government information disclosure annual reports.

Plugins import the hook marker from here::

    from reportlint import hookimpl
"""

from __future__ import annotations

from typing import Any

from reportlint.version import __version__

__all__ = ["__version__", "hookimpl"]


def __getattr__(name: str) -> Any:
    # The marker lives with the hookspecs; importing it lazily keeps `import reportlint` cheap.
    if name == "hookimpl":
        from reportlint.plugins.hookspecs import hookimpl

        return hookimpl
    raise AttributeError(name)
