"""A plugin that implements a hook reportlint does not have."""

from reportlint import hookimpl


@hookimpl
def reportlint_frobnicate() -> list[str]:
    return []
