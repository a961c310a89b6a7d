"""The pack's `content:` is data: entries of generic kinds, each naming its code. A new rule of such
a kind needs a pack entry and a catalogue entry, no Python."""

from __future__ import annotations

import json

import yaml
from tests.conftest import ROOT, run_cli

from reportlint import record
from reportlint.checks.content import ContentCheck
from reportlint.document.bind import bind
from reportlint.engine.settings import Settings
from reportlint.findings.emit import Emitter
from reportlint.format.library import Library
from reportlint.format.packs import load_pack
from reportlint.format.resources import rules_dir
from reportlint.read import yamltree

BASE = ROOT / "tests" / "cases" / "_base" / "corrected-2021.yaml"

NEW_CODE = """\
code: RL690
name: contact-missing
severity: warning
family: content
sure: P
summary: {zh: 没有写联系方式, en: No contact}
what: {zh: 第六部分应写联系方式。, en: Section 六 gives a contact.}
why: {zh: 便于询问。, en: For questions.}
basis: {zh: 本地要求, en: a local rule}
messages:
  default: {zh: "“{heading}”没有写联系方式", en: "“{heading}” gives no contact"}
"""


def test_a_new_code_of_a_known_kind_is_pack_data_alone(tmp_path):
    (tmp_path / "RL690.yaml").write_text(NEW_CODE, encoding="utf-8")
    emit = Emitter("r.yaml", Library((), (str(tmp_path),)))
    doc = bind(yamltree.parse(BASE.read_text(encoding="utf-8")), "r.yaml", emit, None)
    entry = {"rule": "RL690", "kind": "mentions", "section": "六", "any": ["联系电话", "电话"]}
    doc.pack = record.replace(doc.pack, content=[*doc.pack.content, entry])
    ContentCheck().run(doc, emit, Settings())
    found = [f for f in emit.findings if f.code == "RL690"]
    assert [(f.severity, f.path, f.message_zh) for f in found] == [
        ("warning", "sections/六、其他需要报告的事项", "“六、其他需要报告的事项”没有写联系方式")
    ]
    assert not [f for f in emit.findings if f.code != "RL690"]  # the base is clean otherwise


def test_the_builtin_content_rules_are_entries_naming_their_codes():
    content = load_pack("gov-2021").content
    assert isinstance(content, list)
    codes = {entry["rule"] for entry in content}
    assert {"RL601", "RL602", "RL603", "RL604", "RL605", "RL701", "RL702", "RL703"} <= codes
    assert {entry["kind"] for entry in content} == {"mentions", "text_numbers", "carried_over", "in_force", "copied"}


def test_a_provincial_pack_changes_a_content_rule_on_the_command_line(tmp_path):
    base = yaml.safe_load((rules_dir() / "gov-2021" / "pack.yaml").read_text(encoding="utf-8"))
    content = [e for e in base["content"] if e["rule"] != "RL604"]
    content.append({"rule": "RL604", "kind": "mentions", "section": "六", "any": ["信息处理费减免"]})
    folder = tmp_path / "packs" / "prov-2021"
    folder.mkdir(parents=True)
    pack = {"id": "prov-2021", "extends": "gov-2021", "content": content}
    (folder / "pack.yaml").write_text(yaml.safe_dump(pack, allow_unicode=True), encoding="utf-8")
    (tmp_path / ".reportlint.yaml").write_text("packs: [packs]\n", encoding="utf-8")
    report = tmp_path / "r.yaml"
    report.write_text("format: prov-2021\n" + BASE.read_text(encoding="utf-8"), encoding="utf-8")
    plain = json.loads(run_cli("--format", "json", str(BASE), cwd=tmp_path).stdout)
    provincial = json.loads(run_cli("--format", "json", "r.yaml", cwd=tmp_path).stdout)
    assert [f["code"] for f in plain] == []
    assert [f["code"] for f in provincial] == ["RL604"]
