"""RL0 and RL203: reported while the file is read and bound (`source`, `yamltree`, `bind`);
RL9: reported by the engine (a check that crashed; suppression comments, `suppress`)."""

from __future__ import annotations

from reportlint.checks.base import Check


class InputCheck(Check):
    """The loader's findings. Nothing runs here: the codes are registered so that they can be
    listed, explained, selected and ignored like every other rule."""

    name = "input"
    codes = ("RL001", "RL002", "RL003", "RL004", "RL005", "RL203", "RL901", "RL902", "RL903")

    def run(self, doc, emit, settings) -> None:
        return None
