"""`--format html` opened in a real browser (headless Chromium through Playwright): no console
errors, every agency listed, sorting, filtering, the equation of a marked cell on hover, and a
page of 10,000 reports usable within seconds. Screenshots go to $REPORTLINT_ARTEFACTS (default
tests/artefacts/, ignored by git). Skipped when Chromium or Playwright is missing; CI installs both."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, run_cli
from reportlint.engine.run import check_file
from reportlint.engine.settings import Settings
from reportlint.output import Checked, Options
from test_page import HOSTILE, hostile_report

CHROMIUM = os.environ.get("REPORTLINT_CHROMIUM") or next(
    (p for p in (shutil.which("chromium"), shutil.which("chromium-browser"), "/usr/bin/chromium") if p and Path(p).exists()),
    None)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install '.[test]')")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium found (apt-get install chromium; "
                                "or set REPORTLINT_CHROMIUM to its path)")
ARTEFACTS = Path(os.environ.get("REPORTLINT_ARTEFACTS") or Path(__file__).parent / "artefacts")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM)
        yield launched
        launched.close()


def open_page(browser: Any, path: Path) -> tuple[Any, list[str]]:
    """The page opened from disk, with the console errors, failed requests and dialogs it raises."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"error: {e}"))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("request", lambda r: problems.append(f"request: {r.url}") if not r.url.startswith("file:") else None)
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready]", timeout=10_000)
    return page, problems


def shot(page: Any, name: str) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / name), full_page=True)


def column(page: Any, key: str) -> list[str]:
    index = ["a", "k", "y", "p", "f", "e", "w", "s"].index(key) + 1
    return page.locator(f"#reports tr.report td:nth-child({index})").all_inner_texts()


def test_the_page_lists_sorts_filters_and_shows_the_broken_equation(browser: Any, tmp_path: Path) -> None:
    hostile_report(tmp_path)
    out = tmp_path / "年报检查.html"
    done = run_cli(str(EXAMPLES / "broken"), str(EXAMPLES / "county-2024.yaml"), str(tmp_path), "--format", "html",
                   "-o", str(out))
    assert done.returncode == 1, done.stderr
    page, problems = open_page(browser, out)
    assert problems == []  # no console error, no request, and the hostile agency ran nothing
    agencies = column(page, "a")
    assert len(agencies) == 7 and HOSTILE in agencies and "示例县市场监督管理局" in agencies
    page.click('th[data-key="e"]')  # most errors first
    errors = [int(n) for n in column(page, "e")]
    assert errors == sorted(errors, reverse=True) and errors[0] > errors[-1]
    page.click('th[data-key="e"]')
    assert [int(n) for n in column(page, "e")] == sorted(errors)
    page.fill("#filter", "one-wrong")
    assert column(page, "f") == [str(EXAMPLES / "broken" / "one-wrong-cell.yaml")]
    page.fill("#filter", "RL001")
    assert column(page, "s") and all(s.startswith("无法读取") for s in column(page, "s"))
    page.fill("#filter", "one-wrong")
    page.click("#reports tr.report")
    cell = page.locator('table[data-table="依申请公开"] td[data-row="本年度办理结果/予以公开"][data-col="自然人"]')
    assert cell.inner_text() == "41" and "bad-error" in (cell.get_attribute("class") or "")
    cell.hover()
    title = cell.get_attribute("title") or ""
    assert title.startswith("RL302") and "予以公开 41 + 部分公开 10" in title  # the equation it breaks
    total = page.locator('table[data-table="依申请公开"] td[data-row="本年度办理结果/总计"][data-col="自然人"]')
    assert "rel" in (total.get_attribute("class") or "") and "RL302" in (total.get_attribute("title") or "")
    parts = page.locator('table[data-table="主动公开"] tr.blk th').all_inner_texts()
    assert parts == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]  # as printed
    four = page.locator('table[data-table="复议诉讼"] tr:last-child td')
    assert four.count() == 15  # Table 四 as in the format: 行政复议 5 + 行政诉讼 5 + 5
    page.fill("#filter", "")
    assert len(column(page, "a")) == 7 and page.locator("td.detail").count() == 1  # still open
    shot(page, "page.png")
    assert problems == []


def test_a_single_report_opens_with_its_details_in_english(browser: Any, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    run_cli(str(EXAMPLES / "broken" / "one-wrong-cell.yaml"), "--format", "html", "--lang", "en", "-o", str(out))
    page, problems = open_page(browser, out)
    assert page.locator("td.detail").count() == 1  # a clerk's view: the one report, open
    assert "Most frequent problems" in page.inner_text("#chart")
    assert page.locator("td.bad-error").count() == 1
    shot(page, "page-single-en.png")
    assert problems == []


def test_the_page_switches_language_and_keeps_what_is_shown(browser: Any, tmp_path: Path) -> None:
    """The button in the header redraws the page in the other language — words, statuses, the
    findings' messages and the reason a report could not be read — keeping the filter, the order
    and the open report; pressed again, it is as it was."""
    out = tmp_path / "年报检查.html"
    done = run_cli(str(EXAMPLES / "broken"), "--format", "html", "-o", str(out))
    assert done.returncode == 1, done.stderr
    page, problems = open_page(browser, out)
    assert page.inner_text("#lang") == "English" and page.inner_text("h1") == "政府信息公开工作年度报告检查结果"
    page.click('th[data-key="e"]')
    page.fill("#filter", "one-wrong")
    page.click("#reports tr.report")
    message = page.locator("table.findings td:nth-child(3)").first
    assert message.inner_text().startswith("“（一）予以公开”行")
    page.click("#lang")
    assert page.inner_text("#lang") == "中文" and page.inner_text("h1").startswith("Annual report check results")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.input_value("#filter") == "one-wrong" and column(page, "s") == ["errors"]
    assert page.locator("table.findings td:nth-child(3)").first.inner_text().startswith("row “")
    assert page.locator('th[data-key="e"]').get_attribute("class") == "desc"  # the order kept
    page.fill("#filter", "syntax")
    assert column(page, "s")[0].startswith("unreadable") and "YAML syntax error" in column(page, "s")[0]
    page.click("#lang")
    assert page.inner_text("h1") == "政府信息公开工作年度报告检查结果" and column(page, "s")[0].startswith("无法读取")
    assert problems == []


def _many(count: int) -> Iterator[Checked]:
    gathered: list = []
    findings = check_file(EXAMPLES / "broken" / "one-wrong-cell.yaml", Settings(), facts=gathered)
    for n in range(count):
        yield Checked(f"reports/{n:05d}/report.yaml", findings[: n % 2], gathered[0])


@pytest.mark.slow
def test_a_page_of_ten_thousand_reports_opens_within_seconds(browser: Any, tmp_path: Path) -> None:
    from reportlint.output.html_page import write

    out = tmp_path / "big.html"
    with out.open("w", encoding="utf-8") as stream:
        write(_many(10_000), stream, Options())
    started = time.monotonic()
    page, problems = open_page(browser, out)
    opened = time.monotonic() - started
    assert page.locator("#reports tr.report").count() == 50  # one page of the list at a time
    assert page.inner_text("#shown") == "显示 10000 份"
    started = time.monotonic()
    page.click('th[data-key="e"]')
    page.fill("#filter", "00042")
    assert column(page, "f") == ["reports/00042/report.yaml"]
    used = time.monotonic() - started
    shot(page, "page-10000.png")
    assert problems == [] and opened < 5 and used < 2, (opened, used, out.stat().st_size)
