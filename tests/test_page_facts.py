"""The publication date from the page, and the agency and its kind from the title, 落款 and page
title (issue 11): taken when the report itself has none, said where they came from (a comment in
the converted YAML, a note with --verbose), and used by RL402/RL403 and RL602."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from conftest import run_cli
from test_convert_documents import SEED_TXT, _example, write_html

SIGNATURE_DATE = "<p>2025年1月20日</p>"


def _page(tmp_path: Path, name: str = "page.html", *, head: str = "", above: str = "", title: str | None = None,
          signed: bool = True, agency_line: str | None = None) -> Path:
    """The seed rendered as a web page, with `head` put in <head>, `above` put above the title, the
    title's agency replaced by `title`, the 落款 date dropped unless `signed`."""
    example = _example()
    path = tmp_path / name
    write_html(path, example, encoding="utf-8")
    html = path.read_text(encoding="utf-8")
    html = html.replace("<title>年报</title>", f"<title>年报</title>{head}")
    agency = example["agency"]
    first = f"<p>{agency}</p>"
    html = html.replace(first, f"{above}<p>{title if title is not None else agency}</p>", 1)
    if not signed:
        html = html.replace(SIGNATURE_DATE, "")
    if agency_line is not None:
        last = html.rindex(f"<p>{agency}</p>")
        html = html[:last] + f"<p>{agency_line}</p>" + html[last + len(first):]
    path.write_text(html, encoding="utf-8")
    return path


def _converted(path: Path) -> tuple[dict, str, str]:
    result = run_cli("convert", str(path))
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout), result.stdout, result.stderr


def _codes(path: Path, *args: str) -> list[dict]:
    result = run_cli("--format", "json", *args, str(path))
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def _line(text: str, key: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(f"{key}:"))


# --- the publication date ------------------------------------------------------------------------


def test_a_pubdate_meta_gives_the_date_when_the_report_has_no_signature_date(tmp_path: Path) -> None:
    page = _page(tmp_path, head='<meta name="PubDate" content="2025-02-08 15:34">', signed=False)
    data, text, _ = _converted(page)
    assert str(data["published"]) == "2025-02-08"
    assert "取自网页" in _line(text, "published") and 'PubDate' in _line(text, "published")
    late = [f for f in _codes(page) if f["code"] == "RL402"]
    assert len(late) == 1 and "2025-02-08" in late[0]["message"]
    assert not [f for f in _codes(page) if f["code"] == "RL405"]


def test_a_date_line_above_the_title_gives_the_date(tmp_path: Path) -> None:
    page = _page(tmp_path, above="<div>时间：2025-01-08 15:34　来源：本站　字号：大 中 小</div>", signed=False)
    data, text, _ = _converted(page)
    assert str(data["published"]) == "2025-01-08"
    assert "时间：2025-01-08" in _line(text, "published")
    codes = {f["code"] for f in _codes(page)}
    assert "RL402" not in codes and "RL405" not in codes


def test_the_information_table_gives_the_date(tmp_path: Path) -> None:
    info = ("<table><tr><td>索引号：</td><td>11140900/2025-00012</td><td>发布日期：</td><td>2025年2月3日</td></tr>"
            "<tr><td>成文日期：</td><td>2025年1月2日</td><td>发布机构：</td><td>忻州市科学技术局</td></tr></table>")
    page = _page(tmp_path, above=info, signed=False)
    data, _, _ = _converted(page)
    assert str(data["published"]) == "2025-02-03"  # 发布日期, not 成文日期


def test_a_plain_text_copy_of_the_page_gives_the_date(tmp_path: Path) -> None:
    lines = SEED_TXT.read_text(encoding="utf-8").splitlines()
    lines = ["首页 > 政务公开 > 政府信息公开年报", "发布时间：2025-02-11 09:00:12", *lines]
    lines.remove("2025年1月20日")
    path = tmp_path / "page.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data, _, _ = _converted(path)
    assert str(data["published"]) == "2025-02-11"
    late = [f for f in _codes(path) if f["code"] == "RL402"]
    assert len(late) == 1 and late[0]["line"] == 2  # at the page's date line


def test_the_signature_date_wins_over_the_page(tmp_path: Path) -> None:
    page = _page(tmp_path, head='<meta name="PubDate" content="2025-03-08">')
    data, text, _ = _converted(page)
    assert str(data["published"]) == "2025-01-20"
    assert "#" not in _line(text, "published")


def test_a_date_written_in_the_report_body_is_not_the_page_date(tmp_path: Path) -> None:
    page = _page(tmp_path, signed=False)
    html = page.read_text(encoding="utf-8").replace("<p>一、总体情况</p>", "<p>一、总体情况</p><p>发布时间：2025-05-05</p>")
    page.write_text(html, encoding="utf-8")
    data, _, stderr = _converted(page)
    assert "published" not in data
    assert "网页上也没有发布日期" in stderr
    unknown = [f for f in _codes(page) if f["code"] == "RL405"]
    assert len(unknown) == 1 and "RL402" not in {f["code"] for f in _codes(page)}


def test_verbose_says_where_the_date_came_from(tmp_path: Path) -> None:
    page = _page(tmp_path, head='<meta name="PubDate" content="2025-01-08 15:34">', signed=False)
    quiet = run_cli("--format", "json", str(page))
    loud = run_cli("--format", "json", "-v", str(page))
    assert "取自网页" not in quiet.stderr
    assert "published 2025-01-08" in loud.stderr and "PubDate" in loud.stderr
    assert json.loads(loud.stdout) == json.loads(quiet.stdout)


# --- the agency and its kind ----------------------------------------------------------------------


def test_a_region_titled_by_its_place_takes_the_signature_name(tmp_path: Path) -> None:
    page = _page(tmp_path, title="淮安市洪泽区", agency_line="淮安市洪泽区人民政府")
    data, _, _ = _converted(page)
    assert data["agency"] == "淮安市洪泽区人民政府"
    assert "agency_kind" not in data  # the name settles it


def test_a_place_without_a_signature_name_is_a_government_with_the_reason(tmp_path: Path) -> None:
    page = _page(tmp_path, title="某某县", agency_line="")
    data, text, stderr = _converted(page)
    assert data["agency"] == "某某县" and data["agency_kind"] == "government"
    assert "地名" in _line(text, "agency_kind") and "agency_kind" in stderr
    # a people's government must report 工作考核、社会评议和责任追究结果 (RL602); the seed does not
    assert "RL602" in {f["code"] for f in _codes(page)}


def test_a_township_by_its_place_gets_the_township_deadline(tmp_path: Path) -> None:
    page = _page(tmp_path, title="某某镇", agency_line="", head='<meta name="PubDate" content="2025-02-15">',
                 signed=False)
    data, _, _ = _converted(page)
    assert data["agency_kind"] == "township"
    assert "RL402" in {f["code"] for f in _codes(page, "--township-deadline", "02-10")}
    assert "RL402" not in {f["code"] for f in _codes(page)}  # townships default to 3月31日


def test_a_zone_committee_is_left_undecided_with_the_reason(tmp_path: Path) -> None:
    page = _page(tmp_path, title="某某经济开发区管理委员会", agency_line="")
    data, text, _ = _converted(page)
    assert "agency_kind" not in data
    assert "不能确定" in _line(text, "agency")


def test_the_page_title_names_the_report_when_the_document_does_not(tmp_path: Path) -> None:
    page = _page(tmp_path, head="", title="", signed=False)
    html = page.read_text(encoding="utf-8")
    html = html.replace("<p>2024年度政府信息公开年度报告</p>", "")
    html = html.replace("<title>年报</title>", "<title>某某县2024年政府信息公开工作年度报告_某某县人民政府网</title>")
    page.write_text(html, encoding="utf-8")
    data, _, _ = _converted(page)
    assert data["agency"] == "某某县" and data["year"] == 2024 and data["agency_kind"] == "government"


# --- the page around the report -------------------------------------------------------------------


def test_the_pages_own_title_line_and_source_line_stay_out_of_the_preamble(tmp_path: Path) -> None:
    title = "忻州市科学技术局2024年度政府信息公开年度报告"
    page = _page(tmp_path, above=f"<h1>{title}</h1><div>来源：本站　发布时间：2025-01-20　浏览次数：12</div>")
    data, _, _ = _converted(page)
    assert data["preamble"].startswith("根据《中华人民共和国政府信息公开条例》")


def test_a_footer_after_the_signature_does_not_hide_its_date(tmp_path: Path) -> None:
    page = _page(tmp_path)
    footer = ("<div>主办单位：忻州市科学技术局　网站标识码：1409000031</div><div>晋ICP备12000000号</div>"
              "<div>【打印本页】【关闭窗口】</div>")
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", f"{footer}</body>"), encoding="utf-8")
    data, text, _ = _converted(page)
    assert str(data["published"]) == "2025-01-20" and "#" not in _line(text, "published")
    assert data["sections"]["六、其他需要报告的事项"] == "无"


def test_the_page_date_is_said_once_in_the_yaml_after_its_key(tmp_path: Path) -> None:
    page = _page(tmp_path, head='<meta name="PubDate" content="2025-02-08 15:34">', signed=False)
    _, text, stderr = _converted(page)
    assert text.count("取自网页") == 1 and "取自网页" in _line(text, "published")
    assert "取自网页" in stderr  # and on standard error, with the other notes
