"""Hook implementations: one check class and the folder of its rule documentation."""

from __future__ import annotations

from pathlib import Path

from reportlint import hookimpl


@hookimpl
def reportlint_checks() -> list[type]:
    from reportlint_example.checks import AgencySuffixCheck

    return [AgencySuffixCheck]


@hookimpl
def reportlint_catalogs() -> list[Path]:
    return [Path(__file__).parent / "catalog"]
