"""The plugin hooks: a third-party plugin's check runs; a crashing check becomes a finding."""

from __future__ import annotations

import json
import os
from pathlib import Path

from conftest import CORRECTED, ROOT, SEED, run_cli
from reportlint.checks.base import Check
from reportlint.plugins import manager as plugins
from reportlint.plugins.hookspecs import hookimpl

EXAMPLE_PLUGIN = ROOT / "tests" / "plugins" / "reportlint_example" / "src"


def _install_entry_point(site: Path) -> None:
    """A dist-info with an entry point in group `reportlint`, as `pip install` would leave it."""
    info = site / "reportlint_example-0.1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: reportlint-example\nVersion: 0.1.0\n")
    (info / "entry_points.txt").write_text("[reportlint]\nexample = reportlint_example.plugin\n")


def _env(site: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(site), str(EXAMPLE_PLUGIN), env.get("PYTHONPATH", "")])
    env.update(extra)
    return env


def test_entry_point_plugin_check_runs_and_is_documented(tmp_path):
    _install_entry_point(tmp_path / "site")
    report = tmp_path / "r.yaml"
    report.write_text(SEED.read_text(encoding="utf-8").replace("agency: 忻州市科学技术局", "agency: 张三"),
                      encoding="utf-8")
    env = _env(tmp_path / "site")
    result = run_cli("--format", "json", str(report), env=env)
    findings = json.loads(result.stdout)
    exa = [f for f in findings if f["code"] == "EXA001"]
    assert len(exa) == 1 and exa[0]["line"] == 5 and "张三" in exa[0]["message"]
    explained = run_cli("rules", "EXA001", "--lang", "en", env=env)
    assert explained.returncode == 0 and "does not name a body" in explained.stdout


def test_plugin_autoload_can_be_disabled(tmp_path):
    _install_entry_point(tmp_path / "site")
    report = tmp_path / "r.yaml"
    report.write_text("agency: 张三\nyear: 2024\n", encoding="utf-8")
    env = _env(tmp_path / "site", REPORTLINT_DISABLE_PLUGIN_AUTOLOAD="1")
    findings = json.loads(run_cli("--format", "json", str(report), env=env).stdout)
    assert not [f for f in findings if f["code"] == "EXA001"]


def test_a_plugin_that_fails_to_import_is_reported_not_fatal(tmp_path):
    site = tmp_path / "site"
    info = site / "broken-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: broken\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[reportlint]\nbroken = no_such_module_here\n")
    result = run_cli("--format", "json", str(SEED), env=_env(site))
    assert result.returncode == 1  # the seed's own errors; the run went on
    assert "plugin broken (0.1) is broken and was not used: ModuleNotFoundError" in result.stderr
    assert "Traceback" not in result.stderr


class _Crashing(Check):
    name = "always-crashes"
    codes = ("RL301",)

    def run(self, doc, emit, settings) -> None:
        raise ZeroDivisionError("boom")


class _CrashPlugin:
    @staticmethod
    @hookimpl
    def reportlint_checks() -> list[type]:
        return [_Crashing]


def test_a_crashing_check_becomes_a_finding_naming_it(tmp_path):
    from reportlint.engine.run import check_file
    from reportlint.engine.settings import Settings

    crashing = plugins.Plugins(extra=[("crash-test", _CrashPlugin)])
    findings = check_file(SEED, Settings(), plugins=crashing)
    crashed = [f for f in findings if f.code == "RL901"]
    assert len(crashed) == 1
    assert "always-crashes" in crashed[0].message_en and "ZeroDivisionError: boom" in crashed[0].message_en
    assert {"RL203", "RL502"} <= {f.code for f in findings}  # the other checks still ran


def test_builtin_checks_register_through_the_hook():
    installed = plugins.installed()
    names = {c.name for c in installed.checks()}
    assert {"sections", "tables", "equations", "dates", "urls", "content", "across-years"} <= names
    callers = installed.manager.get_hookcallers(installed.manager.get_plugin("reportlint.plugins.builtin"))
    assert {c.name for c in callers} >= {"reportlint_checks", "reportlint_loaders", "reportlint_output_formats"}


def test_plugins_command_lists_builtin_and_installed(tmp_path):
    _install_entry_point(tmp_path / "site")
    result = run_cli("plugins", env=_env(tmp_path / "site"))
    assert result.returncode == 0
    assert "reportlint.plugins.builtin  reportlint (built-in)" in result.stdout
    assert "example  reportlint_example 0.1.0" in result.stdout and "codes: EXA001" in result.stdout


def test_debug_prints_the_traceback_of_a_crashed_check(capsys, monkeypatch) -> None:
    """A crashing check is RL901 either way; with --debug its traceback goes to stderr too."""
    from tests.test_rule_cases import _crashing_plugin

    from reportlint.cli.main import main

    crashing = plugins.Plugins(extra=[("crashing-plugin", _crashing_plugin("boom in the check"))])
    monkeypatch.setattr(plugins, "installed", lambda autoload=True: crashing)
    for debug in (False, True):
        code = main(["--format", "concise", *(["--debug"] if debug else []), str(CORRECTED)])
        out, err = capsys.readouterr()
        assert code == 1 and "RL901" in out and "boom in the check" in out
        assert ("Traceback" in err and "RuntimeError: boom in the check" in err) is debug


def test_plugins_are_built_per_run_and_never_changed() -> None:
    """A run's plugins come from its input; a test's extra plugin never leaks into the installed set."""
    extra = plugins.Plugins(extra=[("crash-test", _CrashPlugin)])
    assert "always-crashes" in {c.name for c in extra.checks()}
    assert "always-crashes" not in {c.name for c in plugins.installed().checks()}
    assert plugins.installed() is plugins.installed()  # built once per process for the same input
    assert plugins.installed(False) is not plugins.installed(True)
