"""The one code registry (catalogue + packs): selecting, ignoring, severities, suppressions,
`reportlint rules`, all from data; one place decides a finding's severity."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from conftest import CORRECTED, EXAMPLES, run_cli

PROV = EXAMPLES / "prov-example"


def _env() -> dict[str, str]:
    return {**os.environ, "REPORTLINT_LANG": "en"}


def _province(tmp_path, config: str = "packs: [packs]\npack: prov-x\n"):
    shutil.copytree(PROV / "packs", tmp_path / "packs")
    (tmp_path / ".reportlint.yaml").write_text(config, encoding="utf-8")
    shutil.copy(PROV / "reports" / "failing.yaml", tmp_path / "failing.yaml")
    return tmp_path


@pytest.mark.parametrize(("args", "expected"), [
    (["--select", "RL999"], "reportlint: --select RL999: no such rule"),
    (["--ignore", "RL8"], "reportlint: --ignore RL8: no such rule"),
    (["--select", "RL3,RL38"], "reportlint: --select RL38: no such rule"),
    (["--select", "RL390"], "reportlint: --select RL390: no such rule (did you mean RL"),
])
def test_unknown_codes_in_options_are_one_line_exit_2(args, expected):
    run = run_cli(*args, str(CORRECTED), env=_env())
    assert run.returncode == 2 and run.stdout == ""
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(expected), lines


@pytest.mark.parametrize("config", ["select: [RL999]\n", "select: [RL8]\n", "ignore: [XY1]\n",
                                    "severity: {RL777: off}\n"])
def test_unknown_codes_in_configuration_are_one_line_exit_2(tmp_path, config):
    (tmp_path / ".reportlint.yaml").write_text(config, encoding="utf-8")
    shutil.copy(CORRECTED, tmp_path / "report.yaml")
    run = run_cli("report.yaml", cwd=tmp_path, env=_env())
    assert run.returncode == 2 and run.stdout == "" and "no such rule" in run.stderr, run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


def test_loader_codes_are_known_without_a_hand_kept_list():
    run = run_cli("--select", "RL001,RL203,RL9", str(CORRECTED), env=_env())
    assert run.returncode == 0, run.stderr


def test_a_pack_defined_code_is_selectable_ignorable_and_severity_configurable(tmp_path):
    folder = _province(tmp_path)
    run = run_cli("--format", "concise", "--select", "RL391", "failing.yaml", cwd=folder, env=_env())
    assert run.returncode == 1 and run.stdout.count("RL391") == 1, run.stdout + run.stderr
    run = run_cli("--format", "concise", "--select", "RL39", "failing.yaml", cwd=folder, env=_env())
    assert run.returncode == 1 and "RL391" in run.stdout
    run = run_cli("--format", "concise", "--select", "RL301", "failing.yaml", cwd=folder, env=_env())
    assert run.returncode == 0 and run.stdout == ""
    run = run_cli("--format", "concise", "--ignore", "RL391", "failing.yaml", cwd=folder, env=_env())
    assert run.returncode == 0 and "RL391" not in run.stdout
    (folder / ".reportlint.yaml").write_text("packs: [packs]\npack: prov-x\nseverity: {RL391: warning}\n",
                                             encoding="utf-8")
    run = run_cli("--format", "concise", "failing.yaml", cwd=folder, env=_env())
    assert run.returncode == 0 and "RL391 [warning]" in run.stdout, run.stdout


def test_a_pack_defined_code_can_be_suppressed_without_rl902(tmp_path):
    folder = _province(tmp_path)
    text = (folder / "failing.yaml").read_text(encoding="utf-8")
    text = text.replace("    行政裁决: [12, 9, 2]", "    行政裁决: [12, 9, 2]  # reportlint: ignore[RL391] 含撤回1件")
    (folder / "failing.yaml").write_text(text, encoding="utf-8")
    run = run_cli("--format", "concise", "failing.yaml", cwd=folder, env=_env())
    assert run.returncode == 0 and run.stdout == "", run.stdout
    text = text.replace("ignore[RL391]", "ignore[RL391,RL398]")
    (folder / "failing.yaml").write_text(text, encoding="utf-8")
    run = run_cli("--format", "concise", "failing.yaml", cwd=folder, env=_env())
    assert "RL902" in run.stdout and "RL398" in run.stdout and "RL391" not in run.stdout.replace("RL398", "")


def test_rules_lists_and_explains_a_pack_defined_code():
    run = run_cli("rules", cwd=PROV, env=_env())
    assert run.returncode == 0
    line = next(x for x in run.stdout.splitlines() if x.startswith("RL391"))
    assert "adjudication-balance" in line and "error" in line and "行政裁决" in line
    run = run_cli("rules", "RL391", "--lang", "en", cwd=PROV, env=_env())
    assert run.returncode == 0 and "# RL391 adjudication-balance" in run.stdout
    assert "X省补充要求第三条" in run.stdout and "prov-x" in run.stdout
    outside = run_cli("rules", "RL391", env=_env())  # not configured here: no such rule
    assert outside.returncode == 2


def test_the_registry_has_every_catalogue_code_and_the_pack_codes():
    from reportlint.format.library import Library, builtin

    registry = Library((str(PROV / "packs"),)).registry()
    assert set(builtin().catalog()) < set(registry)
    assert registry.origin["RL391"] == "prov-x" and registry.kinds["RL391"] == "equation"
    doc = registry.docs["RL391"]
    assert doc.messages["default"]["en"] == "{equation_en} ({basis})"  # from rules/catalog/kinds/equation.yaml
    assert registry.origin["RL301"] == "catalogue" and "RL391" not in builtin().registry()


def test_messages_can_be_borrowed_from_a_catalogue_code(tmp_path):
    from reportlint.format.library import Library

    pack = tmp_path / "packs" / "prov-z" / "pack.yaml"
    pack.parent.mkdir(parents=True)
    pack.write_text("id: prov-z\nextends: gov-2021\nequations:\n"
                    "  - {id: P9, rule: RL392, messages_from: RL303, severity: warning, table: 依申请公开, "
                    "each: row, equation: 总计 = 自然人 + 其他}\n", encoding="utf-8")
    registry = Library((str(tmp_path / "packs"),)).registry()
    doc = registry.docs["RL392"]
    assert doc.severity == "warning" and doc.messages == registry.docs["RL303"].messages


def test_severity_is_decided_in_one_order():
    from reportlint.format.library import builtin
    from reportlint.format.registry import severity

    doc = builtin().doc("RL402")
    assert severity(doc) == "error"
    assert severity(doc, sure="R") == "warning"  # an inferred pack entry never gives an error
    assert severity(doc, sure="R", overrides={"RL4": "error"}) == "error"  # the configuration has the last word
    assert severity(doc, overrides={"RL4": "info", "RL402": "warning"}) == "warning"  # the longest key wins


def test_an_inferred_deadline_is_a_warning_and_configuration_overrides_it(tmp_path):
    report = CORRECTED.read_text(encoding="utf-8").replace("agency: 忻州市科学技术局", "agency: 某某镇人民政府")
    report = report.replace("published: 2025-01-20", "published: 2025-04-20")
    (tmp_path / "report.yaml").write_text(report, encoding="utf-8")
    run = run_cli("--format", "concise", "--select", "RL402", "report.yaml", cwd=tmp_path, env=_env())
    assert run.returncode == 0 and "RL402 [warning]" in run.stdout, run.stdout
    (tmp_path / ".reportlint.yaml").write_text("severity: {RL402: error}\n", encoding="utf-8")
    run = run_cli("--format", "concise", "--select", "RL402", "report.yaml", cwd=tmp_path, env=_env())
    assert run.returncode == 1 and "RL402 [error]" in run.stdout, run.stdout


def test_sarif_lists_the_rules_of_the_run_pack_codes_included(tmp_path):
    """SARIF's `tool.driver.rules` is the run's registry: a pack-defined code is documented there."""
    folder = _province(tmp_path)
    run = run_cli("--format", "sarif", "failing.yaml", cwd=folder, env=_env())
    assert run.returncode == 1, run.stderr
    log = json.loads(run.stdout)
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert "RL391" in rules and "RL301" in rules
    result = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "RL391")
    assert log["runs"][0]["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "RL391"
