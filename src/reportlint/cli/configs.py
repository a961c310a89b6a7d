"""Settings per file: each checked file gets the configuration nearest above it (`.reportlint.yaml`
or `[tool.reportlint]` in `pyproject.toml`), else the current folder's; `--config` is for all."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reportlint.engine.settings import Settings


class SettingsByFolder:
    """The settings of each file, built once per configuration file and looked up once per folder."""

    def __init__(self, build: Callable[[Path | None], Settings], base: Settings, base_config: Path | None,
                 fixed: bool) -> None:
        self._build = build
        self.base = base
        self._fixed = fixed  # --config: one configuration for every file
        self._config_of: dict[Path, Path | None] = {}
        self._settings: dict[Path | None, Settings] = {base_config.absolute() if base_config else None: base}

    def config_of(self, folder: Path) -> Path | None:
        """The configuration file nearest above `folder` (cached per folder)."""
        from reportlint.engine.config import find_config

        if folder not in self._config_of:
            found = find_config(folder)
            self._config_of[folder] = found.absolute() if found is not None else None
        return self._config_of[folder]

    def of(self, path: Path) -> Settings:
        """The settings of the file `path`: its own folder's configuration, else the base's."""
        if self._fixed:
            return self.base
        config = self.config_of(path.absolute().parent)
        if config is None:
            return self.base  # no configuration above it: the current folder's, as for every file
        if config not in self._settings:
            self._settings[config] = self._build(config)
        return self._settings[config]
