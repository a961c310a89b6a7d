"""Rule packs from extra folders: found in every worker (spawn too), validated strictly, extended by
small edits; the provincial example of examples/prov-example (docs/packs.md)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_cli

PROV = EXAMPLES / "prov-example"
RULES = Path(__file__).resolve().parent.parent / "rules"


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "REPORTLINT_LANG": "en", **extra}


def _province(tmp_path: Path, config: str = "packs: [packs]\n") -> Path:
    """A copy of the provincial example's packs, with `config` as its .reportlint.yaml."""
    shutil.copytree(PROV / "packs", tmp_path / "packs")
    (tmp_path / ".reportlint.yaml").write_text(config, encoding="utf-8")
    return tmp_path


def _pack(folder: Path, text: str, name: str = "prov-y") -> Path:
    path = folder / "packs" / name / "pack.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- no module state: a pack of a configured folder is found in spawned workers -------------------

@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_every_worker_finds_a_pack_of_a_config_folder(tmp_path, method):
    folder = _province(tmp_path)
    failing = (PROV / "reports" / "failing.yaml").read_text(encoding="utf-8")
    (folder / "reports").mkdir()
    for n in range(5):  # ≥ 4 files: checked in worker processes
        (folder / "reports" / f"r{n}.yaml").write_text("format: prov-x\n" + failing, encoding="utf-8")
    # no `pack` in the configuration: each report names its pack, found in the configured folder
    run = run_cli("--format", "concise", "-j", "2", "reports", cwd=folder, env=_env(REPORTLINT_START_METHOD=method))
    assert "no rule pack" not in run.stdout + run.stderr and "RL002" not in run.stdout, run.stdout
    assert run.returncode == 1, run.stderr
    assert sorted(line.split(":")[0] for line in run.stdout.splitlines() if "RL391" in line) == [
        f"reports/r{n}.yaml" for n in range(5)]


def test_a_library_pickles_as_its_folders(tmp_path):
    import pickle

    from reportlint.format.library import Library

    library = Library((str(PROV / "packs"),))
    assert library.pack("prov-x").table("主动公开").find("行政裁决") is not None
    copy = pickle.loads(pickle.dumps(library))
    assert copy == library and copy.pack("prov-x").id == "prov-x"
    assert len(pickle.dumps(library)) < 500  # folders, not caches


# --- the worked provincial example ------------------------------------------------------------------

def test_prov_example_passing_report_passes():
    run = run_cli("reports/passing.yaml", cwd=PROV, env=_env())
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stderr == ""


def test_prov_example_failing_report_breaks_rl391_at_its_row():
    run = run_cli("--format", "concise", "reports/failing.yaml", cwd=PROV, env=_env())
    assert run.returncode == 1, run.stderr
    lines = run.stdout.strip().splitlines()
    assert len(lines) == 1 and "RL391" in lines[0] and "行政裁决" in lines[0] and "12" in lines[0], lines


def test_prov_example_without_its_pack_reports_the_extra_row():
    """The same report checked against the national pack: 行政裁决 is not a row of Table 二."""
    run = run_cli("--pack", "gov-2021", "--format", "concise", "reports/passing.yaml", cwd=PROV, env=_env())
    assert run.returncode == 1 and "RL003" in run.stdout and "行政裁决" in run.stdout


def test_the_provincial_pack_is_yaml_only():
    files = {p.relative_to(PROV).as_posix() for p in PROV.rglob("*") if p.is_file()}
    assert all(f.endswith((".yaml", ".yml")) for f in files), files


# --- strict packs ----------------------------------------------------------------------------------

def test_every_shipped_data_file_fits_the_schema():
    from reportlint.format.pack_schema import validate
    from reportlint.format.resources import load_data

    files = sorted(RULES.rglob("*.yaml"))
    assert len(files) > 40
    for path in files:
        what = ("pack" if path.name == "pack.yaml" else "kind" if path.parent.name == "kinds"
                else "drawings" if path.name == "drawings.yaml" else "catalogue")
        validate(load_data(path), what, str(path))  # raises PackError naming the file and key
    for path in sorted(PROV.rglob("pack.yaml")):
        validate(load_data(path), "pack", str(path))


@pytest.mark.parametrize(("text", "expected"), [
    ("id: prov-y\nextends: gov-2021\ndeadlines:\n  department: {monht: 2, day: 28}\n",
     "packs/prov-y/pack.yaml: deadlines.department.monht: unknown key (did you mean month?)"),
    ("id: prov-y\nextends: gov-2021\ndeadlline: {}\n",
     "packs/prov-y/pack.yaml: deadlline: unknown key (did you mean deadlines?)"),
    ("id: prov-y\nextends: gov-2021\ntables:\n  - {id: 新表, title: 新表}\n",
     "packs/prov-y/pack.yaml: tables.0: missing required key section"),
    ("id: prov-y\nextends: gov-2021\nequations:\n  - {id: P1, rule: RL39, table: 主动公开, equation: a = b}\n",
     "packs/prov-y/pack.yaml: equations.0.rule: String should match pattern"),
    ("id: prov-y\nextends: gov-2021\ntables:\n  - {id: 主动公开, add_rows: [{after: 行政收费, label: 行政裁决}]}\n",
     "packs/prov-y/pack.yaml: tables.主动公开.add_rows: no row 行政收费"),
])
def test_a_broken_extra_pack_is_one_line_exit_2(tmp_path, text, expected):
    folder = _province(tmp_path, "packs: [packs]\npack: prov-y\n")
    _pack(folder, text)
    shutil.copy(PROV / "reports" / "passing.yaml", folder / "report.yaml")
    run = run_cli("report.yaml", "other.yaml", cwd=folder, env=_env())
    assert run.returncode == 2, run.stdout + run.stderr
    assert run.stdout == ""  # never a finding per report, never RL901
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"reportlint: {expected}"), lines


def test_a_broken_extra_pack_is_reported_even_if_no_report_uses_it(tmp_path):
    folder = _province(tmp_path)
    _pack(folder, "id: prov-y\nextends: gov-2021\ntitel: x\n")
    shutil.copy(EXAMPLES / "xinzhou-kjj-2024-corrected.yaml", folder / "report.yaml")
    run = run_cli("report.yaml", cwd=folder, env=_env())
    assert run.returncode == 2 and "titel: unknown key (did you mean title?)" in run.stderr


def test_a_broken_plugin_style_catalogue_entry_is_one_line(tmp_path):
    from reportlint.format.catalog import CatalogError
    from reportlint.format.library import Library

    (tmp_path / "XY101.yaml").write_text("code: XY101\nname: x\nseverity: fatal\nsummary: s\n", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"XY101.yaml: severity: Input should be 'error', 'warning' or 'info'"):
        Library((), (str(tmp_path),)).validate()


# --- packs that extend packs by small edits --------------------------------------------------------

EDITED = """\
id: prov-y
extends: gov-2021
sections:
  - {id: 六, variants: [其他事项, 其他需要报告事项, 其他需要说明的事项]}
tables:
  - id: 主动公开
    remove_rows: [行政强制]
    relabel_rows: {行政处罚: 行政处罚决定}
    add_rows:
      - {before: 规章, label: 地方性法规, columns: [本年制发件数, 本年废止件数, 现行有效件数]}
  - id: 复议诉讼
    relabel_columns: {尚未审结: 未审结}
equations:
  - {id: E4, equation: 总计 = 结果维持 + 结果纠正 + 其他结果 + 未审结}
  - {id: E3, remove: true}
"""


def test_edits_add_remove_and_relabel_rows_columns_sections_equations(tmp_path):
    from reportlint.format.library import Library

    _pack(tmp_path, EDITED)
    pack = Library((str(tmp_path / "packs"),)).pack("prov-y")
    table = pack.table("主动公开")
    assert [r.label for r in table.rows] == ["地方性法规", "规章", "行政规范性文件", "行政许可", "行政处罚决定",
                                             "行政事业性收费"]
    assert pack.table("复议诉讼").leaves()[0].columns[-2].label == "未审结"
    assert "其他需要说明的事项" in next(s for s in pack.sections if s.id == "六").variants
    assert {e.id for e in pack.equations} == {"E1", "E2", "E4"}
    assert next(e for e in pack.equations if e.id == "E4").rule == "RL304"  # merged key by key
    base = Library().pack("gov-2021")
    assert base.table("主动公开").rows[0].label == "规章"  # the base is untouched


def test_add_rows_under_a_group_takes_the_group_columns(tmp_path):
    from reportlint.format.library import Library

    _pack(tmp_path, "id: prov-y\nextends: gov-2021\ntables:\n  - id: 依申请公开\n    add_rows:\n"
                    "      - {under: 本年度办理结果/其他处理, label: 移送处理}\n")
    row = Library((str(tmp_path / "packs"),)).pack("prov-y").table("依申请公开").find("本年度办理结果/其他处理/移送处理")
    assert row is not None and len(row.columns) == 7


def test_an_edited_pack_checks_reports_through_the_cli(tmp_path):
    folder = _province(tmp_path, "packs: [packs]\npack: prov-y\n")
    _pack(folder, EDITED)
    report = (EXAMPLES / "xinzhou-kjj-2024-corrected.yaml").read_text(encoding="utf-8")
    report = report.replace("    行政强制: 0\n", "").replace("    行政处罚: 0\n", "    行政处罚决定: 0\n")
    report = report.replace("    规章: [0, 0, 0]\n", "    地方性法规: [0, 0, 0]\n    规章: [0, 0, 0]\n")
    (folder / "report.yaml").write_text(report, encoding="utf-8")
    run = run_cli("--format", "concise", "--select", "RL1,RL2", "report.yaml", cwd=folder, env=_env())
    assert run.returncode == 0, run.stdout + run.stderr
    bad = report.replace("    地方性法规: [0, 0, 0]\n", "")
    (folder / "report.yaml").write_text(bad, encoding="utf-8")
    run = run_cli("--format", "concise", "--select", "RL1,RL2", "report.yaml", cwd=folder, env=_env())
    assert run.returncode == 1 and "地方性法规" in run.stdout


# --- `pack` is the name ---------------------------------------------------------------------------

def test_config_pack_selects_the_pack_and_format_is_a_deprecated_alias(tmp_path):
    folder = _province(tmp_path, "packs: [packs]\nformat: prov-x\n")
    shutil.copy(PROV / "reports" / "failing.yaml", folder / "report.yaml")
    run = run_cli("--format", "concise", "report.yaml", cwd=folder, env=_env())
    assert run.returncode == 1 and "RL391" in run.stdout
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].endswith(".reportlint.yaml: `format` is deprecated; call it `pack`"), lines
    (folder / ".reportlint.yaml").write_text("packs: [packs]\npack: prov-x\n", encoding="utf-8")
    run = run_cli("--format", "concise", "report.yaml", cwd=folder, env=_env())
    assert run.returncode == 1 and "RL391" in run.stdout and run.stderr == ""


def test_the_report_may_name_its_pack_with_pack(tmp_path):
    folder = _province(tmp_path)
    failing = (PROV / "reports" / "failing.yaml").read_text(encoding="utf-8")
    (folder / "report.yaml").write_text("pack: prov-x\n" + failing, encoding="utf-8")
    run = run_cli("--format", "concise", "report.yaml", cwd=folder, env=_env())
    assert run.returncode == 1 and "RL391" in run.stdout and "RL003" not in run.stdout, run.stdout


def test_an_equation_that_subtracts_is_evaluated_with_its_signs(tmp_path):
    """本年处理决定数量 = 本年受理数量 − 结转下年数量 holds for 12, 10, 2 and breaks for 12, 9, 2."""
    folder = _province(tmp_path, "packs: [packs]\npack: prov-x\n")
    pack = folder / "packs" / "prov-x" / "pack.yaml"
    text = pack.read_text(encoding="utf-8")
    pack.write_text(text.replace("equation: 本年受理数量 = 本年处理决定数量 + 结转下年数量",
                                 "equation: 本年处理决定数量 = 本年受理数量 - 结转下年数量"), encoding="utf-8")
    for name in ("passing", "failing"):
        shutil.copy(PROV / "reports" / f"{name}.yaml", folder / f"{name}.yaml")
    run = run_cli("--format", "concise", "passing.yaml", cwd=folder, env=_env())
    assert run.returncode == 0, run.stdout + run.stderr
    run = run_cli("--format", "concise", "--select", "RL391", "failing.yaml", cwd=folder, env=_env())
    assert run.returncode == 1, run.stdout + run.stderr
    assert "row “行政裁决”: 本年处理决定数量 9, but 本年受理数量 12 − 结转下年数量 2 = 10" in run.stdout, run.stdout
