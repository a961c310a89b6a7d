"""Pairing each report of a folder run with its agency's report of the year before (RL7 without
`previous:`), through the command line: cli/pairs.py, engine/pairing.py, run._attach_paired."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_cli
from reportlint.document.agency import pair_key
from reportlint.engine.pairing import Entry, plan, scan

Y2023 = (EXAMPLES / "county-2023.yaml").read_text(encoding="utf-8")
Y2024 = (EXAMPLES / "county-2024.yaml").read_text(encoding="utf-8").replace("previous: county-2023.yaml\n", "")
AGENCY = "示例县市场监督管理局"


def _overview(text: str) -> str:
    """The text of section 一 of a report written like the county examples (one line)."""
    start = text.index("一、总体情况: |\n") + len("一、总体情况: |\n")
    return text[start : text.index("\n", start)]


def _report(folder: Path, name: str, agency: str, year: int, copied: bool = False, extra: str = "") -> Path:
    """The county report of `year` as `agency`'s; with `copied`, 2024's section 一 is 2023's."""
    text = (Y2023 if year == 2023 else Y2024).replace(f"agency: {AGENCY}", f"agency: {agency}")
    if copied:
        text = text.replace(_overview(Y2024), _overview(Y2023).replace("2023年", "2024年"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text + extra, encoding="utf-8")
    return path


def _collection(root: Path) -> Path:
    """Three agencies in 2023 and 2024 (甲 copied section 一), and 丁 with 2024 only."""
    _report(root / "2023", "jia.yaml", "示例县甲局", 2023)
    _report(root / "2024", "jia.yaml", "示例县甲局", 2024, copied=True)
    _report(root / "2023", "yi.yaml", "示例县 乙局", 2023)  # a space: still the same agency
    _report(root / "2024", "yi.yaml", "示例县乙局", 2024)
    _report(root / "2023", "bing.yaml", "示例县人民政府办公室", 2023)
    _report(root / "2024", "bing.yaml", "示例县政府办公室", 2024, copied=True)
    _report(root / "2024", "ding.yaml", "示例县丁局", 2024, copied=True)
    return root


def _rl703(result) -> set[str]:
    return {Path(f["file"]).as_posix() for f in json.loads(result.stdout) if f["code"] == "RL703"}


def test_a_folder_of_two_years_pairs_each_report_with_its_agencys_of_the_year_before(tmp_path: Path) -> None:
    _collection(tmp_path)
    result = run_cli("--format", "json", "-v", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert _rl703(result) == {"2024/jia.yaml", "2024/bing.yaml"}  # 丁 copied too, but has no 2023 report
    lines = result.stderr.splitlines()
    assert "reportlint: paired: 2024/jia.yaml (2024) ← 2023/jia.yaml (2023)" in lines
    assert "reportlint: paired: 2024/yi.yaml (2024) ← 2023/yi.yaml (2023)" in lines
    assert "reportlint: paired: 2024/bing.yaml (2024) ← 2023/bing.yaml (2023)" in lines
    assert "reportlint: no report of the year before for: 2024/ding.yaml (示例县丁局, 2024)" in lines
    assert any(line.startswith("reportlint: no report of the year before for: 2023/jia.yaml") for line in lines)
    alone = run_cli("--format", "json", "2024/jia.yaml", cwd=tmp_path)  # no folder: no pairing
    assert _rl703(alone) == set()
    quiet = run_cli("--format", "json", ".", cwd=tmp_path)
    assert "paired" not in quiet.stderr and _rl703(quiet) == _rl703(result)


def test_parallel_workers_give_the_same_findings_as_one(tmp_path: Path) -> None:
    _collection(tmp_path)
    one = run_cli("--format", "json", "-j", "1", ".", cwd=tmp_path)
    two = run_cli("--format", "json", "-j", "2", ".", cwd=tmp_path)
    assert one.returncode == two.returncode == 0
    assert json.loads(one.stdout) == json.loads(two.stdout) and _rl703(one)


def test_an_explicit_previous_wins_and_previous_keeps_its_meaning(tmp_path: Path) -> None:
    _collection(tmp_path)
    _report(tmp_path / "2024", "jia.yaml", "示例县甲局", 2024, copied=True, extra="previous: ../other/jia.yaml\n")
    other = _report(tmp_path / "other", "jia.yaml", "示例县甲局", 2023)
    other.write_text(other.read_text(encoding="utf-8").replace(_overview(Y2023), "2023年，我局重点推进决策公开和政策解读，"
                     "共发布政策解读材料12篇，举办政府开放日活动2次，新建政务公开专区1个，办理依申请公开事项81件。"),
                     encoding="utf-8")
    result = run_cli("--format", "json", "-v", "2023", "2024", cwd=tmp_path)
    assert _rl703(result) == {"2024/bing.yaml"}  # 甲 is compared with the report it names, which it did not copy
    assert "reportlint: not paired: 2024/jia.yaml (2024) names its own previous:" in result.stderr.splitlines()
    forced = run_cli("--format", "json", "-v", "--previous", "2023/bing.yaml", "2024", cwd=tmp_path)
    assert _rl703(forced) == {"2024/bing.yaml"} and "paired" not in forced.stderr
    assert {f["code"] for f in json.loads(forced.stdout)} >= {"RL704"}  # the others: another agency


def test_previous_dir_is_read_for_pairing_only(tmp_path: Path) -> None:
    _collection(tmp_path)
    (tmp_path / "2023" / "broken.yaml").write_text("agency: [\n", encoding="utf-8")
    result = run_cli("--format", "json", "-v", "--previous-dir", "2023", "2024", cwd=tmp_path)
    assert result.returncode == 0, result.stderr  # the broken 2023 file is not checked
    assert _rl703(result) == {"2024/jia.yaml", "2024/bing.yaml"}
    assert not [f for f in json.loads(result.stdout) if f["file"].startswith("2023")]
    assert "reportlint: paired: 2024/jia.yaml (2024) ← 2023/jia.yaml (2023)" in result.stderr.splitlines()
    missing = run_cli("--previous-dir", "nowhere", "2024", cwd=tmp_path)
    assert missing.returncode == 2 and "--previous-dir nowhere: no such folder" in missing.stderr


def test_two_reports_of_one_agency_and_year_pair_none(tmp_path: Path) -> None:
    _collection(tmp_path)
    _report(tmp_path / "2023", "jia-again.yaml", "示例县甲局", 2023)
    result = run_cli("--format", "json", "-v", ".", cwd=tmp_path)
    assert _rl703(result) == {"2024/bing.yaml"}
    assert ("reportlint: not paired: 2024/jia.yaml (2024): 2 reports of 示例县甲局 for 2023: "
            "2023/jia-again.yaml, 2023/jia.yaml") in result.stderr.splitlines()


def test_the_pair_is_in_the_facts_a_writer_gets(tmp_path: Path) -> None:
    env = _plugin(tmp_path / "site", "pairfacts",
        "from reportlint import hookimpl\n"
        "from reportlint.output import facts_of\n"
        "def write(results, stream, options):\n"
        "    for item in results:\n"
        "        facts = facts_of(item)\n"
        "        stream.write(f'{item[0]}\\t{facts.previous if facts else None}\\n')\n"
        "write.wants_facts = True\n"
        "@hookimpl\n"
        "def reportlint_output_formats():\n"
        "    return {'pairs': write}\n")
    root = _collection(tmp_path / "reports")
    result = run_cli("--format", "pairs", "2023", "2024", env=env, cwd=root)
    assert result.returncode == 0, result.stderr
    assert "2024/jia.yaml\t2023/jia.yaml" in result.stdout.splitlines()
    assert "2024/ding.yaml\tNone" in result.stdout.splitlines()


@pytest.mark.parametrize(("one", "other", "same"), [
    ("示例县人民政府", "示例县政府", True),
    ("示例县人民政府办公室", "示例县政府办", True),
    ("（示例县）ＡＢＣ局", "(示例县)abc局", True),
    ("示例街道办事处", "示例街道办", True),
    ("南京市鼓楼区人民政府", "鼓楼区人民政府", False),  # a leading city is never dropped: 鼓楼区 is in four
    ("示例县教育局", "示例县教育和体育局", False),
    ("人民政府", "政府", False),
])
def test_the_pairing_key_equates_only_safe_variants(one: str, other: str, same: bool) -> None:
    assert (pair_key(one) == pair_key(other)) is same


def test_the_scan_reads_quoted_values_and_leaves_unclear_ones_out() -> None:
    assert scan("agency: '甲局'  # 注\nyear: \"2024\"\nprevious: a.yaml\n") == ("甲局", 2024, True)
    assert scan("agency: 甲局 # note\nyear: 2024\nagency: 乙局\n") == ("甲局", 2024, False)
    assert scan("agency: |\n  甲局\nyear: twenty\n") == (None, None, False)
    assert scan("tables:\n  agency: 甲局\n") == (None, None, False)


def test_the_plan_pairs_by_key_and_year_and_refuses_ambiguity() -> None:
    def entry(path: str, agency: str, year: int) -> Entry:
        return Entry(path, agency, year, pair_key(agency))

    checked = [("a24", entry("a24", "甲", 2024)), ("b24", entry("b24", "乙", 2024)), ("x", None)]
    made = plan(checked, [entry("a23", "甲", 2023), entry("b23", "乙", 2023), entry("b23b", "乙", 2023)])
    assert made.previous == {"a24": "a23"}
    assert len(made.lines) == 3 and "2 reports of 乙 for 2023" in made.lines[1]


def _counting_loader(site: Path) -> dict[str, str]:
    """A plugin reading `.rpt` documents (report YAML inside) that logs every conversion."""
    env = _plugin(site, "rptloader",
        "import os\n"
        "from reportlint import hookimpl\n"
        "from reportlint.convert.converted import Converted\n"
        "class Loader:\n"
        "    name = 'rpt'\n"
        "    suffixes = ('.rpt',)\n"
        "    def convert(self, path):\n"
        "        with open(os.environ['RPT_LOG'], 'a', encoding='utf-8') as log:\n"
        "            log.write(path.name + '\\n')\n"
        "        return Converted(path.read_text(encoding='utf-8'), {}, [])\n"
        "@hookimpl\n"
        "def reportlint_loaders():\n"
        "    return [Loader()]\n")
    return {**env, "RPT_LOG": str(site / "log.txt")}


def _plugin(site: Path, name: str, source: str) -> dict[str, str]:
    """`source` installed in `site` as the reportlint plugin `name` (a package and its dist-info, as
    pip leaves them); the environment that finds it."""
    (site / name).mkdir(parents=True)
    (site / name / "__init__.py").write_text(source, encoding="utf-8")
    info = site / f"{name}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(f"[reportlint]\n{name} = {name}\n")
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_documents_are_paired_and_each_converted_once(tmp_path: Path, jobs: str) -> None:
    env = _counting_loader(tmp_path / "site")
    root = tmp_path / "reports"
    for path in _collection(root).rglob("*.yaml"):
        if path.stem != "yi":  # 乙 stays YAML: documents and YAML reports pair with each other
            path.rename(path.with_suffix(".rpt"))
    (tmp_path / "tmp").mkdir()
    env["TMPDIR"] = str(tmp_path / "tmp")  # where the conversions are kept during the run
    result = run_cli("--format", "json", "-v", "-j", jobs, "2024", "--previous-dir", "2023", env=env, cwd=root)
    assert result.returncode == 0, result.stderr
    assert list((tmp_path / "tmp").iterdir()) == []  # and removed after it
    assert _rl703(result) == {"2024/jia.rpt", "2024/bing.rpt"}
    assert "reportlint: paired: 2024/jia.rpt (2024) ← 2023/jia.rpt (2023)" in result.stderr.splitlines()
    logged = (tmp_path / "site" / "log.txt").read_text(encoding="utf-8").split()
    assert sorted(logged) == ["bing.rpt", "bing.rpt", "ding.rpt", "jia.rpt", "jia.rpt"]  # one per file


def _with_city(root: Path, short_names_long: bool) -> None:
    """甲局 as 示例县甲局 in 2023 (saying, or not, that it is 示例市示例县甲局) and 示例市示例县甲局 in 2024."""
    old = _report(root / "2023", "jia.yaml", "示例县甲局", 2023)
    if short_names_long:
        old.write_text(old.read_text(encoding="utf-8").replace("本报告根据", "本报告由示例市示例县 甲局根据"),
                       encoding="utf-8")
    _report(root / "2024", "jia.yaml", "示例市示例县甲局", 2024, copied=True)


def test_a_name_with_its_city_pairs_with_the_name_without_when_the_report_says_so(tmp_path: Path) -> None:
    _with_city(tmp_path / "says", short_names_long=True)
    result = run_cli("--format", "json", "-v", ".", cwd=tmp_path / "says")
    assert _rl703(result) == {"2024/jia.yaml"}
    assert ("reportlint: paired: 2024/jia.yaml (2024) ← 2023/jia.yaml (2023), a leading place aside"
            in result.stderr.splitlines())
    _with_city(tmp_path / "silent", short_names_long=False)  # nothing shows 示例县甲局 is 示例市's
    result = run_cli("--format", "json", "-v", ".", cwd=tmp_path / "silent")
    assert _rl703(result) == set()
    assert ("reportlint: 2024/jia.yaml: not compared with 2023/jia.yaml: it is of 示例县甲局, "
            "this report of 示例市示例县甲局") in result.stderr.splitlines()


def test_a_name_without_its_city_that_two_cities_have_pairs_with_neither(tmp_path: Path) -> None:
    _with_city(tmp_path, short_names_long=True)
    _report(tmp_path / "2024", "other.yaml", "另一市示例县甲局", 2024, copied=True)  # a county of the same name
    result = run_cli("--format", "json", "-v", ".", cwd=tmp_path)
    assert _rl703(result) == set()
    assert "reportlint: no report of the year before for: 2024/jia.yaml (示例市示例县甲局, 2024)" in result.stderr.splitlines()


@pytest.mark.parametrize(("name", "expected"), [
    ("江苏省淮安市洪泽区人民政府", ("淮安市洪泽区政府", "洪泽区政府")),
    ("淮安市科学技术局", ()),  # a department without its city names nothing
    ("淮安市人民政府", ()),
    ("示例县市场监督管理局", ()),  # 示例县市 is no leading city
])
def test_the_tails_of_a_name_keep_a_county_or_district(name: str, expected: tuple[str, ...]) -> None:
    from reportlint.document.agency import tails

    assert tails(name) == expected


def test_reports_of_one_name_but_different_kinds_of_agency_are_not_compared(tmp_path: Path) -> None:
    _report(tmp_path / "2023", "jia.yaml", "示例县甲局", 2023, extra="agency_kind: government\n")
    _report(tmp_path / "2024", "jia.yaml", "示例县甲局", 2024, copied=True, extra="agency_kind: department\n")
    result = run_cli("--format", "json", "-v", ".", cwd=tmp_path)
    assert _rl703(result) == set()
    assert ("reportlint: 2024/jia.yaml: not compared with 2023/jia.yaml: it is of a government, "
            "this report of a department") in result.stderr.splitlines()


def test_a_folder_of_one_year_says_nothing_of_pairs(tmp_path: Path) -> None:
    _report(tmp_path, "jia.yaml", "示例县甲局", 2024)
    _report(tmp_path, "yi.yaml", "示例县乙局", 2024)
    result = run_cli("--format", "json", "-v", ".", cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == ""
    with_dir = run_cli("--format", "json", "-v", ".", "--previous-dir", ".", cwd=tmp_path)
    assert "reportlint: no report of the year before for: jia.yaml (示例县甲局, 2024)" in with_dir.stderr.splitlines()


def test_a_line_names_at_most_three_of_the_reports_that_make_a_pair_ambiguous() -> None:
    """One agency with many reports of a year: each line stays short (the lines were quadratic:
    10 000 reports of a few agencies took 2 GB)."""
    from reportlint.engine.pairing import Entry, plan

    entries = [(f"r{n}.yaml", Entry(f"r{n}.yaml", "甲局", 2024, "甲局", False, ())) for n in range(500)]
    made = plan(entries, [])
    assert made.previous == {} and len(made.lines) == 500
    assert all(line.endswith("r0.yaml, r1.yaml, r2.yaml and 497 more") for line in made.lines)
    assert max(len(line) for line in made.lines) < 200
