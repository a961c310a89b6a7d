"""A generated collection of reports for end-to-end tests: `write(folder, n)` writes N reports made
from examples/county-2024.yaml — agencies of every kind, years 2021–2024, numbers that differ from
report to report — with known faults in a known subset, some as Word or web documents, one as a PDF,
some unreadable, and returns what a run must say of each file."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

BASE = Path(__file__).resolve().parent.parent / "examples" / "county-2024.yaml"

PLACES = ("东山县", "西河区", "南湖市", "北岭县", "青石县", "白云区", "金沙县", "玉泉市", "长宁县", "安平区", "明水县")
#: Places of the documents: their own, so that no document is paired with a report of the year before
#: (pairing is tested in test_pairing.py; here every verdict is the fault's).
DOCUMENT_PLACES = ("临江县", "平山区", "双河市", "石门县", "清溪区", "枫林县", "云台市")
BUREAUS = ("市场监督管理局", "教育局", "财政局", "自然资源局", "卫生健康委员会", "人民政府", "交通运输局",
           "民政局", "统计局", "城关镇人民政府", "住房和城乡建设局", "文化和旅游局", "东关街道办事处", "水利局")

#: fault → (a pattern of the base text, its replacement, the findings it gives as (code, severity)).
FAULTS: dict[str, tuple[str, str | Callable[[re.Match[str]], str], tuple[tuple[str, str], ...]]] = {
    "clean": ("", "", ()),
    "wrong-total": (r"(行政复议: \[\d+, 1, 0, 1, )(\d+)\]", lambda m: f"{m[1]}{int(m[2]) + 1}]", (("RL304", "error"),)),
    "wrong-balance": (re.escape("总计: [79, 9, 1, 0, 2, 2, 93]"), "总计: [79, 9, 1, 0, 2, 2, 94]", (("RL301", "error"),)),
    "missing-section": (r"  五、存在的主要问题及改进情况: \|\n    .*\n", "", (("RL101", "error"),)),
    "late": ("published: 2025-01-24", "published: 2025-04-15", (("RL402", "error"),)),
    "broken-url": (r"(?m)^(url: .*2024nb\.html)$", r"\1)", (("RL502", "error"),)),
    "table-2019": (r"(    行政事业性收费: 0\n)", r"\1    政府集中采购: [0, 0]\n", (("RL203", "error"),)),
    "not-gov-cn": (r"url: https://www\.example-county\.gov\.cn", "url: https://www.example-county.com",
                   (("RL503", "warning"),)),
    "plain-http": ("url: https://", "url: http://", (("RL504", "info"),)),
}
#: The faults of files 0, 1, 2, … in turn: half the collection is clean.
CYCLE = ("clean", "wrong-total", "clean", "missing-section", "clean", "late", "clean", "broken-url", "clean",
         "table-2019", "clean", "not-gov-cn", "clean", "plain-http", "clean", "wrong-balance")
#: Faults a Word or web rendering shows (it writes tables and sections, not the date or the address).
DOCUMENT_FAULTS = ("clean", "wrong-total", "missing-section", "table-2019")
#: The example's agency and cells a Word document is written with, then renamed and renumbered.
EXAMPLE_AGENCY, EXAMPLE_ALLOWANCE, EXAMPLE_PENALTY = "示例县市场监督管理局", 1260, 318
#: What the generated PDF (an incomplete report: Table 三's first rows only) gives.
PDF_FINDINGS = (("RL101", "error"), ("RL101", "error"), ("RL201", "error"), ("RL201", "error"), ("RL202", "error"),
                ("RL202", "error"), ("RL405", "info"), ("RL501", "warning"), ("RL601", "warning"),
                ("RL603", "warning"), ("RL604", "warning"))

TOWNSHIP = ("镇人民政府", "街道办事处")
ALLOWANCE, PENALTY = "二/行政许可/本年处理决定数量", "二/行政处罚/本年处理决定数量"
UPHELD, NEW_TOTAL = "四/行政复议/结果维持", "三/本年新收政府信息公开申请数量/总计"


@dataclass(frozen=True, slots=True)
class Expected:
    """What the run must say of one file: its verdict, its findings (code, severity), who and when,
    and a few of its cells by export header (None: no such file-level fact)."""

    fault: str
    status: str
    findings: tuple[tuple[str, str], ...]
    agency: str | None
    year: int | None
    cells: dict[str, int] = field(default_factory=dict)

    def counts(self) -> tuple[int, int, int]:
        """Findings per severity: error, warning, info."""
        return tuple(sum(s == level for _, s in self.findings) for level in ("error", "warning", "info"))  # type: ignore[return-value]


def status_of(findings: tuple[tuple[str, str], ...]) -> str:
    severities = {s for _, s in findings}
    return "errors" if "error" in severities else "warnings" if "warning" in severities else "clean"


def write(folder: Path, n: int = 300) -> dict[str, Expected]:
    """Write `n` report files into `folder`; return the expected result of each, by file name."""
    folder.mkdir(parents=True, exist_ok=True)
    base = re.sub(r"(?m)^previous:.*\n", "", BASE.read_text(encoding="utf-8"))
    expected: dict[str, Expected] = {}
    word: dict[str, bytes] = {}  # a Word document per fault, written once (python-docx takes seconds)
    for i in range(n):
        form = _form(i)
        places = PLACES if form in ("yaml", "junk") else DOCUMENT_PLACES
        agency = places[i % len(places)] + BUREAUS[i % len(BUREAUS)]
        if form == "junk":
            name = f"{i:03d}-{agency}-损坏.{'yaml' if i // 60 % 2 else 'docx'}"
            (folder / name).write_bytes(bytes(range(256)) * 4)
            expected[name] = Expected("junk", "unreadable", (("RL001", "error"),), None, None)
            continue
        if form == "pdf":
            name = f"{i:03d}-{agency}-2024.pdf"
            _pdf(folder / name, agency, 200 + i)
            expected[name] = Expected("pdf", "errors", PDF_FINDINGS, agency, 2024, {NEW_TOTAL: 200 + i})
            continue
        fault = CYCLE[i % len(CYCLE)]
        if form != "yaml" and fault not in DOCUMENT_FAULTS:
            fault = "clean"
        year = 2024 if form != "yaml" else 2021 + i % 4
        upheld, allowance, penalty = (i % 3 if form == "yaml" else 1), 1000 + i, 300 + i % 50
        name = f"{i:03d}-{agency}-{year}.{form}"
        if form == "yaml":
            (folder / name).write_text(_report(base, agency, fault, upheld, allowance, penalty, year), encoding="utf-8")
        elif form == "html":
            from test_convert_documents import write_html

            write_html(folder / name, yaml.safe_load(_report(base, agency, fault, upheld, allowance, penalty, year)))
        else:
            if fault not in word:
                word[fault] = _docx(_report(base, EXAMPLE_AGENCY, fault, upheld, EXAMPLE_ALLOWANCE, EXAMPLE_PENALTY,
                                            year), folder / f".{fault}.docx")
            _renamed(word[fault], folder / name, {EXAMPLE_AGENCY: agency, f">{EXAMPLE_ALLOWANCE}<": f">{allowance}<",
                                                  f">{EXAMPLE_PENALTY}<": f">{penalty}<"})
        findings = FAULTS[fault][2]
        if fault == "late" and agency.endswith(TOWNSHIP):  # their deadline is inferred (sure: R): a warning
            findings = (("RL402", "warning"),)
        cells = {ALLOWANCE: allowance, PENALTY: penalty, UPHELD: upheld, NEW_TOTAL: 95}
        expected[name] = Expected(fault, status_of(findings), findings, agency, year, cells)
    return expected


def _form(i: int) -> str:
    """yaml for most files; every 25th a Word document, every 50th a web page, one PDF, a few junk."""
    if i == 7:
        return "pdf"
    if i % 60 == 44:
        return "junk"
    if i % 25 == 11:
        return "docx"
    return "html" if i % 50 == 23 else "yaml"


def _report(base: str, agency: str, fault: str, upheld: int, allowance: int, penalty: int, year: int) -> str:
    text = (base.replace("示例县市场监督管理局", agency)
            .replace("行政许可: 1260", f"行政许可: {allowance}").replace("行政处罚: 318", f"行政处罚: {penalty}")
            .replace("行政复议: [1, 1, 0, 1, 3]", f"行政复议: [{upheld}, 1, 0, 1, {upheld + 2}]"))
    pattern, replacement, _ = FAULTS[fault]
    if pattern:
        text, done = re.subn(pattern, replacement, text)
        assert done == 1, (fault, pattern)
    return re.sub(r"202[45]", lambda m: str(year + int(m[0]) - 2024), text)


def _docx(text: str, scratch: Path) -> bytes:
    from test_convert_documents import write_docx

    write_docx(scratch, yaml.safe_load(text))
    data = scratch.read_bytes()
    scratch.unlink()
    return data


def _renamed(docx: bytes, path: Path, replace: dict[str, str]) -> None:
    """A copy of a Word document with text of its body replaced (names and whole cells)."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                body = data.decode("utf-8")
                for old, new in replace.items():
                    assert old in body, old
                    body = body.replace(old, new)
                data = body.encode("utf-8")
            target.writestr(item, data)


def _pdf(path: Path, agency: str, new_total: int) -> None:
    """A one-page PDF: a title, section 一 and Table 三's first two rows (the rest is missing)."""
    from tiny_pdf import Page

    page = Page()
    page.text(40, 40, f"{agency}2024年度政府信息公开工作年度报告", 14)
    page.text(40, 80, "一、总体情况")
    page.text(40, 100, "本报告统计期限为2024年1月1日至12月31日。")
    page.text(40, 130, "三、收到和处理政府信息公开申请情况")
    x, top, label_width, width = 30, 150, 170, 50
    values = [[new_total - 6, 1, 1, 1, 1, 2, new_total], [0, 0, 0, 0, 0, 0, 0]]
    for label, row in zip(["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量"], values, strict=True):
        page.cell(x, top, label_width, 24, label)
        for c, value in enumerate(row):
            page.cell(x + label_width + width * c, top, width, 24, str(value))
        top += 24
    for k, line in enumerate(["五、存在的主要问题及改进情况", "无。", "六、其他需要报告的事项", "无"]):
        page.text(40, top + 20 * (k + 1), line)
    page.save(path)
