"""Write the small bad-input corpus (`python tests/corpus/make_corpus.py`); the files are committed.

Each category is a folder. Every file starts from the corrected example, which is clean, and
breaks one thing, so that the checker reaches the code behind the broken part. Big inputs (50 MB
files, very long lines, deep nesting, big alias bombs, zip bombs) are not here: the tests
generate them in a temporary folder (`tests/test_robust_corpus.py`).
"""

from __future__ import annotations

import codecs
import io
import random
import shutil
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
BASE_PATH = HERE.parent.parent / "examples" / "xinzhou-kjj-2024-corrected.yaml"
CATEGORIES = ("syntax", "types", "values", "tags", "bombs", "encoding", "binary", "empty", "documents")


def _base() -> str:
    """The corrected example with its long texts cut short (still clean), so each file stays small."""
    lines = BASE_PATH.read_text(encoding="utf-8").splitlines(keepends=True)
    out: list[str] = []
    for line in lines:
        if line.startswith("    ") and len(line) > 60 and "[" not in line and not line.rstrip().endswith(":"):
            line = line[:60].rstrip() + "。\n"
        if line.startswith("  ") and not line.startswith("   ") and len(line) > 200:
            line = line[:200].rstrip() + "。\n"
        out.append(line)
    return "".join(out)


def _sub(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


def _field(text: str, name: str, value: str) -> str:
    """Replace the value of top-level field `name` (a block value is replaced whole)."""
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    skipping = False
    for line in lines:
        if line.startswith(f"{name}:"):
            out.append(f"{name}: {value}\n")
            skipping = True
            continue
        if skipping and (line.startswith((" ", "\t")) or not line.strip()):
            continue
        skipping = False
        out.append(line)
    if not any(line.startswith(f"{name}:") for line in lines):
        out.insert(0, f"{name}: {value}\n")
    return "".join(out)


#: A value of each wrong kind, written in flow style so it fits on the key's line.
KINDS = {
    "map": "{a: 1, b: [x]}",
    "list": "[1, two, {three: 3}]",
    "number": "12345",
    "float": "-1.5e3",
    "bool": "true",
    "null": "null",
    "text": "'some text 文字'",
}
FIELDS = ("schema", "format", "agency", "agency_kind", "year", "period", "published", "url", "previous",
          "preamble", "sections", "tables")
#: Cell values a clerk or a broken generator may write.
CELLS = {
    "map": "{a: 1}", "list": "[1, 2]", "bool": "true", "text": "十二", "inf": "1e999", "neg_inf": "-.inf",
    "nan": ".nan", "nan_text": "'NaN'", "negative": "-1", "fraction": "1.5", "huge": "9" * 400,
    "huge_quoted": "'" + "9" * 400 + "'", "exp": "1e5", "hex": "0x1F", "octal": "0o17", "underscore": "1_000",
    "plus": "+5", "arabic_indic": "'٣'", "fullwidth": "'１２'", "separators": "'1,234,567'",
    "timestamp": "2024-02-30", "empty_map": "{}", "empty_list": "[]", "binary": "!!binary AAEC",
    "long_text": "'" + "数" * 5000 + "'", "spaces": "'  3  '", "minus_zero": "-0", "null_word": "~",
}


def syntax() -> dict[str, bytes]:
    base = _base()
    raw = base.encode("utf-8")
    out: dict[str, bytes] = {}
    for percent in (1, 10, 33, 50, 77, 99):
        cut = len(raw) * percent // 100
        while cut and (raw[cut] & 0xC0) == 0x80:  # cut on a character boundary; encoding/ cuts inside one
            cut -= 1
        out[f"truncated_{percent:02d}pct.yaml"] = raw[:cut]
    cases = {
        "unclosed_flow_list.yaml": _sub(base, "规章: [0, 0, 0]", "规章: [0, 0, 0"),
        "unclosed_flow_map.yaml": _sub(base, "规章: [0, 0, 0]", "规章: {a: 1"),
        "unclosed_double_quote.yaml": _sub(base, "agency: 忻州市科学技术局", 'agency: "忻州市科学技术局'),
        "unclosed_single_quote.yaml": _sub(base, "agency: 忻州市科学技术局", "agency: '忻州市科学技术局"),
        "bad_indent.yaml": _sub(base, "  start: 2024-01-01\n  end:", "  start: 2024-01-01\n   end:"),
        "tab_indent.yaml": _sub(base, "  start: 2024-01-01", "\tstart: 2024-01-01"),
        "value_value.yaml": _sub(base, "year: 2024", "year: 2024: 2025"),
        "several_documents.yaml": base + "---\n" + base,
        "document_end_then_text.yaml": base + "...\nagency: x\n",
        "undefined_alias.yaml": _sub(base, "year: 2024", "year: *nowhere"),
        "anchor_only.yaml": _sub(base, "year: 2024", "year: &a"),
        "bad_directive.yaml": "%YAML 9.9\n---\n" + base,
        "unknown_directive.yaml": "%FOO bar\n---\n" + base,
        "tag_directive_python.yaml": "%TAG !p! tag:yaml.org,2002:python/\n---\n" + _sub(base, "year: 2024",
                                                                                         "year: !p!int 2024"),
        "duplicate_top_keys.yaml": base + "year: 2025\nagency: 另一个机关\n",
        "duplicate_rows.yaml": _sub(base, "    规章: [0, 0, 0]\n", "    规章: [0, 0, 0]\n    规章: [1, 1, 1]\n"),
        "key_is_map.yaml": "? {a: 1}\n: 2\n" + base,
        "key_is_list.yaml": _sub(base, "  主动公开:\n", "  ? [1, 2]\n  : 3\n  主动公开:\n"),
        "key_is_null.yaml": _sub(base, "  主动公开:\n", "  ~: 3\n  主动公开:\n"),
        "key_is_number.yaml": _sub(base, "    行政许可: 0\n", "    12: 0\n    行政许可: 0\n"),
        "merge_key.yaml": "x: &x {agency: a}\n<<: *x\n" + base,
        "merge_key_not_map.yaml": "<<: 1\n" + base,
        "merge_in_row.yaml": _sub(base, "    行政许可: 0\n", "    行政许可: {<<: {a: 1}}\n"),
        "comment_only.yaml": "# nothing but a comment\n# 只有注释\n",
        "document_marker_only.yaml": "---\n",
        "document_end_only.yaml": "...\n",
        "tilde_only.yaml": "~\n",
        "crlf.yaml": base.replace("\n", "\r\n"),
        "cr_only.yaml": base.replace("\n", "\r"),
        "mixed_newlines.yaml": "".join(line + ("\r\n" if i % 2 else "\n") for i, line in enumerate(base.split("\n"))),
        "unicode_line_separators.yaml": _sub(base, "agency: 忻州市科学技术局", "agency: 忻州\u2028市科学\u2029技术局\u0085"),
        "control_character.yaml": _sub(base, "agency: 忻州市科学技术局", "agency: 忻州\x07市科学技术局"),
        "escape_control.yaml": _sub(base, "agency: 忻州市科学技术局", 'agency: "忻州\\x00\\x1b[31m市"'),
        "lone_surrogate_escape.yaml": _sub(base, "agency: 忻州市科学技术局", 'agency: "\\ud800"'),
        "private_use_and_emoji.yaml": _sub(base, "agency: 忻州市科学技术局", "agency: \ue000🙂\U0010fffd"),
        "bidi_override.yaml": _sub(base, "agency: 忻州市科学技术局", "agency: \u202e局术技学科市州忻"),
        "block_scalar_bad_indicator.yaml": _sub(base, "preamble: |", "preamble: |9x"),
        "flow_in_block_key.yaml": _sub(base, "year: 2024", "[year]: 2024"),
        "colon_in_key_unquoted.yaml": _sub(base, "    行政许可: 0\n", "    行政许可:0:1: 0\n"),
        "section_heading_empty.yaml": _sub(base, "sections:\n", "sections:\n  '': 文字\n"),
        "section_heading_spaces.yaml": _sub(base, "sections:\n", "sections:\n  '   ': 文字\n"),
        "row_label_empty.yaml": _sub(base, "    行政许可: 0\n", "    '': 0\n    行政许可: 0\n"),
        "table_label_numbering_only.yaml": _sub(base, "  复议诉讼:\n", "  （三）: {a: 1}\n  复议诉讼:\n"),
    }
    out.update({name: text.encode("utf-8") for name, text in cases.items()})
    return out


def types() -> dict[str, bytes]:
    base = _base()
    out: dict[str, str] = {
        "top_list.yaml": "- agency: 忻州市科学技术局\n- year: 2024\n",
        "top_scalar_text.yaml": "忻州市科学技术局 2024 年报\n",
        "top_scalar_number.yaml": "2024\n",
        "top_scalar_bool.yaml": "true\n",
        "top_flow_map_empty.yaml": "{}\n",
        "top_flow_list_empty.yaml": "[]\n",
        "top_block_text.yaml": "|\n  一、总体情况\n  二、主动公开\n",
    }
    for name in FIELDS:
        for kind, value in KINDS.items():
            out[f"field_{name}_{kind}.yaml"] = _field(base, name, value)
    # sections
    out["sections_list.yaml"] = _field(base, "sections", "[一、总体情况, 二、主动公开政府信息情况]")
    out["sections_block_list.yaml"] = _sub(base, "sections:\n  一、总体情况: |", "sections:\n  - 一、总体情况: |")
    for kind, value in KINDS.items():
        out[f"section_text_{kind}.yaml"] = _sub(base, '二、主动公开政府信息情况: ""', f"二、主动公开政府信息情况: {value}")
    out["section_text_block_map.yaml"] = _sub(base, "  六、其他需要报告的事项: |\n", "  六、其他需要报告的事项:\n    a: |\n")
    # tables
    out["tables_list.yaml"] = _sub(base, "tables:\n  主动公开:\n", "tables:\n  - 主动公开:\n")
    for table in ("主动公开", "依申请公开", "复议诉讼"):
        for kind in ("list", "number", "text", "null", "bool"):
            value = KINDS[kind]
            text = base.split("tables:\n")[0] + "tables:\n" + f"  {table}: {value}\n"
            out[f"table_{table}_{kind}.yaml"] = text
    out["table_as_block_list.yaml"] = _sub(base, "  复议诉讼:\n    行政复议:", "  复议诉讼:\n    - 行政复议:")
    # rows
    rows = {
        "row_map_unknown_columns.yaml": ("    规章: [0, 0, 0]", "    规章: {甲: 1, 乙: 2, 丙: 3}"),
        "row_map_partial.yaml": ("    规章: [0, 0, 0]", "    规章: {本年制发件数: 1}"),
        "row_scalar_for_three.yaml": ("    规章: [0, 0, 0]", "    规章: 3"),
        "row_text.yaml": ("    规章: [0, 0, 0]", "    规章: 三件"),
        "row_null.yaml": ("    规章: [0, 0, 0]", "    规章:"),
        "row_too_short.yaml": ("    规章: [0, 0, 0]", "    规章: [0, 0]"),
        "row_too_long.yaml": ("    规章: [0, 0, 0]", "    规章: [0, 0, 0, 0, 0]"),
        "row_empty_list.yaml": ("    规章: [0, 0, 0]", "    规章: []"),
        "row_nested_lists.yaml": ("    规章: [0, 0, 0]", "    规章: [[0, 0, 0]]"),
        "row_deep_lists.yaml": ("    规章: [0, 0, 0]", "    规章: [[[[[[1]]]]], [[]], []]"),
        "row_list_of_maps.yaml": ("    规章: [0, 0, 0]", "    规章: [{a: 1}, {b: 2}, {c: 3}]"),
        "row_one_column_as_list.yaml": ("    行政许可: 0", "    行政许可: [0]"),
        "row_one_column_as_map.yaml": ("    行政许可: 0", "    行政许可: {本年处理决定数量: 0, 多余: 1}"),
        "row_table3_six_values.yaml": ("      （一）予以公开: [0, 0, 0, 0, 0, 0, 0]", "      （一）予以公开: [0, 0, 0, 0, 0, 0]"),
        "row_table3_map_by_label.yaml": (
            "      （一）予以公开: [0, 0, 0, 0, 0, 0, 0]",
            "      （一）予以公开: {自然人: 1, 商业企业: 0, 科研机构: 0, 社会公益组织: 0, 法律服务机构: 0, 其他: 0, 总计: 1}",
        ),
        "group_as_list.yaml": ("      （三）不予公开:\n", "      （三）不予公开: [0, 0, 0, 0, 0, 0, 0]\n      （三）旧:\n"),
        "group_as_scalar.yaml": ("      （四）无法提供:\n", "      （四）无法提供: 0\n      （四）旧:\n"),
        "group_as_text.yaml": ("    三、本年度办理结果:\n", "    三、本年度办理结果: 见附件\n    三、旧:\n"),
        "table4_row_map.yaml": ("    行政复议: [0, 0, 0, 0, 0]", "    行政复议: {维持: {a: 1}}"),
    }
    for name, (old, new) in rows.items():
        out[name] = _sub(base, old, new)
    # cells
    for kind, value in CELLS.items():
        out[f"cell_t2_{kind}.yaml"] = _sub(base, "    规章: [0, 0, 0]", f"    规章: [{value}, 0, 0]")
        out[f"cell_t3_{kind}.yaml"] = _sub(base, "      （一）予以公开: [0, 0, 0, 0, 0, 0, 0]",
                                           f"      （一）予以公开: [{value}, 0, 0, 0, 0, 0, 0]")
    out["cell_fee_money_text.yaml"] = _sub(base, "    行政事业性收费: 0", "    行政事业性收费: 一百万元")
    out["cell_fee_money_inf.yaml"] = _sub(base, "    行政事业性收费: 0", "    行政事业性收费: .inf")
    out["cell_fee_money_units.yaml"] = _sub(base, "    行政事业性收费: 0", "    行政事业性收费: 99999999999999元")
    out["cell_fee_money_negative.yaml"] = _sub(base, "    行政事业性收费: 0", "    行政事业性收费: -0.5万元")
    return {name: text.encode("utf-8") for name, text in out.items()}


def values() -> dict[str, bytes]:
    base = _base()
    years = {"huge": "9" * 100, "negative": "-2024", "zero": "0", "nan": ".nan", "inf": ".inf", "1e999": "1e999",
             "hex": "0x7E8", "quoted": "'2024'", "float": "2024.0", "fraction": "2024.5", "far_future": "2101",
             "far_past": "1989", "fullwidth": "２０２４", "text": "二〇二四", "bool": "yes"}
    out = {f"year_{k}.yaml": _field(base, "year", v) for k, v in years.items()}
    dates = {"feb30": "2024-02-30", "feb29_non_leap": "2023-02-29", "month13": "2024-13-01", "day0": "2024-01-00",
             "year0": "0000-01-01", "year9999": "9999-12-31", "short": "2024-1-5", "datetime": "2025-01-20T10:00:00",
             "datetime_tz": "2025-01-20 10:00:00+08:00", "chinese": "2025年1月20日", "slashes": "2025/01/20",
             "number": "20250120", "year10000": "10000-01-01", "negative": "-2025-01-20"}
    for k, v in dates.items():
        out[f"published_{k}.yaml"] = _field(base, "published", v)
        out[f"period_start_{k}.yaml"] = _sub(base, "  start: 2024-01-01", f"  start: {v}")
    out["period_reversed.yaml"] = _sub(_sub(base, "  start: 2024-01-01", "  start: 2024-12-31"),
                                       "  end: 2024-12-31", "  end: 2024-01-01")
    out["period_extra_key.yaml"] = _sub(base, "  end: 2024-12-31", "  end: 2024-12-31\n  middle: 2024-06-30")
    out["period_missing_end.yaml"] = _sub(base, "  end: 2024-12-31\n", "")
    out["preamble_bad_period.yaml"] = _field(_field(base, "period", "null"), "preamble",
                                             "'统计期限自2024年2月30日起至2024年13月45日止，自9999年99月99日至0年0月0日'")
    out["url_garbage.yaml"] = _field(base, "url", "'http://[::1/%zz?\\u0000'")
    out["url_huge_port.yaml"] = _field(base, "url", "'https://example.gov.cn:99999999999/'")
    out["url_no_scheme.yaml"] = _field(base, "url", "'javascript:alert(1)'")
    out["url_idn.yaml"] = _field(base, "url", "'https://政府.中国/年报'")
    out["url_long.yaml"] = _field(base, "url", "'https://a.gov.cn/" + "a" * 20000 + "'")
    out["url_file.yaml"] = _field(base, "url", "'file:///etc/passwd'")
    out["format_unknown.yaml"] = _field(base, "format", "gov-1999")
    out["format_path_traversal.yaml"] = _field(base, "format", "'../../../../etc/passwd'")
    out["format_absolute_path.yaml"] = _field(base, "format", "/etc")
    out["previous_missing_file.yaml"] = _field(base, "previous", "'does-not-exist-2023.yaml'")
    out["previous_self.yaml"] = _field(base, "previous", "previous_self.yaml")
    out["previous_dev_zero.yaml"] = _field(base, "previous", "/dev/zero")
    out["schema_2.yaml"] = _field(base, "schema", "2")
    out["agency_kind_unknown.yaml"] = _field(base, "agency_kind", "ministry")
    out["agency_empty.yaml"] = _field(base, "agency", "''")
    out["agency_whitespace.yaml"] = _field(base, "agency", "'   '")
    out["long_agency.yaml"] = _field(base, "agency", "'" + "局" * 5_000 + "'")
    return {name: text.encode("utf-8") for name, text in out.items()}


def tags() -> dict[str, bytes]:
    base = _base()
    marker = "/tmp/reportlint-corpus-pwned"
    values_ = {
        "python_apply_os_system": f"!!python/object/apply:os.system ['touch {marker}']",
        "python_apply_subprocess": f"!!python/object/apply:subprocess.check_output [[touch, {marker}]]",
        "python_object_new": "!!python/object/new:type [x, [], {}]",
        "python_object": "!!python/object:collections.OrderedDict {}",
        "python_name": "!!python/name:os.system",
        "python_module": "!!python/module:os",
        "python_tuple": "!!python/tuple [1, 2]",
        "python_str": "!!python/str x",
        "long_python_tag": "!<tag:yaml.org,2002:python/object/apply:os.system> ['touch " + marker + "']",
        "local_tag": "!mytag 1",
        "unknown_global_tag": "!<tag:example.com,2024:thing> x",
        "binary": "!!binary aGVsbG8gd29ybGQ=",
        "binary_bad": "!!binary '!!!not base64'",
        "set": "!!set {a, b}",
        "omap": "!!omap [a: 1, b: 2]",
        "pairs": "!!pairs [a: 1, a: 2]",
        "int_tag_on_text": "!!int 二〇二四",
        "float_tag_on_text": "!!float abc",
        "timestamp_tag_bad": "!!timestamp 2024-02-30",
        "bool_tag_on_number": "!!bool 3",
        "null_tag_on_text": "!!null text",
        "str_tag_on_map": "!!str {a: 1}",
        "map_tag_on_list": "!!map [1, 2]",
    }
    out: dict[str, str] = {}
    for name, value in values_.items():
        out[f"year_{name}.yaml"] = _field(base, "year", value)
    out["cell_python_apply.yaml"] = _sub(base, "    规章: [0, 0, 0]",
                                         f"    规章: [!!python/object/apply:os.system ['touch {marker}'], 0, 0]")
    out["top_python_object.yaml"] = f"!!python/object/apply:os.system ['touch {marker}']\n"
    out["key_python_object.yaml"] = f"? !!python/object/apply:os.system ['touch {marker}']\n: 1\n" + base
    out["tag_on_table.yaml"] = _sub(base, "  主动公开:\n", "  主动公开: !!python/object:dict\n")
    return {name: text.encode("utf-8") for name, text in out.items()}


def bombs() -> dict[str, bytes]:
    laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        laughs.append(f"{cur}: &{cur} [{', '.join([f'*{prev}'] * 9)}]")
    merge = ["a0: &a0 {k: v}"]
    for i in range(1, 20):
        merge.append(f"a{i}: &a{i} {{<<: [*a{i - 1}], x{i}: [*a{i - 1}, *a{i - 1}]}}")
    out = {
        "billion_laughs.yaml": "\n".join(laughs) + "\n",
        "billion_laughs_in_report.yaml": _base() + "\n".join(f"x{line}" for line in laughs) + "\n",
        "quadratic_blowup.yaml": "a: &a '" + "x" * 50_000 + "'\nb: [" + ", ".join(["*a"] * 2000) + "]\n",
        "recursive_seq.yaml": "a: &a [*a]\n",
        "recursive_map.yaml": "a: &a {b: *a}\n",
        "recursive_top.yaml": "&a [*a, *a]\n",
        "recursive_key.yaml": "&a {? *a : 1}\n",
        "recursive_merge.yaml": "a: &a {<<: *a, b: 1}\n",
        "merge_chain.yaml": "\n".join(merge) + "\n",
        "alias_as_key.yaml": "a: &k year\n*k : 2024\n",
        "anchor_redefined.yaml": "a: &x 1\nb: &x 2\nc: *x\n",
        "deep_flow_200.yaml": "x: " + "[" * 200 + "]" * 200 + "\n",
        "deep_map_100.yaml": "".join("  " * i + f"k{i}:\n" for i in range(100)) + "  " * 100 + "v\n",
        "deep_rows_70.yaml": _sub(_base(), "    规章: [0, 0, 0]", "    规章: " + "{a: " * 70 + "1" + "}" * 70),
    }
    return {name: text.encode("utf-8") for name, text in out.items()}


def encoding() -> dict[str, bytes]:
    base = _base()
    gbk_safe = base.encode("gbk", errors="replace").decode("gbk")
    raw = base.encode("utf-8")
    middle = raw.index("忻".encode()) + 1  # inside a three-byte character
    out = {
        "utf16_le_bom.yaml": codecs.BOM_UTF16_LE + base.encode("utf-16-le"),
        "utf16_be_bom.yaml": codecs.BOM_UTF16_BE + base.encode("utf-16-be"),
        "utf16_le_no_bom.yaml": base.encode("utf-16-le"),
        "utf16_be_no_bom.yaml": base.encode("utf-16-be"),
        "utf32_le_bom.yaml": base.encode("utf-32"),
        "utf32_be_bom.yaml": codecs.BOM_UTF32_BE + base.encode("utf-32-be"),
        "utf8_bom.yaml": codecs.BOM_UTF8 + raw,
        "utf8_double_bom.yaml": codecs.BOM_UTF8 + codecs.BOM_UTF8 + raw,
        "gbk.yaml": gbk_safe.encode("gbk"),
        "gb18030.yaml": base.encode("gb18030"),
        "big5.yaml": gbk_safe.encode("big5", errors="replace"),
        "shift_jis.yaml": "agency: 東京都\nyear: 2024\n".encode("shift_jis"),
        "latin1.yaml": "agency: Amt für Straßen\nyear: 2024\n".encode("latin-1"),
        "mixed_utf8_gbk.yaml": raw[: len(raw) // 2] + gbk_safe[len(gbk_safe) // 2 :].encode("gbk"),
        "mixed_utf8_utf16.yaml": raw[:200] + "年度报告".encode("utf-16-le") + raw[200:],
        "truncated_mid_character.yaml": raw[:middle],
        "invalid_utf8_continuation.yaml": raw[:50] + b"\x80\x80\xbf" + raw[50:],
        "overlong_utf8.yaml": b"agency: \xc0\xaf\xe0\x80\xaf\nyear: 2024\n",
        "utf8_surrogate_bytes.yaml": b"agency: \xed\xa0\x80\nyear: 2024\n",
        "undecodable_everywhere.yaml": bytes(range(0x80, 0x100)) * 4,
        "nul_in_middle.yaml": raw[:300] + b"\x00" + raw[300:],
        "nul_at_start.yaml": b"\x00" + raw,
        "nul_at_end.yaml": raw + b"\x00",
        "escaped_nul_in_string.yaml": base.replace("agency: 忻州市科学技术局", 'agency: "忻州\\0市"').encode(),
        "bom_only.yaml": codecs.BOM_UTF8,
        "utf16_bom_only.yaml": codecs.BOM_UTF16_LE,
        "utf7.yaml": "agency: 忻州\nyear: 2024\n".encode("utf-7"),
        "ebcdic.yaml": "agency: x\nyear: 2024\n".encode("cp500"),
    }
    return out


def binary() -> dict[str, bytes]:
    rng = random.Random(20240101)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("report.yaml", _base())
    return {
        "random_4k.yaml": bytes(rng.randrange(256) for _ in range(4096)),
        "random_printable.yaml": "".join(rng.choice("{}[]:-,&*!|>'\"%@` \n\t#?") for _ in range(4096)).encode(),
        "all_zeros.yaml": b"\x00" * 1024,
        "all_ff.yaml": b"\xff" * 1024,
        "elf_header.yaml": b"\x7fELF\x02\x01\x01\x00" + bytes(56),
        "png_header.yaml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(17),
        "gzip.yaml": b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(rng.randrange(256) for _ in range(200)),
        "zip_of_yaml.yaml": buf.getvalue(),
        "no_suffix": b"\x00\x01\x02binary without a suffix",
        "UPPER_SUFFIX.YAML": b"agency: [\n",
        "yml_suffix.yml": b"- just a list\n",
    }


def empty() -> dict[str, bytes]:
    return {
        "zero_bytes.yaml": b"",
        "one_newline.yaml": b"\n",
        "whitespace.yaml": b"   \n\t\n  \n",
        "fullwidth_space.yaml": "\u3000\n".encode(),
        "only_comment.yaml": b"# 2024\n",
        "only_dashes.yaml": b"---\n---\n",
        "empty_flow_map.yaml": b"{}",
        "null_keyword.yaml": b"null\n",
        "zero_bytes.txt": b"",
        "zero_bytes.html": b"",
        "zero_bytes.docx": b"",
        "zero_bytes.pdf": b"",
    }


def _zip(entries: dict[str, bytes | str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def documents() -> dict[str, bytes]:
    base = _base()
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
    )
    docx_like = _zip({"[Content_Types].xml": content_types, "word/document.xml": "<w:document/>"})
    bad_xml = _zip({"[Content_Types].xml": content_types, "word/document.xml": "<w:document><w:body><w:p>"})
    pdf_text = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    out = {
        "really_text.docx": "一、总体情况\n本年度……\n".encode(),
        "really_yaml.docx": base.encode(),
        "really_pdf.docx": pdf_text,
        "truncated_zip.docx": docx_like[: len(docx_like) // 2],
        "zip_without_document.docx": _zip({"hello.txt": "hi"}),
        "zip_document_not_xml.docx": _zip({"[Content_Types].xml": content_types, "word/document.xml": b"\x00\xff"}),
        "zip_broken_xml.docx": bad_xml,
        "zip_minimal.docx": docx_like,
        "zip_empty.docx": _zip({}),
        "zip_encrypted_flag.docx": docx_like[:6] + b"\x01" + docx_like[7:],
        "pdf_header_garbage.pdf": b"%PDF-1.4\n" + bytes(random.Random(7).randrange(256) for _ in range(2000)),
        "pdf_truncated.pdf": pdf_text,
        "pdf_no_header.pdf": b"this is not a pdf at all\n",
        "pdf_really_html.pdf": b"<html><body>not a pdf</body></html>",
        "pdf_eof_only.pdf": b"%PDF-1.4\n%%EOF\n",
        "pdf_bad_xref.pdf": b"%PDF-1.4\n1 0 obj<<>>endobj\nxref\n0 99999999\ntrailer<</Root 1 0 R/Size 9>>\n"
                            b"startxref\n9999999\n%%EOF\n",
        "html_unclosed.html": "<html><body><table><tr><td>一、总体情况<td><p>".encode(),
        "html_binary.html": bytes(random.Random(8).randrange(256) for _ in range(3000)),
        "html_gbk.html": '<meta charset="gbk"><p>一、总体情况</p><table><tr><td>自然人</td></tr></table>'.encode("gbk"),
        "html_wrong_charset.html": '<meta charset="utf-16"><p>一、总体情况</p>'.encode(),
        "html_only_script.html": b"<script>while(true){}</script><style>*{}</style>",
        "html_nested_tables.html": ("<table><tr><td>" * 200 + "1" + "</td></tr></table>" * 200).encode(),
        "html_huge_colspan.html": b'<table><tr><td colspan="99999999" rowspan="99999999">1</td></tr></table>',
        "html_negative_span.html": b'<table><tr><td colspan="-5" rowspan="abc">1</td><td colspan="0">2</td></tr></table>',
        "html_entities.html": ("<p>" + "&#x110000;&#0;&#xD800;&amp" * 100 + "</p>").encode(),
        "html_utf16.html": "<p>一、总体情况</p>".encode("utf-16"),
        "txt_binary.txt": bytes(random.Random(9).randrange(256) for _ in range(3000)),
        "txt_gbk.txt": "一、总体情况\n二、主动公开政府信息情况\n".encode("gbk"),
        "txt_utf16.txt": "一、总体情况\n".encode("utf-16"),
        "txt_nul.txt": "一、总体情况\x00\n".encode(),
        "txt_only_numbers.txt": b"1 2 3 4 5 6 7\n" * 100,
        "txt_table_garbage.txt": ("自然人\t商业企业\t" * 50 + "\n" + "-1\t1e999\t.nan\t" * 50 + "\n").encode(),
        "unknown_suffix.xlsx": _zip({"xl/workbook.xml": "<workbook/>"}),
        "unknown_suffix.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
        "unknown_suffix.odt": _zip({"mimetype": "application/vnd.oasis.opendocument.text"}),
    }
    return out


def main() -> None:
    for category in CATEGORIES:
        folder = HERE / category
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()
        for name, data in globals()[category]().items():
            (folder / name).write_bytes(data)
        print(f"{category}: {len(list(folder.iterdir()))} files")


if __name__ == "__main__":
    main()
