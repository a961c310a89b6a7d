"""Issue 10, untrusted text: what a report or a file name holds cannot drive the terminal, file
names that are not UTF-8 print everywhere, suppression comments and configuration files are
bounded, library messages are in the user's language at the right place. Through the CLI."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from conftest import CORRECTED, SEED
from robust_inputs import GOOD_REPORTS, HOSTILE, MIB, Run, _repeat_to, assert_bounded, check_hostile, run_measured

TEXT = HOSTILE / "text"
#: What must never reach a terminal raw: C0 but LF, DEL, C1, bidi and zero-width format characters.
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")
#: The colour sequences rich writes with --color (select graphic rendition only).
SGR = re.compile("\x1b\\[[0-9;]*m")
HUMAN = (["--no-color"], ["--color"], ["--format", "concise"], ["--format", "github"], ["--statistics"])


def _run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Run the CLI; standard output must be valid UTF-8 (decoded strictly)."""
    proc = subprocess.run([sys.executable, "-m", "reportlint", *args], capture_output=True, cwd=cwd, env=env,
                          timeout=60)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8", "replace")


def _safe(output: str, coloured: bool = False) -> None:
    text = SGR.sub("", output) if coloured else output
    bad = UNSAFE.findall(text)
    assert not bad, (bad[:5], text[:2000])


# --- text printed to a terminal -------------------------------------------------------------------


@pytest.mark.parametrize("name", ["escapes_in_values.yaml", "raw_escape_in_comment.yaml", "raw_bidi_key.yaml"])
def test_hostile_text_inputs_are_bounded_alone_and_in_a_folder(name, tmp_path):
    codes = {"escapes_in_values.yaml": ("RL502", "RL003", "RL105"), "raw_bidi_key.yaml": ("RL003",)}
    check_hostile(TEXT / name, tmp_path / "run", codes.get(name, ("RL001",)))


@pytest.mark.parametrize("args", HUMAN)
def test_no_control_character_or_escape_sequence_reaches_the_terminal(args):
    files = [str(p) for p in sorted(TEXT.glob("*.yaml"))]
    code, out, err = _run(*args, *files)
    assert code == 1, err
    _safe(out, coloured="--color" in args)
    if "--statistics" not in args:
        # shown escaped: the screen-clearing sequence, the forged summary after a CR, a bidi override
        assert "\\x1b[2J" in out and "\\r共 0 个错误" in out and "\\u202e" in out
        assert "\\x9b2J" in out and "\\u2028" in out  # a C1 CSI and a line separator


def test_the_source_line_under_a_finding_is_escaped_and_the_caret_follows(tmp_path):
    _, out, _ = _run("--no-color", str(TEXT / "raw_escape_in_comment.yaml"))
    lines = out.splitlines()
    at = next(n for n, line in enumerate(lines) if "# \\x1b[2J\\x1b[H" in line)
    assert lines[at + 1].index("^") == lines[at].index("\\x1b[2J")  # under the first ESC, as escaped


def test_machine_formats_keep_the_exact_text():
    files = [str(p) for p in sorted(TEXT.glob("*.yaml"))]
    _, out, _ = _run("--format", "json", *files)
    messages = " ".join(f["message_en"] for f in json.loads(out))
    assert "\x1b[2J" in messages and "\r共 0 个错误" in messages and "\u202e" in messages
    _, out, _ = _run("--format", "sarif", *files)
    texts = " ".join(r["message"]["text"] for r in json.loads(out)["runs"][0]["results"])
    assert "\x1b[2J" in texts and "\u202e" in texts


def test_github_annotations_cannot_be_ended_or_forged(tmp_path):
    folder = tmp_path / "a::warning file=x,line=1::forged%0A"
    folder.mkdir()
    (folder / "r.yaml").write_text((TEXT / "escapes_in_values.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    _, out, _ = _run("--format", "github", str(folder))
    for line in out.splitlines():
        assert line.startswith(("::group::", "::error ", "::warning ", "::notice ", "::endgroup::")), line
        if line.startswith(("::error ", "::warning ", "::notice ")):
            properties = line.split(" ", 1)[1].split("::", 1)[0]
            assert "::" not in properties and properties.count(",") == 3, properties
            assert "a%3A%3Awarning file=x%2Cline=1%3A%3Aforged%250A" in properties
    assert "\r" not in out and "%0D" not in out  # a CR in the report is shown as \r, never sent


# --- file names that are not UTF-8 ----------------------------------------------------------------

BAD_NAME = b"bad\xff\x1b[2J.yaml"
STRICT = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}


@pytest.fixture
def bad_names(tmp_path: Path) -> tuple[Path, Path]:
    """A report whose name is not UTF-8 (and holds an ESC), alone and in a folder."""
    lone = Path(os.fsdecode(bytes(tmp_path) + b"/" + BAD_NAME))
    lone.write_bytes(SEED.read_bytes())
    folder = tmp_path / "folder"
    folder.mkdir()
    Path(os.fsdecode(bytes(folder) + b"/in\xfe" + BAD_NAME)).write_bytes(SEED.read_bytes())
    for n, good in enumerate(GOOD_REPORTS * 2):  # five files: checked by a pool of workers under -j 2
        (folder / f"good-{n}.yaml").write_bytes(good.read_bytes())
    return lone, folder


@pytest.mark.parametrize("args", [*HUMAN, ["--format", "json"], ["--format", "sarif"],
                                  ["--statistics", "--format", "json"]])
def test_file_names_that_are_not_utf8_are_printed_with_a_replacement(args, bad_names):
    lone, folder = bad_names
    for target in ([lone], [folder], [lone, folder]):
        # a strict stdout, as under a UTF-8 locale (C.UTF-8 gives surrogateescape, writing the raw bytes);
        # stdout is decoded strictly: valid UTF-8
        code, out, err = _run("-j", "2", *args, *map(str, target), env=STRICT)
        assert code == 1 and "Traceback" not in err and "internal error" not in err, err
        if "--statistics" in args:
            continue
        if "json" in args:
            names = {f["file"] for f in json.loads(out)}
            assert any(n.endswith("bad\ufffd\x1b[2J.yaml") for n in names), names
            assert folder not in target or any(n.endswith("good-0.yaml") for n in names), names
        elif "sarif" in args:
            uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    for r in json.loads(out)["runs"][0]["results"]}
            assert any(u.endswith("bad%FF%1B%5B2J.yaml") for u in uris), uris  # the name's own bytes
        else:
            _safe(out, coloured="--color" in args)
            assert "bad\ufffd\\x1b[2J.yaml" in out.replace("%5C", "\\")


def test_a_name_that_is_not_utf8_in_a_message_and_on_stderr(tmp_path, bad_names):
    lone, _ = bad_names
    report = tmp_path / "report.yaml"
    report.write_text(CORRECTED.read_text(encoding="utf-8").replace("year: 2024\n", "year: 2024\nprevious: x\n"),
                      encoding="utf-8")
    code, out, err = _run("--no-color", "--previous", str(lone) + ".missing", str(report))
    assert code == 1 and "bad\ufffd\\x1b[2J.yaml.missing" in out, out
    _safe(out)
    code, _, err = _run("--config", str(lone) + ".toml", str(report))
    assert code == 2 and "\x1b" not in err and "Traceback" not in err, err


# --- suppression comments -------------------------------------------------------------------------


def _suppression_findings(findings: list[dict[str, object]]) -> list[dict[str, object]]:
    return [f for f in findings if f["code"] in ("RL902", "RL903")]


@pytest.mark.parametrize("name", ["suppress_repeated_codes.yaml", "suppress_long_list.yaml",
                                  "suppress_many_comments.yaml"])
def test_suppression_inputs_are_bounded_alone_and_in_a_folder(name, tmp_path):
    check_hostile(TEXT / name, tmp_path / "run", ("RL902",))


def test_one_comment_gives_one_finding_per_distinct_code_with_its_count():
    _, out, _ = _run("--format", "json", "--lang", "en", str(TEXT / "suppress_repeated_codes.yaml"))
    found = [(f["code"], f["line"], f["message_en"]) for f in _suppression_findings(json.loads(out))]
    assert found == [("RL902", 1, "“XX9” in the suppression comment is not a known rule code (named 20 times)"),
                     ("RL903", 1, "“file-ignore[RL1]” suppresses nothing; remove it (named 40 times)")]


def test_a_code_list_longer_than_is_read_is_one_rl902_and_suppresses_nothing():
    _, out, _ = _run("--format", "json", "--lang", "en", str(TEXT / "suppress_long_list.yaml"))
    found = [(f["code"], f["line"]) for f in _suppression_findings(json.loads(out))]
    assert found == [("RL902", 1), ("RL902", 2)]
    assert all("longer than 256 characters" in f["message_en"] for f in _suppression_findings(json.loads(out)))


def test_comments_past_the_limit_are_not_read_and_say_so():
    _, out, _ = _run("--format", "json", "--lang", "en", str(TEXT / "suppress_many_comments.yaml"))
    found = _suppression_findings(json.loads(out))
    assert len(found) == 2 * 256 + 1
    last = max(found, key=lambda f: f["line"])
    assert last["line"] == 257 and "more than 256 suppression comments" in last["message_en"]


@pytest.mark.parametrize("kind", ["one_mb_comment", "one_mb_unknown_codes", "120k_comments", "one_mb_unclosed"])
def test_big_suppression_comments_are_bounded(kind, tmp_path):
    seed = SEED.read_text(encoding="utf-8")
    head = {
        "one_mb_comment": "# reportlint: file-ignore[" + ",".join(["RL1"] * 250_000) + "]\n",
        "one_mb_unknown_codes": "# reportlint: file-ignore[" + ",".join(f"XX{i % 999}" for i in range(200_000)) + "]\n",
        "120k_comments": "# reportlint: ignore[XX1,RL1]\n" * 120_000,
        "one_mb_unclosed": "a: 1  # reportlint: ignore[" + "RL1," * 250_000 + "\n",
    }[kind]
    path = tmp_path / f"{kind}.yaml"
    path.write_text(head + seed, encoding="utf-8")
    found = check_hostile(path, tmp_path / "run", ("RL902",))
    assert len(_suppression_findings(found)) <= 2 * 256 + 1


# --- configuration files --------------------------------------------------------------------------

CONFIG = TEXT / "config"


def _config_refused(run: Run, name: str, position: str = "") -> None:
    """Exit 2 with one line on stderr naming the file (and the position, when given)."""
    assert_bounded(run, name)
    assert run.returncode == 2, (run.returncode, run.stderr[-2000:])
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("reportlint: ") and name in lines[0], run.stderr[-2000:]
    assert position in lines[0], lines[0]
    assert run.stdout == ""


@pytest.mark.parametrize(("name", "position"), [
    ("alias_bomb.yaml", "alias_bomb.yaml:6:25: the file expands to more than 50000 nodes"),
    ("deep_flow.yaml", "deep_flow.yaml:1:1008: YAML syntax error"),
    ("python_tag.yaml", "python_tag.yaml:1:9: YAML tag"),
    ("control_char.yaml", "control_char.yaml:3:20: not valid YAML: control characters"),  # 20: characters, not bytes
    ("deep.toml", "deep.toml: not valid TOML: nested too deeply"),
    ("deep_inline.toml", "deep_inline.toml: not valid TOML: nested too deeply"),
    ("not_utf8.toml", "not_utf8.toml:4:3: not UTF-8 text"),
    ("bad_syntax.toml", "bad_syntax.toml: not valid TOML: Unclosed array (at end of document)"),
])
def test_a_hostile_configuration_is_one_line_exit_2(name, position, tmp_path):
    _config_refused(run_measured(["--config", str(CONFIG / name), str(CORRECTED)], cwd=tmp_path), name, position)
    assert not (tmp_path / "reportlint-config-ran").exists()
    # found by the search from the current folder, as .reportlint.yaml or pyproject.toml
    found = "pyproject.toml" if name.endswith(".toml") else ".reportlint.yaml"
    (tmp_path / found).write_bytes((CONFIG / name).read_bytes())
    _config_refused(run_measured([str(CORRECTED)], cwd=tmp_path), found, position.replace(name, found))


@pytest.mark.parametrize("found", ["pyproject.toml", ".reportlint.yaml"])
def test_a_50_mb_configuration_is_refused_without_being_read(found, tmp_path):
    path = tmp_path / found
    head = b"[tool.reportlint]\nselect = ['RL1']\n[tool.x]\n" if found.endswith(".toml") else b"select: [RL1]\n"
    line = b"k = 1\n" if found.endswith(".toml") else b"# padding\n"
    _repeat_to(path, line, 50 * MIB, head)
    run = run_measured([str(CORRECTED)], cwd=tmp_path)
    _config_refused(run, found, "the configuration is larger than 256 KiB")
    assert run.peak_mb < 100, run.peak_mb
    _config_refused(run_measured(["--config", str(path), str(CORRECTED)]), found, "larger than 256 KiB")


def test_a_big_pyproject_without_our_table_is_scanned_not_loaded(tmp_path):
    _repeat_to(tmp_path / "pyproject.toml", b"k = 1\n", 50 * MIB, b"[tool.x]\n")
    (tmp_path / ".reportlint.yaml").write_text("lang: en\n", encoding="utf-8")
    run = run_measured([str(CORRECTED)], cwd=tmp_path)
    assert_bounded(run, "a 50 MB pyproject.toml of another tool")
    assert run.returncode == 0 and "All clean" in run.stdout and run.peak_mb < 100, (run.stdout, run.peak_mb)


def test_the_largest_configuration_read_is_parsed_within_the_bounds(tmp_path):
    config = tmp_path / "pyproject.toml"
    config.write_text("[tool.reportlint]\nlang = 'en'\n[tool.x]\nk = [" + "1," * (127 * 1024) + "]\n", encoding="utf-8")
    assert config.stat().st_size < 256 * 1024
    run = run_measured([str(CORRECTED)], cwd=tmp_path)
    assert_bounded(run, "a 254 KiB pyproject.toml")
    assert run.returncode == 0 and "All clean" in run.stdout
    config.write_text("[tool.reportlint]\nignore = [" + "1," * 50_001 + "]\n", encoding="utf-8")
    _config_refused(run_measured([str(CORRECTED)], cwd=tmp_path), "pyproject.toml", "more than 50000 values")


def test_thousands_of_unknown_settings_are_one_short_line(tmp_path):
    (tmp_path / ".reportlint.yaml").write_text("".join(f"se{i}: 1\n" for i in range(20_000)), encoding="utf-8")
    run = run_measured([str(CORRECTED)], cwd=tmp_path)
    _config_refused(run, ".reportlint.yaml", "unknown setting se0; se1; se10; se100; se1000 and 19995 more; known:")
    assert len(run.stderr) < 500


# --- messages: library texts in the user's language, at the right place -------------------------

#: A control character after multibyte text, a BOM, CR LF, a lone CR, U+2028, an astral character,
#: in GBK: RL001 at its line and column in characters, lines counted as the source lines shown.
CONTROL_AT = {
    "ctrl_after_chinese.yaml": (2, 17),
    "ctrl_after_bom.yaml": (1, 11),
    "ctrl_crlf.yaml": (2, 9),
    "ctrl_cr_only.yaml": (3, 8),
    "ctrl_after_line_separator.yaml": (2, 9),
    "ctrl_after_emoji.yaml": (1, 12),
    "ctrl_gbk.yaml": (1, 11),
    "ctrl_c1_after_chinese.yaml": (1, 12),
}


@pytest.mark.parametrize(("name", "at"), sorted(CONTROL_AT.items()))
def test_a_control_character_is_rl001_at_its_character_position(name, at, tmp_path):
    found = check_hostile(TEXT / name, tmp_path / "run")
    (rl001,) = [f for f in found if f["code"] == "RL001"]
    assert (rl001["line"], rl001["column"]) == at
    assert rl001["message_zh"] == "不是有效的 YAML：不允许出现控制字符", rl001["message_zh"]
    assert rl001["message_en"] == "not valid YAML: control characters are not allowed"
    # the caret of the text output sits under the character, shown escaped, in the line shown
    _, out, _ = _run("--no-color", str(TEXT / name))
    lines = out.splitlines()
    shown = next(n for n, line in enumerate(lines) if line.lstrip().startswith(f"{at[0]} │ "))
    source, caret = lines[shown], lines[shown + 1]
    widths = [sum(2 if unicodedata.east_asian_width(ch) in "FW" else 1 for ch in source[:i])
              for i in range(len(source) + 1)]
    assert source[widths.index(len(caret) - 1) :].startswith(("\\x07", "\\x1b", "\\x7f", "\\x9b")), (source, caret)


def test_a_datetime_with_a_time_zone_is_told_in_the_users_language(tmp_path):
    found = check_hostile(TEXT / "datetime_tz.yaml", tmp_path / "run", ("RL002",))
    published = next(f for f in found if f["path"] == "published")
    assert (published["line"], published["column"]) == (9, 12)
    assert published["message_zh"] == "published 的值“2025-01-20T10:00:00+08:00”是带时刻（或时区）的日期时间；这里只写日期 YYYY-MM-DD"
    assert published["message_en"] == ("published “2025-01-20T10:00:00+08:00” is a date with a time of day (or a time "
                                       "zone); write the date alone, YYYY-MM-DD")
    start = next(f for f in found if f["path"] == "period/start")
    assert (start["line"], start["column"]) == (7, 10) and "Datetimes" not in start["message_zh"]


def test_a_yaml_syntax_error_is_told_in_the_users_language(tmp_path):
    found = check_hostile(TEXT / "syntax_after_chinese.yaml", tmp_path / "run")
    assert [(f["line"], f["column"], f["message_zh"], f["message_en"]) for f in found] == [
        (2, 7, "YAML 语法错误：此处不能出现映射的值（冒号的位置或缩进有误？）",
         "YAML syntax error: mapping values are not allowed in this context")]


def test_no_library_english_in_the_chinese_messages_of_the_bad_input_corpus():
    corpus = TEXT.parent.parent
    folders = [str(corpus / name) for name in ("syntax", "encoding", "bombs", "values", "types", "empty")]
    _, out, _ = _run("--format", "json", *folders)
    english = re.compile(r"[A-Za-z]{4,}(?: [A-Za-z]+){2,}")  # three English words in a row
    leaks = {f["message_zh"] for f in json.loads(out) if f["code"] in ("RL001", "RL002")
             and english.search(re.sub(r"“[^”]*”", "“…”", f["message_zh"]))}
    assert not leaks, sorted(leaks)[:10]
