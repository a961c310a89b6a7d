"""`--format html`: the page for the office (docs/page.md), read back without a browser."""

from __future__ import annotations

import io
import json
import re
import tracemalloc
from pathlib import Path

from conftest import EXAMPLES, run_cli
from reportlint.engine.run import check_file
from reportlint.engine.settings import Settings
from reportlint.output import Checked, Options

HOSTILE = "</script><script>alert(1)</script><!--\"'&amp;<b>局"
_BLOCK = re.compile(r'<script type="application/json" class="(\w)"(?: id="(\w+)")?>(.*?)</script>')


def blocks(page: str, kind: str) -> list[dict]:
    """The JSON blocks of one kind, parsed as the page's script parses them."""
    return [json.loads(text) for k, _, text in _BLOCK.findall(page) if k == kind]


def hostile_report(folder: Path) -> Path:
    text = (EXAMPLES / "county-2024.yaml").read_text(encoding="utf-8")
    path = folder / "<b>&'\"报告.yaml"
    path.write_text(text.replace("agency: 示例县市场监督管理局", f"agency: {json.dumps(HOSTILE)}")
                    .replace("previous: county-2023.yaml\n", ""), encoding="utf-8")
    return path


def test_a_folder_gives_one_self_contained_page_with_every_report(tmp_path: Path) -> None:
    out = tmp_path / "年报检查.html"
    files = sorted(str(p) for p in [*EXAMPLES.glob("*.yaml"), *(EXAMPLES / "broken").glob("*.yaml")])
    assert len(files) == 9
    done = run_cli(str(EXAMPLES / "broken"), *(str(p) for p in sorted(EXAMPLES.glob("*.yaml"))), "--format", "html", "-o", str(out))
    assert done.returncode == 1 and done.stdout == "", done.stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert not re.search(r"<(link|img|iframe)\b|\bsrc=|https?://(?!www\.example)", page.split('id="words"')[0])
    assert "default-src 'none'" in page  # the browser may not fetch anything
    summaries = blocks(page, "s")
    assert sorted(s["f"] for s in summaries) == files
    status = {Path(s["f"]).name: s["s"] for s in summaries}
    assert status["county-2024.yaml"] == "clean" and status["one-wrong-cell.yaml"] == "errors"
    assert status["copied-from-last-year.yaml"] == "warnings" and status["syntax.yaml"] == "unreadable"
    assert len(blocks(page, "L")) == 1  # one layout, written once for all the reports of the pack
    assert "政府信息公开工作年度报告检查结果" in page and "最常见的问题" in page


def test_the_wrong_cell_and_the_cells_of_its_equations_are_given_for_marking(tmp_path: Path) -> None:
    page = run_cli(str(EXAMPLES / "broken" / "one-wrong-cell.yaml"), "--format", "html").stdout
    (detail,) = blocks(page, "d")
    (finding,) = detail["F"]
    assert finding["c"] == "RL302" and finding["p"] == [["tables", "依申请公开", "本年度办理结果", "予以公开", "自然人"], "cell"]
    assert [r[0][-2:] for r in finding["r"]] == [["总计", "自然人"], ["予以公开", "总计"]]
    (layout,) = blocks(page, "L")
    table = next(t for t in layout if t["id"] == "依申请公开")
    row = next(n for n, r in enumerate(table["rows"]) if r[0] == "本年度办理结果/予以公开")
    assert detail["V"][1][row][0] == "41"  # the numbers, in the layout's order
    four = next(t for t in layout if t["id"] == "复议诉讼")
    assert sum(len(r[4]) for r in four["rows"]) == 15  # drawn as one row of 15 (rules/drawings.yaml)


def test_hostile_names_cannot_end_a_block_or_run_a_script(tmp_path: Path) -> None:
    report = hostile_report(tmp_path)
    page = run_cli(str(report), "--format", "html").stdout
    assert "<script>alert" not in page and "<b>" not in page and "<!--" not in page
    assert page.count("</script>") == page.count("<script")
    (summary,) = blocks(page, "s")
    assert summary["a"] == HOSTILE and summary["f"] == str(report)


def test_an_unreadable_report_is_listed_with_the_rl001_reason(tmp_path: Path) -> None:
    page = run_cli(str(EXAMPLES / "broken" / "syntax.yaml"), "--format", "html").stdout
    (summary,) = blocks(page, "s")
    assert summary["s"] == "unreadable" and "a" not in summary
    assert summary["r"] and summary["c"] == {"RL001": 1}
    assert "L" not in blocks(page, "d")[0]


def test_lang_en_gives_every_word_of_the_page_in_english(tmp_path: Path) -> None:
    """The page opens in --lang; it carries both languages' words and messages, for its switch."""
    page = run_cli(str(EXAMPLES / "broken" / "one-wrong-cell.yaml"), "--format", "html", "--lang", "en").stdout
    words = json.loads(re.search(r'id="words">(.*?)</script>', page)[1])
    assert words["lang"] == "en" and '<html lang="en">' in page
    assert words["en"]["frequent"] == "Most frequent problems" and words["zh"]["frequent"] == "最常见的问题"
    assert not any(re.search(r"[\u4e00-\u9fff]", w) for k, w in words["en"].items() if k not in ("title", "switch"))
    finding = blocks(page, "d")[0]["F"][0]
    assert finding["m"].startswith("row “") and finding["o"].startswith("“（一）予以公开”行")


def test_the_page_words_are_complete_in_both_languages() -> None:
    from reportlint.output.html_assets import TEXT

    assert set(TEXT["zh"]) == set(TEXT["en"])
    used = set(re.findall(r"\bW\.(\w+)", (Path(__file__).parents[1] / "src/reportlint/output/page.js").read_text()))
    assert used <= set(TEXT["zh"]), used - set(TEXT["zh"])


def _items(count: int, facts: object, findings: list) -> object:
    for n in range(count):
        yield Checked(f"reports/{n:05d}.yaml", findings, facts)


def test_memory_is_flat_in_the_number_of_reports() -> None:
    from reportlint.output.html_page import write

    gathered: list = []
    findings = check_file(EXAMPLES / "broken" / "one-wrong-cell.yaml", Settings(), facts=gathered)
    peaks = []
    for count in (200, 2000):
        tracemalloc.start()
        sink = _Sink()
        write(_items(count, gathered[0], findings), sink, Options())
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        assert sink.count("class=\"s\"") == count
    assert peaks[1] < peaks[0] * 1.5, peaks


class _Sink(io.TextIOBase):
    """A stream that keeps only a count of what it was asked to find."""

    def __init__(self) -> None:
        self.tail = ""
        self.found = 0

    def write(self, text: str) -> int:
        self.found += text.count('class="s"')
        return len(text)

    def count(self, _: str) -> int:
        return self.found


def test_a_file_name_that_is_not_utf8_gives_a_valid_page(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"\xff\xfe-report.yaml"), "wb") as handle:
        handle.write((EXAMPLES / "county-2024.yaml").read_bytes().replace(b"previous: county-2023.yaml\n", b""))
    done = subprocess.run([sys.executable, "-m", "reportlint", str(tmp_path), "--format", "html"],
                          capture_output=True, timeout=60)
    assert done.returncode == 0 and b"Traceback" not in done.stderr, done.stderr
    (summary,) = blocks(done.stdout.decode("utf-8"), "s")  # strict UTF-8
    assert summary["f"].endswith("\ufffd\ufffd-report.yaml") and summary["s"] == "clean"
