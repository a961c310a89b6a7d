"""Which agency a document's report is of, and its kind, from the title, the 落款 and the page title.

A region's report is often titled by its place alone ("淮安市洪泽区2024年政府信息公开工作年度报告") and
signed by its people's government; the name to keep is the fullest one the document gives, and the
kind (the 第四十九条 deadline and RL602 depend on it) is said with the reason it was decided on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlint.convert.blocks import Block, squeeze
from reportlint.convert.converted import SourceRef
from reportlint.convert.metadata import parse_date
from reportlint.format.packs import Pack

#: A bare place name: what a region's report title starts with ("洪泽区", "某某县", "某某镇").
_PLACE = re.compile(r"[\u4e00-\u9fff]{1,20}?(?:省|自治区|市|区|县|旗|自治州|自治县|盟|地区|林区|乡|镇|苏木|街道)")
_TOWNSHIP = ("乡", "镇", "苏木", "街道")
#: Zones run by a 管理委员会: whether their report is a government's is not settled by the name.
_ZONES = re.compile(r"(?:新区|开发区|园区|实验区|试验区|示范区|高新区|保税区|合作区|自然保护区)$")
_TITLE_SPLIT = re.compile(r"\s*[_|｜—–]\s*|\s+-\s+")


@dataclass(frozen=True, slots=True)
class AgencyFacts:
    """The agency's name and where it stands; the kind to write (None: leave it to the name) and
    the comment that says how the kind was decided."""

    name: str
    ref: SourceRef
    kind: str | None
    comment: str
    noted: bool = True  # worth a note on stderr (not when the name alone settles the kind)


def is_place(name: str) -> bool:
    """Whether `name` is a place only ("淮安市洪泽区"), not an agency of it."""
    return _PLACE.fullmatch(name) is not None and _ZONES.search(name) is None


def page_title(meta: list[Block]) -> Block | None:
    """The part of the page's `<title>` that names the report ("…2024年…年度报告_某某网" → the first part)."""
    for block in meta:
        key, _, value = block.text.partition("=")
        if block.kind == "meta" and key == "title":
            parts = [p for p in _TITLE_SPLIT.split(value) if p]
            best = next((p for p in parts if "报告" in p or "年报" in p), parts[0] if parts else "")
            return Block("line", best, block.ref) if best else None
    return None


def signer(signature: list[Block]) -> tuple[str, SourceRef] | None:
    """The name in the 落款 (the short line above the closing date), if the signature has one."""
    for block in signature:
        if block.kind in ("para", "line") and squeeze(block.text) and parse_date(block.text) is None:
            return squeeze(block.text), block.ref
    return None


def decide(title: tuple[str, SourceRef] | None, signed: tuple[str, SourceRef] | None, pack: Pack
           ) -> AgencyFacts | None:
    """The agency: the title's name, or the 落款's when the title names only the place that the
    落款's agency governs (or the title names none); with the kind and its reason."""
    name_ref = title
    if signed is not None and (title is None or (is_place(title[0]) and _governs(signed[0], title[0]))):
        name_ref = signed
    if name_ref is None:
        return None
    name, ref = name_ref
    if is_place(name):
        kind = "township" if name.endswith(_TOWNSHIP) else "government"
        where = "标题" if name_ref is title else "落款"
        return AgencyFacts(name, ref, kind, f"{where}只写了地名“{name}”：地区的年度报告是其人民政府的报告 / "
                                            f"the {'title' if where == '标题' else 'signature'} names only the "
                                            f"place {name}: a region's report is its people's government's")
    kind, sure = pack.guess_agency_kind(name)
    if sure:
        return AgencyFacts(name, ref, None, f"agency_kind 按名称推断为 {kind} / inferred from the name: {kind}",
                           noted=False)
    return AgencyFacts(name, ref, None, f"名称“{name}”不能确定机关类型（如地区一级的管理委员会），未写入 agency_kind，"
                                        f"期限按最晚的检查 / the name does not settle the kind (e.g. a region-level "
                                        f"管委会): agency_kind left out, the latest deadline applies")


def _governs(agency: str, place: str) -> bool:
    """Whether `agency` (a 落款) is of `place`: "洪泽区人民政府" of "淮安市洪泽区", "某镇人民政府" of "某镇"."""
    a, p = squeeze(agency), squeeze(place)
    return any(a.startswith(p[i:]) for i in range(len(p)) if len(p) - i >= 2) and len(a) > 2
