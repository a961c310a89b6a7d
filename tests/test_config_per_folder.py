"""Each checked file gets the configuration nearest above it; `--config` is for every file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SEED, run_cli


def _reports(folder: Path, config: str | None, count: int = 4) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    if config is not None:
        (folder / ".reportlint.yaml").write_text(config, encoding="utf-8")
    for n in range(count):
        (folder / f"r{n}.yaml").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")


def _families(result) -> dict[str, set[str]]:
    """Folder → the rule families (RL5, RL6 …) found in its files."""
    found: dict[str, set[str]] = {}
    for f in json.loads(result.stdout):
        found.setdefault(Path(f["file"]).parent.name, set()).add(f["code"][:3])
    return found


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_two_folders_each_with_its_own_ignore(tmp_path, jobs):
    _reports(tmp_path / "a", "ignore: [RL5]\n")
    _reports(tmp_path / "b", "ignore: [RL6]\n")
    result = run_cli("--format", "json", "-j", jobs, "a", "b", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    families = _families(result)
    assert "RL5" not in families["a"] and "RL6" in families["a"]
    assert "RL6" not in families["b"] and "RL5" in families["b"]


def test_the_nearest_configuration_wins_and_pyproject_counts(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.reportlint]\nignore = ["RL5"]\n', encoding="utf-8")
    _reports(tmp_path, None, 1)
    _reports(tmp_path / "2024" / "县", "ignore: [RL6]\n", 1)
    result = run_cli("--format", "json", str(tmp_path))
    families = _families(result)
    assert "RL5" not in families[tmp_path.name] and "RL6" in families[tmp_path.name]
    assert "RL6" not in families["县"] and "RL5" in families["县"]  # the nearest only, not merged


def test_a_file_with_no_configuration_above_it_takes_the_current_folders(tmp_path):
    _reports(tmp_path / "work", "ignore: [RL5]\n", 0)
    _reports(tmp_path / "elsewhere", None, 1)
    result = run_cli("--format", "json", str(tmp_path / "elsewhere"), cwd=tmp_path / "work")
    assert "RL5" not in _families(result)["elsewhere"]


def test_config_option_is_for_every_file(tmp_path):
    _reports(tmp_path / "a", "ignore: [RL5]\n")
    (tmp_path / "all.yaml").write_text("ignore: [RL2]\n", encoding="utf-8")
    result = run_cli("--format", "json", "--config", "all.yaml", "a", cwd=tmp_path)
    families = _families(result)
    assert "RL2" not in families["a"] and "RL5" in families["a"]


def test_an_invalid_configuration_above_a_file_stops_the_run(tmp_path):
    _reports(tmp_path / "a", "ignor: [RL5]\n", 1)
    result = run_cli("--format", "json", "a", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert ".reportlint.yaml: unknown setting ignor (did you mean ignore?)" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
