"""The one extraction core: a block stream (from any reader) to report YAML with source refs."""

from __future__ import annotations

import re
from typing import Any

import yaml

from reportlint.convert.agency_facts import decide, page_title, signer
from reportlint.convert.blocks import Block, tidy
from reportlint.convert.converted import Converted, NotAReport, SourceRef
from reportlint.convert.headings import Heading, find_headings
from reportlint.convert.metadata import period_of, signature, title_facts, url_of
from reportlint.convert.page_facts import page_date
from reportlint.convert.pasted import annotate, read_rows
from reportlint.convert.tables import match_table, table_data
from reportlint.format.library import DEFAULT_PACK, Library, builtin
from reportlint.format.packs import Pack

_TITLE = re.compile(r"(?:(?:19|20)[0-9]{2}|[〇零○一二三四五六七八九]{4})\s*年.*(?:报告|年报)")
_SENTENCE_MARKS = ("。", "，", "；", "：", ",", ";")


def build(blocks: list[Block], library: Library | None = None) -> Converted:
    """Find title, preamble, sections, tables and signature in `blocks`; raise `NotAReport` if none.

    Headings are looked for with the default pack of `library` (default: the built-in packs), then
    again with the pack of the report's year if that is another."""
    meta = [b for b in blocks if b.kind == "meta"]
    if meta:
        blocks = [b for b in blocks if b.kind != "meta"]
    if not any(tidy(b.text) for b in blocks):
        if any(b.kind == "picture" for b in blocks):
            raise NotAReport("文件里只有图片，没有文字（扫描件或截图）：无法读取",
                             "the document holds only pictures, no text (a scan or screenshots): it cannot be read")
        raise NotAReport("文件是空的", "the document is empty")
    library = library or builtin()
    pasted: dict[str, str] = {}
    if blocks[0].ref.kind == "txt":  # tables pasted as text: rows of cells split by tabs or spaces
        blocks, pasted = read_rows(blocks, library.pack(DEFAULT_PACK))
    headings = find_headings(blocks, library.pack(DEFAULT_PACK))
    first = headings[0].start if headings else len(blocks)
    title, preamble_from = _title(blocks, first)
    if not title and (shown := page_title(meta)) is not None:
        title = [shown]
    agency, year = title_facts(title)
    pack = library.pack_for_year(year[0] if year else None)
    if pack.id != DEFAULT_PACK:
        headings = find_headings(blocks, pack)
    data: dict[str, Any] = {}
    refs: dict[str, SourceRef] = {}
    notes: list[str] = list(pasted.values())
    in_place = set(pasted.values())  # notes the YAML says where they apply (above a table, after a key)
    comments: dict[str, str] = {}

    def put(key: str, found: tuple[object, SourceRef] | None, zh: str, en: str) -> None:
        if found is None:
            notes.append(f"找不到{zh}，未写入 / no {en} found; left out")
            return
        data[key], refs[key] = found

    date, where, size = signature(blocks[headings[-1].end :], agency[0] if agency else None) if headings else (
        None, None, 0)
    facts = decide(agency, signer(blocks[len(blocks) - size :]) if size else None, pack)
    put("agency", (facts.name, facts.ref) if facts else None, "机关名称（标题、落款）", "agency name in the title or signature")
    if facts is not None:
        if facts.kind is not None:
            data["agency_kind"], refs["agency_kind"] = facts.kind, facts.ref
        key = "agency" if facts.kind is None else "agency_kind"
        comments[key] = facts.comment
        if facts.noted:
            notes.append(f"{key}: {facts.comment}")
            in_place.add(notes[-1])
    put("year", year, "报告年度（标题）", "report year in the title")
    preamble = [b for b in blocks[preamble_from:first] if b.kind in ("para", "line", "break")]
    put("period", period_of(preamble), "统计期限（前言）", "statistical period in the preamble")
    end = len(blocks)
    if date is not None and where is not None:
        data["published"], refs["published"] = date, where
        end -= size
    elif (on_page := page_date(meta, _page_head(blocks, title, first))) is not None:
        data["published"], refs["published"] = on_page.date, on_page.ref
        comments["published"] = (f"报告没有落款日期，取自网页：{on_page.written} / no closing date (落款) in the "
                                 f"report; taken from the page: {on_page.written}")
        notes.append(f"published {on_page.date}: {comments['published']}")
        in_place.add(notes[-1])
    elif headings:
        notes.append("找不到落款日期，网页上也没有发布日期，未写入 / no closing date (落款) and no date on the "
                     "page; left out")
    found_url = url_of(preamble)
    if found_url is not None:
        data["url"], refs["url"] = found_url
    text = _text(preamble)
    if text:
        data["preamble"] = text
        refs["preamble"] = next(b.ref for b in preamble if tidy(b.text))
    data["sections"] = _sections(blocks, headings, end, refs)
    tables, rows = _tables(blocks, headings, pack, refs, notes)
    if not headings and not rows:
        raise NotAReport(
            "文件中既没有“一、总体情况”等章节标题，也没有统计表",
            "the document has none of the section headings (一、总体情况 …) and no statistics table",
        )
    if not data["sections"]:
        del data["sections"]
    data["tables"] = tables
    head = commented([n for n in notes if n not in in_place])
    return Converted(head + annotate(dump(data, comments), pasted), refs, notes)


def _page_head(blocks: list[Block], title: list[Block], first: int) -> list[Block]:
    """The blocks of the page above the report's title (its date line, its information table);
    none when the title was not found in the document itself."""
    if not title or title[0] not in blocks:
        return []
    return blocks[: blocks.index(title[0])]


def _title(blocks: list[Block], first: int) -> tuple[list[Block], int]:
    """The title lines before the first heading, and the index where the preamble starts.

    The last title-like line of the first fifteen is the report's: a web page often shows the
    title once as its own heading, then its 来源/发布时间 line, then the report with its title."""
    lines = [(i, b) for i, b in enumerate(blocks[:first]) if b.kind in ("para", "line") and tidy(b.text)]
    found = [n for n, (_, block) in enumerate(lines[:15]) if _is_title(tidy(block.text))]
    if not found:
        return [], lines[0][0] if lines else first
    n = found[-1]
    i, block = lines[n]
    title = [block]
    if n > 0:
        above = tidy(lines[n - 1][1].text)
        if len(above) <= 30 and not any(m in above for m in _SENTENCE_MARKS):
            title.insert(0, lines[n - 1][1])
    return title, i + 1


def _is_title(text: str) -> bool:
    """A line that names the report ("2024年度政府信息公开工作年度报告"), not a sentence about it."""
    return len(text) <= 60 and _TITLE.search(text) is not None and not any(m in text for m in ("。", "，", ","))


def _text(blocks: list[Block]) -> str:
    """Paragraph text as written, one line per block, empty lines kept inside, trimmed around."""
    lines = [b.text.rstrip() if b.kind != "break" else "" for b in blocks if b.kind not in ("cell", "picture")]
    lines = [line.replace("\u3000", " ").strip("\t") if line.strip() else "" for line in lines]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def _sections(blocks: list[Block], headings: list[Heading], end: int, refs: dict[str, SourceRef]) -> dict[str, str]:
    sections: dict[str, str] = {}
    for n, heading in enumerate(headings):
        stop = headings[n + 1].start if n + 1 < len(headings) else end
        text = "" if heading.spec.content == "table" else _text(blocks[heading.end : stop])
        sections[heading.written] = text
        refs[f"sections/{heading.written}"] = blocks[heading.start].ref
    if headings:
        refs["sections"] = blocks[headings[0].start].ref
    return sections


def _tables(blocks: list[Block], headings: list[Heading], pack: Pack, refs: dict[str, SourceRef],
            notes: list[str]) -> tuple[dict[str, Any], int]:
    tables: dict[str, Any] = {}
    count = 0
    for spec in pack.tables:
        region = blocks
        anchor = None
        for n, heading in enumerate(headings):
            if heading.spec.table == spec.id:
                stop = headings[n + 1].start if n + 1 < len(headings) else len(blocks)
                region, anchor = blocks[heading.end : stop], blocks[heading.start].ref
        found = match_table(spec, [b for b in region if b.kind != "picture"])
        notes.extend(found.notes)
        picture = next((b for b in region if b.kind == "picture"), None) if anchor is not None else None
        if not found.rows and picture is not None:  # under its heading, a picture instead (RL206)
            tables[spec.id], refs[f"tables/{spec.id}"] = f"图片（{picture.ref.where}）", picture.ref
            refs.setdefault("tables", picture.ref)
            notes.append(f"表“{spec.id}”是图片，无法读取数字 / table {spec.id} is a picture; its numbers cannot be read")
            continue
        if not found.rows:
            notes.append(f"找不到表“{spec.id}”的任何一行 / no row of table {spec.id} found")
            continue
        count += len(found.rows)
        data, table_refs = table_data(found)
        tables[spec.id] = data
        refs.update(table_refs)
        refs[f"tables/{spec.id}"] = anchor or found.rows[0].ref
        refs.setdefault("tables", refs[f"tables/{spec.id}"])
    return tables, count


class _Dumper(yaml.SafeDumper):
    """Multi-line text as literal blocks, so the YAML reads like the document."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.Node:
    flow = all(not isinstance(v, dict | list) for v in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(list, _list)


def commented(notes: list[str]) -> str:
    """The converter's notes as YAML comments to head the converted report."""
    return "".join(f"# reportlint convert: {' '.join(note.split())}\n" for note in notes)


def dump(data: dict[str, Any], comments: dict[str, str] | None = None) -> str:
    """The report YAML; `comments` are put after the top-level keys they explain (what a value was
    taken from, how a kind was decided)."""
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**9)
    if not comments:
        return text
    lines = text.split("\n")
    for n, line in enumerate(lines):
        key = line.partition(":")[0]
        if key in comments and not line.startswith((" ", "-")):
            lines[n] = f"{line}  # {comments[key]}"
    return "\n".join(lines)


