"""--fix, --diff and --unsafe-fixes (docs/fix.md): every fix makes its finding go away and changes
nothing else; fixing never breaks a file; --diff writes nothing; unsafe fixes need the flag."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, run_cli
from test_rule_cases import all_cases, build, settings_of

BASE = (ROOT / "tests" / "cases" / "_base" / "corrected-2021.yaml").read_text(encoding="utf-8")
BASE_2019 = (ROOT / "tests" / "cases" / "_base" / "corrected-2019.yaml").read_text(encoding="utf-8")


def findings(path: Path, *args: str) -> list[dict]:
    """The findings of `reportlint --format json` on `path`."""
    result = run_cli(str(path), "--format", "json", *args)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def keys(found: list[dict]) -> Counter:
    return Counter((f["code"], f["path"]) for f in found)


def report(tmp_path: Path, text: str, name: str = "report.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


# (name, base text, the text as written, the text as fixed, the code that goes away)
SAFE = [
    ("full-width digits", BASE, "    行政许可: 56\n", "    行政许可: ５６\n", "    行政许可: 56\n", "RL205"),
    ("thousands separators", BASE, "    行政处罚: 12\n", '    行政处罚: "1,234"\n', "    行政处罚: 1234\n", "RL205"),
    ("a unit in the fee cell", BASE, "    行政事业性收费: 3.5\n", "    行政事业性收费: 3.5万元\n", "    行政事业性收费: 3.5\n",
     "RL205"),
    ("full-width digits in a list", BASE, "    规章: [1, 0, 3]\n", "    规章: [1, ０, 3]  # 注\n", "    规章: [1, 0, 3]  # 注\n",
     "RL205"),
    ("stray ）after the address", BASE, "url: https://kjj.example.gov.cn/zfxxgk/2024nb.html\n",
     "url: https://kjj.example.gov.cn/zfxxgk/2024nb.html）\n", "url: https://kjj.example.gov.cn/zfxxgk/2024nb.html\n",
     "RL502"),
    ("stray ) in a quoted address", BASE, "url: https://kjj.example.gov.cn/zfxxgk/2024nb.html\n",
     "url: 'https://kjj.example.gov.cn/zfxxgk/2024nb.html)'  # 网址\n",
     "url: 'https://kjj.example.gov.cn/zfxxgk/2024nb.html'  # 网址\n", "RL502"),
    ("heading variant", BASE, "  六、其他需要报告的事项: |\n", "  六、其他事项: |\n", "  六、其他需要报告的事项: |\n", "RL103"),
    ("quoted heading variant", BASE, "  五、存在的主要问题及改进情况: |\n", '  "五、存在问题及改进情况": |\n',
     '  "五、存在的主要问题及改进情况": |\n', "RL103"),
    ("2019 row of zeros", BASE, "    行政事业性收费: 3.5\n",
     "    行政事业性收费: 3.5\n    政府集中采购: [0, 0]  # 2019年格式\n", "    行政事业性收费: 3.5\n", "RL203"),
    ("2019 row of zeros as a block", BASE, "    行政事业性收费: 3.5\n",
     "    行政事业性收费: 3.5\n    政府集中采购:\n      采购项目数量: 0\n      采购总金额: 0\n", "    行政事业性收费: 3.5\n", "RL203"),
]


def _case(base: str, anchor: str, written: str) -> str:
    assert base.count(anchor) == 1, anchor
    return base.replace(anchor, written)


@pytest.mark.parametrize(("name", "base", "anchor", "written", "fixed", "code"), SAFE, ids=[s[0] for s in SAFE])
def test_safe_fix_removes_its_finding_and_nothing_else(tmp_path: Path, name: str, base: str, anchor: str, written: str,
                                                       fixed: str, code: str) -> None:
    path = report(tmp_path, _case(base, anchor, written))
    before = findings(path)
    assert code in {f["code"] for f in before}
    result = run_cli(str(path), "--fix", "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    assert path.read_text(encoding="utf-8") == _case(base, anchor, fixed)  # only the finding's span changed
    after = findings(path)
    assert keys(after) == keys(before) - Counter({(f["code"], f["path"]) for f in before if f["code"] == code})
    assert "1 fixed" in result.stderr


def test_a_2019_row_with_numbers_is_not_removed(tmp_path: Path) -> None:
    text = _case(BASE, "    行政事业性收费: 3.5\n", "    行政事业性收费: 3.5\n    政府集中采购: [2, 0]\n")
    path = report(tmp_path, text)
    result = run_cli(str(path), "--fix")
    assert path.read_text(encoding="utf-8") == text
    assert "RL203" in result.stdout and "0 fixed" in result.stderr


def test_diff_writes_nothing_and_exits_1_when_there_is_something_to_fix(tmp_path: Path) -> None:
    text = _case(BASE, "    行政许可: 56\n", "    行政许可: ５６\n")
    path = report(tmp_path, text)
    before = path.stat().st_mtime_ns
    result = run_cli(str(path), "--diff")
    assert result.returncode == 1
    assert f"--- {path}" in result.stdout and "-    行政许可: ５６\n+    行政许可: 56\n" in result.stdout
    assert "Would fix 1 finding in 1 file." in result.stderr
    assert path.read_text(encoding="utf-8") == text and path.stat().st_mtime_ns == before
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left either


def test_diff_and_fix_with_nothing_to_fix(tmp_path: Path) -> None:
    path = report(tmp_path, BASE)
    result = run_cli(str(path), "--diff")
    assert (result.returncode, result.stdout) == (0, "")
    assert "No fixes available." in result.stderr
    result = run_cli(str(path), "--fix")
    assert result.returncode == 0 and "0 fixed, 0 remaining." in result.stderr
    assert path.read_bytes() == BASE.encode("utf-8")


# one wrong cell: 予以公开 自然人 40 written as 41 breaks its row total and its column's outcome total
WRONG_CELL = _case(BASE, "      （一）予以公开: [40, 3, 1, 0, 1, 1, 46]\n", "      （一）予以公开: [41, 3, 1, 0, 1, 1, 46]\n")


def test_unsafe_fix_needs_the_flag(tmp_path: Path) -> None:
    path = report(tmp_path, WRONG_CELL)
    result = run_cli(str(path), "--fix")
    assert path.read_text(encoding="utf-8") == WRONG_CELL
    assert "0 fixed" in result.stderr and "1 more fix available with --unsafe-fixes" in result.stderr
    assert result.returncode == 1
    result = run_cli(str(path), "--diff")
    assert result.returncode == 0 and result.stdout == ""
    result = run_cli(str(path), "--diff", "--unsafe-fixes")
    assert result.returncode == 1 and "+      （一）予以公开: [40, 3, 1, 0, 1, 1, 46]" in result.stdout
    assert path.read_text(encoding="utf-8") == WRONG_CELL
    result = run_cli(str(path), "--fix", "--unsafe-fixes")
    assert path.read_text(encoding="utf-8") == BASE
    assert result.returncode == 0 and "1 fixed, 0 remaining." in result.stderr


def test_unsafe_fixes_alone_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli(str(report(tmp_path, BASE)), "--unsafe-fixes")
    assert result.returncode == 2 and "--unsafe-fixes works with --fix or --diff" in result.stderr


def test_a_fix_that_would_bring_a_new_finding_is_not_applied(tmp_path: Path) -> None:
    # the total 95 written as 96 is pinned down by the arithmetic, but the text says 96 too:
    # writing 95 would make the text contradict the table (RL605), so the file stays as it is
    text = _case(BASE, "    一、本年新收政府信息公开申请数量: [80, 7, 2, 1, 3, 2, 95]\n",
                 "    一、本年新收政府信息公开申请数量: [80, 7, 2, 1, 3, 2, 96]\n")
    text = _case(text, "依法办理政府信息公开申请，", "全年收到政府信息公开申请96件，依法办理，")
    path = report(tmp_path, text)
    assert any(f["code"].startswith("RL30") and f.get("data", {}).get("expected") == "95" for f in findings(path))
    result = run_cli(str(path), "--fix", "--unsafe-fixes")
    assert path.read_text(encoding="utf-8") == text
    assert "not fixed, the result would add or keep a finding" in result.stderr and "0 fixed" in result.stderr


def test_documents_are_not_fixed_and_say_so_once(tmp_path: Path) -> None:
    document = "政府信息公开工作年度报告\n一、总体情况\n全年主动公开政府信息３８８条。\n".encode()
    one, two = tmp_path / "a.txt", tmp_path / "b.txt"
    one.write_bytes(document)
    two.write_bytes(document)
    yaml = report(tmp_path, _case(BASE, "    行政许可: 56\n", "    行政许可: ５６\n"))
    result = run_cli(str(one), str(two), str(yaml), "--fix")
    assert result.stderr.count("fixes are applied to YAML reports only: 2 documents") == 1
    assert one.read_bytes() == document and two.read_bytes() == document
    assert "行政许可: 56\n" in yaml.read_text(encoding="utf-8")


def test_encoding_line_ends_and_mode_are_kept(tmp_path: Path) -> None:
    text = _case(BASE, "    行政许可: 56\n", "    行政许可: ５６\n").replace("\n", "\r\n")
    path = tmp_path / "gbk.yaml"
    path.write_bytes(text.encode("gb18030"))
    path.chmod(0o640)
    run_cli(str(path), "--fix")
    assert path.read_bytes() == text.replace("５６", "56").encode("gb18030")
    assert path.stat().st_mode & 0o777 == 0o640
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(b"\xef\xbb\xbf" + _case(BASE, "    行政许可: 56\n", "    行政许可: ５６\n").encode("utf-8"))
    run_cli(str(bom), "--fix")
    assert bom.read_bytes() == b"\xef\xbb\xbf" + BASE.encode("utf-8")


def test_several_fixes_in_one_file_and_the_rest_remains(tmp_path: Path) -> None:
    text = _case(BASE, "    行政许可: 56\n", "    行政许可: ５６\n")
    text = _case(text, "  六、其他需要报告的事项: |\n", "  六、其他事项: |\n")
    text = _case(text, "published: 2025-01-20\n", "published: 2025-05-20\n")  # late: RL402 stays
    path = report(tmp_path, text)
    result = run_cli(str(path), "--fix")
    assert "2 fixed, 1 remaining." in result.stderr and "RL402" in result.stdout
    assert path.read_text(encoding="utf-8") == _case(BASE, "published: 2025-01-20\n", "published: 2025-05-20\n")


def by_file(folder: Path) -> dict[str, Counter]:
    """The findings of every report in `folder`, by file, as (code, path) counts."""
    result = run_cli(str(folder), "--format", "json", "--exclude", "packs")
    assert result.returncode in (0, 1), result.stderr
    out: dict[str, Counter] = {}
    for f in json.loads(result.stdout):
        out.setdefault(f["file"], Counter())[(f["code"], f["path"])] += 1
    return out


def test_fix_on_a_folder_of_the_examples(tmp_path: Path) -> None:
    """Every example fixed in one run: each still reads, no finding appears, the unchanged are identical."""
    folder = tmp_path / "examples"
    shutil.copytree(EXAMPLES, folder)
    originals = {p: p.read_bytes() for p in folder.rglob("*.yaml")}
    before = by_file(folder)
    result = run_cli(str(folder), "--fix", "--unsafe-fixes", "--exclude", "packs")
    assert result.returncode in (0, 1), result.stderr
    after = by_file(folder)
    for file, found in after.items():
        assert not found - before.get(file, Counter()), f"{file}: new findings {found - before.get(file, Counter())}"
        assert ("RL001", None) not in found or ("RL001", None) in before[file]
    changed = {p.name for p, old in originals.items() if p.read_bytes() != old}
    assert changed == {"xinzhou-kjj-2024.yaml", "one-wrong-cell.yaml"}  # RL502 and RL203; RL302 (unsafe)
    for path in originals:  # rule packs and reports with nothing to fix are left byte for byte
        if path.name not in changed:
            assert path.read_bytes() == originals[path]


CASES = [tuple(p.values) for p in all_cases()]


def test_fix_round_trips_on_every_rule_case(tmp_path: Path) -> None:
    """Applying every fix (unsafe ones too) never breaks a case: it reads, no finding appears, the
    fixed findings are gone, and a case with nothing to fix is left byte for byte."""
    from reportlint.engine.fixing import fix_text
    from reportlint.engine.run import check_file

    fixed = 0
    for n, (code, case) in enumerate(CASES):
        if "crash" in case:
            continue
        folder = tmp_path / str(n)
        folder.mkdir()
        path = folder / case.get("file", "report.yaml")
        text = build(case)
        path.write_bytes(text.encode(case.get("encoding", "utf-8")))
        if "previous" in case:
            (folder / "previous.yaml").write_text(build(case["previous"]), encoding="utf-8")
        settings = settings_of(case)
        outcome = fix_text(path, text, settings, unsafe=True)
        if not outcome.fixed:
            assert outcome.text == text, f"{code} {case['name']}: changed with nothing fixed"
            continue
        fixed += 1
        everything = type(settings)(**{**{k: getattr(settings, k) for k in settings.__slots__},
                                       "select": (), "ignore": (), "severity": {}})
        before = Counter((f.code, f.path) for f in check_file(path, everything))
        after = Counter((f.code, f.path) for f in check_file(path, everything, text=outcome.text))
        assert not after - before, f"{code} {case['name']}: new findings {after - before}"
        assert all(f.code != "RL001" for f in check_file(path, everything, text=outcome.text))
        for finding in outcome.fixed:
            assert (before - after)[(finding.code, finding.path)] >= 1, f"{code} {case['name']}: {finding.code} stays"
    assert fixed >= 8  # the cases of RL103, RL203, RL205, RL3 and RL502 have fixes


def test_fix_writes_through_a_link_and_diff_goes_to_the_output_file(tmp_path: Path) -> None:
    target = report(tmp_path, _case(BASE, "    行政许可: 56\n", "    行政许可: ５６\n"), "real.yaml")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    result = run_cli(str(link), "--diff", "-o", str(tmp_path / "fix.diff"))
    assert result.returncode == 1 and result.stdout == ""
    assert "+    行政许可: 56" in (tmp_path / "fix.diff").read_text(encoding="utf-8")
    run_cli(str(link), "--fix")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == BASE


def test_json_shows_the_fix(tmp_path: Path) -> None:
    path = report(tmp_path, WRONG_CELL.replace("    行政许可: 56\n", "    行政许可: ５６\n"))
    found = {f["code"]: f for f in findings(path)}
    assert found["RL205"]["fix"] == {"safe": True, "edits": [
        {"line": 27, "column": 11, "end_line": 27, "end_column": 13, "old": "５６", "new": "56"}]}
    (cause,) = [f for f in findings(path) if f.get("data", {}).get("expected") == "40"]
    assert cause["fix"]["safe"] is False and cause["fix"]["edits"][0]["new"] == "40"


def test_a_suppressed_finding_is_not_fixed_and_a_last_line_without_end_is_marked(tmp_path: Path) -> None:
    text = _case(BASE, "    行政许可: 56\n", "    行政许可: ５６  # reportlint: ignore[RL205] 原件如此\n")
    path = report(tmp_path, text)
    result = run_cli(str(path), "--fix")
    assert path.read_text(encoding="utf-8") == text and "0 fixed, 0 remaining." in result.stderr
    bare = report(tmp_path, _case(BASE, "    复议后起诉: [0, 1, 0, 0, 1]\n", "    复议后起诉: [0, 1, 0, 0, １]"), "bare.yaml")
    result = run_cli(str(bare), "--diff")
    assert result.stdout.endswith("-    复议后起诉: [0, 1, 0, 0, １]\n\\ No newline at end of file\n"
                                  "+    复议后起诉: [0, 1, 0, 0, 1]\n\\ No newline at end of file\n")


def test_rule_pages_say_which_rules_can_be_fixed() -> None:
    assert "**Fixable**: `reportlint --fix` mends it" in run_cli("rules", "RL205", "--lang", "en").stdout
    assert "**可自动修复（不安全）**" in run_cli("rules", "RL302").stdout
    assert "Fixable" not in run_cli("rules", "RL402", "--lang", "en").stdout
    rules = {r["code"]: r["fix"] for r in json.loads(run_cli("rules", "--format", "json").stdout)}
    assert {c for c, f in rules.items() if f == "safe"} == {"RL103", "RL203", "RL205", "RL502"}
    assert {c for c, f in rules.items() if f == "unsafe"} == {"RL301", "RL302", "RL303", "RL304"}


def test_a_catalogue_entry_with_an_unknown_fix_kind_is_refused(tmp_path: Path) -> None:
    from reportlint.format.catalog import CatalogError, entry
    from reportlint.format.library import Library

    path = tmp_path / "XY101.yaml"
    path.write_text("code: XY101\nname: x\nseverity: info\nsummary: s\nfix: maybe\n", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"XY101.yaml: fix"):
        Library((), (str(tmp_path),)).validate()
    with pytest.raises(CatalogError, match=r"fix 'maybe' is not one of"):
        entry(path)


def test_each_file_is_fixed_with_its_own_folders_configuration(tmp_path: Path) -> None:
    """--fix over a tree: a folder whose .reportlint.yaml ignores RL205 keeps its full-width digits
    (what it ignores is not its finding, so not fixed); the folder without one is fixed."""
    text = _case(BASE, "    行政许可: 56\n", "    行政许可: ５６\n")
    (tmp_path / "quiet").mkdir()
    (tmp_path / "quiet" / ".reportlint.yaml").write_text("ignore: [RL205]\n", encoding="utf-8")
    kept = report(tmp_path / "quiet", text)
    (tmp_path / "plain").mkdir()
    fixed = report(tmp_path / "plain", text)
    result = run_cli("--fix", "--format", "json", str(tmp_path))
    assert result.returncode in (0, 1), result.stderr
    assert kept.read_text(encoding="utf-8") == text
    assert fixed.read_text(encoding="utf-8") == _case(BASE, "    行政许可: 56\n", "    行政许可: 56\n")
