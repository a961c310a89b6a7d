"""`reportlint baseline` and `--baseline`, through the command line: a run fails only on findings
the baseline does not hold; stale entries are listed and do not fail; RL001 is never baselined."""

from __future__ import annotations

import json
import os
import shutil
import sys

import pytest

from conftest import EXAMPLES, SEED, run_cli

BASELINE = ".reportlint-baseline.json"
WRONG_CELL = EXAMPLES / "broken" / "one-wrong-cell.yaml"
DUPLICATES = "agency: 某县科学技术局\nyear: 2024\nurl: https://a.gov.cn/1\nurl: https://a.gov.cn/2\nurl: https://a.gov.cn/3\n"


@pytest.fixture
def folder(tmp_path):
    """A folder of reports with known findings: the seed (3 errors …) and one wrong cell (1 error)."""
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(SEED, reports / "seed.yaml")
    shutil.copy(WRONG_CELL, reports / "cell.yaml")
    return tmp_path


def _record(cwd, *args):
    result = run_cli("baseline", "reports", *args, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return json.loads((cwd / BASELINE).read_text(encoding="utf-8"))


def _check(cwd, *args, paths=("reports",)):
    return run_cli(*paths, "--baseline", BASELINE, "--lang", "en", "--format", "concise", *args, cwd=cwd)


def test_round_trip_hides_every_recorded_finding(folder):
    assert run_cli("reports", cwd=folder).returncode == 1
    data = _record(folder)
    assert data["version"] == 1
    assert {e["file"] for e in data["entries"]} == {"reports/seed.yaml", "reports/cell.yaml"}
    assert {"code": "RL302", "place": "tables/依申请公开/本年度办理结果/予以公开/自然人"}.items() <= next(
        e for e in data["entries"] if e["file"] == "reports/cell.yaml").items()
    result = _check(folder)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    hidden = sum(e["count"] for e in data["entries"])
    assert f"{hidden} finding(s) hidden by the baseline {BASELINE}" in result.stderr
    assert "stale" not in result.stderr


def test_two_runs_write_byte_identical_files(folder):
    _record(folder)
    first = (folder / BASELINE).read_bytes()
    assert run_cli("baseline", "reports", "--force", "-j", "2", cwd=folder).returncode == 0
    assert (folder / BASELINE).read_bytes() == first
    entries = json.loads(first)["entries"]
    keys = [(e["file"], e["code"], e["place"], e["fingerprint"]) for e in entries]
    assert keys == sorted(keys)


def test_an_existing_baseline_is_not_overwritten_without_force(folder):
    (folder / BASELINE).write_text("keep", encoding="utf-8")
    result = run_cli("baseline", "reports", cwd=folder)
    assert result.returncode == 2
    assert "exists; use --force" in result.stderr
    assert (folder / BASELINE).read_text(encoding="utf-8") == "keep"
    assert run_cli("baseline", "reports", "--force", cwd=folder).returncode == 0
    assert json.loads((folder / BASELINE).read_text(encoding="utf-8"))["version"] == 1


def test_a_new_finding_fails(folder):
    _record(folder)
    report = folder / "reports" / "seed.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("published: 2025-01-20", "published: 2025-03-01"),
                      encoding="utf-8")
    result = _check(folder)
    assert result.returncode == 1
    assert "RL402" in result.stdout
    assert result.stdout.count("\n") == 1  # only the new finding


def test_a_changed_number_in_a_baselined_cell_is_a_new_finding(folder):
    _record(folder)
    report = folder / "reports" / "cell.yaml"
    text = report.read_text(encoding="utf-8")
    assert "予以公开: [41, 5, 1, 0, 1, 1, 48]" in text
    report.write_text(text.replace("予以公开: [41, 5, 1, 0, 1, 1, 48]", "予以公开: [42, 5, 1, 0, 1, 1, 49]"),
                      encoding="utf-8")
    result = _check(folder)
    assert result.returncode == 1
    assert "RL302" in result.stdout and "42" in result.stdout
    assert "1 baseline entry is stale" in result.stderr  # the finding about 41 is gone


def test_editing_elsewhere_keeps_the_baseline_valid(folder):
    (folder / "reports" / "dup.yaml").write_text(DUPLICATES, encoding="utf-8")
    _record(folder)
    for name in ("seed.yaml", "cell.yaml", "dup.yaml"):  # every line moves down, and RL004's "first on line"
        report = folder / "reports" / name
        report.write_text("# 修改说明\n# 第二行\n\n" + report.read_text(encoding="utf-8"), encoding="utf-8")
    result = _check(folder)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "stale" not in result.stderr


def test_duplicate_keys_are_counted(folder):
    (folder / "reports" / "dup.yaml").write_text(DUPLICATES, encoding="utf-8")
    data = _record(folder)
    rl004 = [e for e in data["entries"] if e["code"] == "RL004"]
    assert len(rl004) == 1 and rl004[0]["count"] == 2
    (folder / "reports" / "dup.yaml").write_text(DUPLICATES + "url: https://a.gov.cn/4\n", encoding="utf-8")
    result = _check(folder)
    assert result.returncode == 1
    assert result.stdout.count("RL004") == 1  # the third repeat is new; the two recorded stay hidden
    (folder / "reports" / "dup.yaml").write_text(DUPLICATES.replace("url: https://a.gov.cn/3\n", ""),
                                                 encoding="utf-8")
    result = _check(folder)
    assert result.returncode == 0
    assert "1 baseline entry is stale" in result.stderr
    assert "reports/dup.yaml: RL004 url" in result.stderr


def test_stale_entries_are_listed_and_do_not_fail(folder):
    _record(folder)
    shutil.copy(EXAMPLES / "xinzhou-kjj-2024-corrected.yaml", folder / "reports" / "seed.yaml")
    result = _check(folder)
    assert result.returncode == 0
    assert result.stdout == ""
    assert "stale (fixed — remove them with `reportlint baseline` again)" in result.stderr
    assert "reports/seed.yaml: RL502 url" in result.stderr
    assert "reports/cell.yaml" not in result.stderr
    zh = run_cli("reports", "--baseline", BASELINE, "--lang", "zh", cwd=folder)
    assert "已不再出现" in zh.stderr and zh.returncode == 0


def test_files_not_checked_in_this_run_are_not_stale(folder):
    _record(folder)
    result = _check(folder, paths=("reports/cell.yaml",))
    assert result.returncode == 0
    assert "stale" not in result.stderr


def test_a_moved_file_is_new_and_its_old_entries_stale(folder):
    _record(folder)
    (folder / "reports" / "cell.yaml").rename(folder / "reports" / "moved.yaml")
    result = _check(folder)
    assert result.returncode == 1
    assert "reports/moved.yaml" in result.stdout
    assert "reports/cell.yaml: RL302" in result.stderr  # the old path is gone: stale


def test_files_are_named_relative_to_the_baseline_not_the_current_folder(folder):
    result = run_cli("baseline", "reports", "-o", f"reports/{BASELINE}", cwd=folder)
    assert result.returncode == 0, result.stderr
    files = {e["file"] for e in json.loads((folder / "reports" / BASELINE).read_text(encoding="utf-8"))["entries"]}
    assert files == {"seed.yaml", "cell.yaml"}
    result = run_cli(".", "--baseline", BASELINE, cwd=folder / "reports")
    assert result.returncode == 0, result.stdout + result.stderr


def test_rl001_is_never_baselined(folder):
    shutil.copy(EXAMPLES / "broken" / "syntax.yaml", folder / "reports" / "syntax.yaml")
    result = run_cli("baseline", "reports", cwd=folder)
    assert result.returncode == 1  # written, but a file that could not be read never passes
    assert "not recorded, the file could not be read: reports/syntax.yaml:7:13: RL001" in result.stderr
    data = json.loads((folder / BASELINE).read_text(encoding="utf-8"))
    assert all(e["code"] != "RL001" for e in data["entries"])
    # even an entry written by hand does not hide it
    data["entries"].append({"file": "reports/syntax.yaml", "code": "RL001", "place": "", "fingerprint": "x",
                            "count": 5})
    (folder / BASELINE).write_text(json.dumps(data), encoding="utf-8")
    result = _check(folder)
    assert result.returncode == 1
    assert "reports/syntax.yaml:7:13: RL001" in result.stdout
    assert "stale" not in result.stderr


@pytest.mark.parametrize(("content", "says"), [
    ("{not json", "not valid JSON"),
    ('{"version": 2, "entries": []}', "baseline version 2; this reportlint reads version 1"),
    ('[1, 2]', "no \"entries\""),
    ('{"version": 1, "entries": [{"file": "a.yaml"}]}', "entry 1 is not an object"),
    ('{"version": 1, "entries": [{"file": "a", "code": "RL302", "place": "", "fingerprint": "f", "count": 0}]}',
     "count is a whole number"),
    ("[" * 100000, "not valid JSON"),
    (b"\xff\xfe", "not UTF-8"),
])
def test_a_broken_baseline_is_one_line_and_exit_2(folder, content, says):
    target = folder / BASELINE
    target.write_bytes(content if isinstance(content, bytes) else content.encode())
    result = _check(folder)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and says in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_or_unreadable_baseline_is_exit_2(folder):
    result = _check(folder)
    assert result.returncode == 2 and "no such file" in result.stderr
    (folder / BASELINE).mkdir()
    result = _check(folder)
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr


def test_baseline_is_a_command(folder):
    result = run_cli("--help", cwd=folder)
    assert "baseline DIR..." in result.stdout and "--baseline FILE" in result.stdout
    assert run_cli("baseline", cwd=folder).returncode == 2  # a folder is required
    result = run_cli("baseline", "reports", "--pack", "gov-2012", cwd=folder)
    assert result.returncode == 2 and "no such rule pack" in result.stderr
    result = run_cli("baseline", "reports", "--select", "RL999", cwd=folder)
    assert result.returncode == 2 and "RL999: no such rule" in result.stderr
    (folder / "empty").mkdir()
    result = run_cli("baseline", "empty", cwd=folder)
    assert result.returncode == 2 and "no reports found in empty" in result.stderr
    assert not (folder / BASELINE).exists()
    result = run_cli("baselin", cwd=folder)
    assert result.returncode == 2 and "did you mean: baseline?" in result.stderr


def test_a_document_is_baselined_by_place_not_line(tmp_path):
    """A published document (here TXT) keeps its baseline when lines are added above its findings."""
    seed = EXAMPLES.parent / "tests" / "fixtures" / "seeds" / "000_be6913bfd7940931.txt"
    (tmp_path / "reports").mkdir()
    shutil.copy(seed, tmp_path / "reports" / "seed.txt")
    data = _record(tmp_path)
    assert {"RL203", "RL502", "RL603"} <= {e["code"] for e in data["entries"]}
    report = tmp_path / "reports" / "seed.txt"
    lines = report.read_text(encoding="utf-8").splitlines(keepends=True)
    report.write_text("".join([*lines[:2], "（2025年1月20日修订）\n", "\n", *lines[2:]]), encoding="utf-8")
    result = _check(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_rules_left_out_of_a_run_are_not_stale(folder):
    _record(folder)
    result = _check(folder, "--select", "RL3")
    assert result.returncode == 0
    assert "1 finding(s) hidden" in result.stderr  # the wrong cell
    assert "stale" not in result.stderr
    (folder / ".reportlint.yaml").write_text('per-file-ignores:\n  "seed.yaml": [RL]\n', encoding="utf-8")
    result = _check(folder)
    assert result.returncode == 0 and "stale" not in result.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="file names that are not UTF-8: Linux file systems")
def test_a_file_name_that_is_not_utf8_is_recorded_and_matched(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(WRONG_CELL, os.fsdecode(bytes(reports) + b"/b\xff.yaml"))
    data = _record(tmp_path)
    assert [e["file"] for e in data["entries"]] == ["reports/b\\udcff.yaml"]
    result = _check(tmp_path)
    assert result.returncode == 0 and result.stdout == "", result.stderr


def test_the_summary_of_a_folder_run_says_how_many_findings_the_baseline_hid(folder):
    """The text summary (and `--statistics`) count what the baseline hid beside the verdicts."""
    data = _record(folder)
    hidden = sum(e["count"] for e in data["entries"])
    text = run_cli("reports", "--baseline", BASELINE, "--lang", "en", "--no-color", cwd=folder)
    assert text.returncode == 0, text.stderr
    assert f"; {hidden} findings hidden by the baseline" in text.stdout
    zh = run_cli("reports", "--baseline", BASELINE, "--no-color", "-q", cwd=folder)
    assert f"；基线隐去 {hidden} 个已记录的问题" in zh.stdout
    counts = run_cli("reports", "--baseline", BASELINE, "--lang", "en", "--statistics", cwd=folder)
    assert f"{hidden} findings hidden by the baseline" in counts.stdout
    plain = run_cli("reports", "--lang", "en", "--no-color", cwd=folder)
    assert "hidden by the baseline" not in plain.stdout
