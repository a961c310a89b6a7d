"""What the command line promises, through the real command line: an unreadable input is never
hidden, bad options are one line and exit 2, options may come before a subcommand, colour follows
the environment as people expect."""

from __future__ import annotations

import json
import os

import pytest

from conftest import EXAMPLES, run_cli
from reportlint.cli.main import main

SYNTAX = str(EXAMPLES / "broken" / "syntax.yaml")
CLEAN = str(EXAMPLES / "county-2024.yaml")


def _json(capsys, *args: str) -> tuple[int, list[dict]]:
    code = main(["--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)


# 1. An unreadable or unparsable input is reported whatever selection, configuration or suppression says


@pytest.mark.parametrize(
    "args",
    [
        ["--select", "RL3", SYNTAX],
        ["--ignore", "RL001", SYNTAX],
        ["--ignore", "RL", "missing.yaml"],
        ["--select", "RL3", "old.doc"],
        ["--select", "RL3", "--previous", "missing.yaml", CLEAN],
        ["--ignore", "RL001", "--previous", "missing.yaml", CLEAN],
    ],
)
def test_unreadable_input_cannot_be_selected_away(capsys, args):
    code, findings = _json(capsys, *args)
    assert code == 1
    assert [(f["code"], f["severity"]) for f in findings] == [("RL001", "error")]


def test_binary_input_is_reported_under_select(tmp_path, capsys):
    path = tmp_path / "report.yaml"
    path.write_bytes(b"\x00\x01\x02\xff" * 64)
    code, findings = _json(capsys, "--select", "RL3", str(path))
    assert code == 1 and [f["code"] for f in findings] == ["RL001"]


@pytest.mark.parametrize(
    "config",
    [
        'select = ["RL3"]',
        'ignore = ["RL001"]',
        'severity = { RL001 = "off" }',
        'severity = { RL001 = "warning", RL = "info" }',
    ],
)
def test_unreadable_input_cannot_be_configured_away(tmp_path, monkeypatch, capsys, config):
    (tmp_path / "pyproject.toml").write_text(f"[tool.reportlint]\n{config}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, findings = _json(capsys, SYNTAX)
    assert code == 1
    assert [(f["code"], f["severity"]) for f in findings] == [("RL001", "error")]


@pytest.mark.parametrize("directive", ["file-ignore[RL001]", "file-ignore[RL]"])
def test_unreadable_previous_cannot_be_suppressed(tmp_path, capsys, directive):
    report = tmp_path / "report.yaml"
    report.write_text(
        (EXAMPLES / "county-2024.yaml").read_text(encoding="utf-8").replace("previous: county-2023.yaml", "")
        + f"previous: gone.yaml\n# reportlint: {directive}\n",
        encoding="utf-8",
    )
    code, findings = _json(capsys, str(report))
    assert code == 1
    assert ("RL001", "error") in {(f["code"], f["severity"]) for f in findings}


def test_unreadable_input_text_output_is_not_all_clean():
    result = run_cli("--lang", "en", "--select", "RL3", SYNTAX)
    assert result.returncode == 1
    assert "RL001" in result.stdout and "All clean" not in result.stdout


# 2. Bad options are one line on stderr naming the option and the known values, exit 2, nothing on stdout


def _usage_error(capsys, *args: str) -> str:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith("reportlint: ")
    return err


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--pack", "foo", CLEAN], ["--pack foo", "gov-2019", "gov-2021"]),
        (["--pack", "gov2021", CLEAN], ["--pack gov2021", "did you mean gov-2021?"]),
        (["-j", "0", CLEAN], ["-j 0", "at least 1"]),
        (["-j", "-3", CLEAN], ["-j -3", "at least 1"]),
        (["schema", "--pack", "foo"], ["--pack foo", "gov-2021"]),
        (["schema", "--pack", "gov-2012"], ["did you mean"]),
    ],
)
def test_bad_option_is_one_line_exit_2(capsys, args, says):
    err = _usage_error(capsys, *args)
    assert all(s in err for s in says), err
    assert "internal error" not in err


def test_known_pack_option_still_checks(capsys):
    code, findings = _json(capsys, "--pack", "gov-2021", CLEAN)
    assert code == 0 and findings == []


def test_unknown_format_in_the_report_stays_a_finding(tmp_path, capsys):
    report = tmp_path / "report.yaml"
    report.write_text("agency: 示例市科学技术局\nyear: 2024\nformat: prov-x\n", encoding="utf-8")
    code, findings = _json(capsys, str(report))
    assert code == 1 and any(f["code"] == "RL002" and f["path"] == "format" for f in findings)


# 5. --statistics prints text or JSON, and refuses the other formats


@pytest.mark.parametrize("output", ["sarif", "github", "concise"])
def test_statistics_refuses_machine_formats(capsys, output):
    err = _usage_error(capsys, "--statistics", "--format", output, CLEAN)
    assert "--statistics prints text or json" in err and "--format json" in err


def test_statistics_in_github_actions_prints_text_counts():
    env = {**os.environ, "GITHUB_ACTIONS": "true"}
    result = run_cli("--statistics", str(EXAMPLES / "broken" / "syntax.yaml"), env=env)
    assert result.returncode == 1
    assert result.stdout.split()[:4] == ["1", "RL001", "error", "unreadable-file"]


def test_statistics_json_is_json(capsys):
    code, data = _json(capsys, "--statistics", SYNTAX)
    assert code == 1 and [d["code"] for d in data] == ["RL001"]


# 3. A blanket suppression is RL902, not silently nothing; codes without a space after the comma work


@pytest.mark.parametrize(
    "comment", ["# reportlint: ignore 经批准", "# reportlint: ignore[]", "#reportlint: file-ignore"]
)
def test_blanket_suppression_is_rl902(tmp_path, capsys, comment):
    report = tmp_path / "report.yaml"
    report.write_text(f"agency: 示例市科学技术局\nyear: 2024\npublished: 2025-02-03  {comment}\n", encoding="utf-8")
    code, findings = _json(capsys, "--lang", "en", str(report))
    blanket = [f for f in findings if f["code"] == "RL902"]
    assert len(blanket) == 1 and blanket[0]["line"] == 3 and "must name the codes" in blanket[0]["message"]
    assert any(f["code"] == "RL402" for f in findings) and code == 1


def test_codes_without_space_after_comma_suppress(tmp_path, capsys):
    report = tmp_path / "report.yaml"
    report.write_text(
        "agency: 示例市科学技术局\nyear: 2024\nperiod: {start: 2024-01-01, end: 2024-11-30}\n"
        "published: 2025-02-03  # reportlint: ignore[RL402,RL903]\n",
        encoding="utf-8",
    )
    _, findings = _json(capsys, "--select", "RL4,RL9", str(report))
    codes = [f["code"] for f in findings]
    assert "RL402" not in codes and "RL902" not in codes and "RL401" in codes


# 4. RL002 says which value of a row is extra, or how many are missing


@pytest.mark.parametrize(
    ("row", "says"),
    [
        ("[80, 7, 2, 1, 3, 2, 95, 5]", "1 value too many (the 8th: 5)"),
        ("[80, 7, 2, 1, 3, 95]", "has 6 where the format has 7 (自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计): 1 missing"),
    ],
)
def test_row_length_says_extra_or_missing(tmp_path, capsys, row, says):
    report = tmp_path / "report.yaml"
    report.write_text(
        f"agency: 示例市科学技术局\nyear: 2024\ntables:\n  依申请公开:\n    本年新收政府信息公开申请数量: {row}\n",
        encoding="utf-8",
    )
    _, findings = _json(capsys, "--lang", "en", "--select", "RL002", str(report))
    assert [f["code"] for f in findings] == ["RL002"] and says in findings[0]["message"]


# 6. Global options may come before a subcommand


def test_lang_before_rules(capsys):
    assert main(["--lang", "en", "rules", "RL301"]) == 0
    assert "Failing example" in capsys.readouterr().out
    assert main(["--lang=zh", "rules", "RL301"]) == 0
    assert "违规示例" in capsys.readouterr().out


def test_no_color_before_rules(capsys):
    assert main(["--no-color", "rules"]) == 0
    assert capsys.readouterr().out.startswith("RL001")


def test_lang_before_convert(tmp_path, capsys):
    doc = tmp_path / "x.txt"
    doc.write_text("这不是年报。\n", encoding="utf-8")
    assert main(["--lang", "en", "convert", str(doc)]) == 1
    err = capsys.readouterr().err
    assert "internal error" not in err and "unrecognized" not in err and "section headings" in err


def test_lang_before_schema_and_plugins(capsys):
    assert main(["--lang", "en", "--no-color", "schema"]) == 0
    assert json.loads(capsys.readouterr().out)["$schema"].startswith("https://json-schema.org")
    assert main(["--no-color", "plugins"]) == 0
    assert "reportlint (built-in)" in capsys.readouterr().out


def test_file_named_like_a_command_is_checked_as_dot_slash(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rules").write_text("agency: [unclosed\n", encoding="utf-8")
    code, findings = _json(capsys, "./rules")
    assert code == 1 and [f["code"] for f in findings] == ["RL001"]
    assert main(["--lang", "en", "rules", "RL301"]) == 0  # the command word still wins
    capsys.readouterr()


# 7. An unknown command word, or a near miss, that is no existing path


def test_near_miss_command_is_one_line_exit_2(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    err = _usage_error(capsys, "rule", "RL301")
    assert err == "reportlint: no file or command 'rule' (did you mean: rules?)\n"
    assert "did you mean: rules?" in _usage_error(capsys, "--lang", "en", "rulez")
    assert "no file or command 'frobnicate'" in _usage_error(capsys, "frobnicate")


def test_existing_path_named_like_a_near_miss_is_checked(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rule").write_text("agency: [unclosed\n", encoding="utf-8")
    code, findings = _json(capsys, "rule")
    assert code == 1 and [f["code"] for f in findings] == ["RL001"]
    assert main(["--format", "json", "missing.yaml"]) == 1  # a missing report file stays RL001
    capsys.readouterr()


def test_near_miss_through_the_real_command_line(tmp_path):
    result = run_cli("rule", "RL301", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "reportlint: no file or command 'rule' (did you mean: rules?)\n"


# 8. --help lists the commands and the exit codes; -V prints the version


def test_help_lists_commands_and_exit_codes(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    for command in ("check", "rules", "convert", "schema", "plugins"):
        assert f"\n  {command} " in out
    assert all(f"\n  {code}  " in out for code in "012")


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version_flags(flag):
    from reportlint.version import __version__

    result = run_cli(flag)
    assert (result.returncode, result.stdout) == (0, f"reportlint {__version__}\n")


# 9. FORCE_COLOR and NO_COLOR (non-empty) decide colour when not a terminal; --color / --no-color win


@pytest.mark.parametrize(
    ("env", "args", "coloured"),
    [
        ({}, [], False),
        ({"FORCE_COLOR": "1"}, [], True),
        ({"FORCE_COLOR": ""}, [], False),
        ({"FORCE_COLOR": "1"}, ["--no-color"], False),
        ({"NO_COLOR": "1"}, ["--color"], True),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, [], False),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, ["--color"], True),
    ],
)
def test_colour_follows_force_color_no_color_and_the_options(env, args, coloured):
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS")}
    result = run_cli(*args, SYNTAX, env={**base, **env})
    assert result.returncode == 1 and "RL001" in result.stdout
    assert ("\x1b[" in result.stdout) == coloured
