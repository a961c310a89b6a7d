"""The README's pre-commit configuration, exactly as written, run by the real `pre-commit` on a fresh
repository: the bad report fails with RL302, the good one and a `mkdocs.yml` pass.

pre-commit clones this checkout at its HEAD commit and pip-installs it (and the documents hook's
libraries) from the package index, so this test needs git, the network and a committed HEAD."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT

README = ROOT / "README.md"
SNIPPET = re.compile(r"<!-- pre-commit:start -->\s*```yaml\n(.*?)```\s*<!-- pre-commit:end -->", re.S)


def _snippet() -> str:
    found = SNIPPET.search(README.read_text(encoding="utf-8"))
    assert found, "README.md has no pre-commit snippet between <!-- pre-commit:start/end --> markers"
    return found.group(1)


def _head() -> str | None:
    if shutil.which("git") is None:
        return None
    run = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return run.stdout.strip() if run.returncode == 0 else None


def _pre_commit() -> list[str]:
    exe = Path(sys.executable).with_name("pre-commit")
    return [str(exe)] if exe.is_file() else [sys.executable, "-m", "pre_commit"]


def test_readme_snippet_names_both_hooks_and_a_pinned_commit():
    snippet = _snippet()
    assert re.search(r"^\s*- repo: \S+", snippet, re.M) and re.search(r"^\s*rev: ", snippet, re.M)
    assert "v0.1.0" not in snippet and "<this repository>" not in snippet
    assert re.findall(r"- id: (\S+)", snippet) == ["reportlint", "reportlint-documents"]


def test_hook_file_patterns_match_report_files():
    import yaml

    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    yaml_files, documents = re.compile(hooks["reportlint"]["files"]), re.compile(hooks["reportlint-documents"]["files"])
    for name in ("2024.yaml", "reports/a.yml", "B.YAML"):
        assert yaml_files.search(name) and not documents.search(name)
    for name in ("a.txt", "b.html", "c.htm", "d.docx", "e.pdf", "F.PDF"):
        assert documents.search(name) and not yaml_files.search(name)
    for hook in hooks.values():
        assert "--skip-non-reports" in hook["entry"] and hook["language"] == "python"
    deps = " ".join(hooks["reportlint-documents"]["additional_dependencies"])
    assert all(lib in deps for lib in ("python-docx", "beautifulsoup4", "pdfplumber"))


@pytest.mark.slow  # ~90 s: pre-commit builds two environments from the package index
def test_readme_pre_commit_config_on_a_fresh_repository(tmp_path):
    head = _head()
    if head is None:
        pytest.skip("this checkout is not a git repository (or git is missing): pre-commit needs a commit to clone")
    repo = tmp_path / "reports-repo"
    repo.mkdir()
    for name in ("county-2024.yaml", "county-2023.yaml"):
        shutil.copyfile(EXAMPLES / name, repo / name)
    shutil.copyfile(EXAMPLES / "broken" / "one-wrong-cell.yaml", repo / "bad.yaml")
    (repo / "mkdocs.yml").write_text("site_name: 信息公开\nnav:\n  - index.md\n", encoding="utf-8")
    (repo / "notes.txt").write_text("会议纪要：下周一交年报。\n", encoding="utf-8")
    config = re.sub(r"^(\s*- repo: )\S+", lambda m: m.group(1) + str(ROOT), _snippet(), count=1, flags=re.M)
    config = re.sub(r"^(\s*rev: )<commit id>", lambda m: m.group(1) + head, config, count=1, flags=re.M)
    assert str(ROOT) in config and head in config
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "REPORTLINT_LANG": "en",
           "NO_COLOR": "1", "GIT_CONFIG_NOSYSTEM": "1"}
    env.pop("GITHUB_ACTIONS", None)  # the text output is asserted on
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
    run = subprocess.run([*_pre_commit(), "run", "--all-files", "--color", "never"], cwd=repo, env=env,
                         capture_output=True, text=True, timeout=900)
    out = run.stdout + run.stderr
    assert run.returncode == 1, out
    assert re.search(r"^reportlint\.+Failed$", out, re.M), out
    assert re.search(r"^reportlint \(documents\)\.+Passed$", out, re.M), out  # notes.txt skipped, not failed
    assert re.search(r"^bad\.yaml\n\s+35:14\s+RL302 error", out, re.M), out
    headers = {line for line in out.splitlines() if line and not line.startswith((" ", "-"))}
    assert not headers & {"county-2024.yaml", "county-2023.yaml", "mkdocs.yml", "notes.txt", ".pre-commit-config.yaml"}, out
    assert "skipped (not reports)" in out, out
    # the documents hook's environment has the document readers
    pythons = list((tmp_path / "pre-commit-home").glob("repo*/py_env-*/bin/python"))
    probe = "import docx, bs4, pdfplumber"
    assert any(subprocess.run([str(p), "-c", probe], capture_output=True).returncode == 0 for p in pythons), pythons
