"""The examples as tests: the faithful seed reports exactly its real defects, the corrected one nothing."""

from __future__ import annotations

from pathlib import Path

from reportlint.engine.run import check_file
from reportlint.engine.settings import Settings

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
#: Every family: the seed is checked for exactly its real defects, nothing more and nothing less.
FAMILIES = ("RL0", "RL1", "RL2", "RL3", "RL4", "RL5", "RL6", "RL7", "RL9")


def _line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def test_seed_reports_exactly_its_real_defects() -> None:
    path = EXAMPLES / "xinzhou-kjj-2024.yaml"
    findings = [f for f in check_file(path, Settings()) if f.code.startswith(FAMILIES)]
    got = [(f.code, f.line, f.column, f.severity, f.path) for f in findings]
    url = _line_of(path, "url:")
    procurement = _line_of(path, "政府集中采购: [")
    other = _line_of(path, "（六）其他处理:")
    problems = _line_of(path, "五、存在的主要问题及改进情况:")
    fee = _line_of(path, "六、其他需要报告的事项:")
    assert got == [
        ("RL502", url, 6, "error", "url"),
        ("RL504", url, 6, "info", "url"),
        ("RL603", problems + 1, 5, "warning", "sections/五、存在的主要问题及改进情况"),  # its first line
        ("RL604", fee, 16, "warning", "sections/六、其他需要报告的事项"),  # "无", no word on 信息处理费
        ("RL203", procurement, 5, "error", "tables/主动公开/政府集中采购"),
        ("RL203", other, 7, "error", "tables/依申请公开/本年度办理结果/其他处理"),
    ]
    by_line = {f.line: f for f in findings}
    assert "末尾多了“)”" in findings[0].message_zh
    assert "2021年格式已删去第二十条第（九）项“政府集中采购”" in by_line[procurement].message_zh
    assert "本格式分为 3 项" in by_line[other].message_zh
    assert "申请人逾期未按收费通知要求缴纳费用" in by_line[other].message_zh


def test_seed_numbers_balance_through_the_single_row() -> None:
    """The single （六）其他处理 row still takes part in E2: no arithmetic finding on the seed."""
    findings = check_file(EXAMPLES / "xinzhou-kjj-2024.yaml", Settings(select=("RL3",)))
    assert findings == []


def test_corrected_example_is_clean() -> None:
    assert check_file(EXAMPLES / "xinzhou-kjj-2024-corrected.yaml", Settings()) == []


def test_seed_in_english() -> None:
    findings = check_file(EXAMPLES / "xinzhou-kjj-2024.yaml", Settings(lang="en"))
    messages = " | ".join(f.message_en for f in findings)
    assert "a stray “)” at the end" in messages
    assert "is written as a single row, as in the gov-2019 format" in messages
    assert "the 2021 format dropped 第二十条第（九）项 政府集中采购" in messages
