"""The rule catalogue: one YAML file per code in `rules/catalog/` (and in plugins' folders).

Each entry holds what a user reads about a rule — name, default severity, summary, what it
checks, why (its legal basis and how sure that basis is), a failing and a passing example — and
the message templates the checks fill in, in Chinese and English. Checks never hold text.
Which folders are read, and the caches, belong to a `reportlint.format.library.Library`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from reportlint.format.resources import load_data
from reportlint.record import dataclass, field

CODE = re.compile(r"^[A-Z]{2,4}[0-9]{3}$")
#: How bad a finding is.
Severity = Literal["error", "warning", "info"]
#: The severities a rule can have, most severe first.
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
#: A rule's level in the settings: a severity, or off.
Level = Severity | Literal["off"]
#: Whether `--fix` can mend a rule's findings: safely, only with --unsafe-fixes, or not at all.
FixKind = Literal["safe", "unsafe", "none"]
FIX_KINDS: tuple[FixKind, ...] = ("safe", "unsafe", "none")


class CatalogError(Exception):
    """A catalogue entry is missing or malformed."""


@dataclass(slots=True)
class RuleDoc:
    code: str
    name: str
    severity: Severity
    family: str
    summary: dict[str, str]
    what: dict[str, str]
    why: dict[str, str]
    basis: dict[str, str]
    sure: str
    messages: dict[str, dict[str, str]]
    example_fail: str = ""
    example_pass: str = ""
    formats: tuple[str, ...] = ()
    options: dict[str, str] = field(default_factory=dict)
    #: Cannot be hidden: kept at its own severity whatever selection, severity settings or
    #: suppression comments say (an unreadable input must never pass).
    always: bool = False
    #: what `--fix` does with its findings (`fix:` in the entry; none when absent)
    fix: FixKind = "none"

    def render(self, key: str, fields: dict[str, object]) -> tuple[str, str]:
        """The message `key` in (zh, en), filled with `fields`."""
        template = self.messages.get(key) or self.messages.get("default")
        if template is None:
            raise CatalogError(f"{self.code}: no message {key!r}")
        return (
            template["zh"].format_map(_Fields(fields)),
            template.get("en", template["zh"]).format_map(_Fields(fields)),
        )


class _Fields(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def pair(value: object) -> dict[str, str]:
    if isinstance(value, dict):
        zh = str(value.get("zh", "")).strip()
        return {"zh": zh, "en": str(value.get("en", zh)).strip()}
    text = str(value or "").strip()
    return {"zh": text, "en": text}


def entry(path: Path, data: object = None) -> RuleDoc:
    """The catalogue entry in `path` (or its already read `data`). Raises `CatalogError`."""
    data = load_data(path) if data is None else data
    if not isinstance(data, dict):
        raise CatalogError(f"{path}: a catalogue entry is a mapping")
    code = str(data.get("code", ""))
    if not CODE.match(code) or path.stem != code:
        raise CatalogError(f"{path}: code {code!r} must match the file name and look like RL301")
    severity = str(data.get("severity", ""))
    if severity not in SEVERITIES:
        raise CatalogError(f"{path}: severity {severity!r} is not one of {SEVERITIES}")
    fix = str(data.get("fix", "none"))
    if fix not in FIX_KINDS:
        raise CatalogError(f"{path}: fix {fix!r} is not one of {FIX_KINDS}")
    example = data.get("example") or {}
    return RuleDoc(
        code=code,
        name=str(data["name"]),
        severity=severity,
        family=str(data.get("family", "")),
        summary=pair(data.get("summary")),
        what=pair(data.get("what")),
        why=pair(data.get("why")),
        basis=pair(data.get("basis")),
        sure=str(data.get("sure", "P")),
        messages={k: pair(v) for k, v in (data.get("messages") or {}).items()},
        example_fail=str(example.get("fail", "")),
        example_pass=str(example.get("pass", "")),
        formats=tuple(data.get("formats", ())),
        options={k: str(v) for k, v in (data.get("options") or {}).items()},
        always=data.get("always", False) is True,
        fix=fix,  # checked against FIX_KINDS above
    )


def catalog() -> dict[str, RuleDoc]:
    """The built-in catalogue (a run reads its own `reportlint.format.library.Library`)."""
    from reportlint.format.library import builtin

    return builtin().catalog()
