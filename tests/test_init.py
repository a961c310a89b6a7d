"""`reportlint init`: a blank report of a year's format, generated from the pack, that passes every
error-level rule (docs/cli.md, "Starting a report")."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES, run_cli

#: What a blank report may still be told: no address yet (RL501), no publication date yet (RL405).
EXPECTED_LEFT = {"RL501", "RL405"}


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "REPORTLINT_LANG": "en", **extra}


def _codes(path: Path, cwd: Path) -> list[dict]:
    run = run_cli("--format", "json", str(path), cwd=cwd, env=_env())
    assert run.returncode == 0, run.stdout + run.stderr
    return json.loads(run.stdout)


@pytest.mark.parametrize(("year", "agency", "kind", "pack"), [
    (2025, "某某县人民政府", None, "gov-2021"),
    (2024, "某某市教育局", "department", "gov-2021"),
    (2024, "某某镇人民政府", None, "gov-2021"),
    (2025, "某某开发区管理委员会", None, "gov-2021"),  # a kind the name does not say for sure
    (2020, "某某市教育局", None, "gov-2019"),  # the year chooses the pack, as the checker does
])
def test_init_yaml_passes_every_error_rule(tmp_path, year, agency, kind, pack):
    out = tmp_path / f"{year}.yaml"
    args = ["init", "--year", str(year), "--agency", agency, "-o", str(out)]
    run = run_cli(*args, *(["--kind", kind] if kind else []), cwd=tmp_path, env=_env())
    assert run.returncode == 0, run.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=report.schema.json\n")
    data = yaml.safe_load(text)
    assert data["agency"] == agency and data["year"] == year and data.get("agency_kind") == kind
    assert str(data["period"]["start"]) == f"{year}-01-01" and str(data["period"]["end"]) == f"{year}-12-31"
    assert "published" in data and data["published"] is None
    assert f"{year + 1}年1月31日前（条例第四十九条第一款）" in text
    findings = _codes(out, tmp_path)
    assert {f["code"] for f in findings} == EXPECTED_LEFT, findings
    assert all(f["severity"] != "error" for f in findings)
    assert (f"pack: {pack}" in text) is False  # chosen by the year, not written


def test_init_writes_every_section_and_every_cell_of_the_pack(tmp_path):
    from reportlint.format.library import builtin
    from reportlint.format.skeleton import section_key

    run = run_cli("init", "--year", "2025", "--agency", "某某县人民政府", cwd=tmp_path, env=_env())
    assert run.returncode == 0, run.stderr
    data = yaml.safe_load(run.stdout)
    pack = builtin().pack("gov-2021")
    assert list(data["sections"]) == [section_key(s) for s in pack.sections]
    for table in pack.tables:
        for leaf in table.leaves():
            value = data["tables"][table.id]
            for key in leaf.path.split("/"):
                value = value[key]
            assert value == (0 if len(leaf.columns) == 1 else [0] * len(leaf.columns)), leaf.path
    # the hints name what the content rules look for (RL601's five aspects, 工作考核 for a government)
    assert "工作考核" in data["sections"]["一、总体情况"]
    assert "信息处理费" in data["sections"]["六、其他需要报告的事项"]


def test_init_a_new_pack_gives_its_own_skeleton(tmp_path):
    shutil.copytree(EXAMPLES / "prov-example" / "packs", tmp_path / "packs")
    (tmp_path / ".reportlint.yaml").write_text("packs: [packs]\npack: prov-x\ntownship-deadline: 02-15\n",
                                              encoding="utf-8")
    out = tmp_path / "r.yaml"
    run = run_cli("init", "--year", "2025", "--agency", "某某镇人民政府", "-o", str(out), cwd=tmp_path, env=_env())
    assert run.returncode == 0, run.stderr
    text = out.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["pack"] == "prov-x"
    assert data["tables"]["主动公开"]["行政裁决"] == [0, 0, 0]
    assert "# 列：本年受理数量、本年处理决定数量、结转下年数量" in text
    assert "→ 乡镇人民政府、街道办事处：2026年2月15日前（本地配置 township-deadline）" in text
    assert {f["code"] for f in _codes(out, tmp_path)} == EXPECTED_LEFT


def test_init_never_overwrites_without_force(tmp_path):
    out = tmp_path / "2025.yaml"
    out.write_text("keep\n", encoding="utf-8")
    args = ("init", "--year", "2025", "--agency", "某某县人民政府", "-o", str(out))
    run = run_cli(*args, cwd=tmp_path, env=_env())
    assert run.returncode == 2 and "exists; use --force" in run.stderr
    assert out.read_text(encoding="utf-8") == "keep\n"
    assert run_cli(*args, "--force", cwd=tmp_path, env=_env()).returncode == 0
    assert out.read_text(encoding="utf-8").startswith("# yaml-language-server")


@pytest.mark.parametrize(("args", "message"), [
    (["--year", "2025", "--agency", "x", "--kind", "county"], "--kind county: choose one of township, government, department"),
    (["--year", "2025", "--agency", " "], "--agency: give the name"),
    (["--year", "1800", "--agency", "x"], "--year 1800"),
    (["--year", "2025", "--agency", "x", "--pack", "gov-2012"], "--pack gov-2012: no such rule pack"),
    (["--year", "2025", "--agency", "x", "--docx"], "--docx writes a file"),
    (["--agency", "x"], "--year"),
])
def test_init_refuses_bad_options_in_one_line(tmp_path, args, message):
    run = run_cli("init", *args, cwd=tmp_path, env=_env())
    assert run.returncode == 2
    assert message in run.stderr and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


def _facts(path: Path) -> tuple[list[str], list, object]:
    """(codes of the findings, every cell of the three tables, the facts) of a report or document."""
    from reportlint.engine.run import check_file
    from reportlint.engine.settings import Settings

    facts: list = []
    findings = check_file(path, Settings(), facts=facts)
    return [f.code for f in findings], [t.cells() for t in facts[0].tables], facts[0]


@pytest.mark.parametrize(("year", "agency"), [(2025, "某某县人民政府"), (2020, "某某市教育局")])
def test_init_docx_reads_back_to_the_same_cells(tmp_path, year, agency):
    docx = pytest.importorskip("docx")
    yaml_out, docx_out = tmp_path / "r.yaml", tmp_path / "r.docx"
    base = ["init", "--year", str(year), "--agency", agency]
    assert run_cli(*base, "-o", str(yaml_out), cwd=tmp_path, env=_env()).returncode == 0
    run = run_cli(*base, "--docx", "-o", str(docx_out), cwd=tmp_path, env=_env())
    assert run.returncode == 0, run.stderr
    converted = run_cli("convert", str(docx_out), cwd=tmp_path, env=_env())
    assert converted.returncode == 0, converted.stderr
    (tmp_path / "converted.yaml").write_text(converted.stdout, encoding="utf-8")
    codes, cells, facts = _facts(tmp_path / "converted.yaml")
    yaml_codes, yaml_cells, yaml_facts = _facts(yaml_out)
    assert cells == yaml_cells and all(v == "0" for table in cells for _, _, v in table)
    assert (facts.agency, facts.year, facts.pack) == (yaml_facts.agency, yaml_facts.year, yaml_facts.pack)
    assert set(codes) == set(yaml_codes) == EXPECTED_LEFT
    checked = run_cli("--format", "json", str(docx_out), cwd=tmp_path, env=_env())
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert {f["code"] for f in json.loads(checked.stdout)} == EXPECTED_LEFT
    # laid out like the official template: the six headings, Table 二 in blocks, Table 四 across
    document = docx.Document(str(docx_out))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == f"{agency}{year}年政府信息公开工作年度报告"
    assert "一、总体情况" in texts and "六、其他需要报告的事项" in texts
    assert len(document.tables) == 3
    assert document.tables[0].cell(0, 0).text == "第二十条第（一）项" == document.tables[0].cell(0, 3).text
    assert document.tables[2].cell(0, 0).text == "行政复议" and len(document.tables[2].rows) == 3
    three = [[cell.text for cell in row.cells] for row in document.tables[1].rows[:3]]
    assert "申请人情况" in three[0] and "法人或其他组织" in three[1] and "商业企业" in three[2]  # Table 三's header as printed
    assert three[1].count("自然人") == 1 and three[2].count("自然人") == 1  # 自然人 merged down two rows


def test_init_docx_never_overwrites_without_force(tmp_path):
    out = tmp_path / "r.docx"
    out.write_bytes(b"keep")
    args = ("init", "--year", "2025", "--agency", "某某县人民政府", "--docx", "-o", str(out))
    run = run_cli(*args, cwd=tmp_path, env=_env())
    assert run.returncode == 2 and "exists; use --force" in run.stderr
    assert out.read_bytes() == b"keep"


def test_init_docx_ends_with_the_closing_the_clerk_dates(tmp_path):
    """The 落款 as in the template: the agency, then a date line; once the clerk writes the date,
    `convert` reads it as the publication date (and RL405, "no publication date", goes)."""
    docx = pytest.importorskip("docx")
    out = tmp_path / "r.docx"
    made = run_cli("init", "--year", "2025", "--agency", "某某县人民政府", "--docx", "-o", str(out), cwd=tmp_path, env=_env())
    assert made.returncode == 0, made.stderr
    document = docx.Document(str(out))
    agency, date = document.paragraphs[-2], document.paragraphs[-1]
    assert agency.text == "某某县人民政府" and "年" in date.text and not any(c.isdigit() for c in date.text)
    assert agency.alignment == date.alignment == 2  # right, as signed
    date.text = "2026年1月20日"
    document.save(str(out))
    converted = run_cli("convert", str(out), cwd=tmp_path, env=_env())
    assert converted.returncode == 0, converted.stderr
    assert "published: 2026-01-20" in converted.stdout
    checked = run_cli("--format", "json", str(out), cwd=tmp_path, env=_env())
    assert {f["code"] for f in json.loads(checked.stdout)} == EXPECTED_LEFT - {"RL405"}
