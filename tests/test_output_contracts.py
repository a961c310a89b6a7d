"""Output contracts through the command line: places as structured data, the document place model
in JSON and SARIF, SARIF against the official schema, the JSON order, `--previous` of another agency."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, SEED, run_cli

FIXTURES = Path(__file__).parent / "fixtures"
PDF = FIXTURES / "realworld" / "hongze-district-2024.pdf"
REAL = FIXTURES / "realworld"
BASE_2019 = Path(__file__).parent / "cases" / "_base" / "corrected-2019.yaml"


def _json(*args: str) -> list[dict]:
    done = run_cli("--format", "json", *args)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


def _sarif(*args: str, cwd: Path | None = None) -> dict:
    done = run_cli("--format", "sarif", *args, cwd=cwd)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


# --- places as data -----------------------------------------------------------------------------


def test_a_blank_cell_under_a_label_with_a_slash_is_named_whole(tmp_path: Path) -> None:
    report = tmp_path / "2019.yaml"
    report.write_text(BASE_2019.read_text(encoding="utf-8").replace("行政许可: [10, 2, 56]", '行政许可: [10, "/", 56]'),
                      encoding="utf-8")
    (found,) = [f for f in _json(str(report)) if f["code"] == "RL204"]
    assert "本年增/减“/”" in found["message"]
    assert found["path"].endswith("/本年增/减")  # the text form: "/"-separated keys (cli.md)
    assert found["place"] == ["tables", "主动公开", "行政许可", "本年增/减"]  # the keys, whole


# --- places in documents ------------------------------------------------------------------------


@pytest.fixture
def pdf_findings() -> list[dict]:
    return _json(str(PDF))


def test_json_gives_pdf_places_in_documented_fields(pdf_findings: list[dict]) -> None:
    sourced = [f for f in pdf_findings if f.get("source")]
    assert sourced
    for f in sourced:
        source = f["source"]
        assert source["kind"] == "pdf" and isinstance(source["page"], int) and source["where"]
        assert "line" not in source  # a PDF has pages, not lines
    cell = next(f for f in sourced if f["code"] == "RL203")
    assert {k: cell["source"][k] for k in ("page", "table", "row", "column")} == {
        "page": 4, "table": 5, "row": 8, "column": 2}


def test_related_places_of_a_pdf_point_into_the_pdf() -> None:
    pdf = REAL / "hongze-district-2023.pdf"
    findings = _json(str(pdf))
    related = [r for f in findings for r in f.get("related", [])]
    assert related
    for r in related:  # before, these were lines of the hidden converted YAML (62–83 in a 4-page PDF)
        assert r["source"]["kind"] == "pdf" and r["line"] == r["source"]["page"] <= 5


def test_txt_places_have_line_and_column(tmp_path: Path) -> None:
    seed_txt = FIXTURES / "seeds" / "000_be6913bfd7940931.txt"  # the text of examples/xinzhou-kjj-2024
    found = next(f for f in _json(str(seed_txt)) if f["code"] == "RL502")
    assert found["source"] == {"kind": "txt", "line": 3, "column": found["source"]["column"], "where": "第3行"}


# --- SARIF --------------------------------------------------------------------------------------


def _validate(log: dict) -> None:
    import jsonschema  # with rfc3986-validator installed, it checks the uri-reference format
    schema = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_sarif_of_a_yaml_report_is_valid_sarif() -> None:
    log = _sarif(str(SEED.relative_to(ROOT)), cwd=ROOT)
    _validate(log)
    results = log["runs"][0]["results"]
    assert results and all("region" in r["locations"][0]["physicalLocation"] for r in results)
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "examples/xinzhou-kjj-2024.yaml"


def test_sarif_of_a_file_named_with_spaces_and_chinese_is_valid(tmp_path: Path) -> None:
    folder = tmp_path / "年报 2024"
    folder.mkdir()
    shutil.copy(EXAMPLES / "broken" / "one-wrong-cell.yaml", folder / "县 科技局.yaml")
    log = _sarif("年报 2024/县 科技局.yaml", cwd=tmp_path)
    _validate(log)
    (result,) = log["runs"][0]["results"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "%E5%B9%B4%E6%8A%A5%202024/%E5%8E%BF%20%E7%A7%91%E6%8A%80%E5%B1%80.yaml"  # relative stays relative
    assert result["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == uri
    absolute = _sarif(str(folder / "县 科技局.yaml"))
    _validate(absolute)
    assert absolute["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith(
        "file:///")


def test_sarif_of_a_pdf_gives_pages_not_lines() -> None:
    log = _sarif(str(PDF), "--lang", "en")
    _validate(log)
    results = [r for r in log["runs"][0]["results"] if r.get("properties", {}).get("source")]
    assert results
    for r in results:
        assert "region" not in r["locations"][0]["physicalLocation"]  # a page is no line
        page = r["properties"]["source"]["page"]
        assert f"page {page}" in r["message"]["text"]
    cell = next(r for r in results if r["ruleId"] == "RL203")
    assert cell["message"]["text"].endswith("(page 4, table 5, row 8, column 2)")


# --- JSON order ---------------------------------------------------------------------------------


def test_json_is_sorted_by_file_across_inputs(tmp_path: Path) -> None:
    for name in ("b.yaml", "a.yaml"):
        shutil.copy(EXAMPLES / "broken" / "dates-and-url.yaml", tmp_path / name)
    findings = _json(str(tmp_path / "b.yaml"), str(tmp_path / "a.yaml"))
    keys = [(f["file"], f["line"], f["column"], f["code"]) for f in findings]
    assert keys == sorted(keys)
    assert Path(keys[0][0]).name == "a.yaml" and Path(keys[-1][0]).name == "b.yaml"


# --- --previous of another agency ---------------------------------------------------------------


def _report(folder: Path, name: str, agency: str, year: int) -> Path:
    text = (EXAMPLES / ("county-2024.yaml" if year == 2024 else "county-2023.yaml")).read_text(encoding="utf-8")
    text = re.sub(r"^agency: .*$", f"agency: {agency}", text, count=1, flags=re.M)
    text = re.sub(r"^previous: .*\n", "", text, flags=re.M)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_previous_of_another_agency_is_not_compared(tmp_path: Path) -> None:
    last = _report(tmp_path, "洪泽区2023.yaml", "洪泽区人民政府", 2023)
    city = _report(tmp_path, "淮安市2024.yaml", "淮安市人民政府", 2024)
    district = _report(tmp_path, "洪泽区2024.yaml", "淮安市 洪泽区人民政府", 2024)
    findings = _json("--previous", str(last), str(city), str(district))
    by_file: dict[str, list[str]] = {}
    for f in (f for f in findings if f["code"].startswith("RL7")):
        by_file.setdefault(Path(f["file"]).name, []).append(f["code"])
    assert by_file.get("淮安市2024.yaml") == ["RL704"]  # a note why, and no RL7 comparison
    assert "RL704" not in by_file.get("洪泽区2024.yaml", [])
    note = next(f for f in findings if f["code"] == "RL704")
    assert note["severity"] == "info" and "洪泽区人民政府" in note["message"] and "淮安市人民政府" in note["message"]
