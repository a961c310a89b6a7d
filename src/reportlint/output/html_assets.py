"""The fixed parts of the `--format html` page: its words in both languages, its style and script
(`page.css`, `page.js` beside this module, inlined: the page needs no network) and the drawings
of the tables as printed in the format (`rules/drawings.yaml`)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

#: Every word the page shows, in Chinese and in English.
TEXT: dict[str, dict[str, str]] = {
    "zh": {
        "title": "政府信息公开工作年度报告检查结果", "reports": "份报告", "filter": "筛选（机关、文件、规则代码）",
        "all": "全部状态", "agency": "机关", "kind": "类型", "year": "年度", "pack": "格式", "file": "文件",
        "errors": "错误", "warnings": "警告", "status": "结论", "clean": "通过", "warnings_only": "仅有警告",
        "errors_st": "有错误", "unreadable": "无法读取", "frequent": "最常见的问题", "findings": "发现的问题",
        "none": "没有发现问题", "code": "代码", "severity": "级别", "message": "说明", "place": "位置",
        "prev": "上一页", "next": "下一页", "page": "第 {p} / {n} 页", "shown": "显示 {n} 份",
        "error": "错误", "warning": "警告", "info": "提示", "related": "涉及：", "tables": "表格",
        "no_tables": "未能读取表格", "generated": "由 reportlint 生成；本页不联网，可直接打开或转发。",
        "open": "点击一行查看详情", "skipped": "另有 {n} 个文件不是年度报告，已跳过",
        "line": "第 {n} 行", "k_department": "部门", "k_government": "人民政府", "k_township": "乡镇、街道",
        "assumed": "（推定）", "switch": "English",
    },
    "en": {
        "title": "Annual report check results (政府信息公开工作年度报告)", "reports": "reports",
        "filter": "Filter (agency, file, rule code)", "all": "Any status", "agency": "Agency", "kind": "Kind",
        "year": "Year", "pack": "Format", "file": "File", "errors": "Errors", "warnings": "Warnings",
        "status": "Status", "clean": "clean", "warnings_only": "warnings only", "errors_st": "errors",
        "unreadable": "unreadable", "frequent": "Most frequent problems", "findings": "Findings",
        "none": "No findings", "code": "Code", "severity": "Severity", "message": "Message", "place": "Place",
        "prev": "Previous", "next": "Next", "page": "page {p} of {n}", "shown": "{n} shown",
        "error": "error", "warning": "warning", "info": "note", "related": "involved: ", "tables": "Tables",
        "no_tables": "the tables could not be read", "generated": "Made by reportlint; the page needs no "
        "network: open it from disk or send it on.", "open": "click a row for its details",
        "skipped": "{n} more files were skipped as not reports", "line": "line {n}",
        "k_department": "department", "k_government": "government", "k_township": "township", "assumed": " (assumed)",
        "switch": "中文",
    },
}


@cache
def _asset(name: str) -> str:
    return (Path(__file__).parent / name).read_text(encoding="utf-8")


def drawings() -> object:
    """The drawings of the tables by id (rules/drawings.yaml); none when the file is missing."""
    from reportlint.format.resources import load_data, rules_dir

    path = rules_dir() / "drawings.yaml"
    data = load_data(path) if path.is_file() else None
    return data.get("tables", {}) if isinstance(data, dict) else {}


def _json(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page_head(lang: str) -> str:
    """Everything before the reports: the page's frame, its words in both languages (it opens in
    `lang`; a button switches) and the drawings."""
    lang = "en" if lang == "en" else "zh"
    words = TEXT[lang]
    return (
        f'<!DOCTYPE html>\n<html lang="{"en" if lang == "en" else "zh-CN"}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        f"style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
        f"<title>{words['title']}</title>\n<style>\n{_asset('page.css')}</style>\n</head>\n<body>\n"
        f'<header><button type="button" id="lang">{words["switch"]}</button><h1 id="title">{words["title"]}</h1>'
        f'<p id="count"></p></header>\n'
        f'<main><section id="chart"></section><section id="list"></section></main>\n'
        f'<footer id="generated">{words["generated"]}</footer>\n'
        f'<script type="application/json" id="words">{_json({"lang": lang, **TEXT})}</script>\n'
        f'<script type="application/json" id="drawings">{_json(drawings())}</script>\n'
    )


def page_tail() -> str:
    """The script that draws the page from the blocks written before it."""
    return f"<script>\n{_asset('page.js')}</script>\n</body>\n</html>\n"
