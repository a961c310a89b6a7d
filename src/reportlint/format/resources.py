"""Where the data shipped with reportlint lives: the rule packs and the rule catalogue.

In a wheel, `rules/` of the source tree is installed as `reportlint/rulepacks/`; in a source
checkout (or an editable install) it is read from `rules/` beside `src/`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@lru_cache(maxsize=1)
def rules_dir() -> Path:
    """The folder that holds the built-in rule packs (`gov-2021/`, …) and `catalog/`."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "rulepacks", package.parent.parent / "rules"):
        if (candidate / "catalog").is_dir():
            return candidate
    raise RuntimeError("reportlint is installed without its rule packs (reportlint/rulepacks is missing)")


def load_data(path: Path, bundled: dict[str, Any] | None = None) -> object:
    """Read one of our own data files (packs, catalogue): trusted, no positions needed. With the
    entries of the shipped bundle (`format.bundle`), a file under the rules folder whose bytes are
    the ones bundled is taken from the bundle's JSON instead of being parsed as YAML."""
    raw = path.read_bytes()
    if bundled:
        relative = _relative_to_rules(path)
        if relative is not None:
            from reportlint.format.bundle import lookup

            hit, data = lookup(bundled, relative, raw)
            if hit:
                return data
    return yaml.load(raw, Loader=_Loader)


def load_yaml(path: Path) -> object:
    """One data file parsed as YAML (what the bundle is made from)."""
    raw = path.read_bytes()
    return yaml.load(raw, Loader=_Loader)


def _relative_to_rules(path: Path) -> str | None:
    rules = rules_dir()
    if path.is_relative_to(rules):
        return path.relative_to(rules).as_posix()
    return None
