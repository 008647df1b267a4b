"""Where the pipeline reads and writes: one place, overridable from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    catalog_path: Path

    @classmethod
    def from_env(cls, *, data_dir: str | Path | None = None, catalog: str | Path | None = None) -> Settings:
        """The settings of a command or resource: each folder or file given here wins (an empty one
        counts as not given), else ``$OGI_DATA_DIR`` (default ``<project>/data``, or ``./data`` when
        installed) and ``$OGI_CATALOG`` (default the bundled catalog, ``data/catalog.yaml`` there).
        Relative paths are taken from the current folder."""
        # A source checkout keeps its data beside the code; an installed package, in the current folder.
        root = PROJECT_DIR if (PROJECT_DIR / "pyproject.toml").is_file() else Path.cwd()
        data = Path(data_dir or os.environ.get("OGI_DATA_DIR") or root / "data")
        catalog_path = Path(catalog or os.environ.get("OGI_CATALOG") or root / "data" / "catalog.yaml")
        return cls(data_dir=data.resolve(), catalog_path=catalog_path.resolve())

    @property
    def raw_dir(self) -> Path:
        return self.data_dir / "raw"

    @property
    def staging_dir(self) -> Path:
        return self.data_dir / "staging"

    @property
    def warehouse_path(self) -> Path:
        return self.data_dir / "warehouse.duckdb"

    @property
    def snapshots_dir(self) -> Path:
        return self.data_dir / "snapshots"
