"""A blank report of a pack, for `reportlint init`: every section with a hint of what to write,
every table row and column at 0, the period and the deadline; as YAML text with comments.

Everything comes from the pack (sections, tables, deadlines, the `mentions` entries of `content:`),
so a new pack gives its own skeleton.
"""

from __future__ import annotations

import json
import re
from typing import Any

from reportlint.format.packs import Pack, RowSpec, SectionSpec, TableSpec
from reportlint.record import dataclass

#: Kinds of agency in the words of a report.
KIND_ZH = {"department": "政府部门", "government": "人民政府", "township": "乡镇人民政府、街道办事处"}
#: A YAML key or value that can be written without quotes: no indicator, no ": " or " #", no edge spaces.
_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#]*(?<!\s)$")
#: Plain scalars YAML would read as something other than text.
_NUMBER_LIKE = re.compile(r"^[0-9.+\-_:eExXoO]+$")
_WORDS = frozenset({"null", "true", "false", "yes", "no", "on", "off", "~", "y", "n"})


@dataclass(slots=True, frozen=True)
class Blank:
    """What a blank report says besides the pack: whose it is, of which year, and the local deadline."""

    agency: str
    year: int
    kind: str | None = None  # given by the user; None: guessed from `agency` by the pack
    township_deadline: tuple[int, int] | None = None  # the configured local deadline (month, day)
    pack_named: bool = False  # write `pack:` (the pack was chosen by the user, not by the year)


def kind_of(pack: Pack, blank: Blank) -> tuple[str, bool]:
    """The agency's kind, and whether it is sure (given, or guessed by a sure pattern)."""
    if blank.kind is not None:
        return blank.kind, True
    return pack.guess_agency_kind(blank.agency)


def section_key(section: SectionSpec) -> str:
    """The heading as the report writes it: "一、总体情况"."""
    return f"{section.id}、{section.heading}"


def placeholder(pack: Pack, section: SectionSpec, kind: str, sure: bool) -> str:
    """What to write in a text section: the aspects the pack's `mentions` entries ask of it, each in
    words that entry accepts (an item's name, or the entry's `hint`, or its first word)."""
    asked: list[str] = []
    for entry in _mentions(pack, section.id):
        if entry.get("kinds") and sure and kind not in entry["kinds"]:
            continue
        for item in entry.get("items") or ():
            asked.append(_accepted(str(item.get("name", "")), item))
        if entry.get("any"):
            asked.append(_accepted(str(entry.get("hint") or ""), entry))
    asked = list(dict.fromkeys(a for a in asked if a))
    if not asked:
        return f"（请在此填写{section.heading}。）"
    return f"（请在此填写{section.heading}，写明：{'；'.join(asked)}。）"


def _mentions(pack: Pack, section_id: str) -> list[dict[str, Any]]:
    return [e for e in pack.content if isinstance(e, dict) and e.get("kind") == "mentions"
            and str(e.get("section")) == section_id and (not e.get("formats") or pack.id in e["formats"])]


def _accepted(words: str, entry: dict[str, Any]) -> str:
    """`words` if they hold a word the entry accepts, else the entry's first word."""
    accepted = [str(w) for w in entry.get("any") or ()]
    if any(w in words for w in accepted):
        return words
    return accepted[0] if accepted else ""


def deadline_lines(pack: Pack, blank: Blank) -> list[str]:
    """The 第四十九条 deadline of this report's agency, and of the others, as comment lines."""
    kind, sure = kind_of(pack, blank)
    out = []
    for name, spec in pack.deadlines.items():
        month, day, basis = spec.month, spec.day, spec.basis
        if name == "township" and blank.township_deadline is not None:
            month, day = blank.township_deadline
            basis = "本地配置 township-deadline"
        mark = "→ " if name == kind else "  "
        out.append(f"{mark}{KIND_ZH.get(name, name)}：{blank.year + 1}年{month}月{day}日前（{basis}）")
    if not sure:
        out.append(f"  （机关类型由名称推断为“{KIND_ZH.get(kind, kind)}”，并不确定：请写明 agency_kind）")
    return out


def yaml_text(pack: Pack, blank: Blank) -> str:
    """The blank report as YAML, with comments for the clerk."""
    kind, sure = kind_of(pack, blank)
    out = [
        "# yaml-language-server: $schema=report.schema.json",
        f"# 编辑器补全与校验：reportlint schema{'' if pack.id == 'gov-2021' else ' --pack ' + pack.id}"
        " > report.schema.json",
        f"# {blank.year}年度政府信息公开工作年度报告（{pack.title_zh}，{pack.document}）",
        "# 由 reportlint init 生成：替换括号中的提示文字，填入表格数字，再运行 reportlint 检查。",
        "# 公布期限（条例第四十九条）：",
        *(f"#   {line}" for line in deadline_lines(pack, blank)),
        f"agency: {_scalar(blank.agency)}",
    ]
    if blank.kind is not None:
        out.append(f"agency_kind: {blank.kind}")
    elif not sure:
        out.append(f"# agency_kind: {kind}  # 机关类型：{' | '.join(dict.fromkeys(k for k, _, _ in pack.agency_kinds))}")
    out.append(f"year: {blank.year}")
    if blank.pack_named:
        out.append(f"pack: {_scalar(pack.id)}")
    out += [
        "period:  # 统计期限",
        f"  start: {blank.year}-01-01",
        f"  end: {blank.year}-12-31",
        "published:  # 落款日期，公布时填写（YYYY-MM-DD），须在上列期限之内",
        "# url: https://  # 公布网址，公布后填写",
        "sections:",
    ]
    for section in pack.sections:
        key = _scalar(section_key(section))
        if section.content == "table":
            out.append(f'  {key}: ""  # 见 tables')
        else:
            out.append(f"  {key}: {_scalar(placeholder(pack, section, kind, sure))}")
    out.append("tables:")
    for table in pack.tables:
        out += _table_lines(table)
    return "\n".join(out) + "\n"


def _table_lines(table: TableSpec) -> list[str]:
    out = [f"  {_scalar(table.id)}:  # {table.section}、{table.title}"]
    shown: tuple[str, ...] = ()

    def rows(specs: list[RowSpec], indent: str) -> None:
        nonlocal shown
        for row in specs:
            if row.is_group:
                out.append(f"{indent}{_scalar(row.label)}:")
                rows(row.rows, indent + "  ")
                continue
            labels = tuple(_column_label(c.label, c.unit) for c in row.columns)
            if labels != shown and len(labels) > 1:
                out.append(f"{indent}# 列：{'、'.join(labels)}")
            value = "0" if len(row.columns) == 1 else "[" + ", ".join("0" for _ in row.columns) + "]"
            note = f"  # {labels[0]}" if len(labels) == 1 else ""
            out.append(f"{indent}{_scalar(row.label)}: {value}{note}")
            shown = labels

    rows(table.rows, "    ")
    return out


def _column_label(label: str, unit: str | None) -> str:
    return f"{label}（单位：{unit}）" if unit else label


def _scalar(text: str) -> str:
    """`text` as a YAML scalar: plain where that reads back the same, else a double-quoted string."""
    if _PLAIN.match(text) and not _NUMBER_LIKE.match(text) and text.lower() not in _WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)
