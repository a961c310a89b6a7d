"""`per-file-ignores` in the configuration, through the command line: globs relative to the
configuration file's folder → codes or prefixes; validated like `ignore`; RL001 stays."""

from __future__ import annotations

import shutil

import pytest

from conftest import EXAMPLES, ROOT, run_cli

SEED_TEXT = ROOT / "tests" / "fixtures" / "seeds" / "000_be6913bfd7940931.txt"  # the seed report as text
LATE = EXAMPLES / "broken" / "dates-and-url.yaml"  # RL401, RL402 (published late), RL502, RL606

PYPROJECT = '[project]\nname = "x"\n\n[tool.reportlint.per-file-ignores]\n"2024/*.yaml" = ["RL402"]\n'
DOTFILE = 'per-file-ignores:\n  "2024/*.yaml": [RL402]\n'


@pytest.fixture
def tree(tmp_path):
    """2024/late.yaml and 2023/late.yaml: the same late report in two folders."""
    for year in ("2024", "2023"):
        (tmp_path / year).mkdir()
        shutil.copy(LATE, tmp_path / year / "late.yaml")
    return tmp_path


def _codes(result):
    return {line.split(": ")[1].split(" ")[0] for line in result.stdout.splitlines()}


@pytest.mark.parametrize(("name", "config"), [("pyproject.toml", PYPROJECT), (".reportlint.yaml", DOTFILE)])
def test_per_file_ignores_hide_codes_in_matching_files_only(tree, name, config):
    assert "RL402" in run_cli("2024", "--format", "concise", cwd=tree).stdout
    (tree / name).write_text(config, encoding="utf-8")
    result = run_cli("2024", "2023", "--format", "concise", cwd=tree)
    assert result.returncode == 1, result.stderr  # RL401 and RL502 remain
    by_file = {f: {line.split(" ")[1] for line in result.stdout.splitlines() if line.startswith(f)}
               for f in ("2024/late.yaml", "2023/late.yaml")}
    assert "RL402" not in by_file["2024/late.yaml"]
    assert {"RL401", "RL502"} <= by_file["2024/late.yaml"]
    assert "RL402" in by_file["2023/late.yaml"]


def test_globs_are_relative_to_the_configuration_folder(tree):
    (tree / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    result = run_cli("late.yaml", "--format", "concise", cwd=tree / "2024")
    assert "RL402" not in result.stdout and "RL401" in result.stdout
    result = run_cli(str(tree / "2024" / "late.yaml"), "--format", "concise", cwd="/")
    # run from elsewhere, the configuration above the file is found all the same (per folder), and its
    # globs still match relative to its own folder
    assert "RL402" not in result.stdout and "RL401" in result.stdout


def test_prefixes_names_and_double_star(tree):
    (tree / ".reportlint.yaml").write_text('per-file-ignores:\n  "late.yaml": RL4, RL5\n  "**/2023/*": [RL606]\n',
                                           encoding="utf-8")
    result = run_cli("2024", "2023", "--format", "concise", cwd=tree)
    assert _codes(result) == {"RL606"}  # only 2024's; a name without "/" matches in any folder
    assert all(line.startswith("2024/") for line in result.stdout.splitlines())


def test_rl001_cannot_be_ignored_per_file(tree):
    shutil.copy(EXAMPLES / "broken" / "syntax.yaml", tree / "2024" / "syntax.yaml")
    (tree / ".reportlint.yaml").write_text('per-file-ignores:\n  "2024/*": [RL0, RL4]\n', encoding="utf-8")
    result = run_cli("2024", "--format", "concise", cwd=tree)
    assert result.returncode == 1
    assert "2024/syntax.yaml:7:13: RL001" in result.stdout


def test_verbose_says_what_the_ignores_hid(tree):
    (tree / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    result = run_cli("2024", "-v", "--format", "concise", cwd=tree)
    assert "reportlint: 2024/late.yaml: per-file-ignores '2024/*.yaml' hid 1 finding(s): RL402" in result.stderr
    assert "per-file-ignores" not in run_cli("2024", "--format", "concise", cwd=tree).stderr


@pytest.mark.parametrize(("config", "says"), [
    ('[tool.reportlint.per-file-ignores]\n"2024/*.yaml" = ["RL499"]\n',
     "per-file-ignores '2024/*.yaml': RL499: no such rule"),
    ('[tool.reportlint.per-file-ignores]\n"2024/*.yaml" = ["402"]\n', "402 is not a rule code or prefix"),
    ('[tool.reportlint]\nper-file-ignores = ["RL402"]\n', "per-file-ignores maps file patterns to rule codes"),
    ('[tool.reportlint.per-file-ignores]\n"2024/*.yaml" = 5\n', "is a list of rule codes or prefixes"),
])
def test_a_bad_per_file_ignore_is_exit_2(tree, config, says):
    (tree / "pyproject.toml").write_text(config, encoding="utf-8")
    result = run_cli("2024", cwd=tree)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and says in result.stderr, result.stderr


def test_a_document_takes_per_file_ignores_too(tree):
    """The case they are for: a published document cannot carry a suppression comment."""
    shutil.copy(SEED_TEXT, tree / "2024" / "report.txt")
    before = _codes(run_cli("2024/report.txt", "--format", "concise", cwd=tree))
    assert {"RL203", "RL502", "RL504", "RL603"} <= before
    (tree / ".reportlint.yaml").write_text('per-file-ignores:\n  "2024/*.txt": [RL2, RL5]\n', encoding="utf-8")
    result = run_cli("2024/report.txt", "--format", "concise", cwd=tree)
    assert _codes(result) == {c for c in before if not c.startswith(("RL2", "RL5"))}
