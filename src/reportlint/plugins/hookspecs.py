"""The plugin hooks. reportlint's own checks, packs, loaders and output formats are registered
through these hooks exactly as a third-party plugin registers its own.

A plugin is a module (or object) with functions marked ``@hookimpl``, installed under the
entry-point group ``reportlint``::

    [project.entry-points.reportlint]
    acme = "reportlint_acme.plugin"
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from reportlint.checks.base import Check
    from reportlint.convert.converted import Loader
    from reportlint.output import Writer

PROJECT = "reportlint"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def reportlint_checks() -> list[type[Check]]:
    """Return check classes (subclasses of `reportlint.checks.base.Check`).

    Import them inside the hook, not at module level, so that start-up stays fast. Each code a
    check reports needs a catalogue entry (see `reportlint_catalogs`). Plugin codes use their
    own prefix of 2–4 capital letters (``ACM001``); the ``RL`` prefix is reportlint's.
    """
    raise NotImplementedError  # a specification: pluggy calls the plugins' implementations


@hookspec
def reportlint_catalogs() -> list[Path]:
    """Return folders of rule documentation, one ``<CODE>.yaml`` per code (see rules/catalog/)."""
    raise NotImplementedError  # a specification: pluggy calls the plugins' implementations


@hookspec
def reportlint_packs() -> list[Path]:
    """Return folders of rule packs (one sub-folder with a ``pack.yaml`` per pack)."""
    raise NotImplementedError  # a specification: pluggy calls the plugins' implementations


@hookspec
def reportlint_loaders() -> list[Loader]:
    """Return document loaders (`reportlint.convert.converted.Loader`): objects with ``suffixes``
    (e.g. ``(".docx",)``), ``name`` and ``convert(path: Path) -> reportlint.convert.Converted``.
    The first loader that claims a file's suffix reads it."""
    raise NotImplementedError  # a specification: pluggy calls the plugins' implementations


@hookspec
def reportlint_output_formats() -> dict[str, Writer]:
    """Return ``{name: writer}``; a writer (`reportlint.output.Writer`) is
    ``write(results, stream, options) -> None`` where ``results`` yields ``(file, findings)``
    pairs as files are checked."""
    raise NotImplementedError  # a specification: pluggy calls the plugins' implementations
