"""Tables that are pictures (issue 11): a scanned PDF, screenshots of the tables in a PDF, a web page
or a Word file are told as such — RL206 "表格是图片，无法读取数字", not three RL201 "table missing" —
and the text that can be read is still checked. A PDF with no text layer at all is RL001.

The PDFs are made from the real report of 洪泽区 (tests/fixtures/documents/make_pictures.py): its
tables replaced by pictures of themselves, and its first page as an image only.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from test_convert_documents import EXAMPLE, REAL, messages, write_docx, write_html

DOCUMENTS = Path(__file__).resolve().parent / "fixtures" / "documents"
PICTURES_PDF = DOCUMENTS / "hongze-2024-tables-as-pictures.pdf"
TABLES = {"主动公开": "二", "依申请公开": "三", "复议诉讼": "四"}


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "reportlint", *args], capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr, done.stderr
    return done


def checked(path: Path) -> list[dict]:
    done = cli("--format", "json", str(path))
    assert done.returncode == 1, done.stderr
    return json.loads(done.stdout)


def _without_table_findings(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(code, message) for code, message in found if not code.startswith(("RL2", "RL3"))]


def _agree(document: Path, tmp_path: Path) -> list[dict]:
    """Direct checking and checking the YAML `reportlint convert` writes give the same findings."""
    direct = checked(document)
    out = tmp_path / "converted.yaml"
    assert cli("convert", str(document), "-o", str(out)).returncode == 0
    assert sorted((f["code"], f["message_zh"]) for f in checked(out)) == sorted(
        (f["code"], f["message_zh"]) for f in direct)
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert all(str(data["tables"][table]).startswith("图片（") for table in TABLES), data["tables"]
    return direct


def test_pdf_whose_tables_are_pictures(tmp_path: Path) -> None:
    found = _agree(PICTURES_PDF, tmp_path)
    codes = [f["code"] for f in found]
    assert "RL201" not in codes and codes.count("RL206") == 3
    pictures = {f["path"]: f for f in found if f["code"] == "RL206"}
    assert set(pictures) == {f"tables/{table}" for table in TABLES}
    assert "表格“主动公开”（二、主动公开政府信息情况）是图片，无法读取数字" in pictures["tables/主动公开"]["message_zh"]
    assert "is a picture" in pictures["tables/主动公开"]["message_en"]
    assert pictures["tables/依申请公开"]["source"]["page"] == 3  # where the picture is
    # the text sections are read and checked as in the original: the same findings outside the tables
    original = sorted((f["code"], f["message_zh"]) for f in checked(REAL / "hongze-district-2024.pdf"))
    assert _without_table_findings(sorted((f["code"], f["message_zh"]) for f in found)) == \
        _without_table_findings(original)
    text = yaml.safe_load(cli("convert", str(PICTURES_PDF)).stdout)["sections"]
    assert text == yaml.safe_load(cli("convert", str(REAL / "hongze-district-2024.pdf")).stdout)["sections"]


def test_a_pdf_with_no_text_layer_is_rl001() -> None:
    [finding] = checked(DOCUMENTS / "scanned-page.pdf")
    assert finding["code"] == "RL001" and "扫描件，没有文字层" in finding["message_zh"]
    assert "no text layer" in finding["message_en"]


def _png() -> bytes:
    from PIL import Image

    data = io.BytesIO()
    Image.new("L", (300, 200), 255).save(data, "PNG")
    return data.getvalue()


def test_web_page_whose_tables_are_img(tmp_path: Path) -> None:
    """The seed as a web page, each table an <img> (a 16-pixel icon in the text is no table)."""
    page = tmp_path / "seed.html"
    write_html(page, encoding="utf-8")
    html = page.read_text(encoding="utf-8")
    pictures = iter(range(2, 5))
    html = re.sub(r'<table border="1">.*?</table>', lambda _: f'<p><img src="table{next(pictures)}.png" '
                  f'width="640" height="480" alt="表"></p>', html, flags=re.S)
    html = html.replace("<p>一、总体情况</p>", '<p>一、总体情况</p><p><img src="icon.png" width="16" height="16"></p>')
    assert "<table" not in html
    page.write_text(html, encoding="utf-8")
    found = _agree(page, tmp_path)
    got = sorted((f["code"], f["message_zh"]) for f in found)
    assert [code for code, _ in got if code.startswith("RL2")] == ["RL206"] * 3
    assert _without_table_findings(got) == _without_table_findings(messages(EXAMPLE))  # RL502, RL504, RL603, RL604
    assert {f["source"]["line"] for f in found if f["code"] == "RL206"} == {
        n for n, line in enumerate(html.splitlines(), start=1) if 'src="table' in line}


def test_word_file_whose_tables_are_pasted_pictures(tmp_path: Path) -> None:
    import docx

    source = tmp_path / "tables.docx"
    write_docx(source)
    document = docx.Document(str(source))
    body = document.element.body
    picture = tmp_path / "table.png"
    picture.write_bytes(_png())
    for table in list(document.tables):
        paragraph = document.add_paragraph()
        paragraph.add_run().add_picture(str(picture))
        table._tbl.addprevious(paragraph._p)
        body.remove(table._tbl)
    word = tmp_path / "pictures.docx"
    document.save(str(word))
    found = _agree(word, tmp_path)
    got = sorted((f["code"], f["message_zh"]) for f in found)
    assert [code for code, _ in got if code.startswith("RL2")] == ["RL206"] * 3
    assert _without_table_findings(got) == _without_table_findings(messages(EXAMPLE))


@pytest.mark.parametrize("suffix", [".html", ".docx"])
def test_a_document_of_pictures_only_is_rl001(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"scan{suffix}"
    if suffix == ".html":
        path.write_text('<html><body><img src="p1.jpg" width="800" height="1100"></body></html>', encoding="utf-8")
    else:
        import docx

        picture = tmp_path / "page.png"
        picture.write_bytes(_png())
        document = docx.Document()
        document.add_picture(str(picture))
        document.save(str(path))
    [finding] = checked(path)
    assert finding["code"] == "RL001" and "只有图片" in finding["message_zh"]
