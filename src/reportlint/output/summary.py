"""The verdicts at the end of a text run: how many reports were clean, had warnings only, had errors
or could not be read, how many files were skipped, and the rules found most often."""

from __future__ import annotations

from reportlint.findings.verdict import CLEAN, ERRORS, UNREADABLE, WARNINGS, Tally

#: How many of the most frequent rules the summary names.
TOP = 5


def wanted(tally: Tally, skipped: int, passed_over: int, quiet: int) -> bool:
    """The verdicts are worth a line after a run of more than one file, or when only the summary is shown."""
    return quiet > 0 or tally.checked + skipped + passed_over > 1


def lines(tally: Tally, skipped: int, passed_over: int, lang: str, hidden: int = 0) -> list[str]:
    """The verdicts line (with how many findings a baseline hid), and the most frequent rules' line
    when anything was found."""
    r = tally.reports
    top = tally.top(TOP)
    if lang == "en":
        out = [f"Reports: {tally.checked} checked — {r[CLEAN]} clean, {r[WARNINGS]} with warnings only, "
               f"{r[ERRORS]} with errors, {r[UNREADABLE]} unreadable"
               + (f"; {skipped} skipped (not reports)" if skipped else "")
               + (f"; {passed_over} passed over (not readable as reports)" if passed_over else "")
               + (f"; {hidden} finding{'s' if hidden != 1 else ''} hidden by the baseline" if hidden else "")]
        if top:
            out.append("Most frequent rules: " + ", ".join(f"{code} {tally.names[code]} ×{n}" for code, n in top))
        return out
    out = [f"报告：检查 {tally.checked} 份——通过 {r[CLEAN]} 份，仅有警告 {r[WARNINGS]} 份，"
           f"有错误 {r[ERRORS]} 份，无法读取 {r[UNREADABLE]} 份"
           + (f"；跳过 {skipped} 个非报告文件" if skipped else "")
           + (f"；略过 {passed_over} 个无法作为报告读取的文件" if passed_over else "")
           + (f"；基线隐去 {hidden} 个已记录的问题" if hidden else "")]
    if top:
        out.append("最常见的规则：" + "、".join(f"{code} {tally.names[code]}（{n} 次）" for code, n in top))
    return out
