"""`reportlint FILE.docx --annotate`: the findings as Word comments (批注) on a copy of the document,
each on its cell or paragraph; the original only read (docs/cli.md, "Findings as Word comments")."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_cli

docx = pytest.importorskip("docx")

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _env() -> dict[str, str]:
    return {**os.environ, "REPORTLINT_LANG": "zh"}


def _faulty(folder: Path) -> Path:
    """A 2024 report made by `init --docx`, with 予以公开/自然人 off by 5 and section 五 left as "无"."""
    blank = folder / "blank.docx"
    run = run_cli("init", "--year", "2024", "--agency", "某某县市场监督管理局", "--docx", "-o", str(blank), cwd=folder)
    assert run.returncode == 0, run.stderr
    document = docx.Document(str(blank))
    table = document.tables[1]
    row = next(r for r in table.rows if r.cells[1].text == "（一）予以公开")
    row.cells[3].text = "5"
    section = next(p for p in document.paragraphs if p.text.startswith("（请在此填写存在的主要问题"))
    section.text = "无"
    path = folder / "2024年报.docx"
    document.save(str(path))
    return path


def _anchored(element: object) -> set[str]:
    """The ids of the comments whose range starts inside `element` (a paragraph's or a cell's XML)."""
    return {node.get(f"{W}id") for node in element.iter(f"{W}commentRangeStart")}  # type: ignore[attr-defined]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_annotate_puts_each_finding_on_its_cell_or_paragraph(tmp_path):
    original = _faulty(tmp_path)
    before = _digest(original)
    out = tmp_path / "2024年报-意见.docx"
    run = run_cli(str(original), "--annotate", "-o", str(out), cwd=tmp_path, env=_env())
    assert run.returncode == 1, run.stderr  # errors found, as without --annotate
    assert "RL302" in run.stdout and f"wrote {out} (3 comments)" in run.stderr
    assert _digest(original) == before  # the original is never touched
    document = docx.Document(str(out))
    comments = {c.comment_id: c for c in document.comments}
    assert len(comments) == 3 and all(c.author == "reportlint" for c in comments.values())
    # the wrong cell: code, message, the numbers of the equation and where its other cells are
    row = next(r for r in document.tables[1].rows if r.cells[1].text == "（一）予以公开")
    (cell_id,) = _anchored(row.cells[3]._tc)
    text = comments[int(cell_id)].text
    assert text.startswith("RL302 错误") and "予以公开 5 + 部分公开 0" in text and "相关单元格：表2 第27行第4列" in text  # 总计, under Table 三's three header rows
    # the empty section, on its heading (where the converter places the section)
    paragraph = next(p for p in document.paragraphs if p.text == "五、存在的主要问题及改进情况")
    (para_id,) = _anchored(paragraph._p)
    assert comments[int(para_id)].text.startswith("RL104 错误")
    # findings without a place in the document (no address, no date): one comment at the title
    (title_id,) = _anchored(document.paragraphs[0]._p)
    assert {line.split()[0] for line in comments[int(title_id)].text.splitlines()} == {"RL405", "RL501"}


def test_annotated_copy_reads_back_to_the_same_numbers(tmp_path):
    original = _faulty(tmp_path)
    out = tmp_path / "copy.docx"
    assert run_cli(str(original), "--annotate", "-o", str(out), cwd=tmp_path, env=_env()).returncode == 1
    before = run_cli("convert", str(original), cwd=tmp_path, env=_env())
    after = run_cli("convert", str(out), cwd=tmp_path, env=_env())
    assert before.returncode == after.returncode == 0
    assert after.stdout == before.stdout
    checked = [run_cli("--format", "concise", str(p), cwd=tmp_path, env=_env()).stdout for p in (original, out)]
    assert checked[1].replace("copy.docx", "2024年报.docx") == checked[0]


def test_annotate_names_the_copy_beside_the_document_and_never_overwrites(tmp_path):
    original = _faulty(tmp_path)
    default = tmp_path / "2024年报-检查意见.docx"
    assert run_cli(original.name, "--annotate", cwd=tmp_path, env=_env()).returncode == 1
    assert default.is_file()
    default.write_bytes(b"keep")
    run = run_cli(original.name, "--annotate", cwd=tmp_path, env=_env())
    assert run.returncode == 2 and "exists; use --force" in run.stderr and run.stdout == ""
    assert default.read_bytes() == b"keep"
    assert run_cli(original.name, "--annotate", "--force", cwd=tmp_path, env=_env()).returncode == 1
    assert len(docx.Document(str(default)).comments) == 3


def test_annotate_clean_document_gets_a_copy_with_only_the_notes(tmp_path):
    blank = tmp_path / "blank.docx"
    assert run_cli("init", "--year", "2025", "--agency", "某某县人民政府", "--docx", "-o", str(blank)).returncode == 0
    run = run_cli(str(blank), "--annotate", "--lang", "en", cwd=tmp_path, env=_env())
    assert run.returncode == 0, run.stderr
    (comment,) = docx.Document(str(tmp_path / "blank-检查意见.docx")).comments
    assert comment.text.startswith("RL405 info") or comment.text.startswith("RL501 warning")


@pytest.mark.parametrize("case", ["yaml", "two", "same", "same-force", "force-alone", "not-docx-target"])
def test_annotate_refuses_in_one_line(tmp_path, case):
    original = _faulty(tmp_path)
    before = _digest(original)
    args = {
        "yaml": [str(EXAMPLES / "county-2024.yaml"), "--annotate"],
        "two": [str(original), str(original), "--annotate"],
        "same": [str(original), "--annotate", "-o", str(original)],
        "same-force": [str(original), "--annotate", "-o", str(original), "--force"],
        "force-alone": [str(original), "--force"],
        "not-docx-target": [str(original), "--annotate", "-o", str(tmp_path / "out.yaml")],
    }[case]
    run = run_cli(*args, cwd=tmp_path, env=_env())
    assert run.returncode == 2, run.stdout + run.stderr
    assert len(run.stderr.strip().splitlines()) == 1 and "Traceback" not in run.stderr
    assert run.stdout == ""
    assert _digest(original) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2024年报.docx", "blank.docx"]


def test_annotate_an_unreadable_document_is_checked_then_refused(tmp_path):
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"not a zip")
    run = run_cli(str(junk), "--annotate", cwd=tmp_path, env=_env())
    assert run.returncode == 2
    assert "RL001" in run.stdout  # the findings are printed as without --annotate
    assert run.stderr.strip().startswith("reportlint: --annotate: cannot annotate") and "Traceback" not in run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["junk.docx"]
