"""The shipped data files pre-parsed: `rules/bundle.json` holds every pack and catalogue file of
`rules/` as JSON text with the CRC-32 of the YAML it was made from, so that a run reads JSON (a few
milliseconds) instead of constructing ~50 YAML documents (tens of milliseconds, issue 14).

The YAML files stay the source of truth: an entry is used only when its file's bytes still have
the recorded checksum (an edited pack is read from its YAML); `scripts/gen_docs.py` rewrites the
bundle and a test keeps it current."""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import Any

#: The bundle's file name inside the rules folder.
NAME = "bundle.json"


def entries(rules: Path) -> dict[str, Any]:
    """The bundle's entries by path relative to `rules` ({} when there is none or it is unreadable)."""
    try:
        data = json.loads((rules / NAME).read_bytes())
    except (OSError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    return files if isinstance(files, dict) else {}


def lookup(files: dict[str, Any], relative: str, raw: bytes) -> tuple[bool, object]:
    """(True, the data) when the bundle holds `relative` made from exactly `raw`, else (False, None)."""
    found = files.get(relative)
    if not isinstance(found, list) or len(found) != 2 or found[0] != zlib.crc32(raw):
        return False, None
    try:
        return True, json.loads(found[1])
    except (TypeError, ValueError):
        return False, None


def build(rules: Path, load: Any) -> str:
    """The bundle's text for every `*.yaml` under `rules`, each parsed by `load(path)`."""
    files = {}
    for path in sorted(rules.rglob("*.yaml")):
        relative = path.relative_to(rules).as_posix()
        text = json.dumps(load(path), ensure_ascii=False, sort_keys=False, separators=(",", ":"), default=str)
        files[relative] = [zlib.crc32(path.read_bytes()), text]
    return json.dumps({"version": 1, "files": files}, ensure_ascii=False, indent=0, sort_keys=True) + "\n"
