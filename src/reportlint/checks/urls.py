"""RL501–RL505: the publication address, checked offline (no request is ever sent). An address
without a scheme ("www.shanghai.gov.cn") is usual in prose: RL505 (info) says a link needs one;
RL502 is for what is really broken."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from reportlint.checks.base import Check, CheckSettings
from reportlint.document.edits import as_scalar, node_at, replace_scalar
from reportlint.document.model import Document
from reportlint.findings.emit import Emitter
from reportlint.findings.fixes import Fix

_URL_IN_TEXT = re.compile(r"https?://[^\s，。；、“”（）《》]+", re.IGNORECASE)
#: An address without a scheme in prose: "www." and a host, or a host of three labels or more
#: ending in letters (so "1.5万元", "report.pdf" and the domain of an e-mail address are not).
_BARE_IN_TEXT = re.compile(
    r"(?<![A-Za-z0-9@._/-])(?:www\.(?:[A-Za-z0-9-]+\.)+|(?:[A-Za-z0-9-]+\.){2,})[A-Za-z]{2,}(?![A-Za-z0-9@-])"
    r"(?::[0-9]+)?(?:/[^\s，。；、“”（）《》()]*)?"
)
_STRAY_END = ")）]】>》,，.。;；:：'\"“”’"
#: Closing brackets that a URL copied out of prose ("（网址：http://…）") drags along; --fix removes them.
_STRAY_BRACKETS = ")）]】》>"
_HOST = re.compile(r"^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(?:\.(?!-)[a-z0-9-]{1,63}(?<!-))+$")


def url_in_text(text: str) -> str | None:
    """The first address in `text`: one with a scheme, else one without ("www.example.gov.cn")."""
    match = _URL_IN_TEXT.search(text) or _BARE_IN_TEXT.search(text)
    return match.group(0) if match else None


def _split(url: str) -> tuple[str, str]:
    """(scheme, host) of the address as written; an address without "://" is read as http."""
    body = url.strip()
    parts = urlsplit(body if "://" in body else f"http://{body}")
    return (parts.scheme.lower() if "://" in body else ""), (parts.hostname or parts.netloc or "").lower()


def is_bare(url: str) -> bool:
    """Whether `url` is a well-formed host and path written without a scheme ("www.x.gov.cn/a")."""
    body = url.strip().rstrip(_STRAY_END)
    if "://" in body or not body:
        return False
    try:
        _, host = _split(body)
    except ValueError:
        return False
    return bool(_HOST.match(host)) and "." in host


def problems(url: str) -> list[tuple[str, str]]:
    """What is broken in the address as written, as (zh, en) reasons; empty when well-formed.
    A missing scheme alone is not broken here (see `is_bare`)."""
    found: list[tuple[str, str]] = []
    if url != url.strip() or any(ch.isspace() for ch in url.strip()):
        found.append(("含有空格", "it contains spaces"))
    stripped = url.strip()
    stray = stripped[-1] if stripped and stripped[-1] in _STRAY_END else ""
    body = stripped[:-1] if stray else stripped  # a stray end is reported once, as such
    wide = sorted({ch for ch in body if unicodedata.east_asian_width(ch) in ("F", "W")})
    if wide:
        found.append((f"含有全角或中文字符“{''.join(wide)}”", f"it contains full-width or CJK characters “{''.join(wide)}”"))
    if stray:
        found.append((f"末尾多了“{stray}”", f"a stray “{stray}” at the end"))
    try:
        parts = urlsplit(stripped)
        host = parts.hostname or ""
    except ValueError:
        found.append(("无法解析", "it cannot be parsed"))
        return found
    if is_bare(stripped):
        return found  # written without a scheme: RL505, not broken
    if parts.scheme.lower() not in ("http", "https") and parts.scheme and parts.netloc:
        found.append((f"协议“{parts.scheme}”不是 http:// 或 https://", f"the scheme “{parts.scheme}” is not http:// or https://"))
    elif parts.scheme.lower() not in ("http", "https"):
        found.append(("缺少 http:// 或 https:// 和有效的主机名", "no http:// or https:// scheme and no valid host"))
    elif not host or not _HOST.match(host.lower()):
        found.append((f"主机名“{host or parts.netloc}”无效", f"the host “{host or parts.netloc}” is not valid"))
    return found


def _without_stray(doc: Document, url: str) -> Fix | None:
    """The address without the closing brackets after it, when that is all that is wrong with it."""
    fixed = url.rstrip(_STRAY_BRACKETS)
    if fixed == url or not fixed or problems(fixed):
        return None
    line, column = doc.at("url")
    node = node_at(doc, line, column)
    if node is None:
        return None
    edit = replace_scalar(doc, line, column, as_scalar(fixed, node.style))
    return Fix((edit,)) if edit is not None else None


class UrlsCheck(Check):
    name = "urls"
    codes = ("RL501", "RL502", "RL503", "RL504", "RL505")

    def run(self, doc: Document, emit: Emitter, settings: CheckSettings) -> None:
        url = doc.meta.url
        at, where = doc.at("url"), "url"
        if url is None and doc.meta.preamble:
            url = url_in_text(doc.meta.preamble)
            at, where = doc.at("preamble"), "preamble"
        if url is None:
            emit("RL501", "default", (1, 1), path="url")
            return
        reasons = problems(url)
        if reasons:
            emit("RL502", "default", at, path=where, url=url, reasons_zh="；".join(r[0] for r in reasons),
                 reasons_en="; ".join(r[1] for r in reasons), fix=_without_stray(doc, url) if where == "url" else None)
        elif is_bare(url):
            emit("RL505", "default", at, path=where, url=url, suggested=f"https://{url.strip()}")
        try:
            scheme, host = _split(url.strip().rstrip(_STRAY_END))
        except ValueError:
            return
        if host and _HOST.match(host) and not (host == "gov.cn" or host.endswith(".gov.cn")):
            emit("RL503", "default", at, path=where, url=url, host=host)
        if scheme == "http":
            emit("RL504", "default", at, path=where, url=url)
