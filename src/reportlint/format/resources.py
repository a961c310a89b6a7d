"""Where the data shipped with reportlint lives: the rule packs and the rule catalogue.

In a wheel, `rules/` of the source tree is installed as `reportlint/rulepacks/`; in a source
checkout (or an editable install) it is read from `rules/` beside `src/`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

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


def load_data(path: Path) -> object:
    """Read one of our own data files (packs, catalogue): trusted, no positions needed."""
    with path.open("rb") as handle:
        return yaml.load(handle, Loader=_Loader)
