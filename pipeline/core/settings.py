"""Where the pipeline reads and writes: one place, overridable from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pipeline.core.errors import OgiError

PROJECT_DIR = Path(__file__).resolve().parents[2]


def project_root() -> Path:
    """A source checkout keeps its data beside the code; an installed package, in the current folder."""
    return PROJECT_DIR if (PROJECT_DIR / "pyproject.toml").is_file() else Path.cwd()


def project_data_dir() -> Path:
    """The project's data folder (``data`` of the checkout): the bundled catalog and samples."""
    return project_root() / "data"


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
        data = Path(data_dir or os.environ.get("OGI_DATA_DIR") or project_data_dir())
        catalog_path = Path(catalog or os.environ.get("OGI_CATALOG") or project_data_dir() / "catalog.yaml")
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


class SettingsError(OgiError):
    """A setting read from the environment is not usable; the message names the variable."""


def _env_number(name: str, default: float) -> float:
    text = os.environ.get(name)
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        raise SettingsError(f"{name}={text!r}: expected a number") from None
    if not value > 0:
        raise SettingsError(f"{name}={text!r}: expected a number above 0")
    return value


# The limits of one report's extraction, each with the variable that overrides it. A report that
# reaches one fails with a line naming it; the others of the run go on.
LIMIT_VARIABLES = {
    "cpu_seconds": "OGI_LIMIT_CPU_SECONDS",
    "wall_seconds": "OGI_LIMIT_WALL_SECONDS",
    "memory_mb": "OGI_LIMIT_MEMORY_MB",
    "pages": "OGI_LIMIT_PAGES",
    "inflated_mb": "OGI_LIMIT_INFLATED_MB",
    "table_cells": "OGI_LIMIT_TABLE_CELLS",
    "scan_pages": "OGI_LIMIT_SCAN_PAGES",
    "scan_page_seconds": "OGI_LIMIT_SCAN_PAGE_SECONDS",
}


@dataclass(frozen=True)
class Limits:
    """What one report's extraction may use (docs/limits.md). The bundled reports need about 1 s
    of CPU, 350 MiB of memory, 20 pages, a few MiB of inflated streams and 300 cells a table."""

    cpu_seconds: float = 45.0  # CPU time of the worker process that reads the report
    wall_seconds: float = 55.0  # elapsed time, for a worker that waits rather than computes
    memory_mb: float = 1536.0  # resident memory of the worker
    pages: int = 500  # pages of a PDF
    inflated_mb: float = 512.0  # the PDF's compressed (Flate) streams, inflated, all together
    table_cells: int = 100_000  # cells of one table of a web page, rows × columns with spans expanded
    scan_pages: int = 30  # pages of a scan (page images only) read by OCR
    # CPU and elapsed time each page of a scan adds to the two time limits: OCR reads a page in
    # 5-20 s, where a PDF with a text layer is read whole in about one.
    scan_page_seconds: float = 60.0

    @classmethod
    def from_env(cls) -> Limits:
        """The defaults, each overridden by its ``$OGI_LIMIT_…`` variable when set."""
        values = {}
        for field, variable in LIMIT_VARIABLES.items():
            default = getattr(cls, field)
            value = _env_number(variable, default)
            values[field] = int(value) if isinstance(default, int) else value
        return cls(**values)

    def describe(self, field: str) -> str:
        """The limit as a failure line names it: ``the CPU time limit (45 s, OGI_LIMIT_CPU_SECONDS)``."""
        value = getattr(self, field)
        amount = f"{value:g} {_UNITS[field]}".rstrip()
        return f"the {_NAMES[field]} limit ({amount}, {LIMIT_VARIABLES[field]})"


_NAMES = {
    "cpu_seconds": "CPU time",
    "wall_seconds": "time",
    "memory_mb": "memory",
    "pages": "page",
    "inflated_mb": "inflated stream",
    "table_cells": "table size",
    "scan_pages": "scanned page",
    "scan_page_seconds": "time per scanned page",
}
_UNITS = {
    "cpu_seconds": "s",
    "wall_seconds": "s",
    "memory_mb": "MiB",
    "pages": "pages",
    "inflated_mb": "MiB",
    "table_cells": "cells",
    "scan_pages": "pages",
    "scan_page_seconds": "s",
}
