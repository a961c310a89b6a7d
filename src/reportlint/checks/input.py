"""RL0 and RL203: reported while the file is read and bound (`source`, `yamltree`, `bind`)."""

from __future__ import annotations

from reportlint.checks.base import Check


class InputCheck(Check):
    """The loader's findings. Nothing runs here: the codes are registered so that they can be
    listed, explained, selected and ignored like every other rule."""

    name = "input"
    codes = ("RL001", "RL002", "RL003", "RL004", "RL005", "RL203")

    def run(self, doc, emit, settings) -> None:  # noqa: ANN001 - nothing to do after binding
        return None
