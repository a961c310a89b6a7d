"""Configuration: `--config FILE`, else `[tool.reportlint]` in the nearest pyproject.toml, else the
nearest `.reportlint.yaml` (searching from a checked file's folder up; `cli.configs` picks one per
file). Unknown keys are errors."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

from reportlint.engine.settings import Level, Settings

KEYS = {"select", "ignore", "severity", "lang", "pack", "township-deadline", "agency-kind", "packs", "previous",
        "exclude", "timeout", "memory-limit", "per-file-ignores"}
#: Old names still read, with a one-line warning: old name → new name.
DEPRECATED = {"format": "pack"}
#: The kinds of agency `agency-kind` may name (those of the report's `agency_kind:`).
AGENCY_KINDS = ("department", "government", "township")
_LEVELS: tuple[Level, ...] = ("error", "warning", "info", "off")
_SELECTOR = re.compile(r"^[A-Z]{2,4}[0-9]{0,3}$")
#: Largest configuration file read: real ones are a few KB (TOML is parsed at ~5 s per MiB at worst).
MAX_CONFIG_BYTES = 256 * 1024
#: Most unknown settings named in the error.
MAX_NAMED = 5


class ConfigError(Exception):
    """The configuration cannot be used (exit 2)."""


def find_config(start: Path) -> Path | None:
    """The nearest configuration file. A candidate that cannot be read (a FIFO, a device, a
    dangling link) is an error, not passed over."""
    for folder in (start, *start.parents):
        pyproject = folder / "pyproject.toml"
        if os.path.lexists(pyproject) and _mentions(pyproject, b"[tool.reportlint"):
            return pyproject
        dotfile = folder / ".reportlint.yaml"
        if os.path.lexists(dotfile):
            return dotfile
    return None


def _mentions(path: Path, marker: bytes) -> bool:
    """Whether the file holds `marker`, read a chunk at a time (a 50 MB pyproject.toml is scanned, not
    loaded). A file that is not a regular one is not opened here: `load` says why it cannot be read."""
    import stat

    chunk = 1024 * 1024
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return True
    except OSError:
        return True
    try:
        with path.open("rb") as handle:
            tail = b""
            while block := handle.read(chunk):
                if marker in tail + block:
                    return True
                tail = block[-len(marker) :]
    except OSError:
        return True  # named as the configuration: `load` says why it cannot be read
    return False


def load(path: Path) -> dict[str, Any]:
    """The settings a configuration file holds, read within the limits of a report file (a smaller
    size, the same node and depth budget); raises `ConfigError` with the file and the position."""
    from reportlint.read.source import Unreadable, read_bytes

    try:
        too_big = path.stat().st_size > MAX_CONFIG_BYTES
    except OSError:
        too_big = False  # reading says why
    if too_big:
        raise ConfigError(f"{path}: the configuration is larger than {MAX_CONFIG_BYTES // 1024} KiB; not read")
    try:
        raw = read_bytes(path, MAX_CONFIG_BYTES)
    except Unreadable as exc:
        raise ConfigError(f"cannot read configuration {path}: {exc.en}") from None
    data = _toml(raw, path) if path.suffix == ".toml" else _yaml(raw, path)
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the configuration is a mapping of settings")
    _within_budget(data, path)
    return data


def _toml(raw: bytes, path: Path) -> Any:
    import tomllib

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = len(raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8", "replace")) + 1
        raise ConfigError(f"{path}:{line}:{column}: not UTF-8 text (byte 0x{raw[exc.start]:02x})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: not valid TOML: nested too deeply") from None
    tool = data.get("tool", {})
    return tool.get("reportlint", {}) if isinstance(tool, dict) else {}


def _yaml(raw: bytes, path: Path) -> Any:
    """A YAML configuration, parsed as reports are (`read.yamltree`: positions, node and depth
    budget, no tags), as plain data: mappings, lists and text."""
    from reportlint.read.source import Unreadable, decode
    from reportlint.read.yamltree import YamlProblem, parse

    try:
        root = parse(decode(raw)[0])
    except Unreadable as exc:
        raise ConfigError(f"{path}:{exc.line}:{exc.column}: cannot read the configuration: {exc.en}") from None
    except YamlProblem as exc:
        raise ConfigError(f"{path}:{exc.line}:{exc.column}: {exc.en}") from None
    return {} if root is None else root.plain()


def _within_budget(data: dict[str, Any], path: Path) -> None:
    """Refuse settings of more values, or nested deeper, than a report may hold."""
    from reportlint.read.yamltree import MAX_DEPTH, MAX_NODES

    stack: list[tuple[object, int]] = [(data, 0)]
    count = 0
    while stack:
        value, depth = stack.pop()
        count += 1
        if count > MAX_NODES or depth > MAX_DEPTH:
            raise ConfigError(f"{path}: the configuration holds more than {MAX_NODES} values or nests more than "
                              f"{MAX_DEPTH} levels deep")
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)


def _codes(value: Any, key: str, path: Path) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list):
        raise ConfigError(f"{path}: {key} is a list of rule codes or prefixes")
    codes = tuple(str(i).strip().upper() for i in items if str(i).strip())
    bad = [c for c in codes if not _SELECTOR.match(c)]
    if bad:
        raise ConfigError(f"{path}: {key}: {', '.join(bad)} is not a rule code or prefix (like RL301 or RL3)")
    return codes


def apply(settings: Settings, data: dict[str, Any], path: Path) -> Settings:
    """Apply a configuration mapping to `settings`. Raises `ConfigError` for anything unknown."""
    for old, new in DEPRECATED.items():
        if old in data:
            from reportlint.output.safe import shown

            print(shown(f"reportlint: {path}: `{old}` is deprecated; call it `{new}`"), file=sys.stderr)
            if new not in data:
                data = {**data, new: data[old]}
            data = {k: v for k, v in data.items() if k != old}
    unknown = sorted(set(data) - KEYS - {k.replace("-", "_") for k in KEYS})
    if unknown:
        import difflib

        named = unknown[:MAX_NAMED]  # a file of 20 000 unknown keys is one short line, quickly
        hints = [difflib.get_close_matches(u[:100], sorted(KEYS), n=1) for u in named]
        hint = "; ".join(f"{u[:100]} (did you mean {h[0]}?)" if h else u[:100]
                         for u, h in zip(named, hints, strict=True))
        more = f" and {len(unknown) - len(named)} more" if len(unknown) > len(named) else ""
        raise ConfigError(f"{path}: unknown setting {hint}{more}; known: {', '.join(sorted(KEYS))}")
    get = {k.replace("_", "-"): v for k, v in data.items()}
    if "select" in get:
        settings.select = _codes(get["select"], "select", path)
    if "ignore" in get:
        settings.ignore = _codes(get["ignore"], "ignore", path)
    if "severity" in get:
        if not isinstance(get["severity"], dict):
            raise ConfigError(f"{path}: severity maps rule codes to error, warning, info or off")
        for code, level in get["severity"].items():
            _codes([code], "severity", path)
            if level is False:  # TOML's false
                level = "off"
            name = str(level)
            if name not in _LEVELS:
                raise ConfigError(f"{path}: severity of {code} is {level!r}; use error, warning, info or off")
            settings.severity[str(code).upper()] = name
    if "lang" in get:
        if get["lang"] not in ("zh", "en"):
            raise ConfigError(f"{path}: lang is zh or en")
        settings.lang = get["lang"]
    if "pack" in get:
        settings.pack = str(get["pack"])
    if "township-deadline" in get:
        settings.township_deadline = parse_month_day(str(get["township-deadline"]), path)
    if "agency-kind" in get:
        if get["agency-kind"] not in AGENCY_KINDS:
            raise ConfigError(f"{path}: agency-kind is one of {', '.join(AGENCY_KINDS)}")
        settings.agency_kind = str(get["agency-kind"])
    if "packs" in get:
        folders = get["packs"] if isinstance(get["packs"], list) else [get["packs"]]
        settings.packs = tuple(str((path.parent / str(f)).resolve()) for f in folders)
    if "exclude" in get:
        globs = get["exclude"] if isinstance(get["exclude"], list) else [get["exclude"]]
        if not all(isinstance(g, str) for g in globs):
            raise ConfigError(f"{path}: exclude is a list of file patterns, like \"drafts/*\"")
        settings.exclude = tuple(globs)
    if "per-file-ignores" in get:
        settings.per_file_ignores = _per_file(get["per-file-ignores"], path)
        settings.config_root = os.path.abspath(path.parent)
    if "previous" in get:
        settings.previous = str(get["previous"])
    if "timeout" in get:
        settings.timeout = float(_limit(get["timeout"], "timeout", "seconds", path))
    if "memory-limit" in get:
        settings.memory_limit = int(_limit(get["memory-limit"], "memory-limit", "megabytes", path))
    return settings


def _per_file(value: Any, path: Path) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """`per-file-ignores`: globs (relative to the configuration's folder) → codes or prefixes."""
    if not isinstance(value, dict):
        raise ConfigError(f'{path}: per-file-ignores maps file patterns to rule codes, like "2024/*.docx" = ["RL402"]')
    return tuple((str(glob), _codes(codes, f"per-file-ignores {str(glob)[:100]!r}", path))
                 for glob, codes in value.items())


def _limit(value: Any, key: str, unit: str, path: Path) -> float:
    """A limit of a document conversion: a number of `unit`, at least 0 (0: no limit). YAML gives
    it as text, TOML as a number."""
    if isinstance(value, str):
        value = float(value) if re.fullmatch(r"\s*[0-9]+(?:\.[0-9]+)?\s*", value) else value
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < 1e9:
        raise ConfigError(f"{path}: {key} is a number of {unit}, at least 0 (0: no limit)")
    if key == "memory-limit" and value != int(value):
        raise ConfigError(f"{path}: {key} is a whole number of {unit}")
    return value


def parse_month_day(text: str, where: Path | str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{1,2})-(\d{1,2})", text.strip())
    if not match:
        raise ConfigError(f"{where}: township-deadline is MM-DD, like 01-31")
    month, day = int(match[1]), int(match[2])
    import datetime

    try:
        datetime.date(2001, month, day)
    except ValueError:
        raise ConfigError(f"{where}: township-deadline {text} is not a day of the year") from None
    return month, day
