"""reportlint: the compliance linter for government information disclosure annual reports.

Plugins import the hook marker from here::

    from reportlint import hookimpl
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "hookimpl"]


def __getattr__(name: str) -> Any:
    # The marker lives with the hookspecs; importing it lazily keeps `import reportlint` cheap.
    if name == "hookimpl":
        from reportlint.hookspecs import hookimpl

        return hookimpl
    raise AttributeError(name)
