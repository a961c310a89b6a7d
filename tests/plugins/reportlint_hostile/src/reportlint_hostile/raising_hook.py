"""A plugin whose hook raises when called."""

from reportlint import hookimpl


@hookimpl
def reportlint_checks() -> list[type]:
    raise ZeroDivisionError("the hook of this plugin divides by zero")
