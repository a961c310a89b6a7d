"""A plugin whose check calls sys.exit(0) while it runs: RL901 for that check, not an exit."""

import sys

from reportlint import hookimpl
from reportlint.checks.base import Check


class ExitingCheck(Check):
    name = "hostile-exits"
    codes = ("RL301",)

    def run(self, doc, emit, settings) -> None:
        sys.exit(0)


@hookimpl
def reportlint_checks() -> list[type]:
    return [ExitingCheck]
