"""Issue 10, "One file's failure stays with that file": an exception while reading or converting a
file, a document that hangs or balloons, SIGTERM, and broken plugins each cost one finding or one
line on stderr, never the run (docs/robustness.md).

Hanging, ballooning, raising, exiting and crashing readers are the test loaders of
tests/plugins/reportlint_hostile, installed through a generated dist-info as pip would leave one."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CORRECTED, ROOT, SEED, run_cli
from processes import in_group, process_table
from robust_inputs import GOOD_REPORTS, HOSTILE, assert_bounded, check_hostile, run_measured

INPUTS = HOSTILE / "isolation"
HOSTILE_PLUGIN = ROOT / "tests" / "plugins" / "reportlint_hostile" / "src"
#: The test loaders' distribution and the broken plugins, each its own entry point.
BROKEN = {
    "broken-import": "reportlint_hostile.broken_import",
    "exits-on-import": "reportlint_hostile.exits_on_import",
    "unknown-hook": "reportlint_hostile.unknown_hook",
    "raising-hook": "reportlint_hostile.raising_hook",
    "missing-attribute": "reportlint_hostile.loaders:no_such_attribute",
}


def _dist(site: Path, name: str, entries: dict[str, str]) -> None:
    info = site / f"{name}-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n")
    lines = "".join(f"{key} = {target}\n" for key, target in entries.items())
    (info / "entry_points.txt").write_text(f"[reportlint]\n{lines}")


@pytest.fixture
def loaders_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The hostile test loaders installed (in os.environ too, for `check_hostile`)."""
    site = tmp_path / "site"
    _dist(site, "reportlint_hostile_loaders", {"hostile-loaders": "reportlint_hostile.loaders"})
    path = os.pathsep.join([str(site), str(HOSTILE_PLUGIN), os.environ.get("PYTHONPATH", "")])
    monkeypatch.setenv("PYTHONPATH", path)
    return dict(os.environ)


def _json(stdout: str) -> list[dict[str, object]]:
    found = json.loads(stdout)
    assert isinstance(found, list)
    return found


def _rl001(found: list[dict[str, object]], name: str) -> list[str]:
    return [str(f["message_zh"]) for f in found if f["code"] == "RL001" and str(f["file"]).endswith(name)]


# --- an exception while reading or converting one file ----------------------------------------------


def test_a_reader_that_raises_is_rl001_for_its_file(loaders_env, tmp_path):
    found = check_hostile(INPUTS / "raise.raise", tmp_path / "run")
    assert _rl001(found, "raise.raise") == ["读取时出错：RuntimeError: internal error in the reader of raise.raise"]


def test_a_reader_that_calls_sys_exit_is_rl001_not_an_exit(loaders_env, tmp_path):
    found = check_hostile(INPUTS / "exit.exit", tmp_path / "run")
    assert _rl001(found, "exit.exit") == ["读取时出错：SystemExit(0)"]


def test_a_reader_that_crashes_its_process_is_rl001(loaders_env, tmp_path):
    found = check_hostile(INPUTS / "segfault.segfault", tmp_path / "run")
    assert _rl001(found, "segfault.segfault") == ["读取文件的进程意外结束（signal 11 SIGSEGV），未检查"]


def test_a_bogus_meta_charset_costs_one_finding(tmp_path):
    # today a UnicodeError from the codec; a reader that learns to ignore the charset checks the page
    found = check_hostile(INPUTS / "bogus-charset.html", tmp_path / "run", codes=("RL001", "RL101"))
    assert all(f["file"] == str(INPUTS / "bogus-charset.html") for f in found)


def test_debug_prints_the_readers_traceback(loaders_env):
    result = run_cli("--format", "json", "--debug", str(INPUTS / "raise.raise"), str(CORRECTED), env=loaders_env)
    assert result.returncode == 1
    assert "Traceback" in result.stderr and "RuntimeError: internal error in the reader" in result.stderr
    assert len(_rl001(_json(result.stdout), "raise.raise")) == 1


@pytest.mark.parametrize(("report", "reason"), [
    ("previous-missing.yaml", "无法读取上年报告 "),
    ("previous-raises.yaml", "读取时出错：RuntimeError: internal error in the reader of raise.raise"),
    ("previous-hangs.yaml", "读取超时（超过 2 秒），未检查"),
])
def test_a_previous_report_that_cannot_be_read_is_rl001_of_the_report(loaders_env, report, reason):
    result = run_measured(["--format", "json", "--timeout", "2", str(INPUTS / report)])
    assert_bounded(result, report)
    assert result.returncode == 1
    messages = _rl001(_json(result.stdout), report)
    assert len(messages) == 1 and messages[0].startswith("无法读取上年报告") and reason in messages[0], messages


def test_previous_with_a_bogus_charset_never_ends_the_run():
    """The page decodes as UTF-8 (before: an uncaught UnicodeError ended the whole run, exit 2)."""
    report = INPUTS / "previous-bogus-charset.yaml"
    run = run_measured(["--format", "json", "-j", "2", str(report), *map(str, GOOD_REPORTS * 2)])
    assert_bounded(run, report.name)
    assert run.returncode == 1 and not _rl001(_json(run.stdout), report.name)
    assert {Path(str(f["file"])).name for f in _json(run.stdout)} == {GOOD_REPORTS[0].name}


# --- time and memory limits of a document conversion -----------------------------------------------


def test_a_hanging_document_is_stopped_at_the_default_time_limit(loaders_env, tmp_path):
    found = check_hostile(INPUTS / "hang.hang", tmp_path / "run")
    assert _rl001(found, "hang.hang") == ["读取超时（超过 10 秒），未检查"]


def test_a_ballooning_document_is_stopped_at_the_default_memory_limit(loaders_env, tmp_path):
    found = check_hostile(INPUTS / "balloon.balloon", tmp_path / "run")
    assert _rl001(found, "balloon.balloon") == ["读取超出内存上限（512 MB），未检查"]


def test_every_failure_at_once_in_a_parallel_run(loaders_env, tmp_path):
    """All the hostile documents and the good reports in one -j 2 run: each hostile file has its
    RL001, every good report its findings, in JSON and in SARIF."""
    folder = tmp_path / "all"
    folder.mkdir()
    for n, good in enumerate(GOOD_REPORTS * 2):
        (folder / f"good-{n}.yaml").write_bytes(good.read_bytes())
    hostile = [INPUTS / name for name in ("balloon.balloon", "exit.exit", "raise.raise", "segfault.segfault",
                                          "hang.hang", "previous-raises.yaml")]
    for fmt in ("json", "sarif"):
        run = run_measured(["--format", fmt, "-j", "2", "--timeout", "3", *map(str, hostile), str(folder)])
        assert_bounded(run, f"every failure, {fmt}")
        assert run.returncode == 1, run.stderr
        if fmt == "json":
            found = _json(run.stdout)
            assert all(_rl001(found, path.name) for path in hostile), found
            assert {Path(str(f["file"])).name for f in found} >= {"good-0.yaml", "good-2.yaml"}
        else:
            results = json.loads(run.stdout)["runs"][0]["results"]
            uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
            assert all(any(uri.endswith(path.name) for uri in uris) for path in hostile), uris


def test_the_limits_are_options_and_settings(loaders_env, tmp_path):
    quick = run_measured(["--format", "json", "--timeout", "1", str(INPUTS / "hang.hang")])
    assert quick.returncode == 1 and quick.seconds < 5
    assert _rl001(_json(quick.stdout), "hang.hang") == ["读取超时（超过 1 秒），未检查"]
    config = tmp_path / ".reportlint.yaml"
    config.write_text("timeout: 1.5\nmemory-limit: 256\n", encoding="utf-8")
    for name, message in (("hang.hang", "读取超时（超过 1.5 秒），未检查"),
                          ("balloon.balloon", "读取超出内存上限（256 MB），未检查")):
        run = run_measured(["--format", "json", "--config", str(config), str(INPUTS / name)])
        assert_bounded(run, name)
        assert _rl001(_json(run.stdout), name) == [message]
    assert run.peak_mb < 320  # the child stopped at its 256 MB


def test_convert_keeps_the_same_limits(loaders_env, tmp_path):
    out = tmp_path / "out.yaml"
    for name, args, message in (
        ("hang.hang", ["--timeout", "1"], "reading took longer than 1 s and was stopped"),
        ("balloon.balloon", [], "needed more than the 512 MB memory limit"),
        ("raise.raise", [], "error while reading the file: RuntimeError: internal error in the reader"),
    ):
        run = run_measured(["convert", str(INPUTS / name), "-o", str(out), "--lang", "en", *args])
        assert_bounded(run, f"convert {name}")
        assert run.returncode == 1 and message in run.stderr and len(run.stderr.strip().splitlines()) == 1
        assert not out.exists()


@pytest.mark.parametrize("args", [["--timeout", "-1"], ["--memory-limit", "-5"], ["--timeout", "nan"],
                                  ["--memory-limit", "lots"]])
def test_a_bad_limit_is_a_usage_error(args):
    result = run_cli(*args, str(CORRECTED))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("reportlint: ") and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("text", ["timeout: -1\n", "timeout: fast\n", "memory-limit: 1.5\n", "memory-limit: true\n"])
def test_a_bad_limit_setting_is_a_configuration_error(tmp_path, text):
    config = tmp_path / ".reportlint.yaml"
    config.write_text(text, encoding="utf-8")
    result = run_cli("--config", str(config), str(CORRECTED))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "is a" in result.stderr and "number of" in result.stderr


def test_spawned_children_keep_the_same_limits(loaders_env):
    """Where there is no fork (or REPORTLINT_START_METHOD=spawn) a fresh interpreter converts."""
    env = {**loaders_env, "REPORTLINT_START_METHOD": "spawn"}
    run = run_measured(["--format", "json", "--timeout", "3", str(INPUTS / "hang.hang"), str(INPUTS / "raise.raise"),
                        str(INPUTS / "balloon.balloon")], env=env)
    assert_bounded(run, "spawned")
    found = _json(run.stdout)
    assert _rl001(found, "hang.hang") == ["读取超时（超过 3 秒），未检查"]
    assert _rl001(found, "raise.raise") == ["读取时出错：RuntimeError: internal error in the reader of raise.raise"]
    assert _rl001(found, "balloon.balloon") == ["读取超出内存上限（512 MB），未检查"]


def test_without_limits_a_document_is_converted_in_process(loaders_env):
    result = run_cli("--format", "json", "--timeout", "0", "--memory-limit", "0", str(INPUTS / "raise.raise"),
                     env=loaders_env)
    assert _rl001(_json(result.stdout), "raise.raise") == [
        "读取时出错：RuntimeError: internal error in the reader of raise.raise"]


def test_checking_a_yaml_report_starts_no_process():
    """The pre-commit path stays in process: no fork, no conversion machinery imported."""
    trap = ("import os, sys, runpy\n"
            "def refuse(*a, **k): raise SystemExit('a process was started')\n"
            "os.fork = refuse\nos.posix_spawn = refuse\n"
            "sys.argv = ['reportlint', *sys.argv[1:]]\n"
            "runpy.run_module('reportlint', run_name='__main__')\n")
    for report in (SEED, CORRECTED):
        result = subprocess.run([sys.executable, "-X", "importtime", "-c", trap, "--format", "json", str(report)],
                                capture_output=True, text=True, timeout=60)
        assert result.returncode in (0, 1), result.stderr[-500:]
        assert "a process was started" not in result.stderr
        imported = {line.rsplit("|", 1)[1].strip() for line in result.stderr.splitlines() if "|" in line}
        assert "reportlint.engine.run" in imported
        assert not {"reportlint.engine.isolate", "multiprocessing", "subprocess"} & imported


# --- SIGTERM -------------------------------------------------------------------------------------------


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize(("jobs", "signum", "code", "said"), [
    ("2", signal.SIGTERM, 143, "reportlint: terminated"),
    ("1", signal.SIGTERM, 143, "reportlint: terminated"),
    ("2", signal.SIGINT, 130, "reportlint: interrupted"),  # Ctrl-C reaches the whole group
])
def test_sigterm_stops_the_run_and_every_child(loaders_env, tmp_path, jobs, signum, code, said):
    folder = tmp_path / "slow"
    folder.mkdir()
    for n in range(6):
        (folder / f"slow-{n}.hang").write_text("x")
    (folder / "good.yaml").write_bytes(SEED.read_bytes())
    proc = subprocess.Popen([sys.executable, "-m", "reportlint", "--format", "json", "-j", jobs, "--timeout", "60",
                             *sorted(map(str, folder.iterdir()))], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=loaders_env, start_new_session=True)
    try:
        deadline = time.monotonic() + 20
        wanted = 1 + int(jobs)  # the parent and its document children (-j 2: two converting side by side)
        while len(in_group(proc.pid)) < wanted and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(in_group(proc.pid)) >= wanted, "the run never reached its documents"
        time.sleep(0.3)
        if signum == signal.SIGINT:
            os.killpg(proc.pid, signum)
        else:
            proc.send_signal(signum)
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == code, err
    assert "Traceback" not in err and err.strip() == said, err
    assert isinstance(json.loads(out), list)  # the array was closed
    deadline = time.monotonic() + 5
    while _group_alive(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _group_alive(proc.pid), in_group(proc.pid)


def _parents(pgid: int) -> dict[int, int]:
    """Each process of the group `pgid` and its parent."""
    return {pid: parent for pid, (parent, group) in process_table().items() if group == pgid}


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_folder_of_documents_is_converted_side_by_side_by_the_command_itself(loaders_env, tmp_path):
    """-j 2 over documents: two conversions at a time, each a child of the command (no worker
    process between holding a document library too: issue 14's memory), each within its limits;
    the findings are those of -j 1, in the same order."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for n in range(4):
        (folder / f"slow-{n}.hang").write_text("x")
    (folder / "raises.raise").write_text("x")
    proc = subprocess.Popen([sys.executable, "-m", "reportlint", "--format", "json", "-j", "2", "--timeout", "2",
                             str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=loaders_env, start_new_session=True)
    most = 0
    try:
        deadline = time.monotonic() + 30
        while proc.poll() is None and time.monotonic() < deadline:
            parents = _parents(proc.pid)
            children = [pid for pid in parents if pid != proc.pid]
            assert all(parents[pid] == proc.pid for pid in children), parents  # no grandchild
            most = max(most, len(children))
            time.sleep(0.05)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert most == 2, most  # two side by side, never more
    assert proc.returncode == 1, err
    found = _json(out)
    assert [Path(str(f["file"])).name for f in found] == ["raises.raise", *(f"slow-{n}.hang" for n in range(4))]
    assert all(_rl001(found, f"slow-{n}.hang") == ["读取超时（超过 2 秒），未检查"] for n in range(4)), found
    one = run_cli("--format", "json", "-j", "1", "--timeout", "2", str(folder), env=loaders_env)
    assert _json(one.stdout) == found


def test_documents_converted_ahead_are_kept_once_and_read_back(tmp_path, monkeypatch):
    """`Ahead` converts each document once, in children, keeps the outcome (a failure too) for its
    check, and leaves alone what it cannot convert (a type no loader reads)."""
    from reportlint.engine import conversions, run
    from reportlint.engine.settings import Settings

    kept = tmp_path / "kept"
    kept.mkdir()
    settings = Settings(conversions=str(kept))
    text = tmp_path / "a.txt"
    text.write_text("某局2024年政府信息公开工作年度报告\n一、总体情况\n我局认真贯彻条例。\n", encoding="utf-8")
    junk = tmp_path / "b.pdf"
    junk.write_bytes(b"not a PDF at all")
    unknown = tmp_path / "c.unknown"
    unknown.write_text("x")
    expected = {path: [f.code for f in run.check_file(path, Settings())] for path in (text, junk)}
    ahead = conversions.Ahead([(text, settings), (junk, settings), (unknown, settings)], 2)
    try:
        ahead.wait_for(unknown)  # not converted ahead: returns at once
        assert not conversions.is_kept(str(kept), unknown)
        ahead.wait_for(junk)
        ahead.finish()
        assert conversions.is_kept(str(kept), text) and conversions.is_kept(str(kept), junk)
    finally:
        ahead.close()
    calls = []
    monkeypatch.setattr(run, "_convert", lambda *a: calls.append(a))  # the checks must not convert again
    for path, codes in expected.items():
        assert [f.code for f in run.check_file(path, settings)] == codes
    assert calls == [] and "RL001" in expected[junk]


# --- broken plugins -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_plugin_is_reported_and_left_out(tmp_path, name):
    site = tmp_path / "site"
    _dist(site, f"hostile_{name.replace('-', '_')}", {name: BROKEN[name]})
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(HOSTILE_PLUGIN)])}
    for report, code in ((SEED, 1), (CORRECTED, 0)):
        result = run_cli("--format", "json", str(report), env=env)
        assert result.returncode == code, result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"reportlint: plugin {name} (0.1) is broken and was not used: ")
        assert "Traceback" not in result.stderr
        if code:
            assert {"RL203", "RL502"} <= {f["code"] for f in _json(result.stdout)}  # the run went on
    listed = run_cli("plugins", env=env)
    assert listed.returncode == 0 and "reportlint.plugins.builtin" in listed.stdout and name not in listed.stdout


def test_broken_plugin_messages_say_why(tmp_path):
    site = tmp_path / "site"
    _dist(site, "hostile_all", BROKEN)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(HOSTILE_PLUGIN)])}
    result = run_cli("--format", "json", "-j", "2", str(SEED), *[str(g) for g in GOOD_REPORTS], str(SEED), env=env)
    assert result.returncode == 1
    why = {line.split(" ")[2]: line.split("not used: ", 1)[1] for line in result.stderr.strip().splitlines()}
    assert why == {
        "broken-import": "ImportError: this plugin cannot be imported",
        "exits-on-import": "it called sys.exit(0)",
        "unknown-hook": "BrokenPlugin: unknown hook reportlint_frobnicate",
        "raising-hook": "ZeroDivisionError: the hook of this plugin divides by zero",
        "missing-attribute": "AttributeError: module 'reportlint_hostile.loaders' has no attribute 'no_such_attribute'",
    }


def test_a_check_that_calls_sys_exit_is_rl901(tmp_path):
    site = tmp_path / "site"
    _dist(site, "hostile_exiting_check", {"exiting-check": "reportlint_hostile.exiting_check"})
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(HOSTILE_PLUGIN)])}
    result = run_cli("--format", "json", str(CORRECTED), env=env)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    crashed = [f for f in _json(result.stdout) if f["code"] == "RL901"]
    assert len(crashed) == 1 and "hostile-exits" in str(crashed[0]["message_en"])
    assert "SystemExit(0)" in str(crashed[0]["message_en"])


def test_a_document_whose_child_cannot_be_made_is_its_own_rl001(tmp_path, monkeypatch):
    """convert_many: fork failing for one document (EAGAIN) is that document's failure; the next
    document is still converted."""
    import errno

    from reportlint.convert.converted import ConversionFailed
    from reportlint.engine import isolate
    from reportlint.engine.run import loader_for
    from reportlint.engine.settings import Settings
    from reportlint.plugins.manager import installed

    limits = Settings().limits()
    paths = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for path in paths:
        path.write_text("某局2024年政府信息公开工作年度报告\n一、总体情况\n我局认真贯彻条例。\n", encoding="utf-8")
    real_start = isolate._start

    def start(loader, path, limits):  # type: ignore[no-untyped-def]
        if path.name == "a.txt":
            raise OSError(errno.EAGAIN, "Resource temporarily unavailable")
        return real_start(loader, path, limits)

    monkeypatch.setattr(isolate, "_start", start)
    loader = loader_for(paths[0], installed(False))
    assert loader is not None
    outcomes = dict(isolate.convert_many([(loader, p, limits) for p in paths], 2))
    assert sorted(outcomes) == [0, 1]
    with pytest.raises(ConversionFailed) as failed:
        outcomes[0]()
    assert failed.value.variant == "failed" and "Resource temporarily unavailable" in str(failed.value.fields)
    assert "某局" in outcomes[1]().yaml_text


@pytest.mark.parametrize(("reports", "imports_lxml"), [(0, True), (4, False)])
def test_the_command_imports_a_document_library_only_when_no_workers_are_forked_after(tmp_path, reports,
                                                                                      imports_lxml):
    """Documents alone: the command imports what its first child needed (lxml for .docx), so that
    later children start with it. With four report YAML files or more, workers are forked after the
    conversions: the command does not, or every worker would hold the library too (issue 14)."""
    docx = pytest.importorskip("docx")
    folder = tmp_path / "mixed"
    folder.mkdir()
    for n in range(3):
        document = docx.Document()
        document.add_paragraph(f"某局{n}2024年政府信息公开工作年度报告")
        document.save(str(folder / f"d{n}.docx"))
    for n in range(reports):
        (folder / f"r{n}.yaml").write_bytes(SEED.read_bytes())
    probe = ("import sys\nfrom reportlint.cli.main import main\n"
             f"main(['--format', 'json', '-j', '2', {str(folder)!r}])\n"
             "print('lxml' in sys.modules, file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.stderr.strip().splitlines()[-1] == str(imports_lxml), done.stderr
    assert len(json.loads(done.stdout)) > 0
