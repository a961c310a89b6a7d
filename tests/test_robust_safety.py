"""Nothing let in (issue 5): safe YAML only, no network, plugins only from installed entry points,
and no code run from a report or a rule pack."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import CORRECTED, EXAMPLES, ROOT, SEED
from reportlint.engine.run import check_file
from reportlint.engine.settings import Settings

SRC = ROOT / "src" / "reportlint"


def _python_tags(marker: Path) -> list[str]:
    command = f"touch {marker}"
    return [
        f"!!python/object/apply:os.system [{command!r}]",
        f"!!python/object/apply:subprocess.call [[touch, {marker}]]",
        f"!<tag:yaml.org,2002:python/object/apply:os.system> [{command!r}]",
        "!!python/object/new:os.system [" + repr(command) + "]",
        "!!python/name:os.system",
        "!!python/module:os",
    ]


@pytest.mark.parametrize("where", ["year", "cell", "key", "top"])
@pytest.mark.parametrize("index", range(6))
def test_python_tags_are_a_finding_and_never_run(tmp_path: Path, where: str, index: int):
    marker = tmp_path / "executed"
    tag = _python_tags(marker)[index]
    base = CORRECTED.read_text(encoding="utf-8")
    text = {
        "year": base.replace("year: 2024", f"year: {tag}"),
        "cell": base.replace("规章: [0, 0, 0]", f"规章: [{tag}, 0, 0]"),
        "key": f"? {tag}\n: 1\n" + base,
        "top": tag + "\n",
    }[where]
    path = tmp_path / "report.yaml"
    path.write_text(text, encoding="utf-8")
    findings = check_file(path, Settings())
    assert [f.code for f in findings] == ["RL001"]
    assert "python/" in findings[0].message_en and findings[0].line >= 1
    assert not marker.exists()


def test_the_yaml_tag_would_run_with_an_unsafe_loader(tmp_path: Path):
    """The control for the test above: the same text does run code under PyYAML's unsafe loader."""
    marker = tmp_path / "executed"
    yaml.unsafe_load(f"year: {_python_tags(marker)[0]}")
    assert marker.exists()


def test_no_unsafe_yaml_loading_anywhere_in_src():
    unsafe = re.compile(r"yaml\.(?:unsafe_load|full_load|load_all)\(|Loader=yaml\.(?:Loader|UnsafeLoader|FullLoader)"
                        r"|\bUnsafeLoader\b|\bFullLoader\b|yaml\.load\((?![^)]*Loader=_Loader)")
    hits = [f"{p.relative_to(ROOT)}:{n}" for p in SRC.rglob("*.py")
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if unsafe.search(line)]
    assert not hits
    for p in (SRC / "read" / "yamltree.py", SRC / "format" / "resources.py"):
        text = p.read_text(encoding="utf-8")
        assert "CSafeLoader as _Loader" in text and "SafeLoader as _Loader" in text


def test_no_eval_exec_pickle_or_compile_in_src():
    """Equations are parsed, never evaluated; nothing in src turns text into code."""
    forbidden = re.compile(r"(?<![\w.])(?:eval|exec|compile|__import__)\s*\(|\bpickle\b|\bmarshal\b|\bshelve\b")
    hits = [f"{p.relative_to(ROOT)}:{n}: {line.strip()}" for p in SRC.rglob("*.py")
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if forbidden.search(line)]
    # The one exception: record.py makes each data class's __init__ from that class's own field
    # names (identifiers written in our source, never text from a report or a pack), as
    # `dataclasses` itself does; test_record.py checks that a name that is not one is refused.
    allowed = [hit for hit in hits if hit.startswith("src/reportlint/record.py:") and "exec(source, scope)" in hit]
    assert len(allowed) <= 1 and hits == allowed, hits


def test_dynamic_imports_only_name_reportlint_modules_or_entry_points():
    """`import_module` is used with our own module names, and for plugins with entry-point targets."""
    calls = [(p.relative_to(ROOT).as_posix(), line.strip()) for p in SRC.rglob("*.py")
             for line in p.read_text(encoding="utf-8").splitlines() if "import_module(" in line]
    for file, line in calls:
        if file.endswith("plugins/manager.py"):
            assert re.search(r"import_module\((name|module\.strip\(\))\)", line), line
        else:
            assert 'import_module(f"reportlint.' in line, (file, line)


EVIL_PACK = """\
extends: gov-2021
id: evil
equations:
  - id: E3
    rule: RL303
    table: 依申请公开
    each: row
    equation: "{code} = 总计"
    basis: x
    sure: R
"""


@pytest.mark.parametrize("code", [
    "__import__('os').system('touch {marker}')",
    "open('{marker}', 'w').write('x') or 0",
    "[c for c in ().__class__.__base__.__subclasses__()]",
])
def test_pack_equation_with_python_is_a_clean_error_and_never_runs(tmp_path: Path, code: str):
    marker = tmp_path / "executed"
    pack = tmp_path / "packs" / "evil"
    pack.mkdir(parents=True)
    pack.joinpath("pack.yaml").write_text(EVIL_PACK.format(code=code.format(marker=marker)), encoding="utf-8")
    (tmp_path / ".reportlint.yaml").write_text("packs: [packs]\n", encoding="utf-8")
    for jobs in ("1", "2"):
        result = subprocess.run([sys.executable, "-m", "reportlint", "--pack", "evil", "-j", jobs, str(CORRECTED),
                                 str(SEED), str(CORRECTED), str(SEED)],
                                capture_output=True, text=True, cwd=tmp_path, timeout=60)
        assert result.returncode == 2, (result.stdout, result.stderr)
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("reportlint: rule pack evil"), result.stderr
        assert "Traceback" not in result.stderr
    assert not marker.exists()


# --- no network -----------------------------------------------------------------------------------

SITECUSTOMIZE = """\
import os, socket

def _blocked(*args, **kwargs):
    with open(os.environ["NETWORK_MARKER"], "a") as handle:
        handle.write(repr(args)[:200] + "\\n")
    raise OSError("network access is blocked in this test")

socket.socket.connect = _blocked
socket.socket.connect_ex = _blocked
socket.socket.sendto = _blocked
socket.create_connection = _blocked
socket.getaddrinfo = _blocked
"""


@pytest.fixture(scope="module")
def no_network(tmp_path_factory) -> tuple[dict[str, str], Path]:
    folder = tmp_path_factory.mktemp("sitecustomize")
    folder.joinpath("sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    marker = folder / "network-used"
    env = {**os.environ, "PYTHONPATH": str(folder), "NETWORK_MARKER": str(marker)}
    return env, marker


def test_the_network_trap_works(no_network):
    env, marker = no_network
    subprocess.run([sys.executable, "-c", "import urllib.request as u; u.urlopen('http://example.invalid/')"],
                   env=env, capture_output=True, timeout=60)
    assert marker.exists()
    marker.unlink()


def _documents(tmp_path: Path) -> list[Path]:
    """One small document of each kind the converters read."""
    import io
    import zipfile

    txt = tmp_path / "r.txt"
    txt.write_text("一、总体情况\n见 https://example.gov.cn/ 网站。\n", encoding="utf-8")
    html = tmp_path / "r.html"
    html.write_text('<p>一、总体情况</p><img src="http://example.com/x.png"><a href="https://example.gov.cn/">网站</a>'
                    '<link rel="stylesheet" href="http://example.com/s.css">', encoding="utf-8")
    docx = tmp_path / "r.docx"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/'
                    'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p></w:body>'
                    "</w:document>")
    docx.write_bytes(buf.getvalue())
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog/URI(http://example.com/)>>endobj\n%%EOF\n")
    return [txt, html, docx, pdf]


def test_no_network_in_any_default_path(no_network, tmp_path: Path):
    env, marker = no_network
    runs = [[str(EXAMPLES), "--format", fmt] for fmt in ("text", "concise", "json", "sarif", "github", "html")]
    runs += [[str(EXAMPLES), "--format", "json", "-j", "2"], ["rules"], ["rules", "RL502"], ["schema"],
             ["--version"]]
    docs = _documents(tmp_path)
    runs += [[str(d), "--format", "json"] for d in docs]
    runs += [["convert", str(d)] for d in docs]
    for args in runs:
        result = subprocess.run([sys.executable, "-m", "reportlint", *args], env=env, capture_output=True,
                                text=True, cwd=tmp_path, timeout=120)
        assert "Traceback" not in result.stderr, (args, result.stderr)
        assert result.returncode in (0, 1, 2), args
        if args[-1] == "json":
            json.loads(result.stdout)
    assert not marker.exists(), marker.read_text()


# --- plugins only from installed entry points ------------------------------------------------------


def _evil_folder(tmp_path: Path, marker: Path) -> Path:
    """A folder of downloaded reports that also holds a would-be plugin and its dist-info."""
    folder = tmp_path / "downloads"
    info = folder / "evil-1.0.dist-info"
    info.mkdir(parents=True)
    info.joinpath("METADATA").write_text("Metadata-Version: 2.1\nName: evil\nVersion: 1.0\n", encoding="utf-8")
    info.joinpath("entry_points.txt").write_text("[reportlint]\nevil = evilmod\n", encoding="utf-8")
    folder.joinpath("evilmod.py").write_text(f"open({str(marker)!r}, 'w').write('ran')\n", encoding="utf-8")
    folder.joinpath("reportlint_evil.py").write_text(f"open({str(marker)!r}, 'w').write('ran')\n",
                                                     encoding="utf-8")
    shutil.copy(CORRECTED, folder / "report.yaml")
    return folder


def test_a_plugin_lying_in_the_current_folder_is_not_loaded(tmp_path: Path):
    marker = tmp_path / "plugin-ran"
    folder = _evil_folder(tmp_path, marker)
    result = subprocess.run([sys.executable, "-m", "reportlint", "report.yaml"], capture_output=True, text=True,
                            cwd=folder, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not marker.exists(), "python -m reportlint loaded a plugin from the current folder"


def test_installed_entry_points_are_loaded_and_the_switch_turns_them_off(tmp_path: Path):
    """The control: the same dist-info on sys.path (as installed) is loaded, unless disabled."""
    marker = tmp_path / "plugin-ran"
    folder = _evil_folder(tmp_path, marker)
    env = {**os.environ, "PYTHONPATH": str(folder)}
    subprocess.run([sys.executable, "-m", "reportlint", "report.yaml"], capture_output=True, cwd=folder, env=env,
                   timeout=60)
    assert marker.exists()
    marker.unlink()
    env["REPORTLINT_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    subprocess.run([sys.executable, "-m", "reportlint", "report.yaml"], capture_output=True, cwd=folder, env=env,
                   timeout=60)
    assert not marker.exists()


def test_a_report_cannot_name_a_plugin_or_module(tmp_path: Path):
    marker = tmp_path / "plugin-ran"
    folder = _evil_folder(tmp_path, marker)
    text = CORRECTED.read_text(encoding="utf-8")
    text = "plugins: [evilmod]\nplugin: reportlint_evil\nformat: evilmod\n" + text
    folder.joinpath("report.yaml").write_text(text, encoding="utf-8")
    findings = check_file(folder / "report.yaml", Settings())
    assert {"RL002", "RL003"} <= {f.code for f in findings}
    assert not marker.exists()
