"""The pre-parsed rules bundle (format/bundle.py): the same data as the YAML, used only when current."""

from __future__ import annotations

import zlib

from reportlint.format import bundle
from reportlint.format.library import Library
from reportlint.format.resources import load_data, load_yaml, rules_dir


def test_every_shipped_file_is_bundled_and_gives_exactly_what_its_yaml_gives() -> None:
    rules = rules_dir()
    files = bundle.entries(rules)
    paths = sorted(rules.rglob("*.yaml"))
    assert len(files) == len(paths)
    for path in paths:
        hit, data = bundle.lookup(files, path.relative_to(rules).as_posix(), path.read_bytes())
        assert hit, path
        assert data == load_yaml(path), path  # types too: a date or a tuple would not survive JSON


def test_a_file_whose_bytes_changed_is_read_from_its_yaml() -> None:
    files = {"gov/pack.yaml": [zlib.crc32(b"id: old\n"), '{"id": "old"}']}
    assert bundle.lookup(files, "gov/pack.yaml", b"id: old\n") == (True, {"id": "old"})
    assert bundle.lookup(files, "gov/pack.yaml", b"id: new\n") == (False, None)
    assert bundle.lookup(files, "other.yaml", b"id: old\n") == (False, None)
    assert bundle.lookup({"x.yaml": [zlib.crc32(b"a"), "{not json"]}, "x.yaml", b"a") == (False, None)


def test_an_edited_shipped_file_is_not_taken_from_a_stale_bundle(tmp_path, monkeypatch) -> None:
    rules = rules_dir()
    path = rules / "catalog" / "RL001.yaml"
    stale = {"catalog/RL001.yaml": [zlib.crc32(b"something else"), '{"code": "WRONG"}']}
    assert load_data(path, stale) == load_yaml(path)
    assert bundle.entries(tmp_path) == {}  # no bundle: every file is parsed
    (tmp_path / bundle.NAME).write_text("[not a bundle", encoding="utf-8")
    assert bundle.entries(tmp_path) == {}


def test_the_library_reads_the_bundle_once() -> None:
    library = Library()
    library.catalog()
    first = library._bundled()
    library.pack("gov-2021")
    assert library._bundled() is first and first
