"""Every rule, case by case: the data files in tests/cases/ (format: tests/cases/README.md)."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from reportlint.engine.run import check_file
from reportlint.engine.settings import Settings
from reportlint.findings.finding import Finding
from reportlint.format.catalog import CatalogError, RuleDoc
from reportlint.format.labels import normalise

CASES = Path(__file__).resolve().parent / "cases"
BASES = CASES / "_base"


# --- reading the case files ------------------------------------------------------------------------


def case_files() -> list[Path]:
    return sorted(p for p in CASES.glob("RL*.yaml"))


def load_cases(path: Path) -> tuple[str, list[dict[str, Any]]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and data.get("code") == path.stem, f"{path.name}: code must be {path.stem}"
    cases = data.get("cases")
    assert isinstance(cases, list) and cases, f"{path.name}: no cases"
    names = [c.get("name") for c in cases]
    assert all(names) and len(set(names)) == len(names), f"{path.name}: every case needs a unique name"
    return data["code"], cases


def all_cases() -> Iterator[Any]:
    for path in case_files():
        code, cases = load_cases(path)
        for case in cases:
            yield pytest.param(code, case, id=f"{code}-{case['name']}")


# --- building the document ---------------------------------------------------------------------


def _steps(path: str | list) -> list[str | int]:
    parts = path if isinstance(path, list) else str(path).split("/")
    return [int(p) if isinstance(p, int) or (isinstance(p, str) and p.isdigit()) else str(p) for p in parts]


def _find_key(mapping: dict, step: str) -> str | None:
    if step in mapping:
        return step
    wanted = normalise(step)
    return next((k for k in mapping if normalise(str(k)) == wanted), None)


def _parent(data: Any, steps: list[str | int]) -> tuple[Any, str | int]:
    node = data
    for step in steps[:-1]:
        if isinstance(node, list):
            node = node[int(step)]
            continue
        key = _find_key(node, str(step))
        if key is None:
            node[str(step)] = {}
            key = str(step)
        node = node[key]
    last = steps[-1]
    if isinstance(node, dict):
        last = _find_key(node, str(last)) or str(last)
    return node, last


def _edits(spec: Any) -> list[tuple[Any, Any]]:
    if isinstance(spec, dict):
        return list(spec.items())
    return [(item["path"], item.get("value")) for item in spec or ()]


def build(case: dict[str, Any]) -> str:
    """The YAML text of a case: its `document`, or its `base` with the edits applied."""
    if "document" in case:
        return case["document"]
    data = copy.deepcopy(yaml.safe_load((BASES / f"{case['base']}.yaml").read_text(encoding="utf-8")))
    for path, value in _edits(case.get("set")):
        parent, key = _parent(data, _steps(path))
        parent[key] = value
    for path in case.get("delete", ()):
        parent, key = _parent(data, _steps(path))
        del parent[key]
    renames: dict[int, tuple[dict, dict]] = {}  # all at once, so that two keys can swap names
    for path, new in (case.get("rename") or {}).items():
        parent, key = _parent(data, _steps(path))
        renames.setdefault(id(parent), (parent, {}))[1][key] = new
    for parent, names in renames.values():
        items = [(names.get(k, k), v) for k, v in parent.items()]
        parent.clear()
        parent.update(items)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None, width=10_000)


def settings_of(case: dict[str, Any]) -> Settings:
    raw = dict(case.get("settings") or {})
    if isinstance(raw.get("township_deadline"), str):
        month, day = raw["township_deadline"].split("-")
        raw["township_deadline"] = (int(month), int(day))
    for key in ("select", "ignore"):
        if key in raw:
            raw[key] = tuple(raw[key])
    return Settings(**raw)


def _crashing_plugin(message: str) -> SimpleNamespace:
    """A plugin whose one check raises (to provoke RL901)."""
    from reportlint.checks.base import Check
    from reportlint.plugins.hookspecs import hookimpl

    class Crashing(Check):
        name = "crashing-plugin"
        codes = ("RL901",)

        def run(self, doc, emit, settings) -> None:
            raise RuntimeError(message)

    @hookimpl
    def reportlint_checks() -> list[type]:
        return [Crashing]

    return SimpleNamespace(reportlint_checks=reportlint_checks)


def run_case(case: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Finding]:
    path = tmp_path / case.get("file", "report.yaml")
    path.write_bytes(build(case).encode(case.get("encoding", "utf-8")))
    if "previous" in case:  # last year's report, a case of its own, written beside this one
        (tmp_path / "previous.yaml").write_text(build(case["previous"]), encoding="utf-8")
    # every message key a check emits must exist in the catalogue (no silent fall-back to "default")
    render = RuleDoc.render

    def strict(self: RuleDoc, key: str, fields: dict) -> tuple[str, str]:
        if key not in self.messages:
            raise CatalogError(f"{self.code}: no message {key!r}")
        return render(self, key, fields)

    monkeypatch.setattr(RuleDoc, "render", strict)
    if "crash" not in case:
        return check_file(path, settings_of(case))
    from reportlint.plugins.manager import Plugins

    crashing = Plugins(extra=[("crashing-plugin", _crashing_plugin(str(case["crash"])))])
    return check_file(path, settings_of(case), plugins=crashing)


# --- comparing ---------------------------------------------------------------------------------


def matches(finding: Finding, want: dict[str, Any]) -> bool:
    plain = ("code", "line", "column", "path", "severity")
    if any(k in want and getattr(finding, k) != want[k] for k in plain):
        return False
    if "message" in want and want["message"] not in finding.message_zh:
        return False
    if "message_en" in want and want["message_en"] not in finding.message_en:
        return False
    related = {r.path for r in finding.related}
    return all(p in related for p in want.get("related", ()))


def show(findings: list[Finding]) -> str:
    return "\n".join(f"  {f.line}:{f.column} {f.code} {f.severity} [{f.path}] {f.message_zh} | {f.message_en}"
                     for f in findings) or "  (none)"


@pytest.mark.parametrize(("code", "case"), list(all_cases()))
def test_rule_case(code: str, case: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    findings = run_case(case, tmp_path, monkeypatch)
    mine = [f for f in findings if f.code == code]
    expected = [{"code": code, **w} for w in case.get("expect") or ()]
    unmatched = list(mine)
    for want in expected:
        hit = next((f for f in unmatched if matches(f, want)), None)
        assert hit is not None, f"expected {want}\nfound for {code}:\n{show(mine)}\nall:\n{show(findings)}"
        unmatched.remove(hit)
    assert not unmatched, f"unexpected {code} findings:\n{show(unmatched)}"
    if case.get("no_other_errors"):
        others = [f for f in findings if f.code != code and f.severity == "error"]
        assert not others, f"other errors:\n{show(others)}"
