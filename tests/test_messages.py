"""Messages cannot lose a field: every placeholder of a message template is exactly an argument its
rule passes, and every argument a rule passes appears in the message (in Chinese or English).

The calls are recorded while every rule case and every example is checked, so the codes and
message keys chosen at run time (an equation's `rule:`, a check's choice of message) are the ones
compared.
"""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

import pytest
from tests.test_rule_cases import all_cases, run_case

from reportlint.engine.run import check_file
from reportlint.engine.settings import Settings
from reportlint.findings.emit import Emitter
from reportlint.format.catalog import catalog

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CORPUS = Path(__file__).resolve().parent / "corpus"
#: Arguments of `Emitter.make` that place a finding or carry data; they are not message fields.
NOT_FIELDS = {"path", "related", "data", "sure", "fix"}
#: RL001 variants that need a reader that fails, hangs, balloons or crashes: reached with the test
#: loaders of tests/plugins/reportlint_hostile, in tests/test_hostile_isolation.py.
ONLY_WITH_HOSTILE_LOADERS = {("RL001", "failed"), ("RL001", "timeout"), ("RL001", "memory"), ("RL001", "died")}


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.fixture(scope="module")
def calls(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], set[str]]:
    """(code, message key) → the field names passed, over all rule cases and examples."""
    seen: dict[tuple[str, str], set[str]] = {}
    original = Emitter.make

    def recording(self: Emitter, code: str, key: str = "default", at: Any = None, /, **kwargs: Any) -> Any:
        fields = {k for k in kwargs if k not in NOT_FIELDS}
        previous = seen.setdefault((code, key), fields)
        assert previous == fields, f"{code}/{key} is called with different fields: {previous} and {fields}"
        return original(self, code, key, at, **kwargs)

    patch = pytest.MonkeyPatch()
    patch.setattr(Emitter, "make", recording)
    try:
        for n, (_code, case) in enumerate(c.values for c in all_cases()):
            run_case(case, tmp_path_factory.mktemp(f"case{n}"), patch)
        for path in [*sorted(EXAMPLES.rglob("*.yaml")), *sorted(p for p in CORPUS.rglob("*") if p.is_file())]:
            check_file(path, Settings())
    finally:
        patch.undo()
    return seen


def test_every_message_gets_exactly_the_fields_its_template_names(calls) -> None:
    docs = catalog()
    wrong = []
    for (code, key), fields in sorted(calls.items()):
        entry = docs[code]
        template = entry.messages.get(key) or entry.messages["default"]
        named = placeholders(template["zh"]) | placeholders(template["en"])
        if named != fields:
            wrong.append(f"{code}/{key}: template names {sorted(named - fields)} not passed; "
                         f"passed {sorted(fields - named)} not shown")
    assert not wrong, "\n".join(wrong)


def test_every_message_template_is_used(calls) -> None:
    """A template no case reaches is either dead or untested."""
    unused = [f"{code}/{key}" for code, entry in catalog().items() for key in entry.messages
              if (code, key) not in calls and code != "RL901" and (code, key) not in ONLY_WITH_HOSTILE_LOADERS]
    assert not unused, unused
