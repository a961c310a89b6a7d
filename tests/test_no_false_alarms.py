"""Through the command line: rules accuse only what is really wrong, and say what they did not check."""

from __future__ import annotations

import json
from datetime import date

import yaml
from tests.conftest import ROOT, run_cli

BASE = (ROOT / "tests" / "cases" / "_base" / "corrected-2021.yaml").read_text(encoding="utf-8")


def _codes(tmp_path, text: str, *args: str) -> list[tuple[str, str]]:
    report = tmp_path / "r.yaml"
    report.write_text(text, encoding="utf-8")
    result = run_cli("--format", "json", *args, "r.yaml", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    return [(f["code"], f["severity"]) for f in json.loads(result.stdout)]


def _with(**fields: object) -> str:
    data = yaml.safe_load(BASE)
    data.update(fields)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_a_bare_address_is_rl505_info_not_rl502(tmp_path):
    found = _codes(tmp_path, _with(url="www.example.gov.cn/xxgk/2024.html"))
    assert found == [("RL505", "info")]
    assert _codes(tmp_path, _with(url="www.shanghai.gov.cn）")) == [("RL502", "error")]


def test_a_zone_management_committee_gets_the_later_deadline(tmp_path):
    late_for_a_department = _with(agency="某某经济技术开发区管理委员会", published=date(2025, 3, 20))
    assert _codes(tmp_path, late_for_a_department) == []
    assert _codes(tmp_path, _with(agency="某某市财政局", published=date(2025, 3, 20))) == [("RL402", "error")]


def test_the_setting_agency_kind_settles_an_unsure_guess(tmp_path):
    (tmp_path / ".reportlint.yaml").write_text("agency-kind: department\n", encoding="utf-8")
    found = _codes(tmp_path, _with(agency="某某经济技术开发区管理委员会", published=date(2025, 3, 20)))
    assert found == [("RL402", "error")]


def test_a_bad_agency_kind_setting_cannot_run(tmp_path):
    (tmp_path / ".reportlint.yaml").write_text("agency-kind: ministry\n", encoding="utf-8")
    (tmp_path / "r.yaml").write_text(BASE, encoding="utf-8")
    result = run_cli("r.yaml", cwd=tmp_path)
    assert result.returncode == 2 and "agency-kind" in result.stderr and "Traceback" not in result.stderr


def test_no_publication_date_says_the_deadline_was_not_checked(tmp_path):
    text = "\n".join(line for line in BASE.splitlines() if not line.startswith("published:")) + "\n"
    assert _codes(tmp_path, text) == [("RL405", "info")]


def test_rectification_next_year_is_not_last_year(tmp_path):
    text = BASE.replace("上年度报告", "下一步整改措施：")
    assert ("RL603", "warning") in _codes(tmp_path, text)
    text = BASE.replace("上年度报告", "针对2023年度存在的问题，")
    assert _codes(tmp_path, text) == []


def test_text_against_table_two(tmp_path):
    text = _with(preamble="本年度制发规章2件。")
    assert _codes(tmp_path, text) == [("RL605", "warning")]
    assert _codes(tmp_path, _with(preamble="本年度制发文件12件。")) == []
