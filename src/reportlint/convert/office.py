"""Word and WPS files that are not DOCX (.doc, .wps, .odt): converted to DOCX by LibreOffice.

LibreOffice runs headless (``soffice --headless --convert-to docx``) into a temporary folder, with
its own throw-away user profile (so that conversions running side by side do not collide, nor
attach to a LibreOffice the user has open), stdin closed and a time limit; the DOCX it writes is
then read by the DOCX reader. WPS's own format is a .doc-like binary that LibreOffice reads as
Word 97. subprocess is imported here only, when such a file is converted.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from reportlint.convert.blocks import MAX_DOCUMENT_BYTES, Block
from reportlint.convert.loaders import OFFICE_TIMEOUT_S
from reportlint.read.source import Unreadable, read_bytes

if TYPE_CHECKING:
    from subprocess import Popen

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the signature of a compound (OLE) file: Word 97, WPS
#: Longest a conversion may take (seconds); a 10-page report takes 1–3 s.
TIMEOUT_S = OFFICE_TIMEOUT_S
#: Environment variable naming the LibreOffice program (soffice) when it is not on PATH.
ENV_VAR = "REPORTLINT_SOFFICE"
#: Where the installers put it, for when it is not on PATH (Windows, macOS).
_USUAL_PLACES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)
_INSTALL_ZH = ("读取 {suffix} 文件需要 LibreOffice，但没有找到 soffice：请安装（Debian/Ubuntu：apt install "
               "libreoffice-writer-nogui；Windows/macOS：从 libreoffice.org/download 下载），或用 {env} 指明其位置；"
               "也可以在 Word/WPS 中另存为 .docx 再检查")
_INSTALL_EN = ("reading {suffix} needs LibreOffice; soffice not found: apt install libreoffice-writer-nogui "
               "(Windows/macOS: libreoffice.org/download), set {env} to it, or save the file as .docx")


def find_soffice() -> str | None:
    """The LibreOffice program: $REPORTLINT_SOFFICE, else soffice or libreoffice on PATH, else where
    the installers put it. Raises `Unreadable` when the variable names no program."""
    named = os.environ.get(ENV_VAR, "").strip()
    if named:
        found = shutil.which(named)
        if found is None:
            raise Unreadable(f"{ENV_VAR}={named} 不是可以运行的程序", f"{ENV_VAR}={named} is not a program that can run")
        return found
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found is not None:
            return found
    return next((place for place in _USUAL_PLACES if Path(place).is_file()), None)


def read_office_blocks(path: Path) -> list[Block]:
    """The blocks of a .doc, .wps or .odt, read as the DOCX LibreOffice makes of it."""
    from reportlint.convert.docx_reader import read_docx_blocks

    suffix = path.suffix.lower()
    data = read_bytes(path, MAX_DOCUMENT_BYTES)
    _sniff(suffix, data)
    program = find_soffice()
    if program is None:
        raise Unreadable(_INSTALL_ZH.format(suffix=suffix, env=ENV_VAR), _INSTALL_EN.format(suffix=suffix, env=ENV_VAR))
    with tempfile.TemporaryDirectory(prefix="reportlint-soffice-", ignore_cleanup_errors=True) as work:
        source = Path(work) / f"in{suffix}"  # a plain name: soffice names its output after its input
        source.write_bytes(data)
        return read_docx_blocks(_to_docx(program, source))


def _sniff(suffix: str, data: bytes) -> None:
    """Refuse, without starting LibreOffice, a file that is no word-processing document: an .odt must
    be a zip with content.xml; a .doc or .wps an OLE file with a WordDocument stream (Works: CONTENTS),
    or what Word saves under that name too (RTF, HTML, MHT, a DOCX)."""
    if suffix == ".odt" or data.startswith(b"PK\x03\x04"):
        import io
        import zipfile

        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
            names = set()
        if not names & {"content.xml", "word/document.xml"}:
            raise Unreadable(f"不是有效的 {suffix} 文件（不是文字处理文档的压缩包，或文件不完整）",
                             f"not a valid {suffix} file (no word-processing zip, or truncated)")
        return
    if data.startswith(_OLE):
        if any(stream.encode("utf-16-le") in data for stream in ("WordDocument", "CONTENTS")):
            return
    elif data.lstrip(b"\xef\xbb\xbf \t\r\n")[:5].lower() in (b"{\\rtf", b"<html", b"<!doc", b"<?xml", b"mime-"):
        return
    raise Unreadable(f"不是 Word/WPS 文档（{suffix} 文件中没有文档内容），或文件不完整",
                     f"not a Word/WPS document (no document stream in the {suffix} file), or truncated")


def _to_docx(program: str, source: Path) -> Path:
    """Convert `source` with LibreOffice into a folder beside it; the DOCX written, or `Unreadable`."""
    import subprocess

    work = source.parent
    out = work / "out"
    args = [program, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
            "--nolockcheck", "--convert-to", "docx", "--outdir", str(out), str(source)]
    try:
        proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                start_new_session=True, cwd=work)
    except OSError as exc:
        raise Unreadable(f"无法启动 LibreOffice（{program}）：{exc.strerror}",
                         f"cannot start LibreOffice ({program}): {exc.strerror}") from None
    try:
        said, _ = proc.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        _stop(proc)
        raise Unreadable(f"LibreOffice 转换超过 {TIMEOUT_S} 秒，已停止",
                         f"the LibreOffice conversion took longer than {TIMEOUT_S} s and was stopped") from None
    except BaseException:  # Ctrl-C, a time limit of the caller: its own session would not stop it
        _stop(proc)
        raise
    docx = out / "in.docx"
    if not docx.is_file() or docx.stat().st_size == 0:
        why = " ".join(line for line in said.decode("utf-8", "replace").splitlines()
                       if line.strip() and "javaldx" not in line)[-120:]
        raise Unreadable(f"LibreOffice 无法转换这个文件（{why or '没有输出'}）",
                         f"LibreOffice could not convert the file ({why or 'no output'})")
    return docx


def _stop(proc: Popen[bytes]) -> None:
    """Kill the conversion and everything it started (soffice is a script that starts soffice.bin)."""
    import signal

    try:
        if hasattr(os, "killpg"):
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
    except OSError:
        pass
    proc.wait()
