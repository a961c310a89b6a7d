"""Exact results, not just exit codes: the order of findings on one line, what a suppression with
several codes removes, which section RL102 names, and which files a folder run checks."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from conftest import CORRECTED, SEED, run_cli

BASE = CORRECTED.read_text(encoding="utf-8")
SEED_TXT = Path(__file__).resolve().parent / "fixtures" / "seeds" / "000_be6913bfd7940931.txt"
#: Row 规章 (line 44 of the corrected example) with a full-width "１" (RL205) before a blank "/" (RL204).
TWO_ON_ONE_LINE = BASE.replace("规章: [0, 0, 0]", '规章: ["１", "/", 0]')


def _places(findings) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.column) for f in findings]


# --- several findings on one line ---------------------------------------------------------------


def test_two_findings_on_one_line_come_in_column_order_not_code_order(check_text):
    """RL205 at column 10 precedes RL204 at column 15, although RL204 < RL205."""
    assert _places(check_text(TWO_ON_ONE_LINE)) == [("RL205", 44, 10), ("RL204", 44, 15)]


def test_two_findings_on_one_line_in_json_and_text_output(tmp_path):
    """Every output keeps the column order: the JSON array and the text listing."""
    path = tmp_path / "report.yaml"
    path.write_text(TWO_ON_ONE_LINE, encoding="utf-8")
    done = run_cli("--format", "json", str(path))
    assert done.returncode == 0, done.stderr  # a warning and a note, no error
    assert [(f["code"], f["line"], f["column"]) for f in json.loads(done.stdout)] == [
        ("RL205", 44, 10), ("RL204", 44, 15)]
    text = run_cli("--no-color", "--lang", "en", str(path)).stdout
    assert re.findall(r"^  (\d+:\d+) +(RL\d{3})", text, re.MULTILINE) == [("44:10", "RL205"), ("44:15", "RL204")]
    assert "0 errors, 1 warning, 1 note in 1 of 1 file" in text


def test_same_place_findings_are_ordered_by_code(check_text):
    """Two findings at one line and column (the seed's "http://…)" address) come in code order."""
    text = BASE.replace("url: https://kjj.sxxz.gov.cn/", 'url: "http://kjj.sxxz.gov.cn/)"')
    assert _places(check_text(text)) == [("RL502", 10, 6), ("RL504", 10, 6)]


# --- suppression comments with several codes ----------------------------------------------------

#: A period ending mid-2025 and a March publication: RL402 (late) and RL403 (before the period ended)
#: on the same line, besides RL401 on the period and RL606 on the period the preamble states.
LATE_AND_EARLY = BASE.replace("end: 2024-12-31", "end: 2025-06-30").replace(
    "published: 2025-01-20", "published: 2025-03-01")


def test_the_case_fires_both_codes_on_one_line(check_text):
    places = _places(check_text(LATE_AND_EARLY))
    assert ("RL402", 9, 12) in places and ("RL403", 9, 12) in places


def test_ignore_two_codes_without_a_space_suppresses_both(check_text):
    """`ignore[RL402,RL403]` (no space after the comma) removes both and leaves no RL902/RL903."""
    text = LATE_AND_EARLY.replace("published: 2025-03-01", "published: 2025-03-01  # reportlint: ignore[RL402,RL403] 延期")
    assert [f.code for f in check_text(text)] == ["RL401", "RL606"]


def test_ignore_two_codes_with_spaces_suppresses_both(check_text):
    text = LATE_AND_EARLY.replace("published: 2025-03-01", "published: 2025-03-01  # reportlint: ignore[ RL402 , RL403 ]")
    assert [f.code for f in check_text(text)] == ["RL401", "RL606"]


def test_two_codes_one_unused_is_one_rl903_naming_it(check_text):
    """Only RL402 fires: it is suppressed, and the unused RL403 is reported by itself (RL903)."""
    text = BASE.replace("published: 2025-01-20", "published: 2025-02-03  # reportlint: ignore[RL402,RL403]")
    findings = check_text(text)
    assert [(f.code, f.line) for f in findings] == [("RL903", 9)]
    assert "RL403" in findings[0].message_en and "RL402" not in findings[0].message_en


def test_suppressing_the_two_findings_of_one_line(check_text):
    """Both findings of the 规章 row (RL205, RL204) go with one comment naming both."""
    text = TWO_ON_ONE_LINE.replace('规章: ["１", "/", 0]', '规章: ["１", "/", 0]  # reportlint: ignore[RL204,RL205]')
    assert _places(check_text(text)) == []


# --- RL102: which section is named --------------------------------------------------------------

SECTIONS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


def _with_sections(order: list[int]) -> str:
    texts = {1: "我局全面推进政务公开。", 5: "公开渠道单一，将拓展渠道。", 6: "未收取信息处理费。"}
    lines = ["agency: 示例市科学技术局", "year: 2024", "sections:"]
    lines += [f'  {SECTIONS[n - 1]}: "{texts.get(n, "")}"' for n in order]
    return "\n".join(lines) + "\n"


def test_rl102_names_the_first_section_it_should_precede(check_text):
    """二 written after 三 and 四: it should come before 三 (the earliest of the two), not 四."""
    rl102 = [f for f in check_text(_with_sections([1, 3, 4, 2, 5, 6])) if f.code == "RL102"]
    assert [(f.line, f.message_zh) for f in rl102] == [
        (7, "“二、主动公开政府信息情况”应排在“三、收到和处理政府信息公开申请情况”之前")]
    assert rl102[0].message_en == "“二、主动公开政府信息情况” should come before “三、收到和处理政府信息公开申请情况”"


def test_rl102_names_the_last_section_it_should_follow(check_text):
    """五 written before 二, 三 and 四: it should come after 四 (the last of the three), not 二."""
    rl102 = [f for f in check_text(_with_sections([1, 5, 2, 3, 4, 6])) if f.code == "RL102"]
    assert [(f.line, f.message_zh) for f in rl102] == [
        (5, "“五、存在的主要问题及改进情况”应排在“四、政府信息公开行政复议、行政诉讼情况”之后")]


# --- folder runs: which files were checked ------------------------------------------------------


def _folder(tmp_path: Path) -> tuple[Path, list[Path]]:
    """A folder of report copies (each has findings) and other files; returns it and the files a run checks."""
    root = tmp_path / "reports"
    checked = [root / "a.yaml", root / "sub" / "b.yml", root / "sub" / "deeper" / "c.YAML", root / "seed.txt"]
    skipped = [root / ".hidden" / "h.yaml", root / ".h.yaml", root / "notes.md", root / "a.yaml.bak",
               root / "drafts" / "d.yaml"]
    for path in checked + skipped:
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SEED_TXT if path.suffix == ".txt" else SEED, path)
    return root, checked


def _summary(*args: str, cwd: Path | None = None) -> tuple[int, int]:
    """(files with findings, files checked) from the text output's closing line."""
    text = run_cli("--no-color", "--lang", "en", *args, cwd=cwd).stdout
    counts = re.findall(r" in (\d+) of (\d+) files?$", text, re.MULTILINE)
    assert len(counts) == 1, text
    return int(counts[0][0]), int(counts[0][1])


def _json_files(*args: str, cwd: Path | None = None) -> list[str]:
    """The distinct files of a JSON run's findings, in output order."""
    done = run_cli("--format", "json", *args, cwd=cwd)
    assert done.returncode == 1, done.stderr
    return list(dict.fromkeys(f["file"] for f in json.loads(done.stdout)))


def test_folder_run_checks_exactly_the_report_files_in_sorted_order(tmp_path):
    """Reports in sub-folders and documents are found; hidden, non-report files are not; output sorted by file."""
    root, checked = _folder(tmp_path)
    expected = sorted(str(p) for p in [*checked, root / "drafts" / "d.yaml"])
    assert _json_files(str(root)) == expected
    assert _summary(str(root)) == (len(expected), len(expected))


def test_exclude_drops_exactly_the_matching_files(tmp_path):
    """--exclude, and the exclude setting, drop drafts/d.yaml and nothing else; the summary counts the rest."""
    root, checked = _folder(tmp_path)
    assert _json_files("--exclude", "drafts/*", str(root)) == sorted(map(str, checked))
    (tmp_path / "pyproject.toml").write_text('[tool.reportlint]\nexclude = ["drafts/*", "*.txt"]\n', encoding="utf-8")
    assert _json_files(str(root), cwd=tmp_path) == sorted(str(p) for p in checked if p.suffix != ".txt")
    assert _summary(str(root), cwd=tmp_path) == (3, 3)


def test_named_files_and_force_exclude(tmp_path):
    """A named file is checked even if excluded, unless --force-exclude; a folder and a file together."""
    root, _ = _folder(tmp_path)
    draft = str(root / "drafts" / "d.yaml")
    assert _json_files("--exclude", "*/drafts/*", draft) == [draft]
    done = run_cli("--format", "json", "--exclude", "*/drafts/*", "--force-exclude", draft, str(root / "sub"))
    assert sorted({f["file"] for f in json.loads(done.stdout)}) == [
        str(root / "sub" / "b.yml"), str(root / "sub" / "deeper" / "c.YAML")]


def test_folder_summary_counts_clean_files_too(tmp_path):
    """Clean files are checked and counted although they print nothing: 1 of 3 files has findings."""
    (tmp_path / "x").mkdir()
    shutil.copyfile(SEED, tmp_path / "x" / "bad.yaml")
    shutil.copyfile(CORRECTED, tmp_path / "x" / "good1.yaml")
    shutil.copyfile(CORRECTED, tmp_path / "good2.yml")
    assert _summary(str(tmp_path)) == (1, 3)
    done = run_cli("--no-color", str(tmp_path))
    assert done.returncode == 1
    assert re.findall(r"^(\S+\.ya?ml)$", done.stdout, re.MULTILINE) == [str(tmp_path / "x" / "bad.yaml")]
