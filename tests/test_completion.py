"""`reportlint completion bash|zsh|powershell`: scripts generated from the parsers, checked by the
shells that are installed."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import run_cli

COMMANDS = ("rules", "convert", "schema", "plugins", "completion")


def _options() -> dict[str, set[str]]:
    from reportlint.cli.completion import parsers

    return {name: {o for a in p._actions for o in a.option_strings} for name, p in parsers().items()}


def _script(shell: str, tmp_path) -> str:
    result = run_cli("completion", shell)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    (tmp_path / f"reportlint.{shell}").write_text(result.stdout, encoding="utf-8")
    return result.stdout


def test_bash_script_is_valid_and_completes_commands_options_and_values(tmp_path):
    script = _script("bash", tmp_path)
    assert subprocess.run(["bash", "-n", str(tmp_path / "reportlint.bash")]).returncode == 0
    for option in set().union(*_options().values()):
        assert option in script, option
    probe = (f"source {tmp_path / 'reportlint.bash'}\n"
             't() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]}-1)); COMPREPLY=(); _shtab_reportlint;'
             ' echo "${COMPREPLY[*]}"; }\n'
             "t reportlint ru\nt reportlint --format ''\nt reportlint rules --format ''\nt reportlint --stdin\n"
             "t reportlint completion ''\nt reportlint 'r.ya'\n")
    (tmp_path / "r.yaml").write_text("", encoding="utf-8")
    done = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, cwd=tmp_path, timeout=30)
    assert done.stdout.splitlines() == ["rules", "concise github html json sarif text", "text json markdown",
                                        "--stdin-filename", "bash zsh powershell", "r.yaml"], done.stderr


def test_zsh_script_is_valid(tmp_path):
    script = _script("zsh", tmp_path)
    assert "#compdef reportlint" in script and all(c in script for c in COMMANDS)
    assert "--stdin-filename" in script
    if shutil.which("zsh") is None:
        pytest.skip("zsh is not installed")
    assert subprocess.run(["zsh", "-n", str(tmp_path / "reportlint.zsh")]).returncode == 0


def test_powershell_script_holds_every_command_option_and_value(tmp_path):
    script = _script("powershell", tmp_path)
    assert "Register-ArgumentCompleter -Native -CommandName reportlint" in script
    for name, options in _options().items():
        line = next(line for line in script.splitlines() if line.strip().startswith(f"'{name}' = @("))
        assert all(f"'{o}'" in line for o in options), (name, options - set(line.split("'")))
    assert "'check' = @{ '--format' = @('concise', 'github', 'html', 'json', 'sarif', 'text')" in script
    if shutil.which("pwsh"):
        done = subprocess.run(["pwsh", "-NoProfile", "-Command", f". {tmp_path / 'reportlint.powershell'}"])
        assert done.returncode == 0


def test_an_unknown_shell_is_a_usage_error():
    result = run_cli("completion", "fish")
    assert result.returncode == 2 and "invalid choice: 'fish'" in result.stderr
    assert result.stdout == ""


def test_without_shtab_one_line_says_what_to_install():
    probe = ("import sys\nsys.modules['shtab'] = None\nfrom reportlint.cli.main import main\n"
             "sys.exit(main(['completion', 'bash']))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == "reportlint: completion for bash needs shtab: pip install 'reportlint[completion]'\n"
    powershell = subprocess.run([sys.executable, "-c", probe.replace("'bash'", "'powershell'")],
                                capture_output=True, text=True, timeout=60)
    assert powershell.returncode == 0 and "Register-ArgumentCompleter" in powershell.stdout


def test_powershell_script_completes_the_shell_after_completion(tmp_path):
    script = _script("powershell", tmp_path)
    assert "'completion' = @('bash', 'zsh', 'powershell')" in script
