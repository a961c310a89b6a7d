""".doc, .wps and .odt through LibreOffice (issue 11): the numbers of the DOCX they were saved from,
cell for cell; `convert` and direct checking agree; without LibreOffice one RL001 says how to get it.

The fixtures in tests/fixtures/documents/ were saved by LibreOffice from the seed's DOCX renderings
(make_office.py there). A .wps of WPS Office is a Word-97-like binary: a .doc renamed .wps is what
LibreOffice is given by such a file, and it reads it by its content, not its name.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from reportlint.convert.office import find_soffice
from test_convert_documents import EXAMPLE, _example, _numbered, cells, convert, messages, write_docx

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DOCUMENTS = Path(__file__).resolve().parent / "fixtures" / "documents"
needs_soffice = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")


def cli(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "reportlint", *args], capture_output=True, text=True, timeout=120,
                          env=env, cwd=cwd)
    assert "Traceback" not in done.stderr, done.stderr
    return done


def found(done: subprocess.CompletedProcess[str]) -> list[tuple[str, str]]:
    return sorted((f["code"], f["message_zh"]) for f in json.loads(done.stdout))


@needs_soffice
@pytest.mark.parametrize("name", ["numbered-2021.doc", "numbered-2021.odt"])
def test_every_cell_equals_the_docx_it_was_saved_from(tmp_path: Path, name: str) -> None:
    """Every cell holds its own number (table·1000 + row·10 + column), so no swap goes unnoticed."""
    docx = tmp_path / "source.docx"
    example = _numbered(_example(), format_2021=True)
    write_docx(docx, example)
    expected = cells(convert(docx).yaml_text)
    assert expected == cells(yaml.safe_dump(example, allow_unicode=True, sort_keys=False))
    got = cells(convert(DOCUMENTS / name).yaml_text)
    wrong = {path: (got.get(path), value) for path, value in expected.items() if got.get(path) != value}
    assert not wrong and got == expected, wrong  # path: (from the .doc/.odt, from the DOCX)


@needs_soffice
def test_convert_and_direct_checking_agree_on_the_command_line(tmp_path: Path) -> None:
    """A .doc, an .odt and a .wps (WPS Office's binary: a .doc by its content) checked together with
    -j 2 (each conversion has its own LibreOffice profile, so neither waits for nor breaks the other),
    then converted: the findings of the example, placed as in the DOCX; the same from the YAML."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, target in (("seed.doc", "seed.doc"), ("seed.odt", "seed.odt"), ("seed.doc", "2024年报.wps")):
        shutil.copyfile(DOCUMENTS / name, folder / target)
    start = time.monotonic()
    direct = cli("--format", "json", "-j", "2", str(folder))
    print(f"three conversions, -j 2: {time.monotonic() - start:.1f} s")
    assert direct.returncode == 1, direct.stderr  # the seed's own errors (RL502, RL203)
    by_file: dict[str, list[tuple[str, str]]] = {}
    for f in json.loads(direct.stdout):
        by_file.setdefault(Path(f["file"]).name, []).append((f["code"], f["message_zh"]))
        assert f["source"]["kind"] == "docx"  # placed as in the DOCX LibreOffice made: paragraph, table, row, column
    assert {name: sorted(v) for name, v in by_file.items()} == {
        name: messages(EXAMPLE) for name in ("seed.doc", "seed.odt", "2024年报.wps")}
    docx = tmp_path / "source.docx"
    write_docx(docx)
    for name in ("seed.doc", "seed.odt"):
        out = tmp_path / f"{name}.yaml"
        converted = cli("convert", str(folder / name), "-o", str(out))
        assert converted.returncode == 0, converted.stderr
        text = out.read_text(encoding="utf-8")
        assert text.startswith(f"# {name}：由 LibreOffice 转换为 DOCX 后读取 / converted to DOCX by LibreOffice")
        assert found(cli("--format", "json", str(out))) == sorted(by_file[name])
        assert cells(text) == cells(convert(docx).yaml_text) == cells(EXAMPLE.read_text(encoding="utf-8"))


def _without_soffice(tmp_path: Path) -> dict[str, str]:
    """The environment with a PATH that has the usual programs (soffice's own script needs some) but no
    LibreOffice: python is started by its full path."""
    env = {k: v for k, v in os.environ.items() if k != "REPORTLINT_SOFFICE"}
    tools = tmp_path / "bin"
    tools.mkdir()
    for folder in {Path(p).resolve() for p in os.environ.get("PATH", "").split(os.pathsep) if Path(p).is_dir()}:
        for program in folder.iterdir():
            if program.name not in ("soffice", "libreoffice") and not (tools / program.name).exists():
                (tools / program.name).symlink_to(program)
    env["PATH"] = str(tools)
    return env


@pytest.mark.parametrize("name", ["seed.doc", "seed.odt"])
def test_without_libreoffice_one_finding_says_how_to_get_it(tmp_path: Path, name: str) -> None:
    env = _without_soffice(tmp_path)
    done = cli("--format", "json", str(DOCUMENTS / name), env=env)
    assert done.returncode == 1, done.stderr
    [finding] = json.loads(done.stdout)
    assert finding["code"] == "RL001"
    assert "apt install libreoffice-writer-nogui" in finding["message_zh"]
    assert "libreoffice.org/download" in finding["message_en"] and ".docx" in finding["message_en"]
    assert "…" not in finding["message_zh"] + finding["message_en"]  # said whole, not cut short
    assert "REPORTLINT_SOFFICE" in finding["message_en"]
    converted = cli("convert", str(DOCUMENTS / name), env=env)
    assert converted.returncode == 1 and converted.stdout == ""
    assert "apt install libreoffice-writer-nogui" in converted.stderr


@needs_soffice
def test_reportlint_soffice_names_the_program(tmp_path: Path) -> None:
    env = _without_soffice(tmp_path)
    env["REPORTLINT_SOFFICE"] = str(find_soffice())
    assert found(cli("--format", "json", str(DOCUMENTS / "seed.doc"), env=env)) == messages(EXAMPLE)
    env["REPORTLINT_SOFFICE"] = str(tmp_path / "no-such-soffice")
    [finding] = json.loads(cli("--format", "json", str(DOCUMENTS / "seed.doc"), env=env).stdout)
    assert finding["code"] == "RL001" and "REPORTLINT_SOFFICE" in finding["message_zh"]


@pytest.mark.parametrize(("name", "data", "says"), [
    ("zeros.doc", _OLE + bytes(504), "不是 Word/WPS 文档"),
    ("zip.odt", b"PK\x03\x04" + bytes(100), "不是有效的 .odt 文件"),
    ("random.wps", bytes(range(256)) * 4, "不是 Word/WPS 文档"),
])
def test_what_is_no_word_document_is_refused_before_libreoffice(tmp_path: Path, name: str, data: bytes,
                                                                 says: str) -> None:
    """Told at once, with or without LibreOffice: it is never started on such a file."""
    document = tmp_path / name
    document.write_bytes(data)
    done = cli("--format", "json", str(document), env=_without_soffice(tmp_path))
    assert done.returncode == 1
    [finding] = json.loads(done.stdout)
    assert finding["code"] == "RL001" and says in finding["message_zh"]


@needs_soffice
def test_a_file_libreoffice_cannot_convert_is_rl001(tmp_path: Path) -> None:
    broken = tmp_path / "broken.doc"
    broken.write_bytes(_OLE + bytes(504) + "WordDocument".encode("utf-16-le") + bytes(400))
    done = cli("--format", "json", str(broken))
    assert done.returncode == 1
    [finding] = json.loads(done.stdout)
    assert finding["code"] == "RL001" and "LibreOffice 无法转换这个文件" in finding["message_zh"]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="a POSIX shell script stands in for soffice")
def test_a_conversion_that_hangs_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The time limit kills the conversion and what it started (soffice is a script starting soffice.bin)."""
    from reportlint.convert import office
    from reportlint.read.source import Unreadable

    pid_file = tmp_path / "child.pid"
    fake = tmp_path / "soffice"
    fake.write_text(f"#!/bin/sh\nsleep 60 &\necho $! > {pid_file}\nwait\n")
    fake.chmod(0o755)
    monkeypatch.setenv("REPORTLINT_SOFFICE", str(fake))
    monkeypatch.setattr(office, "TIMEOUT_S", 1)
    start = time.monotonic()
    with pytest.raises(Unreadable) as caught:
        office.read_office_blocks(DOCUMENTS / "seed.doc")
    assert time.monotonic() - start < 10 and "1 秒" in caught.value.zh
    child = Path(f"/proc/{pid_file.read_text().strip()}/stat")
    time.sleep(0.2)
    # the grandchild is gone too (or a zombie: killed, waiting for init to reap it)
    assert not child.exists() or child.read_text().split(")")[-1].split()[0] == "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="a POSIX shell script stands in for soffice")
def test_an_interrupted_conversion_leaves_nothing_running(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C (or a caller's time limit raising) while LibreOffice runs: it is stopped, not left behind."""
    from reportlint.convert import office

    pid_file = tmp_path / "child.pid"
    fake = tmp_path / "soffice"
    fake.write_text(f"#!/bin/sh\nsleep 60 &\necho $! > {pid_file}\nwait\n")
    fake.chmod(0o755)
    monkeypatch.setenv("REPORTLINT_SOFFICE", str(fake))

    def interrupted(self: subprocess.Popen[bytes], timeout: float | None = None) -> None:
        while not pid_file.exists() or not pid_file.read_text().strip():
            time.sleep(0.05)
        raise KeyboardInterrupt

    monkeypatch.setattr(subprocess.Popen, "communicate", interrupted)
    with pytest.raises(KeyboardInterrupt):
        office.read_office_blocks(DOCUMENTS / "seed.doc")
    child = Path(f"/proc/{pid_file.read_text().strip()}/stat")
    time.sleep(0.2)
    assert not child.exists() or child.read_text().split(")")[-1].split()[0] == "Z"
