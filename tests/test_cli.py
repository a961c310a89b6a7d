"""The command line as users and scripts see it: exit codes, output formats, options, config."""

from __future__ import annotations

import json

import pytest

from conftest import CORRECTED, EXAMPLES, SEED, run_cli


def test_seed_exits_1_with_its_real_defects_and_lines():
    result = run_cli("--format", "json", str(SEED))
    assert result.returncode == 1
    findings = json.loads(result.stdout)
    got = [(f["code"], f["line"]) for f in findings]
    assert ("RL502", 11) in got and ("RL504", 11) in got
    assert ("RL203", 48) in got and ("RL203", 74) in got
    assert all(set(f) >= {"code", "severity", "message", "file", "line", "column", "path"} for f in findings)
    assert findings == sorted(findings, key=lambda f: (f["file"], f["line"], f["column"], f["code"]))


def test_corrected_exits_0_and_says_so():
    result = run_cli("--no-color", "--lang", "en", str(CORRECTED))
    assert result.returncode == 0, result.stdout
    assert "All clean: 1 file checked." in result.stdout


def test_text_output_shows_code_place_message_and_source_line():
    result = run_cli("--no-color", "--lang", "zh", str(SEED))
    out = result.stdout
    assert "11:6" in out and "RL502" in out and "末尾多了“)”" in out
    assert '11 │ url: "http://kjj.sxxz.gov.cn/)"' in out


def test_json_stdout_is_only_json():
    result = run_cli("--format", "json", str(CORRECTED))
    assert json.loads(result.stdout) == [] and result.returncode == 0


def test_sarif_output_is_sarif_2_1_0():
    result = run_cli("--format", "sarif", str(SEED))
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    ids = {r["id"] for r in run["tool"]["driver"]["rules"]}
    assert {"RL301", "RL502"} <= ids
    result0 = next(r for r in run["results"] if r["ruleId"] == "RL502")
    assert result0["level"] == "error"
    assert result0["locations"][0]["physicalLocation"]["region"] == {"startLine": 11, "startColumn": 6}


def test_github_annotations():
    result = run_cli("--format", "github", str(SEED))
    lines = [line for line in result.stdout.splitlines() if line.startswith("::error")]
    assert any("line=11,col=6,title=RL502 url-malformed::" in line for line in lines)


def test_other_scheme_before_a_good_host_names_the_scheme(tmp_path):
    report = tmp_path / "r.yaml"
    report.write_text('agency: 示例市科学技术局\nyear: 2024\nurl: "ftp://kjj.sxxz.gov.cn/2024.html"\n', encoding="utf-8")
    result = run_cli("--format", "concise", "--lang", "en", "--select", "RL502", str(report))
    assert "is malformed: the scheme “ftp” is not http:// or https:// (url-malformed)" in result.stdout, result.stdout


def test_concise_output():
    result = run_cli("--format", "concise", "--lang", "en", str(SEED))
    assert f"{SEED}:11:6: RL502 [error] the URL" in result.stdout


@pytest.mark.parametrize(
    ("args", "codes"),
    [
        (["--select", "RL5"], {"RL502", "RL504"}),
        (["--ignore", "RL5,RL203"], {"RL603", "RL604"}),
        (["--select", "RL203"], {"RL203"}),
    ],
)
def test_select_and_ignore(args, codes):
    result = run_cli("--format", "json", *args, str(SEED))
    assert {f["code"] for f in json.loads(result.stdout)} == codes
    errors = {"RL502", "RL203"}  # the seed's error-level findings; the others are warnings and notes
    assert result.returncode == (1 if codes & errors else 0)


def test_folder_is_searched_recursively_and_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.yaml").write_text(CORRECTED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "a.yml").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "notes.md").write_text("not a report")
    findings = json.loads(run_cli("--format", "json", str(tmp_path)).stdout)
    assert {f["file"] for f in findings} == {str(tmp_path / "a.yml")}


def test_parallel_run_gives_the_same_findings(tmp_path):
    for n in range(6):
        (tmp_path / f"r{n}.yaml").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    serial = run_cli("--format", "json", "-j", "1", str(tmp_path)).stdout
    parallel = run_cli("--format", "json", "-j", "2", str(tmp_path)).stdout
    assert serial == parallel and len(json.loads(serial)) == 6 * 6


@pytest.mark.parametrize(
    "args",
    [["--format", "xml", "x.yaml"], ["--bogus"], [], ["--select", "not a code", "x.yaml"], ["-j", "two", "x"]],
)
def test_bad_options_exit_2_with_one_line(args):
    result = run_cli(*args)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_version():
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.startswith("reportlint ")


def test_config_in_pyproject_is_applied(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.reportlint]\nignore = ["RL5"]\nlang = "en"\n')
    report = tmp_path / "r.yaml"
    report.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    findings = json.loads(run_cli("--format", "json", "r.yaml", cwd=tmp_path).stdout)
    assert findings and not [f for f in findings if f["code"].startswith("RL5")]
    assert findings[0]["message"] == findings[0]["message_en"]


def test_config_severity_override(tmp_path):
    (tmp_path / ".reportlint.yaml").write_text("severity:\n  RL203: warning\n  RL502: off\n")
    report = tmp_path / "r.yaml"
    report.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("--format", "json", "r.yaml", cwd=tmp_path)
    findings = json.loads(result.stdout)
    assert {(f["code"], f["severity"]) for f in findings} == {
        ("RL203", "warning"), ("RL504", "info"), ("RL603", "warning"), ("RL604", "warning")}
    assert result.returncode == 0


@pytest.mark.parametrize(
    "config",
    ["selekt = ['RL3']\n", "severity = {RL301 = 'fatal'}\n", "township-deadline = '02-30'\n", "select = 3\n"],
)
def test_invalid_config_exits_2_with_one_line(tmp_path, config):
    (tmp_path / "pyproject.toml").write_text("[tool.reportlint]\n" + config)
    result = run_cli(str(EXAMPLES / "xinzhou-kjj-2024.yaml"), cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_schema_is_json_schema_with_the_pack_rows():
    schema = json.loads(run_cli("schema").stdout)
    assert schema["required"] == ["agency", "year"]
    table3 = schema["properties"]["tables"]["properties"]["依申请公开"]["properties"]
    assert "本年新收政府信息公开申请数量" in table3
    assert "其他处理" in table3["本年度办理结果"]["properties"]


def test_python_dash_m_and_console_script_agree():
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    exe = str(Path(sys.executable).with_name("reportlint"))
    if not Path(exe).exists():
        exe = shutil.which("reportlint")
    assert exe, "the console script `reportlint` is installed beside the interpreter"
    a = subprocess.run([exe, "--format", "json", str(SEED)], capture_output=True, text=True)
    b = run_cli("--format", "json", str(SEED))
    assert a.stdout == b.stdout and a.returncode == b.returncode == 1


def test_statistics_counts_findings_per_rule(tmp_path):
    for n in range(3):
        (tmp_path / f"r{n}.yaml").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "ok.yaml").write_text(CORRECTED.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("--statistics", str(tmp_path))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["6", "RL203", "error", "other-format-version", "(3", "of", "4", "files)"]
    data = json.loads(run_cli("--statistics", "--format", "json", str(tmp_path)).stdout)
    assert {d["code"]: (d["count"], d["files"]) for d in data}["RL502"] == (3, 3)


def test_exclude_globs_skip_files_in_folders_and_with_force_exclude(tmp_path):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "d.yaml").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "final.yaml").write_text(CORRECTED.read_text(encoding="utf-8"), encoding="utf-8")
    assert run_cli("--exclude", "drafts/*", str(tmp_path)).returncode == 0
    (tmp_path / "pyproject.toml").write_text('[tool.reportlint]\nexclude = ["drafts/*"]\n')
    assert run_cli(str(tmp_path), cwd=tmp_path).returncode == 0
    named = str(tmp_path / "drafts" / "d.yaml")
    assert run_cli("--exclude", "*/drafts/*", named).returncode == 1  # a named file is checked …
    assert run_cli("--exclude", "*/drafts/*", "--force-exclude", named).returncode == 0  # … unless forced


@pytest.mark.parametrize("output", ["text", "concise", "json", "sarif", "github"])
def test_a_missing_file_is_rl001_exit_1_in_every_format(tmp_path, output):
    result = run_cli("--format", output, "--no-color", str(tmp_path / "nope.yaml"))
    assert result.returncode == 1, result.stderr
    assert "RL001" in result.stdout and "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize("output", ["text", "concise", "sarif", "github"])
def test_every_writer_survives_the_whole_bad_input_corpus(output):
    corpus = EXAMPLES.parent / "tests" / "corpus"
    result = run_cli("--format", output, "--no-color", "-j", "2", str(corpus), timeout=300)
    assert result.returncode == 1
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr + result.stdout
