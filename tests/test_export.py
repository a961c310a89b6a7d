"""`reportlint export DIR... -o OUT.xlsx|OUT.csv`: one row per report, through the command line, on a
generated collection of 300 reports with known faults (tests/collection.py) and on small cases."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from collection import ALLOWANCE, NEW_TOTAL, PENALTY, UPHELD, Expected, write
from conftest import EXAMPLES, run_cli

HEAD_EN = ["file", "agency", "kind", "year", "pack", "status", "errors", "warnings", "notes", "remark"]


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads the file as UTF-8
    return list(csv.reader(raw.decode("utf-8-sig").splitlines()))


def read_xlsx(path: Path) -> list[list[object]]:
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    assert sheet.freeze_panes == "B2"
    assert all(cell.font.bold for cell in sheet[1])
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Expected]]:
    folder = tmp_path_factory.mktemp("collection")
    return folder, write(folder / "reports", 300)


@pytest.fixture(scope="module")
def exported_csv(collection: tuple[Path, dict[str, Expected]]) -> list[list[str]]:
    folder, _ = collection
    done = run_cli("export", str(folder / "reports"), "-o", str(folder / "汇总.csv"), "-j", "2", "--lang", "en",
                   timeout=180)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert "300 reports: 169 clean, 19 warnings, 107 errors, 5 unreadable" in done.stderr
    return read_csv(folder / "汇总.csv")


def test_every_report_of_a_collection_gets_its_verdict_counts_and_numbers(
        collection: tuple[Path, dict[str, Expected]], exported_csv: list[list[str]]) -> None:
    expected = collection[1]
    head, *rows = exported_csv
    assert head[:10] == HEAD_EN
    assert head[10] == "二/规章/本年制发件数" and head[-1] == "四/复议后起诉/总计"
    assert len(head) == 10 + 10 + 25 * 7 + 15  # every cell of the 2021 Tables 二, 三 (25 rows) and 四
    assert len(rows) == len(expected) == 300
    assert [Path(row[0]).name for row in rows] == sorted(expected)  # one row per report, in the order checked
    column = {name: n for n, name in enumerate(head)}
    faults = set()
    for row in rows:
        want = expected[Path(row[0]).name]
        faults.add(want.fault)
        assert (row[column["status"]], *map(int, row[6:9])) == (want.status, *want.counts()), row[0]
        if want.status == "unreadable":
            assert row[1:5] == ["", "", "", ""] and set(row[10:]) == {""}
            assert row[column["remark"]]  # the reason: RL001's message
            continue
        assert row[column["agency"]] == want.agency and int(row[column["year"]]) == want.year
        for label, value in want.cells.items():
            assert row[column[label]] == str(value), (row[0], label)
    assert faults >= {"clean", "wrong-total", "wrong-balance", "missing-section", "late", "broken-url", "table-2019",
                      "not-gov-cn", "plain-http", "junk", "pdf"}
    assert {Path(row[0]).suffix for row in rows} == {".yaml", ".docx", ".html", ".pdf"}


def test_the_reason_a_report_is_unreadable_is_its_rl001_message(exported_csv: list[list[str]]) -> None:
    row = next(row for row in exported_csv if row[5] == "unreadable")
    checked = run_cli(row[0], "--format", "json", "--lang", "en")
    (finding,) = json.loads(checked.stdout)
    assert row[9] == finding["message"]


def test_xlsx_and_csv_of_a_collection_agree_and_numbers_are_numbers(
        collection: tuple[Path, dict[str, Expected]], exported_csv: list[list[str]]) -> None:
    folder, _ = collection
    done = run_cli("export", str(folder / "reports"), "-o", str(folder / "汇总.xlsx"), "-j", "2", "--lang", "en",
                   timeout=180)
    assert done.returncode == 0, done.stderr
    rows = read_xlsx(folder / "汇总.xlsx")
    assert [["" if v is None else str(v) for v in row] for row in rows] == exported_csv
    column = {name: n for n, name in enumerate(rows[0])}
    readable = next(row for row in rows[1:] if row[column["status"]] == "clean")
    assert all(isinstance(readable[column[label]], int) for label in (ALLOWANCE, PENALTY, UPHELD, NEW_TOTAL, "year"))
    assert isinstance(readable[column["errors"]], int)


def test_labels_and_verdicts_are_in_chinese_by_default(tmp_path: Path) -> None:
    out = tmp_path / "汇总.csv"
    done = run_cli("export", str(EXAMPLES / "county-2024.yaml"), str(EXAMPLES / "broken" / "syntax.yaml"),
                   "-o", str(out), "--lang", "zh")
    assert done.returncode == 0, done.stderr
    head, broken, clean = read_csv(out)  # in the order of the file names
    assert head[:10] == ["文件", "机关", "机关类型", "年度", "格式", "结论", "错误", "警告", "提示", "说明"]
    assert clean[1:9] == ["示例县市场监督管理局", "政府部门", "2024", "gov-2021", "通过", "0", "0", "0"]
    assert broken[5] == "无法读取" and broken[9].startswith("YAML 语法错误")


def test_never_overwrites_without_force(tmp_path: Path) -> None:
    out = tmp_path / "汇总.csv"
    out.write_text("earlier", encoding="utf-8")
    report = str(EXAMPLES / "county-2024.yaml")
    refused = run_cli("export", report, "-o", str(out))
    assert refused.returncode == 2 and "exists; use --force" in refused.stderr
    assert out.read_text(encoding="utf-8") == "earlier"
    done = run_cli("export", report, "-o", str(out), "--force")
    assert done.returncode == 0, done.stderr
    assert len(read_csv(out)) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["汇总.csv"]  # no temporary file left


@pytest.mark.parametrize(("name", "message"), [
    ("汇总.txt", "name a .xlsx or .csv file"),
    ("no-such-folder/汇总.csv", "no such folder"),
])
def test_an_output_file_that_cannot_be_written_is_exit_2(tmp_path: Path, name: str, message: str) -> None:
    done = run_cli("export", str(EXAMPLES / "county-2024.yaml"), "-o", str(tmp_path / name))
    assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_no_report_found_is_exit_2(tmp_path: Path) -> None:
    done = run_cli("export", str(tmp_path), "-o", str(tmp_path / "x.csv"))
    assert done.returncode == 2 and "no reports found" in done.stderr


def test_xlsx_without_openpyxl_is_one_line_naming_the_extra(tmp_path: Path) -> None:
    probe = ("import sys; sys.modules['openpyxl'] = None; from reportlint.cli.main import main; "
             f"sys.exit(main(['export', {str(EXAMPLES / 'county-2024.yaml')!r}, '-o', {str(tmp_path / 'x.xlsx')!r}]))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr == "reportlint: writing .xlsx needs openpyxl: pip install 'reportlint[xlsx]' (or write .csv)\n"


def test_text_of_a_report_never_becomes_a_formula_nor_carries_control_characters(tmp_path: Path) -> None:
    text = (EXAMPLES / "county-2024.yaml").read_text(encoding="utf-8")
    report = tmp_path / "reports" / "r.yaml"
    report.parent.mkdir()
    report.write_text(text.replace("agency: 示例县市场监督管理局", 'agency: "=HYPERLINK(\\"http://x\\")\\u001b局"'),
                      encoding="utf-8")
    for suffix in (".csv", ".xlsx"):
        done = run_cli("export", str(report.parent), "-o", str(tmp_path / f"out{suffix}"), "--lang", "en")
        assert done.returncode == 0, done.stderr
    (_, row_csv) = read_csv(tmp_path / "out.csv")
    assert row_csv[1] == "'=HYPERLINK(\"http://x\")\\x1b局"
    import openpyxl

    cell = openpyxl.load_workbook(tmp_path / "out.xlsx").worksheets[0]["B2"]
    assert (cell.value, cell.data_type) == ("=HYPERLINK(\"http://x\")\\x1b局", "s")


def test_a_report_of_the_2019_format_fills_the_cells_both_formats_share_and_says_so(tmp_path: Path) -> None:
    text = (EXAMPLES / "county-2024.yaml").read_text(encoding="utf-8")
    report = tmp_path / "r2020.yaml"
    report.write_text(re.sub(r"(?m)^previous:.*\n", "", text).replace("2025", "2021").replace("2024", "2020"),
                      encoding="utf-8")
    done = run_cli("export", str(report), "-o", str(tmp_path / "by-year.csv"), "--lang", "en")
    assert done.returncode == 0, done.stderr
    head, row = read_csv(tmp_path / "by-year.csv")
    column = {name: n for n, name in enumerate(head)}
    assert row[column["pack"]] == "gov-2019" and "export with --pack gov-2019" in row[column["remark"]]
    assert row[column[NEW_TOTAL]] == "95" and row[column[ALLOWANCE]] == ""  # Table 二's columns differ in 2019
    forced = run_cli("export", str(report), "-o", str(tmp_path / "forced.csv"), "--pack", "gov-2019", "--lang", "en")
    assert forced.returncode == 0, forced.stderr
    head, row = read_csv(tmp_path / "forced.csv")
    assert "二/规范性文件/本年新制作数量" in head and "二/政府集中采购/采购总金额（万元）" in head
    assert row[head.index("pack")] == "gov-2019" and row[head.index("remark")] == ""
    assert row[head.index(NEW_TOTAL)] == "95"


def test_excluded_folders_are_not_exported(tmp_path: Path) -> None:
    write(tmp_path / "reports", 3)
    write(tmp_path / "reports" / "drafts", 2)
    done = run_cli("export", str(tmp_path / "reports"), "--exclude", "drafts", "-o", str(tmp_path / "x.csv"))
    assert done.returncode == 0, done.stderr
    assert len(read_csv(tmp_path / "x.csv")) == 1 + 3


def test_an_interrupted_export_leaves_no_file(tmp_path: Path) -> None:
    import signal
    import time

    reports = tmp_path / "reports"
    reports.mkdir()
    text = (EXAMPLES / "county-2024.yaml").read_text(encoding="utf-8")
    for n in range(400):
        (reports / f"{n:03d}.yaml").write_text(text.replace("previous: county-2023.yaml\n", ""), encoding="utf-8")
    out = tmp_path / "汇总.csv"
    run = subprocess.Popen([sys.executable, "-m", "reportlint", "export", str(reports), "-o", str(out), "-j", "1"],
                           stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not any(p.name.endswith(".tmp") for p in tmp_path.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)  # until the spreadsheet is begun
    run.send_signal(signal.SIGTERM)
    _, stderr = run.communicate(timeout=60)
    assert run.returncode == 143, stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports"]  # neither the file nor a half of it
