"""A report bound earlier in the same process serves as a later report's last year's without being
read again (engine.recent, issue 14) — and only while it is the same file, never as a chain."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import EXAMPLES
from reportlint.engine import run
from reportlint.engine.recent import RecentReports, identity
from reportlint.engine.settings import Settings

#: Last year's carried-over applications made to differ from this year's 上年结转: RL701 in 2024.
Y2023 = (EXAMPLES / "county-2023.yaml").read_text(encoding="utf-8").replace(
    "结转下年度继续办理: [3, 0, 0, 0, 0, 0, 3]", "结转下年度继续办理: [2, 0, 0, 0, 0, 0, 2]")
Y2024 = (EXAMPLES / "county-2024.yaml").read_text(encoding="utf-8")


def _folder(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "county-2023.yaml").write_text(Y2023, encoding="utf-8")
    (tmp_path / "county-2024.yaml").write_text(Y2024, encoding="utf-8")
    return tmp_path / "county-2023.yaml", tmp_path / "county-2024.yaml"


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files `run._load` reads (parses and binds), in order."""
    loaded: list[str] = []
    real = run._load

    def counting(path: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        loaded.append(path.name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(run, "_load", counting)
    return loaded


def _codes(findings) -> list[tuple[str, str, int]]:  # type: ignore[no-untyped-def]
    return [(f.code, f.path or "", f.line) for f in findings]


def test_last_years_report_checked_earlier_is_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    y2023, y2024 = _folder(tmp_path)
    settings = Settings()
    alone = _codes(run.check_file(y2024, settings))  # without a cache: reads both
    loaded = _counting(monkeypatch)
    recent = RecentReports()
    run.check_file(y2023, settings, recent=recent)
    with_cache = _codes(run.check_file(y2024, settings, recent=recent))
    assert loaded == ["county-2023.yaml", "county-2024.yaml"]  # 2023 once, not again as 2024's previous
    assert with_cache == alone
    assert "RL701" in {code for code, _, _ in alone}  # the comparison did run


def test_a_file_changed_since_it_was_checked_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    y2023, y2024 = _folder(tmp_path)
    settings = Settings()
    recent = RecentReports()
    run.check_file(y2023, settings, recent=recent)
    changed = (EXAMPLES / "county-2023.yaml").read_text(encoding="utf-8")  # the carried number agrees again
    y2023.write_text(changed, encoding="utf-8")
    os.utime(y2023, ns=(1, 1))  # a different modification time whatever the clock's resolution
    loaded = _counting(monkeypatch)
    with_cache = _codes(run.check_file(y2024, settings, recent=recent))
    assert loaded == ["county-2024.yaml", "county-2023.yaml"]
    assert with_cache == _codes(run.check_file(y2024, settings))
    assert "RL701" not in {code for code, _, _ in with_cache}  # the file as it is now was compared


def test_a_report_bound_with_a_forced_pack_is_not_kept(tmp_path: Path) -> None:
    y2023, _ = _folder(tmp_path)
    recent = RecentReports()
    run.check_file(y2023, Settings(pack="gov-2021"), recent=recent)
    assert len(recent) == 0
    run.check_file(y2023, Settings(), recent=recent)
    assert len(recent) == 1


def test_what_is_handed_out_holds_no_chain_of_years(tmp_path: Path) -> None:
    y2023, y2024 = _folder(tmp_path)
    settings = Settings()
    recent = RecentReports()
    run.check_file(y2023, settings, recent=recent)
    run.check_file(y2024, settings, recent=recent)  # binds 2024 with 2023 as its previous
    library = settings.library()
    kept_2024 = recent.get(y2024, library)
    assert kept_2024 is not None and kept_2024.previous is None
    assert kept_2024.file == str(y2024)
    assert recent.get(y2024, library) is not kept_2024  # a copy each time: nobody's change reaches another


def test_the_oldest_report_is_dropped_beyond_the_size(tmp_path: Path) -> None:
    settings = Settings()
    recent = RecentReports(size=2)
    paths = []
    for n in range(3):
        path = tmp_path / f"r{n}.yaml"
        path.write_text(Y2023, encoding="utf-8")
        paths.append(path)
        run.check_file(path, settings, recent=recent)
    library = settings.library()
    assert len(recent) == 2
    assert recent.get(paths[0], library) is None
    assert recent.get(paths[2], library) is not None


def test_another_library_or_a_missing_file_gets_nothing(tmp_path: Path) -> None:
    y2023, _ = _folder(tmp_path)
    recent = RecentReports()
    run.check_file(y2023, Settings(), recent=recent)
    other = Settings(packs=(str(tmp_path),)).library()
    assert recent.get(y2023, other) is None
    assert recent.get(tmp_path / "missing.yaml", Settings().library()) is None
    assert identity(tmp_path / "missing.yaml") is None
