"""reportlint's own plugin: the built-in checks, loaders and output formats.

Its hooks are plain functions, so that a run with no other plugin never imports pluggy (the
manager calls them directly); `reportlint.plugins.manager` marks them as hook implementations
when it builds a pluggy manager."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reportlint.checks.base import Check
    from reportlint.convert.converted import Loader
    from reportlint.output import Writer


def reportlint_checks() -> list[type[Check]]:
    from reportlint.checks.content import ContentCheck
    from reportlint.checks.dates import DatesCheck
    from reportlint.checks.equations import EquationsCheck
    from reportlint.checks.sections import SectionsCheck
    from reportlint.checks.tables import TablesCheck
    from reportlint.checks.urls import UrlsCheck
    from reportlint.checks.years import YearsCheck

    return [SectionsCheck, TablesCheck, EquationsCheck, DatesCheck, UrlsCheck, ContentCheck, YearsCheck]


def reportlint_catalogs() -> list[Path]:
    return []  # the built-in catalogue is found by reportlint.format.resources


def reportlint_packs() -> list[Path]:
    return []  # the built-in packs are found by reportlint.format.resources


def reportlint_loaders() -> list[Loader]:
    try:
        from reportlint.convert.loaders import LOADERS
    except ImportError:  # the converters are not there yet
        return []
    return list(LOADERS)


def reportlint_output_formats() -> dict[str, Writer]:
    from reportlint.output import WRITERS

    return dict(WRITERS)
