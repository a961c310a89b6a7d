"""Configuration: `--config FILE`, else `[tool.reportlint]` in the nearest pyproject.toml, else the
nearest `.reportlint.yaml` (searching from the current folder up). Unknown keys are errors."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from reportlint.engine.settings import Level, Settings

KEYS = {"select", "ignore", "severity", "lang", "pack", "township-deadline", "agency-kind", "packs", "previous",
        "exclude", "timeout", "memory-limit"}
#: Old names still read, with a one-line warning: old name → new name.
DEPRECATED = {"format": "pack"}
#: The kinds of agency `agency-kind` may name (those of the report's `agency_kind:`).
AGENCY_KINDS = ("department", "government", "township")
_LEVELS: tuple[Level, ...] = ("error", "warning", "info", "off")
_SELECTOR = re.compile(r"^[A-Z]{2,4}[0-9]{0,3}$")


class ConfigError(Exception):
    """The configuration cannot be used (exit 2)."""


def find_config(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "[tool.reportlint" in pyproject.read_text("utf-8", errors="replace"):
            return pyproject
        dotfile = folder / ".reportlint.yaml"
        if dotfile.is_file():
            return dotfile
    return None


def load(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read configuration {path}: {exc.strerror}") from None
    if path.suffix == ".toml":
        import tomllib

        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: {exc}") from None
        data = data.get("tool", {}).get("reportlint", {})
    else:
        import yaml

        try:
            data = yaml.safe_load(raw.decode("utf-8-sig")) or {}
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid YAML: {str(exc).splitlines()[0]}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the configuration is a mapping of settings")
    return data


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
            print(f"reportlint: {path}: `{old}` is deprecated; call it `{new}`", file=sys.stderr)
            if new not in data:
                data = {**data, new: data[old]}
            data = {k: v for k, v in data.items() if k != old}
    unknown = sorted(set(data) - KEYS - {k.replace("-", "_") for k in KEYS})
    if unknown:
        import difflib

        hints = [difflib.get_close_matches(u, sorted(KEYS), n=1) for u in unknown]
        hint = "; ".join(f"{u} (did you mean {h[0]}?)" if h else u for u, h in zip(unknown, hints, strict=True))
        raise ConfigError(f"{path}: unknown setting {hint}; known: {', '.join(sorted(KEYS))}")
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
            if level is False:  # YAML 1.1 reads a bare `off` as false
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
    if "previous" in get:
        settings.previous = str(get["previous"])
    if "timeout" in get:
        settings.timeout = float(_limit(get["timeout"], "timeout", "seconds", path))
    if "memory-limit" in get:
        settings.memory_limit = int(_limit(get["memory-limit"], "memory-limit", "megabytes", path))
    return settings


def _limit(value: Any, key: str, unit: str, path: Path) -> float:
    """A limit of a document conversion: a number of `unit`, at least 0 (0: no limit)."""
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
