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
SPEC_TABLE = re.compile(r"^\| (RL\d{3}) \| (error|warning|info) \|", re.MULTILINE)
#: The severity table of the shared spec (rules.md), for the codes the checks implement.
RULES_MD = {
    "RL001": "error", "RL002": "error", "RL003": "error", "RL004": "error", "RL005": "error",
    "RL101": "error", "RL102": "error", "RL103": "warning", "RL104": "error", "RL105": "warning",
    "RL201": "error", "RL202": "error", "RL203": "error", "RL204": "warning", "RL205": "info",
    "RL301": "error", "RL302": "error", "RL303": "error", "RL304": "error",
    "RL401": "error", "RL402": "error", "RL403": "error", "RL404": "error",
    "RL501": "warning", "RL502": "error", "RL503": "warning", "RL504": "info",
    "RL601": "warning", "RL602": "warning", "RL603": "warning", "RL604": "warning", "RL605": "warning",
    "RL606": "warning", "RL701": "warning", "RL702": "warning", "RL703": "warning",
}


def registered_codes() -> set[str]:
    """The one code registry (catalogue and packs); every check's codes must be in it."""
    from reportlint.format.library import builtin

    codes = set(builtin().registry())
    assert {code for check in plugins.checks() for code in check.codes} <= codes
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


def test_spec_codes_are_all_implemented() -> None:
    assert set(RULES_MD) <= registered_codes()


def test_the_table_above_is_the_spec_table() -> None:
    spec = Path(__file__).resolve().parent.parent.parent / "shared" / "spec" / "rules.md"
    if not spec.is_file():
        pytest.skip("the shared spec is not mounted")
    table = dict(SPEC_TABLE.findall(spec.read_text(encoding="utf-8")))
    assert {c: s for c, s in table.items() if c in RULES_MD} == RULES_MD


@pytest.mark.parametrize("code", sorted(RULES_MD))
def test_severity_follows_rules_md(code: str) -> None:
    assert catalog()[code].severity == RULES_MD[code]


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
