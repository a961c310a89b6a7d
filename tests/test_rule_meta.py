"""Every registered rule is documented, has message templates for what it emits, and has cases."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from reportlint.format.catalog import catalog
from reportlint.plugins import manager as plugins

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"
CODES_MD = ROOT / "docs" / "codes.md"
CODES_ROW = re.compile(r"^\| (RL\d{3}) \| (error|warning|info) \| (.+) \|$", re.MULTILINE)


def documented_severities() -> dict[str, str]:
    """code -> default severity, from the table of docs/codes.md."""
    return {code: severity for code, severity, _ in CODES_ROW.findall(CODES_MD.read_text(encoding="utf-8"))}


def planned_codes() -> set[str]:
    """The codes docs/codes.md marks as planned (not implemented in this branch yet)."""
    return {code for code, _, what in CODES_ROW.findall(CODES_MD.read_text(encoding="utf-8")) if "(planned" in what}


def catalogue_severities() -> dict[str, str]:
    """code -> severity, read straight from the files of rules/catalog/."""
    out = {}
    for path in sorted((ROOT / "rules" / "catalog").glob("RL*.yaml")):
        out[path.stem] = yaml.safe_load(path.read_text(encoding="utf-8"))["severity"]
    return out


def registered_codes() -> set[str]:
    """The one code registry (catalogue and packs); every check's codes must be in it."""
    from reportlint.format.library import builtin

    codes = set(builtin().registry())
    assert {code for check in plugins.installed().checks() for code in check.codes} <= codes
    return codes


def test_every_registered_code_is_documented() -> None:
    docs = catalog()
    for code in sorted(registered_codes()):
        assert code in docs, f"{code} has no catalogue entry"
        d = docs[code]
        assert d.name and re.fullmatch(r"[a-z0-9-]+", d.name), code
        for part in ("summary", "what", "why", "basis"):
            text = getattr(d, part)
            assert text["zh"] and text["en"], f"{code}: {part} needs zh and en"
            assert text["zh"] != text["en"] or part == "basis", f"{code}: {part} en is a copy of zh"
        assert d.sure in ("F", "P", "R"), code
        if code != "RL901":
            assert d.example_fail.strip() and d.example_pass.strip(), f"{code}: needs a failing and a passing example"
            assert d.example_fail != d.example_pass, code
        assert d.messages, f"{code}: no message templates"
        for key, message in d.messages.items():
            assert message["zh"] and message["en"], f"{code}/{key}"


def test_codes_md_lists_every_catalogue_code_and_nothing_unplanned_beyond() -> None:
    """docs/codes.md and rules/catalog/ name the same codes, except the ones marked planned."""
    documented, catalogued = set(documented_severities()), set(catalogue_severities())
    assert len(documented) > 35, "the table of docs/codes.md no longer parses"
    assert catalogued <= documented, sorted(catalogued - documented)
    assert documented - catalogued <= planned_codes(), sorted(documented - catalogued - planned_codes())
    assert {"RL405", "RL505"} <= documented


def test_documented_codes_are_all_implemented() -> None:
    """Every code of docs/codes.md that has a catalogue entry is emitted by a registered check."""
    implemented = set(documented_severities()) & set(catalogue_severities())
    assert implemented <= registered_codes(), sorted(implemented - registered_codes())


@pytest.mark.parametrize("code", sorted(catalogue_severities()))
def test_severity_follows_codes_md(code: str) -> None:
    """A catalogue entry's default severity is the one docs/codes.md gives (and the loaded catalogue agrees)."""
    assert catalogue_severities()[code] == documented_severities()[code]
    assert catalog()[code].severity == documented_severities()[code]


def test_inferred_rules_are_never_errors() -> None:
    for code, d in catalog().items():
        if d.sure == "R":
            assert d.severity != "error", f"{code} rests on an inferred basis ([R]) and must not be an error"


def test_names_are_unique() -> None:
    names = [d.name for d in catalog().values()]
    assert len(names) == len(set(names))


_EMIT = re.compile(r"""emit\(\s*"(RL\d{3})",\s*"([a-z_]+)\"""")


def test_every_literal_message_key_exists() -> None:
    sources = list((ROOT / "src/reportlint").rglob("*.py"))
    found = [(code, key) for path in sources for code, key in _EMIT.findall(path.read_text(encoding="utf-8"))]
    assert len(found) > 40, "the emit pattern no longer matches the sources"
    docs = catalog()
    missing = sorted({f"{code}/{key}" for code, key in found if key not in docs[code].messages})
    assert not missing, missing


def test_every_catalogue_code_has_cases_that_fire_and_do_not() -> None:
    for code in sorted(catalog()):
        path = CASES / f"{code}.yaml"
        assert path.is_file(), f"{code} has no case file tests/cases/{code}.yaml"
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
        assert any(c.get("expect") for c in cases), f"{code}: no case that fires"
        assert any(c.get("expect") == [] for c in cases), f"{code}: no case that does not fire"


def test_no_case_file_without_a_rule() -> None:
    documented = set(catalog())
    for path in CASES.glob("RL*.yaml"):
        assert path.stem in documented, f"{path.name} tests a code that does not exist"
