"""Which files a run checks: each once, in order of file name, non-reports skipped in folders (and
by the pre-commit hooks), `.gitignore` honoured, folders excluded by name."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import CORRECTED, EXAMPLES, run_cli

BAD = EXAMPLES / "broken" / "one-wrong-cell.yaml"
NOT_REPORTS = {
    "mkdocs.yml": "site_name: 我的文档\nnav:\n  - index.md\ntheme: material\n",
    "docker-compose.yml": "services:\n  web:\n    image: nginx\n",
    "notes.txt": "会议纪要\n明天上午九点开会。\n",
    "page.html": "<html><head><title>首页</title></head><body>欢迎访问</body></html>",
    "~$2024年报.docx": "owner file of Word",
}
TEXT_REPORT = "某局2024年政府信息公开工作年度报告\n一、总体情况\n我局认真贯彻条例。\n"


def _copy(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


def _files(run: subprocess.CompletedProcess) -> list[str]:
    """The files that have findings, in the order the JSON lists them (each once)."""
    seen: list[str] = []
    for finding in json.loads(run.stdout):
        if finding["file"] not in seen:
            seen.append(finding["file"])
    return seen


def test_discovery_is_an_engine_stage():
    import reportlint.cli.main as cli
    from reportlint.engine import discover

    assert callable(discover.discover) and callable(discover.report_suffixes)
    assert not hasattr(cli, "expand") and not hasattr(cli, "_excluded")


def test_a_file_named_twice_or_also_in_a_named_folder_is_checked_once(tmp_path):
    _copy(BAD, tmp_path / "r" / "bad.yaml")
    run = run_cli("--format", "json", "r/bad.yaml", "./r/bad.yaml", "r", cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    codes = [(f["file"], f["code"]) for f in json.loads(run.stdout)]
    assert codes == [("r/bad.yaml", "RL302")]  # once, under the first name given
    text = run_cli("--lang", "en", "--no-color", "r", "r/bad.yaml", cwd=tmp_path)
    assert "1 error, 0 warnings, 0 notes in 1 of 1 file" in text.stdout
    assert text.stdout.count("  RL302 error") == 1


def test_findings_are_sorted_by_file_across_inputs(tmp_path):
    _copy(BAD, tmp_path / "b.yaml")
    _copy(BAD, tmp_path / "a.yaml")
    _copy(BAD, tmp_path / "c" / "z.yaml")
    run = run_cli("--format", "json", "c", "b.yaml", "a.yaml", cwd=tmp_path)
    assert _files(run) == ["a.yaml", "b.yaml", "c/z.yaml"]
    concise = run_cli("--format", "concise", "b.yaml", "a.yaml", cwd=tmp_path)
    assert [line.split(":")[0] for line in concise.stdout.splitlines()] == ["a.yaml", "b.yaml"]


def _folder_with_non_reports(root: Path) -> Path:
    folder = root / "reports"
    _copy(BAD, folder / "bad.yaml")
    _copy(CORRECTED, folder / "sub" / "good.yaml")
    (folder / "sub" / "r.txt").write_text(TEXT_REPORT, encoding="utf-8")
    for name, text in NOT_REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_folder_runs_skip_files_that_are_not_reports_and_count_them(tmp_path):
    folder = _folder_with_non_reports(tmp_path)
    run = run_cli("--format", "json", "reports", cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    assert set(_files(run)) == {"reports/bad.yaml", "reports/sub/r.txt"}  # the text report is checked
    assert run.stderr == ""  # JSON holds only findings; skips are not mentioned without -v
    en = run_cli("--lang", "en", "--no-color", "reports", cwd=tmp_path)
    assert "in 2 of 3 files, 5 skipped (not reports)" in en.stdout
    assert "skipped, not a report" not in en.stdout
    (folder / "bad.yaml").unlink()
    (folder / "sub" / "r.txt").unlink()
    zh = run_cli("--lang", "zh", "--no-color", "reports", cwd=tmp_path)
    assert zh.returncode == 0, zh.stdout
    assert "全部通过：检查了 1 个文件，跳过 5 个非报告文件。" in zh.stdout
    verbose = run_cli("--lang", "en", "--no-color", "-v", "reports", cwd=tmp_path)
    listed = sorted(line.split(": ")[0] for line in verbose.stdout.splitlines() if "skipped, not a report" in line)
    assert listed == sorted(f"reports/{name}" for name in NOT_REPORTS)
    as_json = run_cli("--format", "json", "--verbose", "reports", cwd=tmp_path)
    assert json.loads(as_json.stdout) == []
    assert sorted(as_json.stderr.splitlines()) == sorted(
        f"reportlint: skipped (not a report): reports/{name}" for name in NOT_REPORTS)


def test_a_file_named_on_the_command_line_is_always_checked(tmp_path):
    folder = _folder_with_non_reports(tmp_path)
    run = run_cli("--format", "json", "mkdocs.yml", "notes.txt", cwd=folder)
    assert run.returncode == 1
    assert _files(run) == ["mkdocs.yml", "notes.txt"]


def test_skip_non_reports_applies_to_named_files_as_the_hooks_pass_them(tmp_path):
    folder = _folder_with_non_reports(tmp_path)
    (folder / ".pre-commit-config.yaml").write_text("repos:\n  - repo: local\n    hooks: []\n", encoding="utf-8")
    names = ["bad.yaml", "sub/good.yaml", "sub/r.txt", ".pre-commit-config.yaml", *NOT_REPORTS]
    run = run_cli("--format", "json", "--skip-non-reports", *names, cwd=folder)
    assert run.returncode == 1
    assert _files(run) == ["bad.yaml", "sub/r.txt"]
    text = run_cli("--lang", "en", "--no-color", "--skip-non-reports", *names, cwd=folder)
    assert "in 2 of 3 files, 6 skipped (not reports)" in text.stdout


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_folder_runs_honour_gitignore(tmp_path):
    repo = tmp_path / "repo"
    _copy(BAD, repo / "reports" / "tracked.yaml")
    _copy(BAD, repo / "reports" / "new.yaml")  # untracked, not ignored: checked
    _copy(BAD, repo / "reports" / "build" / "generated.yaml")
    _copy(BAD, repo / "reports" / "old.yaml")
    (repo / ".gitignore").write_text("build/\nold.yaml\n", encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", ".gitignore", "reports/tracked.yaml")
    run = run_cli("--format", "json", "reports", cwd=repo)
    assert _files(run) == ["reports/new.yaml", "reports/tracked.yaml"]
    inside = run_cli("--format", "json", ".", cwd=repo / "reports")
    assert _files(inside) == ["new.yaml", "tracked.yaml"]
    # a folder git ignores, named on the command line, is searched
    assert _files(run_cli("--format", "json", "reports/build", cwd=repo)) == ["reports/build/generated.yaml"]
    # without git (or outside a work tree) the folder is walked as before
    no_git = {**os.environ, "PATH": str(tmp_path / "no-such-bin")}
    walked = run_cli("--format", "json", "reports", cwd=repo, env=no_git)
    assert walked.returncode == 1 and "Traceback" not in walked.stderr
    assert _files(walked) == [f"reports/{n}" for n in ("build/generated.yaml", "new.yaml", "old.yaml", "tracked.yaml")]


def test_exclude_names_a_folder_as_well_as_globs(tmp_path):
    _copy(BAD, tmp_path / "reports" / "drafts" / "a.yaml")
    _copy(BAD, tmp_path / "reports" / "2024" / "drafts" / "b.yaml")
    _copy(BAD, tmp_path / "reports" / "final.yaml")
    run = run_cli("--format", "json", "--exclude", "drafts", "reports", cwd=tmp_path)
    assert _files(run) == ["reports/final.yaml"]
    globbed = run_cli("--format", "json", "--exclude", "fin*", "reports", cwd=tmp_path)
    assert _files(globbed) == ["reports/2024/drafts/b.yaml", "reports/drafts/a.yaml"]
    forced = run_cli("--format", "json", "--exclude", "drafts", "--force-exclude",
                     "reports/drafts/a.yaml", "reports/final.yaml", cwd=tmp_path)
    assert _files(forced) == ["reports/final.yaml"]


def test_a_file_reached_through_a_link_or_a_hard_link_is_checked_once(tmp_path):
    """The same file under two names (a symbolic or a hard link) is one report: kept under the first name."""
    _copy(BAD, tmp_path / "r" / "a.yaml")
    (tmp_path / "r" / "b.yaml").symlink_to("a.yaml")
    os.link(tmp_path / "r" / "a.yaml", tmp_path / "r" / "c.yaml")
    run = run_cli("--format", "json", "r/a.yaml", "r/b.yaml", "r/c.yaml", cwd=tmp_path)
    assert [(f["file"], f["code"]) for f in json.loads(run.stdout)] == [("r/a.yaml", "RL302")]


@pytest.mark.parametrize("text, keys", [
    ("agency: 某局\nyear: 2024\n", {"agency", "year"}),
    ('"agency": 某局\n\'year\': 2024\n', {"agency", "year"}),
    ("  agency: indented\n- year: 2024\n# previous: x\n\tformat: y\n", set()),
    ("tables：\n  x: 1\n\nsections:\n", {"tables", "sections"}),
    ("?complex: 1\n:odd: 2\n", set()),
])
def test_the_top_level_keys_are_read_from_unindented_lines_only(text, keys):
    from reportlint.engine.discover import _top_keys

    assert _top_keys(text) == keys


def test_the_fast_path_finds_the_same_keys_as_the_pattern_on_every_line():
    """Skipping lines by their first character finds exactly what the pattern alone finds."""
    from reportlint.engine import discover

    for path in [*EXAMPLES.glob("*.yaml"), *EXAMPLES.glob("broken/*.yaml")]:
        text = path.read_text(encoding="utf-8", errors="replace")
        every_line = set()
        for line in text.splitlines():
            match = discover._TOP_KEY.match(line)
            if match:
                every_line.add(next(g for g in match.groups() if g).strip())
        assert discover._top_keys(text) == every_line, path
