"""RL0 and RL203: reported while the file is read and bound (`source`, `yamltree`, `bind`);
RL9: reported by the engine (a check that crashed; suppression comments, `suppress`)."""

from __future__ import annotations

from reportlint.checks.base import Check, CheckSettings
from reportlint.document.model import Document
from reportlint.findings.emit import Emitter


class InputCheck(Check):
    """The loader's findings. Nothing runs here: the codes are registered so that they can be
    listed, explained, selected and ignored like every other rule."""

    name = "input"
    codes = ("RL001", "RL002", "RL003", "RL004", "RL005", "RL203", "RL901", "RL902", "RL903")

    def run(self, doc: Document, emit: Emitter, settings: CheckSettings) -> None:
        return None
