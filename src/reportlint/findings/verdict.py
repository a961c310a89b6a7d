"""The verdict on one report — clean, warnings, errors or unreadable — and a tally of a run's
verdicts and codes, counted as results stream by (for the text summary, the HTML page, the
spreadsheet: every view says the same thing of a report)."""

from __future__ import annotations

from collections.abc import Iterable

from reportlint.findings.finding import Finding

CLEAN, WARNINGS, ERRORS, UNREADABLE = "clean", "warnings", "errors", "unreadable"
#: Every verdict, from the best to the worst.
VERDICTS = (CLEAN, WARNINGS, ERRORS, UNREADABLE)
#: The verdicts' names, as a heading or a cell says them.
NAMES = {
    CLEAN: {"zh": "通过", "en": "clean"},
    WARNINGS: {"zh": "仅有警告", "en": "warnings only"},
    ERRORS: {"zh": "有错误", "en": "errors"},
    UNREADABLE: {"zh": "无法读取", "en": "unreadable"},
}


def unreadable(finding: Finding) -> bool:
    """RL001 on the file itself (not on a place in it, such as an unreadable `previous:`)."""
    return finding.code == "RL001" and not (finding.place and finding.place.parts)


def verdict(findings: Iterable[Finding]) -> str:
    """`unreadable` when the file itself could not be read (RL001), else `errors` when any finding is
    an error, `warnings` when any is a warning, else `clean` (notes alone leave a report clean)."""
    worst = CLEAN
    for f in findings:
        if unreadable(f):
            return UNREADABLE
        if f.severity == "error":
            worst = ERRORS
        elif f.severity == "warning" and worst == CLEAN:
            worst = WARNINGS
    return worst


def name(of: str, lang: str = "zh") -> str:
    """A verdict's name in `lang` (zh or en)."""
    return NAMES[of]["en" if lang == "en" else "zh"]


class Tally:
    """A run's counts, fed one report at a time: memory is one counter per verdict and per code,
    however many reports pass."""

    def __init__(self) -> None:
        self.reports = {v: 0 for v in VERDICTS}
        self.codes: dict[str, int] = {}
        self.names: dict[str, str] = {}  # each code's rule name, as its findings give it

    def add(self, findings: Iterable[Finding]) -> str:
        """Count one report's findings; its verdict."""
        found = list(findings)
        for f in found:
            self.codes[f.code] = self.codes.get(f.code, 0) + 1
            self.names.setdefault(f.code, f.name)
        result = verdict(found)
        self.reports[result] += 1
        return result

    @property
    def checked(self) -> int:
        return sum(self.reports.values())

    def top(self, n: int = 5) -> list[tuple[str, int]]:
        """The `n` codes found most often, with their counts (ties by code)."""
        return sorted(self.codes.items(), key=lambda item: (-item[1], item[0]))[:n]
