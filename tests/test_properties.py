"""Property-based tests (hypothesis) of the loader, the equation kind and label matching (issue 5).

Example counts are set explicitly (`max_examples`) and listed in docs/robustness.md.
"""

from __future__ import annotations

import string
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from reportlint.checks.equations import EquationsCheck
from reportlint.document.bind import bind
from reportlint.engine.run import check_file
from reportlint.engine.settings import Settings
from reportlint.findings.emit import Emitter
from reportlint.format.labels import normalise
from reportlint.format.packs import load_pack
from reportlint.read import yamltree

ROOT = Path(__file__).resolve().parent.parent
BASE = (ROOT / "examples" / "xinzhou-kjj-2024-corrected.yaml").read_text(encoding="utf-8")
HEAD = BASE.split("tables:\n")[0]
PACK = load_pack("gov-2021")

#: max_examples of each property (docs/robustness.md quotes them).
EXAMPLES = {
    "roundtrip": 300,
    "random_text": 1000,
    "mutated_yaml": 300,
    "random_bytes": 150,
    "equations_hold": 100,
    "equations_one_cell_t3": 250,
    "equations_one_cell_t4": 100,
    "labels_rows": 400,
    "labels_sections": 200,
}

# --- the loader -------------------------------------------------------------------------------------

_chars = st.characters(blacklist_categories=("Cs",))  # lone surrogates cannot be written to a file
# PyYAML's emitter folds the line breaks NEL, LS and PS inside quoted scalars into spaces: its quirk
_dumpable = st.characters(blacklist_categories=("Cs", "Zl", "Zp"), blacklist_characters="\x85")
text_values = st.text(_dumpable, max_size=20)
nested = st.recursive(
    text_values,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(text_values, children, max_size=4),
    max_leaves=25,
)


@settings(max_examples=EXAMPLES["roundtrip"], deadline=None)
@given(nested, st.sampled_from([None, True, False]))
def test_valid_yaml_parses_to_the_same_data(data, flow):
    """Any nesting of text, lists and mappings dumped by PyYAML reads back as the same data."""
    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow)
    root = yamltree.parse(text)
    assert root is not None
    assert root.plain() == data
    for node in root.walk():
        assert node.line >= 1 and node.column >= 1


yaml_alphabet = st.sampled_from([*"{}[]:,-?&*!|>'\"%@`#\n \t~.0123456789abc一、（）“”", "\r\n", "\ufeff", "\x85"])


@settings(max_examples=EXAMPLES["random_text"], deadline=None)
@given(st.one_of(st.text(_chars, max_size=200), st.lists(yaml_alphabet, max_size=120).map("".join)))
def test_any_text_parses_or_raises_yamlproblem(text):
    """The loader's only failure is `YamlProblem`, with a 1-based position inside the text."""
    try:
        root = yamltree.parse(text)
    except yamltree.YamlProblem as exc:
        assert exc.line >= 1 and exc.column >= 1
        breaks = sum(text.count(ch) for ch in "\n\r\x85\u2028\u2029")  # YAML 1.1's line breaks
        assert exc.line <= breaks + 2
        assert exc.zh and exc.en
        return
    if root is not None:
        assert {n.kind for n in root.walk()} <= {"map", "seq", "scalar"}


def _check_bytes(data: bytes, suffix: str = ".yaml") -> list:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"report{suffix}"
        path.write_bytes(data)
        return check_file(path, Settings())


def _no_crash(findings: list) -> None:
    assert not [f.message_en for f in findings if f.code == "RL901"]
    for finding in findings:
        assert finding.line >= 1 and finding.column >= 1 and finding.code.startswith("RL")


@settings(max_examples=EXAMPLES["mutated_yaml"], deadline=None)
@given(st.data())
def test_mutated_report_never_crashes_the_engine(data):
    """The clean example with a few characters replaced, inserted or deleted: findings, no crash."""
    text = BASE
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        action = data.draw(st.sampled_from(["replace", "insert", "delete"]))
        piece = data.draw(st.one_of(yaml_alphabet, st.text(_chars, max_size=3)))
        if action == "replace":
            text = text[:at] + piece + text[at + 1:]
        elif action == "insert":
            text = text[:at] + piece + text[at:]
        else:
            text = text[:at] + text[at + data.draw(st.integers(1, 40)):]
    _no_crash(_check_bytes(text.encode("utf-8")))


@settings(max_examples=EXAMPLES["random_bytes"], deadline=None)
@given(st.binary(max_size=400), st.sampled_from([".yaml", ".txt", ".html", ".docx", ".pdf"]))
def test_random_bytes_never_crash_the_engine(data, suffix):
    _no_crash(_check_bytes(data, suffix))


# --- the equation kind -------------------------------------------------------------------------------

T3 = next(t for t in PACK.tables if t.id == "依申请公开")
T4 = next(t for t in PACK.tables if t.id == "复议诉讼")
T3_COLUMNS = [c.label for c in T3.columns]  # 自然人 … 其他, 总计
T4_COLUMNS = [c.label for c in T4.columns]  # 结果维持 … 尚未审结, 总计
T3_LEAVES = [r.path for r in T3.leaves()]
RESULTS = [p for p in T3_LEAVES if p.startswith("本年度办理结果/") and p != "本年度办理结果/总计"]
NEW, CARRIED_IN = "本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量"
TOTAL, CARRIED_OUT = "本年度办理结果/总计", "结转下年度继续办理"


def test_the_pack_has_the_identities_these_properties_describe():
    equations = {e.id: e for e in PACK.equations}
    assert {"E1", "E2", "E3", "E4"} <= set(equations)
    assert equations["E1"].table == equations["E2"].table == equations["E3"].table == "依申请公开"
    assert equations["E4"].table == "复议诉讼"
    assert set(T3_LEAVES) == {NEW, CARRIED_IN, *RESULTS, TOTAL, CARRIED_OUT}


def identities_of_cell(table: str, row: str, column: str) -> set[str]:
    """The identities a cell takes part in, from the format's own words (not from the code)."""
    if table == "复议诉讼":
        return {"E4"}  # 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结, row by row
    found = {"E3"}  # every row: 总计 = the six kinds of applicant
    if row in (NEW, CARRIED_IN, TOTAL, CARRIED_OUT):
        found.add("E1")  # 新收 + 上年结转 = 办理结果总计 + 结转下年度, column by column
    if row in RESULTS or row == TOTAL:
        found.add("E2")  # 办理结果总计 = the sum of every result row, column by column
    return found


@st.composite
def balanced_tables(draw) -> dict[str, dict[str, list[int]]]:
    """Table 三 and Table 四 whose every identity holds."""
    small = st.integers(0, 40)
    t3: dict[str, list[int]] = {}
    for path in RESULTS:
        t3[path] = [draw(small) for _ in T3_COLUMNS[:-1]]
    t3[TOTAL] = [sum(t3[p][i] for p in RESULTS) for i in range(len(T3_COLUMNS) - 1)]
    t3[CARRIED_OUT] = [draw(small) for _ in T3_COLUMNS[:-1]]
    t3[CARRIED_IN] = [draw(st.integers(0, t + c)) for t, c in zip(t3[TOTAL], t3[CARRIED_OUT], strict=True)]
    t3[NEW] = [t + c - p for t, c, p in zip(t3[TOTAL], t3[CARRIED_OUT], t3[CARRIED_IN], strict=True)]
    for values in t3.values():
        values.append(sum(values))
    t4 = {r.path: [draw(small) for _ in T4_COLUMNS[:-1]] for r in T4.leaves()}
    for values in t4.values():
        values.append(sum(values))
    return {"依申请公开": t3, "复议诉讼": t4}


def render(tables: dict[str, dict[str, list[int]]]) -> tuple[str, dict[tuple[str, str], tuple[int, int]]]:
    """Report YAML with the tables, and the line and column of every cell."""
    lines = HEAD.splitlines()
    where: dict[tuple[str, str], tuple[int, int]] = {}
    lines.append("tables:")
    for table, rows in tables.items():
        lines.append(f"  {table}:")
        open_groups: list[str] = []
        for path, values in rows.items():
            *groups, leaf = path.split("/")
            while open_groups and open_groups != groups[: len(open_groups)]:
                open_groups.pop()
            for group in groups[len(open_groups):]:
                lines.append("    " + "  " * len(open_groups) + f"{group}:")
                open_groups.append(group)
            prefix = "    " + "  " * len(groups) + f"{leaf}: ["
            column = len(prefix) + 1
            for label, value in zip(T3_COLUMNS if table == "依申请公开" else T4_COLUMNS, values, strict=True):
                where[(table, f"{path}/{label}")] = (len(lines) + 1, column)
                column += len(str(value)) + 2
            lines.append(prefix + ", ".join(str(v) for v in values) + "]")
    return "\n".join(lines) + "\n", where


def equation_findings(text: str) -> list:
    emit = Emitter("report.yaml")
    doc = bind(yamltree.parse(text), "report.yaml", emit)
    assert doc is not None
    EquationsCheck().run(doc, emit, Settings())
    return [f for f in emit.findings if f.code in ("RL301", "RL302", "RL303", "RL304")]


@settings(max_examples=EXAMPLES["equations_hold"], deadline=None)
@given(balanced_tables())
def test_tables_built_to_balance_pass(tables):
    text, _ = render(tables)
    assert equation_findings(text) == []


def _one_cell_changed(tables, table: str, data) -> None:
    rows = tables[table]
    labels = T3_COLUMNS if table == "依申请公开" else T4_COLUMNS
    row = data.draw(st.sampled_from(sorted(rows)))
    index = data.draw(st.integers(0, len(labels) - 1))
    old = rows[row][index]
    new = data.draw(st.integers(0, 10**9).filter(lambda v: v != old))
    rows[row][index] = new
    text, where = render(tables)
    findings = equation_findings(text)
    column = labels[index]
    expected = identities_of_cell(table, row, column)
    assert len(findings) == 1, [(f.code, f.data) for f in findings]  # one cell: one finding
    finding = findings[0]
    if len(expected) >= 2:
        # collapsed: one finding at the cell itself, naming every identity it breaks
        assert finding.data["equations"] == sorted(expected)
        assert finding.data["cell"] == f"tables/{table}/{row}/{column}"
        assert (finding.line, finding.column) == where[(table, f"{row}/{column}")]
        assert int(finding.data["expected"]) == old
        # its code: the rule whose declared total the cell is (总计 column: E3; 办理结果总计 row: E1, E2)
        totals = {e for e in expected if (e == "E3" and column == "总计") or (e in ("E1", "E2") and row == TOTAL)}
        assert finding.code == min({"E1": "RL301", "E2": "RL302", "E3": "RL303"}[e] for e in totals or expected)
    else:
        # one identity of one row: reported at the row's 总计 cell
        assert finding.code == "RL304" and finding.data["equation"] == "E4"
        assert finding.data["where"] == row
        assert (finding.line, finding.column) == where[(table, f"{row}/总计")]
        assert int(finding.data["difference"]) == (new - old if column == "总计" else old - new)


@settings(max_examples=EXAMPLES["equations_one_cell_t3"], deadline=None)
@given(balanced_tables(), st.data())
def test_one_changed_cell_of_table_3_breaks_exactly_its_identities(tables, data):
    _one_cell_changed(tables, "依申请公开", data)


@settings(max_examples=EXAMPLES["equations_one_cell_t4"], deadline=None)
@given(balanced_tables(), st.data())
def test_one_changed_cell_of_table_4_breaks_exactly_its_identity(tables, data):
    _one_cell_changed(tables, "复议诉讼", data)


# --- label matching ------------------------------------------------------------------------------------

NUMBERING = ["", "一、", "十二、", "（三）", "(三)", "（3）", "(3)", "1.", "1、", "12.", "1．", "3)", "第一部分", "第二章、",
             "三．", "（十）、"]
NOTES = ["", "（区分处理的，只计这一情形，不计其他情形）", "(单位：万元)", "（注）", "(注：见附件)"]
SPACES = ["", " ", "  ", "\u3000", "\t", "\u00a0"]
WIDTH = str.maketrans({"(": "（", ")": "）", "（": "(", "）": ")", ",": "，", ":": "："})
QUOTES = str.maketrans({"“": '"', "”": '"', '"': "“"})


@st.composite
def written_like_a_clerk(draw, label: str) -> str:
    """`label` as a clerk might type it: numbered, spaced, other brackets and quotes, a note."""
    body = label
    if draw(st.booleans()):
        body = body.translate(WIDTH)
    if draw(st.booleans()):
        body = body.translate(QUOTES)
    chars = list(body)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(chars)))
        chars.insert(at, draw(st.sampled_from(SPACES[1:])))
    body = "".join(chars)
    lead, gap, trail = draw(st.sampled_from(SPACES)), draw(st.sampled_from(SPACES)), draw(st.sampled_from(SPACES))
    note = draw(st.sampled_from(NOTES))
    if note and draw(st.booleans()):
        note = note.translate(WIDTH)
    return f"{lead}{draw(st.sampled_from(NUMBERING))}{gap}{body}{note}{trail}"


ROW_LABELS = sorted({name for t in PACK.tables for r in t.all_rows() for name in r.names()}
                    | {c.label for t in PACK.tables for c in t.columns} | {t.title for t in PACK.tables})
SECTION_LABELS = sorted({name for s in PACK.sections for name in (s.heading, *s.variants)})


@settings(max_examples=EXAMPLES["labels_rows"], deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_row_and_table_labels_match_however_written(data):
    label = data.draw(st.sampled_from(ROW_LABELS))
    written = data.draw(written_like_a_clerk(label))
    assert normalise(written) == normalise(label), written


@settings(max_examples=EXAMPLES["labels_sections"], deadline=None)
@given(st.data())
def test_section_headings_match_however_written(data):
    label = data.draw(st.sampled_from(SECTION_LABELS))
    written = data.draw(written_like_a_clerk(label))
    assert normalise(written) == normalise(label), written


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(ROW_LABELS), st.sampled_from(ROW_LABELS))
def test_different_labels_stay_different(a, b):
    """Tolerance must not merge two labels the format keeps apart (within one table level)."""
    assume(a != b)
    same_level = [
        {n for r in level for n in r.names()}
        for t in PACK.tables
        for level in [t.rows, *[r.rows for r in t.all_rows() if r.rows]]
    ]
    if any(a in names and b in names for names in same_level):
        assert normalise(a) != normalise(b)


def test_every_label_is_printable_after_normalising():
    for label in ROW_LABELS + SECTION_LABELS:
        key = normalise(label)
        assert key and not any(ch in string.whitespace for ch in key), label
