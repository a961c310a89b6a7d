"""Suppression comments: `ignore[...]` on the line or the line above, `file-ignore[...]`, and the
findings about the comments themselves (RL902 unknown code, RL903 unused)."""

from __future__ import annotations

from conftest import CORRECTED

BASE = CORRECTED.read_text(encoding="utf-8")


def _codes(findings) -> list[tuple[str, int]]:
    return [(f.code, f.line) for f in findings]


def test_ignore_on_the_same_line(check_text):
    text = BASE.replace("published: 2025-01-20", "published: 2025-02-03  # reportlint: ignore[RL402] 经批准延期")
    assert _codes(check_text(text)) == []


def test_ignore_on_the_line_above_applies_to_the_next_line_only(check_text):
    text = BASE.replace("published: 2025-01-20", "# reportlint: ignore[RL402]\npublished: 2025-02-03")
    assert _codes(check_text(text)) == []
    text = BASE.replace("published: 2025-01-20", "# reportlint: ignore[RL402]\n\npublished: 2025-02-03")
    codes = _codes(check_text(text))
    assert ("RL402", 11) in codes and ("RL903", 9) in codes


def test_file_ignore_by_prefix(check_text):
    text = "# reportlint: file-ignore[RL1, RL2, RL5]\n" + BASE.replace("sections:", "sectionz:")
    codes = {c for c, _ in _codes(check_text(text))}
    assert "RL003" in codes and not {c for c in codes if c.startswith(("RL1", "RL2", "RL5"))}


def test_unknown_code_is_reported_and_suppresses_nothing(check_text):
    text = BASE.replace("published: 2025-01-20", "published: 2025-02-03  # reportlint: ignore[RL4O2]")
    codes = _codes(check_text(text))
    assert ("RL402", 9) in codes and ("RL902", 9) in codes


def test_unused_suppression_is_a_note(check_text):
    text = BASE.replace("published: 2025-01-20", "published: 2025-01-20  # reportlint: ignore[RL402]")
    findings = check_text(text)
    assert [(f.code, f.severity) for f in findings] == [("RL903", "info")]
